import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import type { InboundMessage } from '../messaging/providers/provider.js';
import { recordAnswers, type SubmissionOutcome } from './record-answers.js';
import { loadTargetById } from './survey-repository.js';

/** Whether a message's rendered content carries the survey link of this ticket's token. */
export function carriesSurveyLink(content: string, trackingToken: string): boolean {
  return content.includes(`/s/${trackingToken}`);
}

/**
 * The survey answered inside WhatsApp: the customer tapped a quick-reply button "1".."5" of a
 * message that carried the survey link (the closing template). Meta sends the tap as a
 * `button` message whose context names the message it answers, so the score lands on that
 * message's ticket, with the channel whatsapp, under the same rules as the page (one answer,
 * changeable for 24 h; a tap older than the answer's last change changes nothing). Called by
 * the webhook, in its transaction, once per new inbound message; anything else is left alone.
 */
export async function recordSurveyButtonReply(
  trx: Transaction<DB>,
  workspaceId: number,
  message: InboundMessage,
  now = Date.now(),
): Promise<SubmissionOutcome | undefined> {
  const payload = message.buttonPayload?.trim();
  if (payload === undefined || !/^[1-5]$/.test(payload) || message.replyTo === undefined) return undefined;
  const original = await trx
    .selectFrom('messages as m')
    .innerJoin('tickets as t', 't.id', 'm.ticket_id')
    .select(['m.ticket_id', 'm.content', 't.tracking_token'])
    .where('m.workspace_id', '=', workspaceId)
    .where('m.provider_message_id', '=', message.replyTo)
    .executeTakeFirst();
  if (!original || !carriesSurveyLink(original.content, original.tracking_token)) return undefined;
  const quickReplies = (JSON.parse(original.content) as { quickReplies?: unknown }).quickReplies;
  if (!Array.isArray(quickReplies) || !quickReplies.includes(payload)) return undefined;
  const target = await loadTargetById(trx, workspaceId, original.ticket_id);
  if (!target || target.revoked) return undefined;
  // Answering from the message means the survey was seen there: an open on the whatsapp channel.
  await trx
    .insertInto('link_events')
    .values({
      workspace_id: workspaceId,
      ticket_id: target.ticketId,
      kind: 'survey_opened',
      channel: 'whatsapp',
      first_at: now,
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
  const [outcome] = await recordAnswers(trx, [
    { target, answer: { csat: Number(payload) }, channel: 'whatsapp', via: 'button', issuedAt: message.at, at: now },
  ]);
  return outcome;
}
