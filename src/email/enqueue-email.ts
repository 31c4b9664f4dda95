import type { Transaction } from 'kysely';
import type { Engine } from '../db/engine.js';
import type { DB, Message, MessageStatus, ProcedureTask, Ticket } from '../db/schema.js';
import { MESSAGE_TIMELINE_TYPES, type NotSentReason, notSentText, queuedText } from '../messaging/message-timeline.js';
import { notifyOutbox } from '../messaging/outbox/notify-outbox.js';
import { loadWorkspaceConfig, type WorkspaceConfig } from '../procedures/workspace-config.js';
import { appendTimelineEntry, type NewTimelineEntry } from '../tickets/timeline.js';
import { isEmailAddress } from './email-address.js';
import { renderEmailTemplate } from './email-templates.js';

export interface EnqueueEmailContext {
  engine: Engine;
  publicUrl: string;
  now: number;
  /** The workspace's configuration as the event saw it (cached); read in the transaction otherwise. */
  config?: WorkspaceConfig;
}

/** Once per trigger, like WhatsApp (see whatsappIdempotencyKey); a fallback has its own key. */
export function emailIdempotencyKey(ticket: Ticket, task: ProcedureTask, entry: number, fallback: boolean): string {
  const kind = fallback ? 'emf' : 'em';
  return task.resend_on_reentry ? `${kind}:${ticket.id}:${task.id}:${entry}` : `${kind}:${ticket.id}:${task.id}`;
}

/**
 * The e-mail fallback of a WhatsApp the provider reported undeliverable because the number is
 * not on WhatsApp (Cloud API 131026, known only after the send): when the message's task has
 * "usar e-mail quando não houver WhatsApp", the customer is reached by e-mail after all. One per
 * task entry, whichever way the missing WhatsApp was found (same key as the fallback at enqueue).
 */
export async function enqueueEmailFallbackFor(
  trx: Transaction<DB>,
  ctx: EnqueueEmailContext,
  message: Pick<Message, 'workspace_id' | 'ticket_id' | 'task_id' | 'channel'>,
): Promise<{ queued: boolean }> {
  if (message.channel !== 'whatsapp' || message.task_id === null) return { queued: false };
  const task = await trx
    .selectFrom('procedure_tasks')
    .selectAll()
    .where('id', '=', message.task_id)
    .where('workspace_id', '=', message.workspace_id)
    .executeTakeFirst();
  if (task?.email_fallback !== 1 || task.send_email === 1) return { queued: false };
  const ticket = await trx
    .selectFrom('tickets')
    .selectAll()
    .where('id', '=', message.ticket_id)
    .where('workspace_id', '=', message.workspace_id)
    .executeTakeFirst();
  if (!ticket) return { queued: false };
  return enqueueEmail(trx, ctx, ticket, task, { entry: ticket.task_entries, fallback: true });
}

/**
 * Queues the task's e-mail in the caller's transaction (the outbox, as for WhatsApp): an
 * e-mail is a `messages` row with channel 'email', the same dispatcher sends it. When it cannot
 * go out (no valid address, no SMTP server, no template, a variable with no value) it is
 * recorded as not sent with its reason, and the timeline says which channel and why. `fallback`
 * marks an e-mail sent because the customer has no WhatsApp.
 */
export async function enqueueEmail(
  trx: Transaction<DB>,
  ctx: EnqueueEmailContext,
  ticket: Ticket,
  task: ProcedureTask,
  options: { entry: number; fallback: boolean; idempotencyKey?: string; timeline?: NewTimelineEntry[] },
): Promise<{ queued: boolean }> {
  const config = ctx.config ?? (await loadWorkspaceConfig(trx, ticket.workspace_id));
  const template = config.emailTemplate(task.email_template_id);

  let reason: NotSentReason | undefined;
  let detail: string | undefined;
  let content: object = {};
  const address = ticket.customer_email?.trim() ?? '';
  const recipient = isEmailAddress(address) ? address : null;
  if (!template) reason = 'template_missing';
  else if (!config.emailConfigured) reason = 'email_not_configured';
  else if (!recipient) reason = 'no_valid_email';
  else {
    const rendered = renderEmailTemplate(template, ticket, ctx.publicUrl);
    content = { subject: rendered.subject, html: rendered.html, text: rendered.text };
    if (rendered.problems.length > 0) {
      reason = 'missing_variable';
      detail = rendered.problems.join(' ');
    }
  }
  const status: MessageStatus = reason ? 'not_sent' : 'queued';

  const inserted = await trx
    .insertInto('messages')
    .values({
      workspace_id: ticket.workspace_id,
      ticket_id: ticket.id,
      task_id: task.id,
      channel: 'email',
      template_name: template?.name ?? null,
      language: null,
      recipient,
      content: JSON.stringify(content),
      status,
      reason: reason ?? null,
      provider_account_id: null,
      next_attempt_at: ctx.now,
      idempotency_key: options.idempotencyKey ?? emailIdempotencyKey(ticket, task, options.entry, options.fallback),
      created_at: ctx.now,
      updated_at: ctx.now,
    })
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return { queued: false };

  const because = options.fallback ? ' O cliente não tem WhatsApp: a mensagem vai por e-mail.' : '';
  const entry: NewTimelineEntry = {
    workspaceId: ticket.workspace_id,
    ticketId: ticket.id,
    type: reason ? MESSAGE_TIMELINE_TYPES.notSent : MESSAGE_TIMELINE_TYPES.queued,
    text:
      (reason
        ? notSentText(template?.name ?? null, reason, detail, 'email')
        : queuedText(template!.name, recipient!, 'email')) + because,
    data: {
      messageId: inserted.id,
      channel: 'email',
      ...(options.fallback ? { fallback: true } : {}),
      ...(reason ? { reason } : {}),
    },
    at: ctx.now,
  };
  if (options.timeline) options.timeline.push(entry);
  else await appendTimelineEntry(trx, entry);
  if (status === 'queued') await notifyOutbox(trx, ctx.engine);
  return { queued: status === 'queued' };
}
