import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB, IngestEventsTable } from '../db/schema.js';

export type IngestLogEntry = Omit<IngestEventsTable, 'id'>;

/** How many events per source the log keeps (Configurações > Integrações shows the latest). */
export const KEEP_PER_SOURCE = 200;

/**
 * The last events each source sent and what became of them (applied, stale, rejected and why),
 * for supervisors diagnosing an integration. It stays off the ingest hot path: entries are
 * gathered in memory and written in one insert every `flushMs`, and old ones are pruned now and
 * then. It is a diagnostic log, not the record of truth: a crash loses its last fraction of a second.
 */
export class IngestLog {
  #buffer: IngestLogEntry[] = [];
  #timer: NodeJS.Timeout | undefined;
  #flushes = 0;
  #flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Kysely<DB>,
    private readonly logger: FastifyBaseLogger,
    private readonly flushMs = 500,
  ) {}

  record(entry: IngestLogEntry): void {
    // Under a flood, keep the newest: a supervisor needs the latest, not all of them.
    if (this.#buffer.length >= 5_000) this.#buffer.shift();
    this.#buffer.push(entry);
    this.#timer ??= setTimeout(() => void this.flush(), this.flushMs);
  }

  flush(): Promise<void> {
    this.#flushing = this.#flushing.then(() => this.#write());
    return this.#flushing;
  }

  async #write(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const entries = this.#buffer;
    this.#buffer = [];
    if (entries.length === 0) return;
    try {
      for (let i = 0; i < entries.length; i += 500) {
        await this.db
          .insertInto('ingest_events')
          .values(entries.slice(i, i + 500))
          .execute();
      }
      if (++this.#flushes % 20 === 0) await this.#prune(new Set(entries.map((e) => e.source_id)));
    } catch (error) {
      this.logger.warn({ err: error }, 'registro de eventos recebidos: falha ao gravar');
    }
  }

  async #prune(sourceIds: Set<number>): Promise<void> {
    for (const sourceId of sourceIds) {
      const cutoff = await this.db
        .selectFrom('ingest_events')
        .select('id')
        .where('source_id', '=', sourceId)
        .orderBy('id', 'desc')
        .offset(KEEP_PER_SOURCE)
        .limit(1)
        .executeTakeFirst();
      if (cutoff)
        await this.db
          .deleteFrom('ingest_events')
          .where('source_id', '=', sourceId)
          .where('id', '<=', cutoff.id)
          .execute();
    }
  }
}
