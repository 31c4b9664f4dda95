import type { Kysely } from 'kysely';
import type { DB, Message } from '../db/schema.js';
import { maskRecipient, NOT_SENT_REASONS } from './message-timeline.js';

/** A message as the API shows it: recipient masked, error in words. */
export interface MessageView {
  id: number;
  channel: Message['channel'];
  template: string | null;
  status: Message['status'];
  recipient: string | null;
  error: string | null;
  attempts: number;
  createdAt: string;
  sentAt: string | null;
  deliveredAt: string | null;
  readAt: string | null;
  failedAt: string | null;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function describeMessageError(message: Pick<Message, 'status' | 'reason' | 'error_title'>): string | null {
  if (message.status === 'not_sent' && message.reason) {
    return NOT_SENT_REASONS[message.reason as keyof typeof NOT_SENT_REASONS] ?? message.reason;
  }
  if (message.status === 'failed' || (message.status === 'queued' && message.reason)) {
    return (
      [message.error_title, message.reason ? `(código ${message.reason})` : null].filter(Boolean).join(' ') || null
    );
  }
  return null;
}

export function toMessageView(message: Message): MessageView {
  return {
    id: message.id,
    channel: message.channel,
    template: message.template_name,
    status: message.status,
    recipient: message.recipient === null ? null : maskRecipient(message.recipient, message.channel),
    error: describeMessageError(message),
    attempts: message.attempts,
    createdAt: new Date(message.created_at).toISOString(),
    sentAt: iso(message.sent_at),
    deliveredAt: iso(message.delivered_at),
    readAt: iso(message.read_at),
    failedAt: iso(message.failed_at),
  };
}

export async function listTicketMessages(
  db: Kysely<DB>,
  workspaceId: number,
  ticketId: number,
): Promise<MessageView[]> {
  const rows = await db
    .selectFrom('messages')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('ticket_id', '=', ticketId)
    .orderBy('id')
    .execute();
  return rows.map(toMessageView);
}
