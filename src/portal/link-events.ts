import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB, LinkEventsTable } from '../db/schema.js';

export type LinkEvent = LinkEventsTable;

export interface LinkEventRecorderOptions {
  /** How long an open waits for others to share its write. */
  flushDelayMs?: number;
  /** A batch this large is written at once. */
  maxPending?: number;
  /** Rows per INSERT; the event loop serves requests between two of them. */
  chunkRows?: number;
  /** Keys remembered as already written, so reloads cost nothing; forgotten wholesale past this. */
  maxRemembered?: number;
}

/**
 * Records link opens, once per ticket, kind and channel in this process. A page view must not
 * wait on a write: opens are queued and written together, in small multi-row INSERTs appended
 * to the table (no unique key: see migration 0004). Keys already written are remembered, so a
 * reload does not even queue; a repeat from another process or after a restart is one more row,
 * and the reports count distinct tickets.
 *
 * What this trades: an open is in the table up to `flushDelayMs` after the page was served
 * (reports of this process flush first; other processes' opens show up a moment later), and a
 * crash loses at most that last moment of opens. The counts are statistics, never money.
 */
export class LinkEventRecorder {
  readonly #db: Kysely<DB>;
  readonly #log: FastifyBaseLogger | undefined;
  readonly #flushDelayMs: number;
  readonly #maxPending: number;
  readonly #maxRemembered: number;
  readonly #chunkRows: number;
  #remembered = new Set<string>();
  #pending: LinkEvent[] = [];
  #timer: NodeJS.Timeout | undefined;
  #writing: Promise<void> = Promise.resolve();

  constructor(db: Kysely<DB>, log?: FastifyBaseLogger, options: LinkEventRecorderOptions = {}) {
    this.#db = db;
    this.#log = log;
    this.#flushDelayMs = options.flushDelayMs ?? 250;
    this.#maxPending = options.maxPending ?? 500;
    this.#maxRemembered = options.maxRemembered ?? 200_000;
    this.#chunkRows = options.chunkRows ?? 50;
  }

  record(event: LinkEvent): void {
    const key = `${event.ticket_id}:${event.kind}:${event.channel}`;
    if (this.#remembered.has(key)) return;
    if (this.#remembered.size >= this.#maxRemembered) this.#remembered = new Set();
    this.#remembered.add(key);
    this.#pending.push(event);
    if (this.#pending.length >= this.#maxPending) void this.flush();
    else this.#timer ??= setTimeout(() => void this.flush(), this.#flushDelayMs).unref();
  }

  /** Writes what is queued; resolves when everything recorded before the call is in the table. */
  flush(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    const batch = this.#pending;
    this.#pending = [];
    // One write at a time, in order: a flush resolves after every earlier one.
    this.#writing = this.#writing.then(() => (batch.length > 0 ? this.#write(batch) : undefined));
    return this.#writing;
  }

  /**
   * In small INSERTs with a turn of the event loop between them: one big statement would hold
   * the (single) SQLite connection and the event loop long enough to show in page latency.
   */
  async #write(batch: LinkEvent[]): Promise<void> {
    for (let from = 0; from < batch.length; from += this.#chunkRows) {
      const chunk = batch.slice(from, from + this.#chunkRows);
      try {
        // DO NOTHING: a database migrated by the first 0004 (with a unique key) skips repeats.
        await this.#db
          .insertInto('link_events')
          .values(chunk)
          .onConflict((oc) => oc.doNothing())
          .execute();
      } catch (error) {
        // Forget the keys so the next open of these links queues them again.
        for (const e of chunk) this.#remembered.delete(`${e.ticket_id}:${e.kind}:${e.channel}`);
        this.#log?.warn({ err: error, events: chunk.length }, 'link opens not recorded');
      }
      if (from + this.#chunkRows < batch.length) await new Promise((resolve) => setImmediate(resolve));
    }
  }
}
