import type { Kysely } from 'kysely';
import type { SessionUser } from '../auth/sessions.js';
import type { Engine } from '../db/engine.js';
import type { DB, Ticket } from '../db/schema.js';
import { enqueueWhatsApp } from '../messaging/outbox/enqueue-whatsapp.js';
import { isMobile, normalizePhone, type StoredPhone } from '../messaging/phones.js';
import { appendTimelineEntry } from './timeline.js';

/** Timeline types written by people in the console. `internal_note` never reaches the customer. */
export const CONSOLE_TIMELINE_TYPES = {
  note: 'internal_note',
  customerEdited: 'customer_edited',
  resendRequested: 'message_resend_requested',
} as const;

export interface PhoneView extends StoredPhone {
  mobile: boolean;
  whatsapp: 'unknown' | 'no';
  optedOut: boolean;
}

/** The customer's phones with what is known of each: a mobile, not on WhatsApp, opted out. */
export async function describePhones(db: Kysely<DB>, ticket: Ticket): Promise<PhoneView[]> {
  const phones = JSON.parse(ticket.customer_phones) as StoredPhone[];
  const numbers = phones.map((p) => p.e164).filter((e): e is string => e !== null);
  const statuses = numbers.length
    ? await db
        .selectFrom('phone_statuses')
        .selectAll()
        .where('workspace_id', '=', ticket.workspace_id)
        .where('phone', 'in', numbers)
        .execute()
    : [];
  const byPhone = new Map(statuses.map((s) => [s.phone, s]));
  return phones.map((phone) => {
    const status = phone.e164 ? byPhone.get(phone.e164) : undefined;
    return {
      ...phone,
      mobile: phone.e164 !== null && isMobile(phone.e164),
      whatsapp: status?.not_whatsapp_at ? 'no' : 'unknown',
      optedOut: Boolean(status?.opted_out_at),
    };
  });
}

export async function addNote(db: Kysely<DB>, ticket: Ticket, user: SessionUser, text: string) {
  return db.transaction().execute(async (trx) => {
    await appendTimelineEntry(trx, {
      workspaceId: ticket.workspace_id,
      ticketId: ticket.id,
      type: CONSOLE_TIMELINE_TYPES.note,
      text,
      data: { author: user.name, authorId: user.userId },
      at: Date.now(),
    });
  });
}

/**
 * An agent fixes the customer's data. A phone fixed here stays until the source sends a
 * different list of its own (see sourcePhonesChanged); a number fixed after a failure is no
 * longer marked "not on WhatsApp" only if it is a different number.
 */
export async function editCustomer(
  db: Kysely<DB>,
  ticket: Ticket,
  user: SessionUser,
  input: { name?: string; email?: string | null; phones: string[] },
): Promise<void> {
  const phones = input.phones
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map(normalizePhone);
  const changes: string[] = [];
  if (input.name !== undefined && input.name.trim() !== ticket.customer_name) changes.push('nome');
  if (input.email !== undefined && (input.email?.trim() || null) !== ticket.customer_email) changes.push('e-mail');
  if (JSON.stringify(phones) !== ticket.customer_phones) changes.push('telefones');
  if (changes.length === 0) return;
  await db.transaction().execute(async (trx) => {
    const now = Date.now();
    await trx
      .updateTable('tickets')
      .set({
        customer_name: input.name?.trim() || ticket.customer_name,
        customer_email: input.email === undefined ? ticket.customer_email : input.email?.trim() || null,
        customer_phones: JSON.stringify(phones),
        updated_at: now,
      })
      .where('id', '=', ticket.id)
      .where('workspace_id', '=', ticket.workspace_id)
      .execute();
    await appendTimelineEntry(trx, {
      workspaceId: ticket.workspace_id,
      ticketId: ticket.id,
      type: CONSOLE_TIMELINE_TYPES.customerEdited,
      text: `${user.name} atualizou os dados do cliente (${changes.join(', ')}).`,
      data: { authorId: user.userId, changes },
      at: now,
    });
  });
}

/**
 * "Reenviar mensagem": queues again the WhatsApp of the ticket's current task (or, when that
 * task sends none, of the task of its last WhatsApp), with the customer's phones as they are
 * now. A resend is its own trigger: it gets its own idempotency key.
 */
export async function resendWhatsApp(
  db: Kysely<DB>,
  engine: Engine,
  publicUrl: string,
  ticket: Ticket,
  user: SessionUser,
): Promise<{ queued: boolean; reason?: string }> {
  return db.transaction().execute(async (trx) => {
    const fresh = await trx.selectFrom('tickets').selectAll().where('id', '=', ticket.id).executeTakeFirstOrThrow();
    const lastTaskId = (
      await trx
        .selectFrom('messages')
        .select('task_id')
        .where('ticket_id', '=', ticket.id)
        .where('channel', '=', 'whatsapp')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst()
    )?.task_id;
    const candidates = [fresh.current_task_id, lastTaskId].filter(
      (id): id is number => id !== null && id !== undefined,
    );
    const tasks = candidates.length
      ? await trx
          .selectFrom('procedure_tasks')
          .selectAll()
          .where('id', 'in', candidates)
          .where('send_whatsapp', '=', 1)
          .execute()
      : [];
    const task = tasks.find((t) => t.id === fresh.current_task_id) ?? tasks[0];
    if (!task) return { queued: false, reason: 'Nenhuma tarefa deste chamado envia WhatsApp.' };
    const now = Date.now();
    await appendTimelineEntry(trx, {
      workspaceId: ticket.workspace_id,
      ticketId: ticket.id,
      type: CONSOLE_TIMELINE_TYPES.resendRequested,
      text: `${user.name} pediu o reenvio da mensagem da tarefa “${task.name}”.`,
      data: { authorId: user.userId, taskId: task.id },
      at: now,
    });
    const result = await enqueueWhatsApp(
      trx,
      { engine, publicUrl, now },
      fresh,
      task,
      0,
      `wa:resend:${ticket.id}:${task.id}:${now}`,
    );
    return result.queued
      ? { queued: true }
      : { queued: false, reason: 'A mensagem não pôde ser enfileirada; veja a timeline.' };
  });
}
