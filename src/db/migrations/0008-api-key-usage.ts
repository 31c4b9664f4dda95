import type { Kysely } from 'kysely';

/**
 * When each API key was last used (to the minute), so Configurações > Integrações can show which
 * keys a source system still uses before one is revoked.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('api_keys').addColumn('last_used_at', 'bigint').execute();
}
