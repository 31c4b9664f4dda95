import type { DraftProcedure, DraftTask, Procedure, TaskFields } from './types';

let counter = 0;
const newKey = () => `task-${++counter}`;

export function blankTask(name = ''): DraftTask {
  return {
    key: newKey(),
    name,
    sendWhatsapp: false,
    templateId: null,
    bindings: {},
    sendEmail: false,
    emailFallback: false,
    emailTemplateId: null,
    notifyTeam: false,
    closeTicket: false,
    resendOnReentry: false,
  };
}

export function draftOf(procedure: Procedure): DraftProcedure {
  return {
    id: procedure.id,
    name: procedure.name,
    tasks: procedure.tasks.map(({ position: _position, ...task }) => ({ ...task, key: `saved-${task.id}` })),
  };
}

/** The body of POST/PUT /api/v1/procedures: tasks in their on-screen order (that order is the procedure's). */
export function bodyOf(draft: DraftProcedure) {
  return {
    name: draft.name,
    tasks: draft.tasks.map(({ key: _key, ...task }): TaskFields & { id?: number } => task),
  };
}

/** Moves the task at `from` to `to`, the others keeping their order. */
export function moveTask(tasks: readonly DraftTask[], from: number, to: number): DraftTask[] {
  if (to < 0 || to >= tasks.length || from === to) return [...tasks];
  const next = [...tasks];
  const [moved] = next.splice(from, 1);
  next.splice(to, 0, moved!);
  return next;
}

export const sameDraft = (a: DraftProcedure, b: DraftProcedure) =>
  JSON.stringify(bodyOf(a)) === JSON.stringify(bodyOf(b));
