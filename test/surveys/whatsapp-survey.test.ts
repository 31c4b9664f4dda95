import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { record } from '../helpers/app.js';
import { ENGINES } from '../helpers/databases.js';
import { type MessagingContext, setupMessaging, types } from '../helpers/messaging.js';
import { createUser, signIn } from '../helpers/users.js';

/**
 * The survey answered inside WhatsApp, end to end over HTTP: the demo's closing template has
 * quick replies 1–5, the simulator shows them to the "customer", a tap comes back as a signed
 * webhook, and the score lands on the ticket with the channel whatsapp.
 */
describe.each(ENGINES)('survey answered with a WhatsApp button on %s', (engine) => {
  let m: MessagingContext;
  beforeAll(async () => {
    m = await setupMessaging(engine);
  });
  afterAll(async () => m?.close());

  const reply = (phone: string, body: object) =>
    fetch(`${m.baseUrl}/simulator/phones/${encodeURIComponent(phone)}/reply`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const answerOf = (ticketId: number) =>
    m.database.db.selectFrom('survey_answers').selectAll().where('ticket_id', '=', ticketId).executeTakeFirst();

  async function closedWithSurvey(externalId: string, name: string, phone: string) {
    const open = record({ customer: { name, phones: [phone] } });
    const { body: ticket } = await m.put(externalId, open);
    await m.waitFor(externalId, (v) => v.messages[0]?.status === 'read');
    await m.put(externalId, {
      ...open,
      state: 'closed',
      status: 'finalizada',
      occurredAt: '2026-11-23T16:05:52-03:00',
    });
    await m.waitFor(externalId, (v) => v.messages[1]?.status === 'read');
    return ticket as { id: number; trackingUrl: string };
  }

  it('records a tap on "5" under the closing message as the answer, with the channel whatsapp', async () => {
    const phone = '+5511976543210';
    const ticket = await closedWithSurvey('WS-1', 'Ana Beatriz Rocha', '(11) 97654-3210');
    const last = m.simulator.store.lastOutbound(phone);
    expect(last?.quickReplies.map((q) => q.text)).toEqual(['1', '2', '3', '4', '5']);
    expect((await reply(phone, { quickReply: 4 })).status).toBeLessThan(400);
    const view = await m.waitFor('WS-1', (v) => types(v).includes('survey_answered'));
    const entry = view.timeline.find((e: { type: string }) => e.type === 'survey_answered');
    expect(entry.text).toBe(
      'Cliente respondeu à pesquisa de satisfação pelo botão da mensagem no WhatsApp: nota 5 de 5 (Ótimo).',
    );
    expect(await answerOf(ticket.id)).toMatchObject({ csat: 5, channel: 'whatsapp', comment: null });

    // A later tap within 24 h changes the score (and keeps the channel).
    expect((await reply(phone, { quickReply: 1 })).status).toBeLessThan(400);
    await m.waitFor('WS-1', (v) => types(v).includes('survey_changed'));
    expect(await answerOf(ticket.id)).toMatchObject({ csat: 2, channel: 'whatsapp', changes: 1 });
  });

  it('leaves alone taps under other messages, and free text', async () => {
    const phone = '+5531991112222';
    const open = record({ customer: { name: 'Carlos', phones: ['(31) 99111-2222'] } });
    const { body: ticket } = await m.put('WS-2', open);
    await m.waitFor('WS-2', (v) => v.messages[0]?.status === 'read');
    await reply(phone, { buttonPayload: '5', text: '5' }); // not a button of the greeting
    await reply(phone, { text: '5', replyToLast: true });
    await m.waitFor('WS-2', (v) => types(v).filter((t) => t === 'customer_message').length === 2);
    expect(await answerOf(ticket.id)).toBeUndefined();
  });

  it('counts it in the response rate of the whatsapp channel', async () => {
    await createUser(
      m.database,
      (await m.database.db.selectFrom('workspaces').select('id').executeTakeFirstOrThrow()).id,
      'supervisor',
      'sup@demo.test',
    );
    const session = await signIn(m.app, 'sup@demo.test');
    const report = (await session.call('GET', '/api/v1/reports/summary')).json();
    const whatsapp = report.surveys.find((s: { channel: string }) => s.channel === 'whatsapp');
    expect(whatsapp).toMatchObject({ sent: 1, opened: 1, answered: 1, responseRate: 1 });
    expect(report.csat).toMatchObject({ answers: 1, average: 2, distribution: { '2': 1 } });
  });
});
