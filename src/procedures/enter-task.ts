import type { Transaction } from 'kysely';
import type { Engine } from '../db/engine.js';
import type { DB, ProcedureTask, Ticket } from '../db/schema.js';
import { enqueueEmail } from '../email/enqueue-email.js';
import { MESSAGE_TIMELINE_TYPES } from '../messaging/message-timeline.js';
import { enqueueWhatsApp } from '../messaging/outbox/enqueue-whatsapp.js';
import type { NewTimelineEntry } from '../tickets/timeline.js';
import type { WorkspaceConfig } from './workspace-config.js';

export interface TaskContext {
  engine: Engine;
  publicUrl: string;
  now: number;
  config: WorkspaceConfig;
}

/**
 * The task an event leads the ticket into, or undefined when it stays where it is: entering a
 * task other than the current one runs its actions; staying in the same task does nothing, so a
 * repeated status never sends twice.
 */
export function taskToEnter(
  config: WorkspaceConfig,
  ticket: Pick<Ticket, 'source_id' | 'state' | 'status' | 'current_task_id'>,
) {
  const task = config.resolveTask(ticket.source_id, ticket.state, ticket.status);
  return task && task.id !== ticket.current_task_id ? task : undefined;
}

/**
 * Runs a task's actions for a ticket that just entered it (its current_task_id and task_entries
 * already written), in the event's transaction. Timeline entries are added to `timeline`, which
 * the caller writes in one statement. Returns the ticket (closed, if the task closes it) and the
 * number of messages queued.
 */
export async function runTaskActions(
  trx: Transaction<DB>,
  ctx: TaskContext,
  ticket: Ticket,
  task: ProcedureTask,
  timeline: NewTimelineEntry[],
): Promise<{ ticket: Ticket; queued: number }> {
  const entry = (type: string, text: string, data?: unknown) =>
    timeline.push({ workspaceId: ticket.workspace_id, ticketId: ticket.id, type, text, data, at: ctx.now });
  entry(MESSAGE_TIMELINE_TYPES.taskEntered, `Chamado entrou na tarefa “${task.name}”.`, { taskId: task.id });
  let queued = 0;
  let noWhatsApp = false;
  if (task.send_whatsapp) {
    const result = await enqueueWhatsApp(trx, ctx, ticket, task, ticket.task_entries, undefined, timeline);
    if (result.queued) queued++;
    noWhatsApp = result.noWhatsApp;
  }
  // "Enviar e-mail" always, or only as the fallback of a WhatsApp the customer cannot receive.
  if (task.send_email || (task.email_fallback && noWhatsApp)) {
    const result = await enqueueEmail(trx, ctx, ticket, task, {
      entry: ticket.task_entries,
      fallback: !task.send_email,
      timeline,
    });
    if (result.queued) queued++;
  }
  if (task.notify_team) {
    entry(MESSAGE_TIMELINE_TYPES.teamNotified, `Equipe notificada: o chamado chegou à tarefa “${task.name}”.`);
  }
  let current = ticket;
  if (task.close_ticket && current.state === 'open') {
    current = await trx
      .updateTable('tickets')
      .set({ state: 'closed', closed_at: ctx.now, updated_at: ctx.now })
      .where('id', '=', ticket.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    entry(MESSAGE_TIMELINE_TYPES.closedByTask, `Chamado encerrado pela tarefa “${task.name}”.`);
  }
  return { ticket: current, queued };
}
