import type { FastifyBaseLogger } from 'fastify';
import { sql } from 'kysely';
import type { Database } from '../db/database.js';
import { loadTicketSummary, type TicketSummary } from '../tickets/ticket-summary.js';

export interface TicketChange {
  workspaceId: number;
  ticketId: number;
  kind: 'created' | 'updated';
}

export interface TicketEvent {
  kind: TicketChange['kind'];
  ticket: TicketSummary;
}

type Listener = (event: TicketEvent) => void;

const CHANNEL = 'ponte_tickets';
// PostgreSQL refuses NOTIFY payloads of 8,000 bytes or more.
const MAX_PAYLOAD = 7_500;

/**
 * Tells open consoles that tickets changed. Changes are gathered for a few milliseconds (a burst
 * of events becomes one message), then: on PostgreSQL, sent with NOTIFY so that every API
 * process (this one included) hears them and tells its own browsers; on SQLite, there is one
 * process, so they are delivered here. Only ids travel; each process loads a ticket's summary
 * once, and only if some browser of that workspace is listening.
 */
export class RealtimeHub {
  readonly #listeners = new Map<number, Set<Listener>>();
  #pending = new Map<string, TicketChange>();
  #timer: NodeJS.Timeout | undefined;
  #stopListening: (() => Promise<void>) | undefined;

  constructor(
    private readonly database: Database,
    private readonly logger: FastifyBaseLogger,
    private readonly flushMs = 25,
  ) {}

  async start(): Promise<void> {
    this.#stopListening = await this.database.listen?.(CHANNEL, (payload) => {
      if (payload) void this.#deliver(JSON.parse(payload) as TicketChange[]);
    });
  }

  async stop(): Promise<void> {
    clearTimeout(this.#timer);
    await this.#flush();
    await this.#stopListening?.();
  }

  subscribe(workspaceId: number, listener: Listener): () => void {
    let set = this.#listeners.get(workspaceId);
    if (!set) {
      set = new Set();
      this.#listeners.set(workspaceId, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.#listeners.delete(workspaceId);
    };
  }

  /** Call after the change committed. */
  ticketChanged(change: TicketChange): void {
    const key = `${change.workspaceId}:${change.ticketId}`;
    const previous = this.#pending.get(key);
    // A ticket created and then updated within one flush is still news of a creation.
    this.#pending.set(key, previous?.kind === 'created' ? previous : change);
    this.#timer ??= setTimeout(() => void this.#flush(), this.flushMs);
  }

  async #flush(): Promise<void> {
    this.#timer = undefined;
    const changes = [...this.#pending.values()];
    this.#pending = new Map();
    if (changes.length === 0) return;
    if (!this.database.listen) {
      await this.#deliver(changes);
      return;
    }
    try {
      for (const chunk of chunksUnder(changes, MAX_PAYLOAD)) {
        await sql`select pg_notify(${CHANNEL}, ${JSON.stringify(chunk)})`.execute(this.database.db);
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'tempo real: falha ao notificar; os consoles verão a mudança ao recarregar');
    }
  }

  async #deliver(changes: TicketChange[]): Promise<void> {
    for (const change of changes) {
      const listeners = this.#listeners.get(change.workspaceId);
      if (!listeners || listeners.size === 0) continue;
      try {
        const ticket = await loadTicketSummary(this.database.db, change.workspaceId, change.ticketId);
        if (!ticket) continue;
        for (const listener of listeners) listener({ kind: change.kind, ticket });
      } catch (error) {
        this.logger.warn({ err: error, ticketId: change.ticketId }, 'tempo real: falha ao carregar o chamado');
      }
    }
  }
}

function* chunksUnder(changes: TicketChange[], maxBytes: number): Generator<TicketChange[]> {
  let chunk: TicketChange[] = [];
  let size = 2;
  for (const change of changes) {
    const bytes = JSON.stringify(change).length + 1;
    if (chunk.length > 0 && size + bytes > maxBytes) {
      yield chunk;
      chunk = [];
      size = 2;
    }
    chunk.push(change);
    size += bytes;
  }
  if (chunk.length > 0) yield chunk;
}
