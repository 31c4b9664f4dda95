import { t } from '../../strings';
import type { Procedure, SavedTask } from './types';

type Flag = 'sendWhatsapp' | 'sendEmail' | 'emailFallback' | 'notifyTeam' | 'closeTicket' | 'resendOnReentry';

const FLAGS: readonly Flag[] = [
  'sendWhatsapp',
  'sendEmail',
  'emailFallback',
  'notifyTeam',
  'closeTicket',
  'resendOnReentry',
];

/** What one save changed, in pt-BR sentences a supervisor reads ("Adicionou a tarefa “Entrega”."). */
export function summarizeChange(before: Procedure | null, after: Procedure | null): string[] {
  const p = t.procedures;
  if (!after) return [];
  if (!before) return [p.historyCreated(after.tasks.length)];
  const lines: string[] = [];
  if (before.name !== after.name) lines.push(p.historyRenamed(before.name, after.name));
  const old = new Map(before.tasks.map((task) => [task.id, task]));
  const kept = new Set(after.tasks.map((task) => task.id));
  for (const task of after.tasks) {
    const previous = old.get(task.id);
    if (!previous) {
      lines.push(p.historyTaskAdded(task.name));
      continue;
    }
    if (previous.name !== task.name) lines.push(p.historyTaskRenamed(previous.name, task.name));
    const what = taskDifferences(previous, task);
    if (what.length > 0) lines.push(p.historyTaskChanged(task.name, what.join(', ')));
  }
  for (const task of before.tasks) if (!kept.has(task.id)) lines.push(p.historyTaskRemoved(task.name));
  const order = (tasks: readonly SavedTask[]) => tasks.filter((task) => old.has(task.id) && kept.has(task.id));
  const beforeOrder = order(before.tasks).map((task) => task.id);
  const afterOrder = order(after.tasks).map((task) => task.id);
  if (beforeOrder.join() !== afterOrder.join())
    lines.push(p.historyReordered(after.tasks.map((x) => x.name).join(' → ')));
  return lines.length > 0 ? lines : [p.historyNoChange];
}

function taskDifferences(before: SavedTask, after: SavedTask): string[] {
  const p = t.procedures;
  const labels: Record<Flag, string> = {
    sendWhatsapp: p.sendWhatsapp,
    sendEmail: p.sendEmail,
    emailFallback: p.emailFallback,
    notifyTeam: p.notifyTeam,
    closeTicket: p.closeTicket,
    resendOnReentry: p.resendOnReentry,
  };
  const what: string[] = [];
  for (const flag of FLAGS) {
    if (before[flag] !== after[flag]) what.push(after[flag] ? p.historyOn(labels[flag]) : p.historyOff(labels[flag]));
  }
  if (before.templateId !== after.templateId) what.push(p.historyTemplate);
  if (JSON.stringify(before.bindings) !== JSON.stringify(after.bindings)) what.push(p.historyBindings);
  if ((before.emailTemplateId ?? null) !== (after.emailTemplateId ?? null)) what.push(p.historyEmailTemplate);
  return what;
}
