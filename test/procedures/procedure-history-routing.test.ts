import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { record, setupTestApp, type TestContext } from '../helpers/app.js';
import { ENGINES } from '../helpers/databases.js';
import { createUser, type Session, signIn } from '../helpers/users.js';

const task = (name: string, overrides: Record<string, unknown> = {}) => ({
  name,
  sendWhatsapp: false,
  templateId: null,
  bindings: {},
  sendEmail: false,
  emailFallback: false,
  notifyTeam: false,
  closeTicket: false,
  resendOnReentry: false,
  ...overrides,
});

describe.each(ENGINES)('Configurações > Procedimentos: one procedure, its history, status routing on %s', (engine) => {
  let t: TestContext;
  let supervisor: Session;
  let agent: Session;
  beforeAll(async () => {
    t = await setupTestApp(engine);
    await createUser(t.database, t.source.workspaceId, 'supervisor', 'supervisora@acme.test');
    await createUser(t.database, t.source.workspaceId, 'agent', 'agente@acme.test');
    supervisor = await signIn(t.app, 'supervisora@acme.test');
    agent = await signIn(t.app, 'agente@acme.test');
  });
  afterAll(async () => t?.close());

  it('reads one procedure, and lists who changed it, when, from what to what, newest first', async () => {
    const created = await supervisor.call('POST', '/api/v1/procedures', {
      name: 'Garantia',
      tasks: [task('Recebido'), task('Em reparo')],
    });
    expect(created.statusCode).toBe(201);
    const { id, tasks } = created.json() as { id: number; tasks: { id: number; name: string }[] };
    // Reordered: the same tasks (same ids), the other way round.
    const reordered = [
      { ...task('Em reparo', { notifyTeam: true }), id: tasks[1]!.id },
      { ...task('Recebido'), id: tasks[0]!.id },
    ];
    expect(
      (await supervisor.call('PUT', `/api/v1/procedures/${id}`, { name: 'Garantia', tasks: reordered })).statusCode,
    ).toBe(200);

    const one = await supervisor.call('GET', `/api/v1/procedures/${id}`);
    expect(one.statusCode).toBe(200);
    expect(one.json().tasks.map((x: { id: number; position: number }) => [x.id, x.position])).toEqual([
      [tasks[1]!.id, 0],
      [tasks[0]!.id, 1],
    ]);
    expect((await supervisor.call('GET', '/api/v1/procedures/999999')).statusCode).toBe(404);

    const history = await supervisor.call('GET', `/api/v1/procedures/${id}/history`);
    expect(history.statusCode).toBe(200);
    const entries = history.json().entries;
    expect(entries.map((e: { action: string }) => e.action)).toEqual(['update', 'create']);
    expect(entries[0]).toMatchObject({
      user: { name: 'supervisora', email: 'supervisora@acme.test' },
      before: { tasks: [{ name: 'Recebido' }, { name: 'Em reparo' }] },
      after: { tasks: [{ name: 'Em reparo', notifyTeam: true }, { name: 'Recebido' }] },
    });
    expect(entries[1].before).toBeNull();
    expect(Number.isNaN(Date.parse(entries[0].at))).toBe(false);
    // The log is for supervisors; agents do not read it.
    expect((await agent.call('GET', `/api/v1/procedures/${id}/history`)).statusCode).toBe(403);
  });

  it('saves the status mapping and the critical statuses together, or neither', async () => {
    const created = await supervisor.call('POST', '/api/v1/procedures', {
      name: 'Assistência',
      tasks: [task('Abertura'), task('Aguardando peça')],
    });
    const [opening, waiting] = created.json().tasks as { id: number }[];
    const url = `/api/v1/sources/${t.source.name}/status-routing`;

    const refused = await supervisor.call('PUT', url, {
      mappings: [
        { state: 'open', status: null, taskId: opening!.id },
        { state: null, status: 'aguardando peça', taskId: 987_654 },
      ],
      criticalStatuses: ['PROCON'],
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ field: 'mappings[1].taskId' });
    const duplicate = await supervisor.call('PUT', url, {
      mappings: [
        { state: null, status: 'Aguardando peça', taskId: opening!.id },
        { state: null, status: 'AGUARDANDO PEÇA ', taskId: waiting!.id },
      ],
      criticalStatuses: [],
    });
    expect(duplicate.json()).toMatchObject({ field: 'mappings[1]' });
    // Nothing of either refused save was kept.
    expect((await supervisor.call('GET', `/api/v1/sources/${t.source.name}/status-mappings`)).json().mappings).toEqual(
      [],
    );
    expect((await supervisor.call('GET', '/api/v1/sources')).json().sources[0].criticalStatuses).toEqual([]);

    const saved = await supervisor.call('PUT', url, {
      mappings: [
        { state: 'open', status: null, taskId: opening!.id },
        { state: null, status: 'aguardando peça', taskId: waiting!.id },
      ],
      criticalStatuses: ['Reclamação PROCON', 'RECLAMAÇÃO procon', ' Avaria '],
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toEqual({
      mappings: [
        { state: 'open', status: null, taskId: opening!.id },
        { state: null, status: 'AGUARDANDO PEÇA', taskId: waiting!.id },
      ],
      criticalStatuses: ['Reclamação PROCON', 'Avaria'],
    });

    // The next event follows the saved routing: the status leads to its task, and is critical.
    const put = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/sources/${t.source.name}/records/OS-77`,
      headers: { authorization: `Bearer ${t.source.apiKey}` },
      payload: record({ status: 'Avaria' }),
    });
    expect(put.statusCode).toBe(201);
    const ticket = (await supervisor.call('GET', `/api/v1/tickets/${put.json().id}`)).json().ticket;
    expect(ticket.critical).toBe(true);
    expect(ticket.currentTask).toMatchObject({ id: opening!.id });
    const waitingPut = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/sources/${t.source.name}/records/OS-77`,
      headers: { authorization: `Bearer ${t.source.apiKey}` },
      payload: record({ status: 'Aguardando Peça', occurredAt: '2026-11-21T09:00:00-03:00' }),
    });
    expect(waitingPut.statusCode).toBe(200);
    expect((await supervisor.call('GET', `/api/v1/tickets/${put.json().id}`)).json().ticket.currentTask).toMatchObject({
      id: waiting!.id,
    });
    expect((await agent.call('PUT', url, { mappings: [], criticalStatuses: [] })).statusCode).toBe(403);
  });
});
