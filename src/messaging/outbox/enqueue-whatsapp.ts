import type { Transaction } from 'kysely';
import type { Engine } from '../../db/engine.js';
import type { DB, MessageStatus, ProcedureTask, Ticket } from '../../db/schema.js';
import { loadWorkspaceConfig, type WorkspaceConfig } from '../../procedures/workspace-config.js';
import { appendTimelineEntry, type NewTimelineEntry } from '../../tickets/timeline.js';
import {
  MESSAGE_TIMELINE_TYPES,
  NO_PHONE_TEXT,
  type NotSentReason,
  notSentText,
  queuedText,
} from '../message-timeline.js';
import type { StoredPhone } from '../phones.js';
import { isMobile } from '../phones.js';
import { renderTemplate } from '../templates/render.js';
import { notifyOutbox } from './notify-outbox.js';

export interface EnqueueContext {
  engine: Engine;
  publicUrl: string;
  now: number;
  config?: WorkspaceConfig;
}

/**
 * "Once per trigger": a task sends once per ticket, unless it is set to send again on each new
 * entry, in which case the entry number is part of the key. A replayed or repeated event hits
 * the unique key and queues nothing, and writes no second timeline entry.
 */
export function whatsappIdempotencyKey(ticket: Ticket, task: ProcedureTask, entry: number): string {
  return task.resend_on_reentry ? `wa:${ticket.id}:${task.id}:${entry}` : `wa:${ticket.id}:${task.id}`;
}

/** The first valid mobile that is not known to lack WhatsApp; opted-out numbers are reported apart. */
export async function chooseRecipient(
  trx: Transaction<DB>,
  workspaceId: number,
  phones: StoredPhone[],
): Promise<{ phone: string } | { reason: 'no_valid_phone' | 'opted_out' }> {
  const mobiles = [
    ...new Set(phones.map((p) => p.e164).filter((e164): e164 is string => e164 !== null && isMobile(e164))),
  ];
  if (mobiles.length === 0) return { reason: 'no_valid_phone' };
  const statuses = await trx
    .selectFrom('phone_statuses')
    .select(['phone', 'not_whatsapp_at', 'opted_out_at'])
    .where('workspace_id', '=', workspaceId)
    .where('phone', 'in', mobiles)
    .execute();
  const byPhone = new Map(statuses.map((s) => [s.phone, s]));
  const reachable = mobiles.filter((phone) => byPhone.get(phone)?.not_whatsapp_at == null);
  const allowed = reachable.filter((phone) => byPhone.get(phone)?.opted_out_at == null);
  if (allowed[0]) return { phone: allowed[0] };
  return { reason: reachable.length > 0 ? 'opted_out' : 'no_valid_phone' };
}

/**
 * Queues the task's WhatsApp for the ticket in the caller's transaction (the outbox): the
 * message row commits or rolls back with the ticket change that triggered it. When it cannot
 * go out (no valid mobile, opted out, template not approved, nothing to fill a variable with),
 * it is recorded as not sent with its reason, and the timeline says why. `noWhatsApp` says the
 * customer has no mobile that can get it (the e-mail fallback's cue).
 */
export async function enqueueWhatsApp(
  trx: Transaction<DB>,
  ctx: EnqueueContext,
  ticket: Ticket,
  task: ProcedureTask,
  entry: number,
  /** A trigger of its own (e.g. a resend from the console); by default the task entry's key. */
  idempotencyKey: string = whatsappIdempotencyKey(ticket, task, entry),
  /** Where the timeline entry goes when the caller writes the event's entries together. */
  timeline?: NewTimelineEntry[],
): Promise<{ queued: boolean; noWhatsApp: boolean }> {
  // The workspace's configuration as the event saw it (cached), or read now in this transaction.
  const config = ctx.config ?? (await loadWorkspaceConfig(trx, ticket.workspace_id));
  const template = config.template(task.whatsapp_template_id);
  const account = config.providerAccountId === undefined ? undefined : { id: config.providerAccountId };

  let status: MessageStatus = 'queued';
  let reason: NotSentReason | undefined;
  let detail: string | undefined;
  let recipient: string | null = null;
  let content: object = {};
  if (!template) {
    reason = 'template_missing';
  } else if (template.status !== 'APPROVED') {
    reason = 'template_not_approved';
    detail = `status ${template.status}`;
  } else if (!account) {
    reason = 'no_provider';
  } else {
    const choice = await chooseRecipient(trx, ticket.workspace_id, JSON.parse(ticket.customer_phones) as StoredPhone[]);
    if ('reason' in choice) {
      reason = choice.reason;
    } else {
      recipient = choice.phone;
      const rendered = renderTemplate(template, JSON.parse(task.whatsapp_bindings), ticket, ctx.publicUrl, 'whatsapp');
      content = rendered;
      if (rendered.problems.length > 0) {
        reason = 'missing_variable';
        detail = rendered.problems.join(' ');
      }
    }
  }
  if (reason) status = 'not_sent';

  const inserted = await trx
    .insertInto('messages')
    .values({
      workspace_id: ticket.workspace_id,
      ticket_id: ticket.id,
      task_id: task.id,
      channel: 'whatsapp',
      template_name: template?.name ?? null,
      language: template?.language ?? null,
      recipient,
      content: JSON.stringify(content),
      status,
      reason: reason ?? null,
      provider_account_id: account?.id ?? null,
      next_attempt_at: ctx.now,
      idempotency_key: idempotencyKey,
      created_at: ctx.now,
      updated_at: ctx.now,
    })
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return { queued: false, noWhatsApp: false };

  const templateName = template?.name ?? null;
  const timelineEntry: NewTimelineEntry = {
    workspaceId: ticket.workspace_id,
    ticketId: ticket.id,
    type:
      reason === 'no_valid_phone'
        ? MESSAGE_TIMELINE_TYPES.noPhone
        : reason
          ? MESSAGE_TIMELINE_TYPES.notSent
          : MESSAGE_TIMELINE_TYPES.queued,
    text:
      reason === 'no_valid_phone'
        ? NO_PHONE_TEXT
        : reason
          ? notSentText(templateName, reason, detail)
          : queuedText(templateName!, recipient!),
    data: { messageId: inserted.id, ...(reason ? { reason } : {}) },
    at: ctx.now,
  };
  if (timeline) timeline.push(timelineEntry);
  else await appendTimelineEntry(trx, timelineEntry);
  if (status === 'queued') await notifyOutbox(trx, ctx.engine);
  return { queued: status === 'queued', noWhatsApp: reason === 'no_valid_phone' };
}
