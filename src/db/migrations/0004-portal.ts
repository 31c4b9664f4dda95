import type { Kysely } from 'kysely';
import type { Engine } from '../engine.js';

/**
 * The customer's side: revocable tracking links, each workspace's branding and survey texts
 * (null means the pt-BR default in src/portal/branding.ts, so a better default reaches every
 * workspace that kept it), survey answers (one per ticket) and link opens (counted once per
 * ticket, kind and channel by the reports).
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const id = engine.identityColumn;

  await db.schema.alterTable('tickets').addColumn('tracking_revoked_at', 'bigint').execute();
  // SQLite takes one ADD COLUMN per statement.
  for (const column of ['logo_url', 'brand_color', 'csat_question', 'comment_question', 'nps_question']) {
    await db.schema.alterTable('workspaces').addColumn(column, 'text').execute();
  }
  await db.schema
    .alterTable('workspaces')
    .addColumn('nps_enabled', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  // Reports count tickets opened and closed in a period, per workspace.
  await db.schema
    .createIndex('tickets_workspace_created_idx')
    .on('tickets')
    .columns(['workspace_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('tickets_workspace_closed_idx')
    .on('tickets')
    .columns(['workspace_id', 'closed_at'])
    .where('closed_at', 'is not', null)
    .execute();

  await db.schema
    .createTable('survey_answers')
    .addColumn('id', 'integer', id)
    .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id'))
    // One answer per ticket: a second submission changes it (within 24 h) or is refused.
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id').unique())
    .addColumn('csat', 'integer', (c) => c.notNull())
    .addColumn('nps', 'integer')
    .addColumn('comment', 'text')
    // The channel of the first answer: attribution does not move when the answer is changed.
    .addColumn('channel', 'text', (c) => c.notNull())
    // When the form (or the button reply) that last wrote the answer was issued: a form issued
    // no later than that is a double submit or a stale tab, and changes nothing.
    .addColumn('form_issued_at', 'bigint', (c) => c.notNull())
    .addColumn('changes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('survey_answers_workspace_idx')
    .on('survey_answers')
    .columns(['workspace_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('link_events')
    .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id'))
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id'))
    // tracking_opened | survey_opened
    .addColumn('kind', 'text', (c) => c.notNull())
    // whatsapp | email | unknown
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('first_at', 'bigint', (c) => c.notNull())
    .execute();
  // No unique key on (ticket, kind, channel): its inserts land on random pages of a large index,
  // one dirty page per open, which cost more than the page view itself (bench/portal). Each
  // process remembers what it wrote, and reports count distinct tickets; rows stay append-only.
  await db.schema
    .createIndex('link_events_workspace_idx')
    .on('link_events')
    .columns(['workspace_id', 'kind', 'first_at'])
    .execute();
}
