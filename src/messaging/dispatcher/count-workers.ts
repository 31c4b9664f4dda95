import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

/**
 * How many other workers are sending for each provider account right now: the distinct owners
 * of unexpired leases on its messages. Workers sharing an account split its rate limit by this.
 * A worker holds messages as long as it has work (and renews them), so this counts the ones
 * actually sending; one that crashed drops out once its leases go stale, one that is idle does
 * not take a share. Few rows are `sending` at once, so this reads a short range of
 * messages_due_idx.
 */
export async function countOtherWorkers(
  db: Kysely<DB>,
  owner: string,
  leaseMs: number,
  now = Date.now(),
): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('messages')
    .select((eb) => ['provider_account_id', eb.fn.count<number>('lease_owner').distinct().as('workers')])
    .where('status', '=', 'sending')
    // A live holder claimed or renewed within the last third of a lease; a dead one's leases
    // stop being fresh half a lease after it died, long before they expire.
    .where('lease_until', '>', now + leaseMs / 2)
    .where('lease_owner', '<>', owner)
    .where('provider_account_id', 'is not', null)
    .groupBy('provider_account_id')
    .execute();
  return new Map(rows.map((row) => [Number(row.provider_account_id), Number(row.workers)]));
}
