import type { Transaction } from 'kysely';
import { recordAudit } from '../audit/audit-log.js';
import type { DB } from '../db/schema.js';
import { ApiError } from '../http/errors.js';
import { setCriticalStatuses } from '../sources/repository.js';

export interface StatusMapping {
  state: 'open' | 'closed' | null;
  status: string | null;
  taskId: number;
}

/** Statuses are compared upper-cased (pt-BR), so "em análise" and "EM ANÁLISE" are one status. */
const upper = (status: string) => status.trim().toLocaleUpperCase('pt-BR');

/** Trimmed and upper-cased, each (state, status) once, each naming a status or a state. */
export function normalizeMappings(mappings: readonly StatusMapping[]): StatusMapping[] {
  const normalized = mappings.map((m, index) => {
    const status = m.status?.trim() ? upper(m.status) : null;
    if (status === null && m.state === null) {
      throw new ApiError('invalid_body', `mappings[${index}]`, 'Informe um status ou um estado (aberto/encerrado).');
    }
    return { state: m.state, status, taskId: m.taskId };
  });
  const keys = normalized.map((m) => `${m.state}|${m.status}`);
  const duplicate = keys.findIndex((key, i) => keys.indexOf(key) !== i);
  if (duplicate >= 0) throw new ApiError('invalid_body', `mappings[${duplicate}]`, 'Este status já está mapeado.');
  return normalized;
}

/**
 * Replaces which task each status (or state) of a source leads to, in the caller's transaction,
 * with its audit entry. Every task must be the workspace's; otherwise nothing is written.
 */
export async function replaceStatusMappings(
  trx: Transaction<DB>,
  actor: { workspaceId: number; userId: number },
  source: { id: number; name: string },
  normalized: readonly StatusMapping[],
): Promise<void> {
  const taskIds = [...new Set(normalized.map((m) => m.taskId))];
  const found = taskIds.length
    ? await trx
        .selectFrom('procedure_tasks')
        .select('id')
        .where('workspace_id', '=', actor.workspaceId)
        .where('id', 'in', taskIds)
        .execute()
    : [];
  if (found.length !== taskIds.length) {
    const known = new Set(found.map((row) => row.id));
    const index = normalized.findIndex((m) => !known.has(m.taskId));
    throw new ApiError('invalid_body', `mappings[${index}].taskId`, 'Tarefa não encontrada neste workspace.');
  }
  const before = await trx
    .selectFrom('status_mappings')
    .select(['match_state as state', 'match_status as status', 'task_id as taskId'])
    .where('workspace_id', '=', actor.workspaceId)
    .where('source_id', '=', source.id)
    .execute();
  await recordAudit(trx, {
    workspaceId: actor.workspaceId,
    userId: actor.userId,
    entity: 'status_mappings',
    entityId: source.name,
    action: 'update',
    before,
    after: normalized,
  });
  await trx
    .deleteFrom('status_mappings')
    .where('workspace_id', '=', actor.workspaceId)
    .where('source_id', '=', source.id)
    .execute();
  for (const m of normalized) {
    await trx
      .insertInto('status_mappings')
      .values({
        workspace_id: actor.workspaceId,
        source_id: source.id,
        match_state: m.state,
        match_status: m.status,
        task_id: m.taskId,
      })
      .execute();
  }
}

/** The statuses that make a source's tickets critical, each once, with the audit entry. */
export async function replaceCriticalStatuses(
  trx: Transaction<DB>,
  actor: { workspaceId: number; userId: number },
  source: { id: number },
  statuses: readonly string[],
): Promise<string[]> {
  const current = await trx
    .selectFrom('sources')
    .select('critical_statuses')
    .where('id', '=', source.id)
    .executeTakeFirstOrThrow();
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const status of statuses.map((s) => s.trim()).filter(Boolean)) {
    if (seen.has(upper(status))) continue;
    seen.add(upper(status));
    kept.push(status);
  }
  await setCriticalStatuses(trx, source.id, kept);
  await recordAudit(trx, {
    workspaceId: actor.workspaceId,
    userId: actor.userId,
    entity: 'source_critical_statuses',
    entityId: source.id,
    action: 'update',
    before: JSON.parse(current.critical_statuses),
    after: kept,
  });
  return kept;
}
