import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_PHONE_TEXT } from '../../src/messaging/message-timeline.js';
import { record } from '../helpers/app.js';
import { ENGINES } from '../helpers/databases.js';
import { type MessagingContext, setupMessaging } from '../helpers/messaging.js';
import { createUser, type Session, signIn } from '../helpers/users.js';

describe.each(ENGINES)('the agent works tickets over the console API on %s', (engine) => {
  let m: MessagingContext;
  let agent: Session;
  beforeAll(async () => {
    m = await setupMessaging(engine);
    const workspace = await m.database.db
      .selectFrom('workspaces')
      .select('id')
      .where('slug', '=', 'demo')
      .executeTakeFirstOrThrow();
    await createUser(m.database, workspace.id, 'agent', 'agente@demo.test');
    agent = await signIn(m.app, 'agente@demo.test');
  });
  afterAll(async () => m?.close());

  it('fixes a missing phone and resends the greeting, which then reaches the customer', async () => {
    const { body: created } = await m.put('C-1', record({ customer: { name: 'Rita', phones: ['(19) 3232-1100'] } }));
    const before = (await agent.call('GET', `/api/v1/tickets/${created.id}`)).json();
    expect(before.ticket.currentTask).toMatchObject({ name: 'Abertura' });
    expect(before.ticket.customer.phones).toEqual([
      { raw: '(19) 3232-1100', e164: '+551932321100', mobile: false, whatsapp: 'unknown', optedOut: false },
    ]);
    expect(before.timeline.map((e: { text: string }) => e.text)).toContain(NO_PHONE_TEXT);

    const list = (await agent.call('GET', '/api/v1/tickets?noValidPhone=true')).json();
    expect(list.tickets.map((t: { id: number }) => t.id)).toContain(created.id);
    expect(list.tickets.find((t: { id: number }) => t.id === created.id)).toMatchObject({
      phoneProblem: true,
      lastMessageStatus: 'not_sent',
    });

    const edited = await agent.call('PUT', `/api/v1/tickets/${created.id}/customer`, { phones: ['(19) 98111-2233'] });
    expect(edited.statusCode).toBe(200);
    expect(edited.json().ticket.customer.phones[0]).toMatchObject({ e164: '+5519981112233', mobile: true });
    const resent = await agent.call('POST', `/api/v1/tickets/${created.id}/resend`);
    expect(resent.json()).toEqual({ queued: true });
    await m.waitFor('C-1', (v) => v.messages[1]?.status === 'read');
    expect(m.simulator.store.conversation('+5519981112233')).toHaveLength(1);

    // The next event from the source, with its old phone list, does not undo the agent's fix.
    await m.put(
      'C-1',
      record({
        status: 'aguardando peça',
        occurredAt: '2026-11-21T10:00:00Z',
        customer: { name: 'Rita', phones: ['(19) 3232-1100'] },
      }),
    );
    const after = (await agent.call('GET', `/api/v1/tickets/${created.id}`)).json();
    expect(after.ticket.customer.phones[0].e164).toBe('+5519981112233');
  });

  it('keeps internal notes on the timeline for the team', async () => {
    const { body: created } = await m.put('C-2', record());
    const note = await agent.call('POST', `/api/v1/tickets/${created.id}/notes`, {
      text: 'Cliente pediu visita à tarde.',
    });
    expect(note.statusCode).toBe(201);
    expect(note.json()).toMatchObject({ type: 'internal_note', text: 'Cliente pediu visita à tarde.' });
    const view = await m.get('C-2');
    expect(view.timeline.map((e: { type: string }) => e.type)).toContain('internal_note');
  });

  it('pins a ticket on top of the list', async () => {
    const { body: old } = await m.put('C-3', record());
    await m.put('C-4', record());
    expect((await agent.call('PUT', `/api/v1/tickets/${old.id}/pin`, { pinned: true })).json()).toMatchObject({
      pinned: true,
    });
    const page = (await agent.call('GET', '/api/v1/tickets?limit=2')).json();
    expect(page.tickets[0].id).toBe(old.id);
    const all: number[] = [];
    let cursor: string | null = null;
    do {
      const next: { tickets: { id: number }[]; nextCursor: string | null } = (
        await agent.call('GET', `/api/v1/tickets?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
      ).json();
      all.push(...next.tickets.map((t: { id: number }) => t.id));
      cursor = next.nextCursor;
    } while (cursor);
    expect(new Set(all).size).toBe(all.length);
    expect(all.length).toBe((await m.database.db.selectFrom('tickets').select('id').execute()).length);
  });

  it('streams a ticket created by the API to an open console within a second', async () => {
    const controller = new AbortController();
    const response = await fetch(`${m.baseUrl}/api/v1/events`, {
      headers: { cookie: agent.cookie },
      signal: controller.signal,
    });
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    await reader.read(); // ": conectado"
    const put = await m.put('C-LIVE', record({ customer: { name: 'Ao Vivo', phones: [] } }));
    const answeredAt = Date.now();
    let buffer = '';
    let event: { kind: string; ticket: { id: number; customerName: string } } | undefined;
    while (!event) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value);
      for (const block of buffer.split('\n\n')) {
        const data = /^event: ticket\ndata: (.*)$/m.exec(block)?.[1];
        if (data && JSON.parse(data).ticket.id === put.body.id) event = JSON.parse(data);
      }
    }
    const elapsed = Date.now() - answeredAt;
    controller.abort();
    expect(event).toMatchObject({ kind: 'created', ticket: { id: put.body.id, customerName: 'Ao Vivo' } });
    expect(elapsed).toBeLessThan(1_000);
  });
});
