import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

/**
 * Pushes back the lease of every message this worker still holds. Held messages are renewed
 * while the worker lives, so the lease can be short: after a crash (kill -9, an OOM kill, a lost
 * host) its messages are taken over within one lease, not after the longest a send might take.
 * Few rows are `sending` at once, so the status prefix of messages_due_idx keeps this cheap.
 */
export async function renewLeases(db: Kysely<DB>, owner: string, leaseMs: number, now = Date.now()): Promise<number> {
  const result = await db
    .updateTable('messages')
    .set({ lease_until: now + leaseMs })
    .where('status', '=', 'sending')
    .where('lease_owner', '=', owner)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
