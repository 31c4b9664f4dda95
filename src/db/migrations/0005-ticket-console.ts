import type { Kysely } from 'kysely';
import type { Engine } from '../engine.js';

/**
 * What the console adds to tickets: pinning, and the phones as the source last sent them, so
 * a phone an agent fixed is not overwritten by the next event unless the source's own changed.
 */
export async function up(db: Kysely<unknown>, _engine: Engine): Promise<void> {
  await db.schema
    .alterTable('tickets')
    .addColumn('pinned', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('tickets').addColumn('source_customer_phones', 'text').execute();
  await db.schema
    .createIndex('tickets_workspace_pinned_idx')
    .on('tickets')
    .columns(['workspace_id', 'pinned', 'id'])
    .execute();
  await db.schema
    .createIndex('tickets_workspace_updated_idx')
    .on('tickets')
    .columns(['workspace_id', 'pinned', 'updated_at', 'id'])
    .execute();
}
