import type { Kysely, Transaction } from 'kysely';
import type { Engine } from '../db/engine.js';
import type { DB, ProcedureTask, Ticket } from '../db/schema.js';
import { runTaskActions, taskToEnter } from '../procedures/enter-task.js';
import { loadWorkspaceConfig, type WorkspaceConfig } from '../procedures/workspace-config.js';
import { randomToken } from '../shared/random-token.js';
import { appendTimelineEntries, type NewTimelineEntry } from '../tickets/timeline.js';
import { describeChanges, describeCreation, diffTicket, sourcePhonesChanged } from './describe-changes.js';
import type { NormalizedRecord } from './normalize-record.js';

/** The source an event arrived through, as authenticated. */
export interface SourceContext {
  workspaceId: number;
  sourceId: number;
  sourceName: string;
  /** Upper-cased statuses that mark a ticket critical. */
  criticalStatuses: ReadonlySet<string>;
}

export type ApplyOutcome = 'created' | 'updated' | 'unchanged' | 'stale';

export interface ApplyResult {
  ticket: Ticket;
  outcome: ApplyOutcome;
  /** Messages queued in this transaction: wake the dispatcher after commit. */
  queued: number;
}

export function isCritical(source: SourceContext, record: NormalizedRecord): boolean {
  return (
    record.critical === true ||
    (record.status !== null && source.criticalStatuses.has(record.status.toLocaleUpperCase('pt-BR')))
  );
}

/**
 * Applies one event of a record to its ticket inside the caller's transaction: the ticket,
 * its customer and its timeline entry are written together or not at all.
 *
 * - A new record makes one ticket. Two concurrent first events race on the unique key
 *   (workspace, source, external id): the loser's INSERT … ON CONFLICT DO NOTHING returns no row
 *   (on PostgreSQL it waits for the winner to commit), and it then applies as an update.
 * - An event older than the last one applied changes nothing (`stale`).
 * - The same content again changes nothing and adds no timeline entry (`unchanged`), but a newer
 *   occurredAt is still recorded, so an older event arriving after it stays stale.
 */
/** What applying needs from the process: the engine, the base URL of links, the workspace's configuration. */
export interface ApplyEnv {
  engine: Engine;
  publicUrl: string;
  /** Read before the transaction (cached); when absent, read inside it. */
  config?: WorkspaceConfig;
}

export async function applyRecord(
  trx: Transaction<DB>,
  env: ApplyEnv,
  source: SourceContext,
  externalId: string,
  record: NormalizedRecord,
  now = Date.now(),
): Promise<ApplyResult> {
  const { engine } = env;
  const config = env.config ?? (await loadWorkspaceConfig(trx, source.workspaceId));
  const critical = isCritical(source, record);
  // Every timeline entry of this event goes in one statement at the end.
  const timeline: NewTimelineEntry[] = [];

  // A changed ticket enters the task its status maps to; the task's messages are queued in
  // this same transaction (the outbox). The task is known before writing the ticket, so the
  // ticket row carries it and no second update is needed.
  const finish = async (ticket: Ticket, outcome: 'created' | 'updated', task: ProcedureTask | undefined) => {
    let result: ApplyResult = { ticket, outcome, queued: 0 };
    if (task) {
      const ran = await runTaskActions(trx, { ...env, now, config }, ticket, task, timeline);
      result = { ticket: ran.ticket, outcome, queued: ran.queued };
    }
    await appendTimelineEntries(trx, timeline);
    return result;
  };

  let ticket: Ticket | undefined;
  // Most events of a new record are its first: try the insert straight away (one round trip),
  // and fall back to reading the row when the unique key says it exists.
  const opening = taskToEnter(config, {
    source_id: source.sourceId,
    state: record.state,
    status: record.status,
    current_task_id: null,
  });
  const created = await trx
    .insertInto('tickets')
    .values({
      workspace_id: source.workspaceId,
      source_id: source.sourceId,
      external_id: externalId,
      state: record.state,
      status: record.status,
      critical: critical ? 1 : 0,
      fields: record.fieldsJson,
      customer_name: record.customerName,
      customer_email: record.customerEmail,
      customer_phones: record.phonesJson,
      source_customer_phones: record.phonesJson,
      tracking_token: randomToken(16),
      last_event_at: record.occurredAtMs,
      created_at: now,
      updated_at: now,
      closed_at: record.state === 'closed' ? now : null,
      current_task_id: opening?.id ?? null,
      task_entries: opening ? 1 : 0,
    })
    .onConflict((oc) => oc.columns(['workspace_id', 'source_id', 'external_id']).doNothing())
    .returningAll()
    .executeTakeFirst();
  if (created) {
    timeline.push({
      workspaceId: source.workspaceId,
      ticketId: created.id,
      ...describeCreation(externalId, source.sourceName, record, critical),
      data: { occurredAt: new Date(record.occurredAtMs).toISOString() },
      at: now,
    });
    return finish(created, 'created', opening);
  }
  // On PostgreSQL the insert waited for a concurrent creator to commit; the row is there now.
  ticket = await lockTicket(trx, engine, source, externalId);
  if (ticket === undefined) throw new Error('ticket vanished between conflict and lock');

  if (record.occurredAtMs < ticket.last_event_at) return { ticket, outcome: 'stale', queued: 0 };

  const changes = diffTicket(ticket, record, critical);
  if (changes === undefined) {
    if (record.occurredAtMs === ticket.last_event_at) return { ticket, outcome: 'unchanged', queued: 0 };
    const updated = await trx
      .updateTable('tickets')
      .set({ last_event_at: record.occurredAtMs })
      .where('id', '=', ticket.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return { ticket: updated, outcome: 'unchanged', queued: 0 };
  }

  const task = taskToEnter(config, { ...ticket, state: record.state, status: record.status });
  const updated = await trx
    .updateTable('tickets')
    .set({
      state: record.state,
      status: record.status,
      critical: critical ? 1 : 0,
      fields: record.fieldsJson,
      customer_name: record.customerName,
      customer_email: record.customerEmail,
      customer_phones: sourcePhonesChanged(ticket, record) ? record.phonesJson : ticket.customer_phones,
      source_customer_phones: record.phonesJson,
      last_event_at: record.occurredAtMs,
      updated_at: now,
      closed_at: record.state === 'closed' ? (ticket.closed_at ?? now) : null,
      ...(task ? { current_task_id: task.id, task_entries: ticket.task_entries + 1 } : {}),
    })
    .where('id', '=', ticket.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  timeline.push({
    workspaceId: source.workspaceId,
    ticketId: ticket.id,
    ...describeChanges(changes),
    data: { occurredAt: new Date(record.occurredAtMs).toISOString(), changes },
    at: now,
  });
  return finish(updated, 'updated', task);
}

function lockTicket(
  trx: Transaction<DB>,
  engine: Engine,
  source: SourceContext,
  externalId: string,
): Promise<Ticket | undefined> {
  return engine
    .forUpdate(
      trx
        .selectFrom('tickets')
        .selectAll()
        .where('workspace_id', '=', source.workspaceId)
        .where('source_id', '=', source.sourceId)
        .where('external_id', '=', externalId),
    )
    .executeTakeFirst();
}

/** Applies one record in its own transaction. */
export async function applyRecordInTransaction(
  db: Kysely<DB>,
  env: ApplyEnv,
  source: SourceContext,
  externalId: string,
  record: NormalizedRecord,
): Promise<ApplyResult> {
  return db.transaction().execute((trx) => applyRecord(trx, env, source, externalId, record));
}
