import type { Transaction } from 'kysely';
import type { Engine } from '../db/engine.js';
import type { DB, Ticket } from '../db/schema.js';
import { MESSAGE_TIMELINE_TYPES } from '../messaging/message-timeline.js';
import { enqueueWhatsApp } from '../messaging/outbox/enqueue-whatsapp.js';
import { appendTimelineEntry } from '../tickets/timeline.js';
import { findMappedTask } from './repository.js';

export interface TaskContext {
  engine: Engine;
  publicUrl: string;
  now: number;
}

export interface EnteredTask {
  ticket: Ticket;
  /** Messages queued for the dispatcher (0 when none, or none could go out). */
  queued: number;
}

/**
 * After an event changed a ticket: the task its status (or state) maps to. Entering a task
 * other than the current one runs the task's actions in the same transaction; staying in the
 * same task does nothing, so a repeated status never sends twice.
 */
export async function enterMappedTask(trx: Transaction<DB>, ctx: TaskContext, ticket: Ticket): Promise<EnteredTask> {
  const task = await findMappedTask(trx, ticket.workspace_id, ticket.source_id, ticket.state, ticket.status);
  if (!task || task.id === ticket.current_task_id) return { ticket, queued: 0 };

  const entry = ticket.task_entries + 1;
  let updated = await trx
    .updateTable('tickets')
    .set({ current_task_id: task.id, task_entries: entry })
    .where('id', '=', ticket.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const timeline = (type: string, text: string, data?: unknown) =>
    appendTimelineEntry(trx, { workspaceId: ticket.workspace_id, ticketId: ticket.id, type, text, data, at: ctx.now });

  await timeline(MESSAGE_TIMELINE_TYPES.taskEntered, `Chamado entrou na tarefa “${task.name}”.`, { taskId: task.id });
  let queued = 0;
  if (task.send_whatsapp) {
    const result = await enqueueWhatsApp(trx, ctx, updated, task, entry);
    if (result.queued) queued++;
  }
  if (task.notify_team) {
    await timeline(MESSAGE_TIMELINE_TYPES.teamNotified, `Equipe notificada: o chamado chegou à tarefa “${task.name}”.`);
  }
  if (task.close_ticket && updated.state === 'open') {
    updated = await trx
      .updateTable('tickets')
      .set({ state: 'closed', closed_at: ctx.now, updated_at: ctx.now })
      .where('id', '=', ticket.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await timeline(MESSAGE_TIMELINE_TYPES.closedByTask, `Chamado encerrado pela tarefa “${task.name}”.`);
  }
  return { ticket: updated, queued };
}
