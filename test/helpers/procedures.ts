import { expect } from 'vitest';
import type { Session } from './users.js';

/**
 * One task of a procedure as the procedures API takes it: every action off, then `actions`
 * (e.g. `{ sendEmail: true, emailTemplateId: 3 }`).
 */
export function task(name: string, actions: Record<string, unknown> = {}) {
  return {
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
    ...actions,
  };
}

/**
 * A procedure of two tasks, "Aberto" and `closing`, with the source's open records routed to the first
 * and its closed records to the second (each step checked).
 */
export async function openAndCloseProcedure(
  session: Session,
  source: string,
  name: string,
  closing: ReturnType<typeof task>,
): Promise<{ opened: number; closed: number }> {
  const procedure = await session.call('POST', '/api/v1/procedures', { name, tasks: [task('Aberto'), closing] });
  expect(procedure.statusCode).toBe(201);
  const [opened, closed] = (procedure.json().tasks as { id: number }[]).map((created) => created.id);
  const mapped = await session.call('PUT', `/api/v1/sources/${source}/status-mappings`, {
    mappings: [
      { state: 'open', status: null, taskId: opened },
      { state: 'closed', status: null, taskId: closed },
    ],
  });
  expect(mapped.statusCode).toBe(200);
  return { opened: opened!, closed: closed! };
}
