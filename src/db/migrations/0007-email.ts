import type { Kysely } from 'kysely';
import type { Engine } from '../engine.js';

/**
 * The e-mail channel: each workspace's SMTP server (password encrypted at rest), its e-mail
 * templates (subject, HTML and text with the same variables as WhatsApp), and which template a
 * task's "Enviar e-mail" uses. E-mails are rows of `messages` with channel 'email', so one
 * dispatcher claims, retries and settles both channels.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const id = engine.identityColumn;
  await db.schema
    .createTable('email_settings')
    .addColumn('id', 'integer', id)
    .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id').unique())
    .addColumn('host', 'text', (c) => c.notNull())
    .addColumn('port', 'integer', (c) => c.notNull())
    // tls (implicit, port 465) | starttls (required upgrade) | none (plain; a local relay)
    .addColumn('security', 'text', (c) => c.notNull())
    .addColumn('username', 'text')
    // AES-256-GCM with PONTE_SECRET_KEY (src/shared/secret-box.ts), or null without authentication.
    .addColumn('password_secret', 'text')
    .addColumn('from_address', 'text', (c) => c.notNull())
    .addColumn('from_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('email_templates')
    .addColumn('id', 'integer', id)
    .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('html', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('email_templates_workspace_name_key', ['workspace_id', 'name'])
    .execute();

  await db.schema
    .alterTable('procedure_tasks')
    .addColumn('email_template_id', 'integer', (c) => c.references('email_templates.id'))
    .execute();
}
