import type { Kysely, Transaction } from 'kysely';
import type { DB, ProcedureTask } from '../db/schema.js';

export interface TaskInput {
  name: string;
  sendWhatsapp?: boolean;
  whatsappTemplateId?: number | null;
  whatsappBindings?: Record<string, string>;
  sendEmail?: boolean;
  emailFallback?: boolean;
  emailTemplateId?: number | null;
  notifyTeam?: boolean;
  closeTicket?: boolean;
  resendOnReentry?: boolean;
}

const flag = (value: boolean | undefined): 0 | 1 => (value ? 1 : 0);

export function taskColumns(task: TaskInput) {
  return {
    name: task.name,
    send_whatsapp: flag(task.sendWhatsapp),
    whatsapp_template_id: task.whatsappTemplateId ?? null,
    whatsapp_bindings: JSON.stringify(task.whatsappBindings ?? {}),
    send_email: flag(task.sendEmail),
    email_fallback: flag(task.emailFallback),
    email_template_id: task.emailTemplateId ?? null,
    notify_team: flag(task.notifyTeam),
    close_ticket: flag(task.closeTicket),
    resend_on_reentry: flag(task.resendOnReentry),
  };
}

/** A procedure and its ordered tasks, in one transaction. */
export async function createProcedure(
  db: Kysely<DB>,
  workspaceId: number,
  name: string,
  tasks: TaskInput[],
  now = Date.now(),
): Promise<{ procedureId: number; taskIds: number[] }> {
  return db.transaction().execute(async (trx) => {
    const procedure = await trx
      .insertInto('procedures')
      .values({ workspace_id: workspaceId, name, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const taskIds: number[] = [];
    for (const [position, task] of tasks.entries()) {
      const row = await trx
        .insertInto('procedure_tasks')
        .values({
          workspace_id: workspaceId,
          procedure_id: procedure.id,
          position,
          ...taskColumns(task),
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      taskIds.push(row.id);
    }
    return { procedureId: procedure.id, taskIds };
  });
}

/**
 * Maps a source's records to a task: by status (compared upper-cased) or, with `status`
 * null, by state alone. Replaces the mapping for the same (source, state, status).
 */
export async function setStatusMapping(
  db: Kysely<DB> | Transaction<DB>,
  workspaceId: number,
  sourceId: number,
  match: { state: 'open' | 'closed' | null; status: string | null },
  taskId: number,
): Promise<void> {
  const status = match.status === null ? null : match.status.toLocaleUpperCase('pt-BR');
  let existing = db
    .deleteFrom('status_mappings')
    .where('workspace_id', '=', workspaceId)
    .where('source_id', '=', sourceId);
  existing =
    match.state === null ? existing.where('match_state', 'is', null) : existing.where('match_state', '=', match.state);
  existing = status === null ? existing.where('match_status', 'is', null) : existing.where('match_status', '=', status);
  await existing.execute();
  await db
    .insertInto('status_mappings')
    .values({
      workspace_id: workspaceId,
      source_id: sourceId,
      match_state: match.state,
      match_status: status,
      task_id: taskId,
    })
    .execute();
}

/**
 * The task an event leads to: a mapping of its status wins over a mapping of its state alone.
 * Read in the event's transaction, so a saved change applies to every event after it.
 */
export async function findMappedTask(
  trx: Transaction<DB>,
  workspaceId: number,
  sourceId: number,
  state: 'open' | 'closed',
  status: string | null,
): Promise<ProcedureTask | undefined> {
  const upper = status?.toLocaleUpperCase('pt-BR') ?? null;
  const rows = await trx
    .selectFrom('status_mappings')
    .innerJoin('procedure_tasks', 'procedure_tasks.id', 'status_mappings.task_id')
    .selectAll('procedure_tasks')
    .select(['status_mappings.match_status', 'status_mappings.match_state'])
    .where('status_mappings.workspace_id', '=', workspaceId)
    .where('status_mappings.source_id', '=', sourceId)
    .where((eb) =>
      eb.or([
        ...(upper === null ? [] : [eb('status_mappings.match_status', '=', upper)]),
        eb.and([eb('status_mappings.match_status', 'is', null), eb('status_mappings.match_state', '=', state)]),
      ]),
    )
    .execute();
  const byStatus = rows.find(
    (row) => row.match_status !== null && (row.match_state === null || row.match_state === state),
  );
  const chosen = byStatus ?? rows.find((row) => row.match_status === null);
  if (!chosen) return undefined;
  const { match_status: _s, match_state: _m, ...task } = chosen;
  return task;
}
