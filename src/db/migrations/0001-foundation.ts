import type { Kysely } from 'kysely';
import type { Engine } from '../engine.js';

/**
 * Workspaces, users, sources and their API keys, tickets and their timeline, import runs.
 * Column types are the ones both engines share (see ../schema.ts): `bigint` holds epoch ms.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const id = engine.identityColumn;

  await db.schema
    .createTable('workspaces')
    .addColumn('id', 'integer', id)
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'integer', id)
    .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('disabled_at', 'bigint')
    .addUniqueConstraint('users_workspace_email_key', ['workspace_id', 'email'])
    .execute();

  await db.schema
    .createTable('sources')
    .addColumn('id', 'integer', id)
    .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('mapping', 'text')
    .addColumn('critical_statuses', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('sources_workspace_name_key', ['workspace_id', 'name'])
    .execute();

  await db.schema
    .createTable('api_keys')
    .addColumn('id', 'integer', id)
    .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id'))
    .addColumn('source_id', 'integer', (c) => c.notNull().references('sources.id'))
    .addColumn('prefix', 'text', (c) => c.notNull().unique())
    .addColumn('secret_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('revoked_at', 'bigint')
    .execute();

  await db.schema
    .createTable('tickets')
    .addColumn('id', 'integer', id)
    .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id'))
    .addColumn('source_id', 'integer', (c) => c.notNull().references('sources.id'))
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('status', 'text')
    .addColumn('critical', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('fields', 'text', (c) => c.notNull())
    .addColumn('customer_name', 'text', (c) => c.notNull())
    .addColumn('customer_email', 'text')
    .addColumn('customer_phones', 'text', (c) => c.notNull())
    .addColumn('tracking_token', 'text', (c) => c.notNull().unique())
    .addColumn('last_event_at', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('closed_at', 'bigint')
    // The idempotency key of ingest: one ticket per record of a source, whatever the concurrency.
    .addUniqueConstraint('tickets_record_key', ['workspace_id', 'source_id', 'external_id'])
    .execute();
  // The console's list: newest first within a workspace, optionally by state.
  await db.schema.createIndex('tickets_workspace_id_idx').on('tickets').columns(['workspace_id', 'id']).execute();
  await db.schema
    .createIndex('tickets_workspace_state_idx')
    .on('tickets')
    .columns(['workspace_id', 'state', 'id'])
    .execute();
  await db.schema
    .createIndex('tickets_workspace_customer_idx')
    .on('tickets')
    .columns(['workspace_id', 'customer_name'])
    .execute();

  await db.schema
    .createTable('timeline_entries')
    .addColumn('id', 'integer', id)
    .addColumn('workspace_id', 'integer', (c) => c.notNull())
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('data', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('timeline_entries_ticket_idx')
    .on('timeline_entries')
    .columns(['ticket_id', 'id'])
    .execute();

  await db.schema
    .createTable('import_runs')
    .addColumn('id', 'integer', id)
    .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id'))
    .addColumn('source_id', 'integer', (c) => c.notNull().references('sources.id'))
    .addColumn('file_key', 'text', (c) => c.notNull())
    .addColumn('position', 'bigint', (c) => c.notNull())
    .addColumn('records_done', 'integer', (c) => c.notNull())
    .addColumn('finished_at', 'bigint')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('import_runs_file_key', ['workspace_id', 'source_id', 'file_key'])
    .execute();
}
