import { sql, type Transaction } from 'kysely';
import type { DB, Message } from '../../db/schema.js';
import { appendTimelineEntries } from '../../tickets/timeline.js';
import { MESSAGE_TIMELINE_TYPES, sentText } from '../message-timeline.js';

export interface AcceptedSend {
  message: Message;
  providerMessageId: string;
  sentAt: number;
}

/**
 * What advanceMessageStatus does for `sent`, for a whole batch of accepted sends in two
 * statements instead of two per message (the settle was a third of a worker's CPU per send):
 * the same compare-and-set (only messages still `sending` and held by `owner` move), the same
 * timeline entry for each message that moved, and the lease released. Returns the ids that
 * moved; any other (a status webhook got there first) goes through advanceMessageStatus.
 */
export async function markSent(
  trx: Transaction<DB>,
  owner: string,
  sends: readonly AcceptedSend[],
  now: number,
): Promise<Set<number>> {
  if (sends.length === 0) return new Set();
  // One CASE per column: each message has its own provider id and time. The casts type the
  // parameters for PostgreSQL (a bare parameter in a CASE is text there) and mean the same in SQLite.
  const byId = <T>(value: (send: AcceptedSend) => T, type: 'text' | 'bigint') =>
    sql<T>`case ${sql.ref('id')} ${sql.join(
      sends.map((send) => sql`when ${send.message.id} then cast(${value(send)} as ${sql.raw(type)})`),
      sql` `,
    )} end`;
  const moved = await trx
    .updateTable('messages')
    .set({
      status: 'sent',
      provider_message_id: byId((send) => send.providerMessageId, 'text'),
      sent_at: byId((send) => send.sentAt, 'bigint'),
      lease_owner: null,
      lease_until: null,
      updated_at: now,
    })
    .where(
      'id',
      'in',
      sends.map((send) => send.message.id),
    )
    .where('status', '=', 'sending')
    .where('lease_owner', '=', owner)
    .returning('id')
    .execute();
  const ids = new Set(moved.map((row) => Number(row.id)));
  await appendTimelineEntries(
    trx,
    sends
      .filter((send) => ids.has(send.message.id))
      .map(({ message, sentAt }) => ({
        workspaceId: message.workspace_id,
        ticketId: message.ticket_id,
        type: MESSAGE_TIMELINE_TYPES.sent,
        text: sentText(message.template_name, message.recipient, message.channel),
        data: { messageId: message.id },
        at: sentAt,
      })),
  );
  return ids;
}
