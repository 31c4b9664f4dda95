import type { Transaction } from 'kysely';
import type { DB, Message, MessageStatus } from '../db/schema.js';
import { type EnqueueEmailContext, enqueueEmailFallbackFor } from '../email/enqueue-email.js';
import { appendTimelineEntry } from '../tickets/timeline.js';
import {
  deliveredText,
  failedText,
  MESSAGE_TIMELINE_TYPES,
  NO_PHONE_TEXT,
  readText,
  sentText,
} from './message-timeline.js';

/**
 * A message's delivery status only moves forward: sent → delivered → read. Webhooks arrive out
 * of order and more than once (Meta retries for days, and delivers concurrently), and Meta may
 * skip `delivered` when the customer reads at once; so a status applies only when it ranks
 * above the current one, and each applied step writes one timeline entry. `failed` is final,
 * and can follow `sent` (Meta reports an undeliverable number asynchronously).
 */
const RANK: Record<MessageStatus, number> = {
  not_sent: -1,
  queued: 0,
  sending: 0,
  sent: 1,
  delivered: 2,
  read: 3,
  failed: 4,
};

export function advances(current: MessageStatus, next: 'sent' | 'delivered' | 'read' | 'failed'): boolean {
  if (current === 'failed' || current === 'not_sent') return false;
  if (next === 'failed') return current === 'queued' || current === 'sending' || current === 'sent';
  return RANK[next] > RANK[current];
}

export interface StatusChange {
  status: 'sent' | 'delivered' | 'read' | 'failed';
  at: number;
  providerMessageId?: string;
  error?: { code: string; title: string; notOnWhatsApp: boolean };
}

/**
 * Applies a status to a message inside the caller's transaction, if it moves it forward.
 * Returns whether it did. The dispatcher (after a send) and the webhook route (statuses) both
 * come through here, so the timeline gets exactly one entry per step whoever is first.
 */
export async function advanceMessageStatus(
  trx: Transaction<DB>,
  read: Message,
  change: StatusChange,
  /** Where a not-on-WhatsApp failure may queue the task's e-mail fallback (see enqueueEmailFallbackFor). */
  emailFallback?: EnqueueEmailContext,
): Promise<boolean> {
  const at = change.at;
  let message = read;
  for (;;) {
    if (!advances(message.status, change.status)) return false;
    const result = await trx
      .updateTable('messages')
      .set({
        status: change.status,
        updated_at: Date.now(),
        ...(change.providerMessageId ? { provider_message_id: change.providerMessageId } : {}),
        ...(change.status === 'sent' ? { sent_at: at } : {}),
        ...(change.status === 'delivered' ? { delivered_at: at, sent_at: message.sent_at ?? at } : {}),
        ...(change.status === 'read' ? { read_at: at, sent_at: message.sent_at ?? at } : {}),
        ...(change.status === 'failed'
          ? { failed_at: at, reason: change.error?.code ?? 'failed', error_title: change.error?.title ?? null }
          : {}),
      })
      .where('id', '=', message.id)
      // Compare-and-set on the status read: a concurrent writer for the same message wins or loses whole.
      .where('status', '=', message.status)
      .executeTakeFirst();
    if (result.numUpdatedRows > 0n) break;
    // Another writer moved the status after it was read (typically the dispatcher settling a send
    // while that send's `failed` webhook is applied): decide again on the committed row, or this
    // change would be lost. Statuses only move forward, so this ends.
    const fresh = await trx.selectFrom('messages').selectAll().where('id', '=', message.id).executeTakeFirst();
    if (!fresh) return false;
    message = fresh;
  }

  const template = message.template_name;
  const entry = (type: string, text: string) =>
    appendTimelineEntry(trx, {
      workspaceId: message.workspace_id,
      ticketId: message.ticket_id,
      type,
      text,
      data: { messageId: message.id, ...(change.error ? { error: change.error } : {}) },
      at,
    });
  switch (change.status) {
    case 'sent':
      await entry(MESSAGE_TIMELINE_TYPES.sent, sentText(template, message.recipient, message.channel));
      break;
    case 'delivered':
      await entry(MESSAGE_TIMELINE_TYPES.delivered, deliveredText(template));
      break;
    case 'read':
      await entry(MESSAGE_TIMELINE_TYPES.read, readText(template));
      break;
    case 'failed': {
      const error = change.error ?? { code: 'failed', title: 'falha sem detalhe do provedor', notOnWhatsApp: false };
      await entry(MESSAGE_TIMELINE_TYPES.failed, failedText(template, error.code, error.title, message.channel));
      if (error.notOnWhatsApp && message.recipient) {
        await markNotWhatsApp(trx, message.workspace_id, message.recipient, at);
        await entry(MESSAGE_TIMELINE_TYPES.noPhone, NO_PHONE_TEXT);
        if (emailFallback) await enqueueEmailFallbackFor(trx, { ...emailFallback, now: at }, message);
      }
      break;
    }
  }
  return true;
}

/** The provider said this number is not on WhatsApp: later messages skip it. */
export async function markNotWhatsApp(trx: Transaction<DB>, workspaceId: number, phone: string, at: number) {
  await trx
    .insertInto('phone_statuses')
    .values({ workspace_id: workspaceId, phone, not_whatsapp_at: at, opted_out_at: null, updated_at: at })
    .onConflict((oc) => oc.columns(['workspace_id', 'phone']).doUpdateSet({ not_whatsapp_at: at, updated_at: at }))
    .execute();
}
