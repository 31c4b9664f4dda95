import type { Kysely } from 'kysely';
import type { Engine } from '../../db/engine.js';
import type { DB, Message } from '../../db/schema.js';

/**
 * Claims up to `limit` messages that are due (queued, next attempt reached) or whose lease
 * expired (a worker crashed mid-send: its messages are taken over, so nothing is lost; a send
 * that reached the provider just before the crash may go out twice, bounded by the batch).
 *
 * On PostgreSQL the candidates are locked with FOR UPDATE SKIP LOCKED inside the UPDATE, so any
 * number of workers claim disjoint sets in one statement without waiting for each other.
 */
export async function claimDueMessages(
  db: Kysely<DB>,
  engine: Engine,
  owner: string,
  limit: number,
  leaseMs: number,
  now = Date.now(),
): Promise<Message[]> {
  if (limit <= 0) return [];
  return db
    .updateTable('messages')
    .set((eb) => ({
      status: 'sending',
      lease_owner: owner,
      lease_until: now + leaseMs,
      attempts: eb('attempts', '+', 1),
      updated_at: now,
    }))
    .where('id', 'in', (eb) =>
      engine.forUpdateSkipLocked(
        eb
          .selectFrom('messages')
          .select('id')
          .where((w) =>
            w.or([
              w.and([w('status', '=', 'queued'), w('next_attempt_at', '<=', now)]),
              w.and([w('status', '=', 'sending'), w('lease_until', '<', now)]),
            ]),
          )
          .orderBy('next_attempt_at')
          .limit(limit),
      ),
    )
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
