import type { Kysely } from 'kysely';
import type { DB, Message } from '../../db/schema.js';
import { advanceMessageStatus } from '../message-status.js';
import type { SendResult } from '../providers/provider.js';

/**
 * The end of one send attempt, in one transaction: the attempt row (time, latency, the
 * provider's id or its error), then the message's next state. A worker only settles what it
 * still holds (`lease_owner`): if its lease expired and another worker took the message over,
 * the attempt is logged and the new holder decides.
 */
export type AttemptOutcome =
  | { kind: 'sent'; providerMessageId: string }
  | { kind: 'retry'; nextAttemptAt: number }
  | { kind: 'failed' };

export async function settleAttempt(
  db: Kysely<DB>,
  message: Message,
  owner: string,
  result: SendResult,
  outcome: AttemptOutcome,
  startedAt: number,
  latencyMs: number,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('message_attempts')
      .values({
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
      })
      .execute();
    const current = await trx
      .selectFrom('messages')
      .selectAll()
      .where('id', '=', message.id)
      .where('lease_owner', '=', owner)
      .executeTakeFirst();
    if (!current) return;
    const now = Date.now();
    if (outcome.kind === 'sent') {
      await trx
        .updateTable('messages')
        .set({ provider_message_id: outcome.providerMessageId, lease_owner: null, lease_until: null, updated_at: now })
        .where('id', '=', message.id)
        .execute();
      // A status webhook may have arrived before this answer; then the status is already ahead.
      await advanceMessageStatus(
        trx,
        { ...current, provider_message_id: outcome.providerMessageId },
        {
          status: 'sent',
          at: startedAt + latencyMs,
          providerMessageId: outcome.providerMessageId,
        },
      );
    } else if (outcome.kind === 'retry') {
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
    } else {
      await trx
        .updateTable('messages')
        .set({ lease_owner: null, lease_until: null, updated_at: now })
        .where('id', '=', message.id)
        .execute();
      await advanceMessageStatus(trx, current, {
        status: 'failed',
        at: now,
        error: result.ok
          ? undefined
          : { code: result.code, title: result.title, notOnWhatsApp: result.notOnWhatsApp === true },
      });
    }
  });
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
