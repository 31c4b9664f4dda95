import type { Kysely, Transaction } from 'kysely';
import type { DB, Message } from '../../db/schema.js';
import type { EnqueueEmailContext } from '../../email/enqueue-email.js';
import { advanceMessageStatus } from '../message-status.js';
import type { SendResult } from '../providers/provider.js';
import { markSent } from './mark-sent.js';

/**
 * The end of send attempts, in one transaction: the attempt rows (time, latency, the provider's
 * id or its error), then each message's next state. A worker only settles what it still holds
 * (`lease_owner`): if its lease expired and another worker took the message over, the attempt
 * is logged and the new holder decides.
 */
export type AttemptOutcome =
  | { kind: 'sent'; providerMessageId: string }
  | { kind: 'retry'; nextAttemptAt: number }
  | { kind: 'failed' };

export interface FinishedAttempt {
  message: Message;
  result: SendResult;
  outcome: AttemptOutcome;
  startedAt: number;
  latencyMs: number;
}

/**
 * Settles several attempts at once (see SettleQueue): one transaction with one insert for every
 * attempt row, one update and one timeline insert for all the accepted sends, instead of a
 * transaction of five statements per message. Anything else (a retry, a failure, a status a
 * webhook moved first) is read again and goes through advanceMessageStatus one by one.
 */
export async function settleAttempts(
  db: Kysely<DB>,
  owner: string,
  attempts: FinishedAttempt[],
  emailFallback?: EnqueueEmailContext,
): Promise<void> {
  if (attempts.length === 0) return;
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('message_attempts')
      .values(
        attempts.map(({ message, result, outcome, startedAt, latencyMs }) => ({
          message_id: message.id,
          workspace_id: message.workspace_id,
          at: startedAt,
          latency_ms: Math.round(latencyMs),
          outcome: outcome.kind,
          provider_message_id: result.ok ? result.providerMessageId : null,
          error_code: result.ok ? null : result.code,
          error_title: result.ok ? null : result.title,
          http_status: result.ok ? null : (result.httpStatus ?? null),
          detail: result.ok ? null : (result.detail ?? null),
        })),
      )
      .execute();
    const now = Date.now();
    // The common case, accepted sends of messages still `sending` and held, in one statement for
    // all (the claimed copy has the fields the timeline needs; the statement checks the rest).
    const marked = await markSent(
      trx,
      owner,
      attempts.flatMap((attempt) =>
        attempt.outcome.kind === 'sent'
          ? [
              {
                message: attempt.message,
                providerMessageId: attempt.outcome.providerMessageId,
                sentAt: sentAt(attempt),
              },
            ]
          : [],
      ),
      now,
    );
    const rest = attempts.filter((attempt) => !marked.has(attempt.message.id));
    if (rest.length === 0) return;
    const held = await trx
      .selectFrom('messages')
      .selectAll()
      .where(
        'id',
        'in',
        rest.map((attempt) => attempt.message.id),
      )
      .where('lease_owner', '=', owner)
      .execute();
    const current = new Map(held.map((message) => [message.id, message]));
    const released: number[] = [];
    for (const attempt of rest) {
      const message = current.get(attempt.message.id);
      if (!message) continue;
      if (await applyOutcome(trx, message, attempt, now, emailFallback)) released.push(message.id);
    }
    if (released.length > 0) {
      await trx
        .updateTable('messages')
        .set({ lease_owner: null, lease_until: null, updated_at: now })
        .where('id', 'in', released)
        .execute();
    }
  });
}

/** One attempt's effect on its message; true when the message's lease is still to be released. */
async function applyOutcome(
  trx: Transaction<DB>,
  message: Message,
  attempt: FinishedAttempt,
  now: number,
  emailFallback: EnqueueEmailContext | undefined,
): Promise<boolean> {
  const { result, outcome } = attempt;
  if (outcome.kind === 'retry') {
    await trx
      .updateTable('messages')
      .set({
        status: 'queued',
        next_attempt_at: outcome.nextAttemptAt,
        lease_owner: null,
        lease_until: null,
        reason: result.ok ? null : result.code,
        error_title: result.ok ? null : result.title,
        updated_at: now,
      })
      .where('id', '=', message.id)
      .execute();
    return false;
  }
  if (outcome.kind === 'sent') {
    const advanced = await advanceMessageStatus(trx, message, {
      status: 'sent',
      at: sentAt(attempt),
      providerMessageId: outcome.providerMessageId,
    });
    // A status webhook arrived before this answer: the status is already ahead, keep the id.
    if (!advanced) {
      await trx
        .updateTable('messages')
        .set({ provider_message_id: outcome.providerMessageId })
        .where('id', '=', message.id)
        .execute();
    }
    return true;
  }
  await advanceMessageStatus(
    trx,
    message,
    {
      status: 'failed',
      at: now,
      error: result.ok
        ? undefined
        : { code: result.code, title: result.title, notOnWhatsApp: result.notOnWhatsApp === true },
    },
    emailFallback,
  );
  return true;
}

/**
 * When the provider accepted it, in whole milliseconds: times are integers on both engines, and
 * PostgreSQL's bigint refuses a fraction, which rolled the whole settle back (the send then looked
 * lost and went out again when its lease expired).
 */
function sentAt({ startedAt, latencyMs }: FinishedAttempt): number {
  return startedAt + Math.round(latencyMs);
}

/** Gives a claimed message back without an attempt (e.g. the recipient's pace), due at `at`. */
export async function releaseUntil(db: Kysely<DB>, message: Message, owner: string, at: number): Promise<void> {
  await db
    .updateTable('messages')
    .set((eb) => ({
      status: 'queued',
      next_attempt_at: at,
      lease_owner: null,
      lease_until: null,
      attempts: eb('attempts', '-', 1),
      updated_at: Date.now(),
    }))
    .where('id', '=', message.id)
    .where('lease_owner', '=', owner)
    .execute();
}
