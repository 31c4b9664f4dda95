import type { FastifyBaseLogger as Logger } from 'fastify';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import type { EnqueueEmailContext } from '../email/enqueue-email.js';
import { advanceMessageStatus } from '../messaging/message-status.js';
import { MESSAGE_TIMELINE_TYPES } from '../messaging/message-timeline.js';
import { fromWhatsAppId, maskPhone } from '../messaging/phones.js';
import type { InboundMessage, StatusUpdate, WebhookBatch } from '../messaging/providers/provider.js';
import { recordSurveyButtonReply } from '../surveys/whatsapp-reply.js';
import { appendTimelineEntry } from '../tickets/timeline.js';

/** Words that, alone in a customer's message, mean "stop sending me messages". */
const OPT_OUT_WORDS = new Set(['SAIR', 'PARAR', 'STOP', 'CANCELAR', 'DESCADASTRAR']);

export function isOptOut(text: string): boolean {
  return OPT_OUT_WORDS.has(
    text
      .trim()
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[.!]+$/, '')
      .toUpperCase(),
  );
}

/**
 * Applies a verified webhook to the account's workspace, in one transaction, before answering
 * 200 (Meta retries anything else for days, so an acknowledged webhook must be durable).
 * Statuses and inbound messages may repeat: both are idempotent.
 */
export async function applyWebhook(
  db: Kysely<DB>,
  workspaceId: number,
  batch: WebhookBatch,
  logger: Logger,
  /** Lets a not-on-WhatsApp failure queue the task's e-mail fallback. */
  emailFallback?: Omit<EnqueueEmailContext, 'now'>,
): Promise<{ statuses: number; inbound: number; ticketIds: number[] }> {
  return db.transaction().execute(async (trx) => {
    let statuses = 0;
    let inbound = 0;
    const ticketIds = new Set<number>();
    for (const update of batch.statuses) {
      const ticketId = await applyStatus(
        trx,
        workspaceId,
        update,
        logger,
        emailFallback && { ...emailFallback, now: Date.now() },
      );
      if (ticketId !== undefined) {
        statuses++;
        ticketIds.add(ticketId);
      }
    }
    for (const message of batch.inbound) {
      const ticketId = await applyInbound(trx, workspaceId, message);
      if (ticketId !== undefined) {
        inbound++;
        if (ticketId !== null) ticketIds.add(ticketId);
      }
    }
    return { statuses, inbound, ticketIds: [...ticketIds] };
  });
}

/** The ticket whose message moved forward, or undefined. */
async function applyStatus(
  trx: Transaction<DB>,
  workspaceId: number,
  update: StatusUpdate,
  logger: Logger,
  emailFallback: EnqueueEmailContext | undefined,
): Promise<number | undefined> {
  const ourId = update.messageId !== undefined && /^\d+$/.test(update.messageId) ? Number(update.messageId) : undefined;
  let query = trx.selectFrom('messages').selectAll().where('workspace_id', '=', workspaceId);
  query =
    ourId !== undefined
      ? query.where('id', '=', ourId)
      : query.where('provider_message_id', '=', update.providerMessageId);
  const message = await query.executeTakeFirst();
  if (!message) {
    logger.info(
      { providerMessageId: update.providerMessageId, status: update.status },
      'webhook: status de mensagem desconhecida',
    );
    return undefined;
  }
  const advanced = await advanceMessageStatus(
    trx,
    message,
    {
      status: update.status,
      at: update.at,
      providerMessageId: update.providerMessageId,
      ...(update.error ? { error: update.error } : {}),
    },
    emailFallback,
  );
  return advanced ? message.ticket_id : undefined;
}

/** The ticket it landed on (null: none found), or undefined for a repeat. */
async function applyInbound(
  trx: Transaction<DB>,
  workspaceId: number,
  message: InboundMessage,
): Promise<number | null | undefined> {
  const sender = fromWhatsAppId(message.from);
  // The ticket: the one whose message the customer replied to, or the last one we wrote to this number.
  let ticket = message.replyTo
    ? await trx
        .selectFrom('messages')
        .select('ticket_id')
        .where('workspace_id', '=', workspaceId)
        .where('provider_message_id', '=', message.replyTo)
        .executeTakeFirst()
    : undefined;
  ticket ??= await trx
    .selectFrom('messages')
    .select('ticket_id')
    .where('workspace_id', '=', workspaceId)
    .where('recipient', '=', sender)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const inserted = await trx
    .insertInto('inbound_messages')
    .values({
      workspace_id: workspaceId,
      provider_message_id: message.providerMessageId,
      ticket_id: ticket?.ticket_id ?? null,
      sender,
      text: message.text,
      button_payload: message.buttonPayload ?? null,
      received_at: message.at,
    })
    .onConflict((oc) => oc.column('provider_message_id').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return undefined;

  const optOut = isOptOut(message.text);
  if (optOut) {
    await trx
      .insertInto('phone_statuses')
      .values({
        workspace_id: workspaceId,
        phone: sender,
        not_whatsapp_at: null,
        opted_out_at: message.at,
        updated_at: message.at,
      })
      .onConflict((oc) =>
        oc.columns(['workspace_id', 'phone']).doUpdateSet({ opted_out_at: message.at, updated_at: message.at }),
      )
      .execute();
  }
  if (ticket) {
    const entry = (type: string, text: string) =>
      appendTimelineEntry(trx, {
        workspaceId,
        ticketId: ticket.ticket_id,
        type,
        text,
        data: { inboundId: inserted.id, from: maskPhone(sender), buttonPayload: message.buttonPayload ?? null },
        at: message.at,
      });
    await entry(MESSAGE_TIMELINE_TYPES.inbound, `Cliente respondeu pelo WhatsApp: “${message.text}”`);
    if (optOut) {
      await entry(
        MESSAGE_TIMELINE_TYPES.optedOut,
        `O cliente pediu para não receber mais mensagens pelo WhatsApp (“${message.text.trim()}”); nenhuma outra será enviada a ${maskPhone(sender)}.`,
      );
    }
  }
  // A tap on "1".."5" under the closing message is the survey's answer (src/surveys).
  await recordSurveyButtonReply(trx, workspaceId, message);
  return ticket?.ticket_id ?? null;
}
