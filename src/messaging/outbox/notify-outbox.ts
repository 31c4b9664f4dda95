import { sql, type Transaction } from 'kysely';
import type { Engine } from '../../db/engine.js';
import type { DB } from '../../db/schema.js';

export const OUTBOX_CHANNEL = 'ponte_outbox';

/**
 * Wakes the dispatchers when the transaction commits. PostgreSQL delivers NOTIFY only on
 * commit (and never for a rollback), to every worker process LISTENing; on SQLite the
 * in-process dispatcher is woken by the caller after commit. Polling stays the correctness
 * path either way: a lost nudge only delays a message until the next poll.
 */
export async function notifyOutbox(trx: Transaction<DB>, engine: Engine): Promise<void> {
  if (engine.name === 'postgres') await sql`select pg_notify(${OUTBOX_CHANNEL}, '')`.execute(trx);
}
