import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { Engine } from '../../db/engine.js';
import type { DB, Message } from '../../db/schema.js';

/**
 * Claims up to `limit` messages: first those whose lease expired (a worker crashed mid-send:
 * its messages are taken over, so nothing is lost; a send that reached the provider just before
 * the crash may go out twice, bounded by what that worker had in flight), then those that are
 * due (queued, next attempt reached), oldest due first.
 *
 * Two statements rather than one `WHERE (queued AND due) OR (sending AND expired)`: with the OR,
 * both engines merge two ranges of messages_due_idx and sort every due message to find the
 * oldest few, so each claim cost grew with the queue (with 20,000 queued, a claim of 50 took
 * ~11 ms on SQLite in bench/dispatch). Apart, each walks the index in order and stops at
 * `limit` (~1 ms).
 *
 * On PostgreSQL the candidates are locked with FOR UPDATE SKIP LOCKED inside the UPDATE, so any
 * number of workers claim disjoint sets in one statement each without waiting for each other.
 */
export async function claimDueMessages(
  db: Kysely<DB>,
  engine: Engine,
  owner: string,
  limit: number,
  leaseMs: number,
  { takeOver = true, now = Date.now() }: { takeOver?: boolean; now?: number } = {},
): Promise<Message[]> {
  if (limit <= 0) return [];
  // Few rows are `sending` at any time (what the workers hold), so this range is short; still,
  // a dead worker is rare, so the caller looks for one only now and then (`takeOver`).
  const expired = takeOver
    ? await claimWhere(db, engine, owner, limit, leaseMs, now, (query) =>
        query.where('status', '=', 'sending').where('lease_until', '<', now),
      )
    : [];
  if (expired.length >= limit) return expired;
  const due = await claimWhere(db, engine, owner, limit - expired.length, leaseMs, now, (query) =>
    query.where('status', '=', 'queued').where('next_attempt_at', '<=', now).orderBy('next_attempt_at'),
  );
  return expired.length === 0 ? due : [...expired, ...due];
}

type MessageIds = SelectQueryBuilder<DB, 'messages', { id: number }>;

function claimWhere(
  db: Kysely<DB>,
  engine: Engine,
  owner: string,
  limit: number,
  leaseMs: number,
  now: number,
  filter: (query: MessageIds) => MessageIds,
): Promise<Message[]> {
  return db
    .updateTable('messages')
    .set((eb) => ({
      status: 'sending',
      lease_owner: owner,
      lease_until: now + leaseMs,
      attempts: eb('attempts', '+', 1),
      updated_at: now,
    }))
    .where('id', 'in', (eb) => engine.forUpdateSkipLocked(filter(eb.selectFrom('messages').select('id')).limit(limit)))
    .returningAll()
    .execute();
}

/** When the next queued message falls due, to sleep exactly that long (capped by the poll interval). */
export async function nextDueAt(db: Kysely<DB>): Promise<number | undefined> {
  const row = await db
    .selectFrom('messages')
    .select((eb) => eb.fn.min('next_attempt_at').as('at'))
    .where('status', '=', 'queued')
    .executeTakeFirst();
  return row?.at === null || row?.at === undefined ? undefined : Number(row.at);
}
