import type { Kysely } from 'kysely';
import type { Engine } from '../engine.js';

/**
 * Procedures and their tasks, templates (HSM), the WhatsApp provider account, the outbox
 * (`messages`) with its attempts, what is known of each phone, and inbound messages.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const id = engine.identityColumn;

  await db.schema
    .createTable('provider_accounts')
    .addColumn('id', 'integer', id)
    .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id').unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    // Non-secret settings (base URL, API version, phone number id, WABA id) as JSON.
    .addColumn('settings', 'text', (c) => c.notNull())
    // Access token, app secret and verify token: AES-256-GCM with PONTE_SECRET_KEY.
    .addColumn('secrets', 'text', (c) => c.notNull())
    // Webhooks name their sender by phone number id; the GET handshake by verify token (hashed).
    .addColumn('phone_number_id', 'text', (c) => c.notNull().unique())
    .addColumn('verify_token_hash', 'text', (c) => c.notNull())
    .addColumn('rate_limit_per_second', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('templates')
    .addColumn('id', 'integer', id)
    .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    // URL of the button with a dynamic suffix ({{1}} at its end), or null.
    .addColumn('button_url', 'text')
    // Quick-reply buttons' titles as a JSON array (the survey's 1–5).
    .addColumn('quick_replies', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('synced_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('templates_workspace_name_language_key', ['workspace_id', 'name', 'language'])
    .execute();

  await db.schema
    .createTable('procedures')
    .addColumn('id', 'integer', id)
    .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('procedure_tasks')
    .addColumn('id', 'integer', id)
    .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id'))
    .addColumn('procedure_id', 'integer', (c) => c.notNull().references('procedures.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('send_whatsapp', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('whatsapp_template_id', 'integer', (c) => c.references('templates.id'))
    // Placeholder → variable, as JSON: {"1": "customer_name", "2": "protocol"}.
    .addColumn('whatsapp_bindings', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('send_email', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('email_fallback', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('notify_team', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('close_ticket', 'integer', (c) => c.notNull().defaultTo(0))
    // Entering the task again after leaving it sends again only when this is set.
    .addColumn('resend_on_reentry', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('procedure_tasks_procedure_idx')
    .on('procedure_tasks')
    .columns(['procedure_id', 'position'])
    .execute();

  // Which task a source's record enters: by its status (upper-cased) or, failing that, its state.
  await db.schema
    .createTable('status_mappings')
    .addColumn('id', 'integer', id)
    .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id'))
    .addColumn('source_id', 'integer', (c) => c.notNull().references('sources.id'))
    .addColumn('match_state', 'text')
    .addColumn('match_status', 'text')
    .addColumn('task_id', 'integer', (c) => c.notNull().references('procedure_tasks.id'))
    .addUniqueConstraint('status_mappings_key', ['source_id', 'match_state', 'match_status'])
    .execute();

  await db.schema.alterTable('tickets').addColumn('current_task_id', 'integer').execute();
  await db.schema
    .alterTable('tickets')
    .addColumn('task_entries', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('messages')
    .addColumn('id', 'integer', id)
    .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id'))
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id'))
    .addColumn('task_id', 'integer')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('template_name', 'text')
    .addColumn('language', 'text')
    // E.164, or null when the customer had no valid mobile.
    .addColumn('recipient', 'text')
    // The rendered message: parameters, button suffix and full text, as JSON.
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('error_title', 'text')
    .addColumn('provider_account_id', 'integer')
    .addColumn('provider_message_id', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', 'bigint')
    // "Once per trigger": ticket, task and task entry (or ticket and task when re-entry does not resend).
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('sent_at', 'bigint')
    .addColumn('delivered_at', 'bigint')
    .addColumn('read_at', 'bigint')
    .addColumn('failed_at', 'bigint')
    .execute();
  // The dispatcher's claim: due queued messages, and leases that expired.
  await db.schema.createIndex('messages_due_idx').on('messages').columns(['status', 'next_attempt_at']).execute();
  await db.schema.createIndex('messages_ticket_idx').on('messages').columns(['ticket_id', 'id']).execute();
  await db.schema
    .createIndex('messages_workspace_idx')
    .on('messages')
    .columns(['workspace_id', 'created_at'])
    .execute();
  await db.schema.createIndex('messages_provider_id_idx').on('messages').columns(['provider_message_id']).execute();
  await db.schema
    .createIndex('messages_recipient_idx')
    .on('messages')
    .columns(['workspace_id', 'recipient', 'id'])
    .execute();

  await db.schema
    .createTable('message_attempts')
    .addColumn('id', 'integer', id)
    .addColumn('message_id', 'integer', (c) => c.notNull().references('messages.id'))
    .addColumn('workspace_id', 'integer', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('latency_ms', 'integer', (c) => c.notNull())
    // sent | retry | failed
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('provider_message_id', 'text')
    .addColumn('error_code', 'text')
    .addColumn('error_title', 'text')
    .addColumn('http_status', 'integer')
    .addColumn('detail', 'text')
    .execute();
  await db.schema
    .createIndex('message_attempts_message_idx')
    .on('message_attempts')
    .columns(['message_id', 'id'])
    .execute();

  await db.schema
    .createTable('phone_statuses')
    .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id'))
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('not_whatsapp_at', 'bigint')
    .addColumn('opted_out_at', 'bigint')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('phone_statuses_pkey', ['workspace_id', 'phone'])
    .execute();

  await db.schema
    .createTable('inbound_messages')
    .addColumn('id', 'integer', id)
    .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id'))
    .addColumn('provider_message_id', 'text', (c) => c.notNull().unique())
    .addColumn('ticket_id', 'integer')
    .addColumn('sender', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('button_payload', 'text')
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .execute();
}
