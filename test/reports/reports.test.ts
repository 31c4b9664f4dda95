import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageStatus } from '../../src/db/schema.js';
import { createTestSource, PUBLIC_URL } from '../helpers/app.js';
import { ENGINES } from '../helpers/databases.js';
import { createUser, signIn } from '../helpers/users.js';
import { form, formTokenOf, type PortalTestContext, setupPortal, tokenOf } from '../portal/portal-helpers.js';

describe.each(ENGINES)('reports on %s', (engine) => {
  let p: PortalTestContext;
  let seq = 0;

  const ticket = async () => {
    seq++;
    const t = await p.put(`RP-${seq}`);
    return { ...t, token: tokenOf(t.trackingUrl) };
  };
  const message = async (
    t: { id: number; token: string },
    channel: 'whatsapp' | 'email',
    status: MessageStatus,
    extra: { survey?: boolean; reason?: string; title?: string; workspaceId?: number } = {},
  ) => {
    const now = Date.now();
    const code = channel === 'whatsapp' ? 'w' : 'e';
    const text = extra.survey
      ? `Seu chamado foi concluído. Avalie: ${PUBLIC_URL}/s/${t.token}?c=${code}`
      : `Acompanhe: ${PUBLIC_URL}/t/${t.token}?c=${code}`;
    await p.database.db
      .insertInto('messages')
      .values({
        workspace_id: extra.workspaceId ?? p.source.workspaceId,
        ticket_id: t.id,
        channel,
        template_name: 'encerramento_chamado',
        recipient: status === 'not_sent' ? null : '+5519998765432',
        content: JSON.stringify(status === 'not_sent' ? {} : { text, parameters: [], quickReplies: [] }),
        status,
        reason: extra.reason ?? null,
        error_title: extra.title ?? null,
        next_attempt_at: now,
        idempotency_key: `test:${t.id}:${channel}:${status}:${Math.random()}`,
        created_at: now,
        updated_at: now,
        sent_at: ['sent', 'delivered', 'read', 'failed'].includes(status) ? now : null,
      })
      .execute();
  };
  const visit = (url: string) => p.app.inject({ method: 'GET', url });
  const answer = async (token: string, csat: string, c?: string) => {
    const page = await visit(`/s/${token}${c ? `?c=${c}` : ''}`);
    const body = form({ form_token: formTokenOf(page.body), csat, ...(c ? { c } : {}) });
    const response = await p.app.inject({ method: 'POST', url: `/s/${token}`, ...body });
    expect(response.statusCode).toBe(303);
  };

  beforeAll(async () => {
    p = await setupPortal(engine);
    const a = await ticket(); // WhatsApp survey: opened and answered 5
    await message(a, 'whatsapp', 'read', { survey: true });
    await answer(a.token, '5', 'w');
    const b = await ticket(); // WhatsApp survey: opened only (twice)
    await message(b, 'whatsapp', 'delivered', { survey: true });
    await visit(`/s/${b.token}?c=w`);
    await visit(`/s/${b.token}?c=w`);
    const c = await ticket(); // e-mail survey: answered 3
    await message(c, 'email', 'sent', { survey: true });
    await answer(c.token, '3', 'e');
    const d = await ticket(); // e-mail survey that failed: not sent
    await message(d, 'email', 'failed', { survey: true, reason: '131026', title: 'Message undeliverable' });
    const e = await ticket(); // no valid phone
    await message(e, 'whatsapp', 'not_sent', { reason: 'no_valid_phone' });
    const f = await ticket(); // tracking opens: WhatsApp twice (counts once), unknown once
    await message(f, 'whatsapp', 'read');
    await visit(`/t/${f.token}?c=w`);
    await visit(`/t/${f.token}?c=w`);
    await visit(`/t/${f.token}?c=zz`);
    const g = await ticket(); // an answer through a link with no channel: CSAT counts it
    await answer(g.token, '1');
    await p.put(`RP-${seq}`, { state: 'closed', occurredAt: '2026-11-25T10:00:00-03:00' });

    // Another workspace's figures never leak in.
    const globex = await createTestSource(p.database, 'globex');
    const other = await p.app.inject({
      method: 'PUT',
      url: '/api/v1/sources/erp/records/GX-1',
      headers: { authorization: `Bearer ${globex.apiKey}` },
      payload: {
        state: 'open',
        occurredAt: '2026-11-20T10:00:00Z',
        customer: { name: 'Outro', phones: [] },
        fields: {},
      },
    });
    const x = { id: other.json().id as number, token: tokenOf(other.json().trackingUrl) };
    await message(x, 'whatsapp', 'read', { survey: true, workspaceId: globex.workspaceId });
    await answer(x.token, '1', 'w');
  });
  afterAll(async () => p?.close());

  it('counts messages, failures, surveys per channel, opens, CSAT and tickets for the workspace', async () => {
    const response = await p.supervisor.call('GET', '/api/v1/reports/summary');
    expect(response.statusCode).toBe(200);
    const report = response.json();
    expect(report.tickets).toEqual({ opened: 7, closed: 1 });
    expect(report.messages).toEqual(
      expect.arrayContaining([
        { channel: 'whatsapp', status: 'read', count: 2 },
        { channel: 'whatsapp', status: 'delivered', count: 1 },
        { channel: 'whatsapp', status: 'not_sent', count: 1 },
        { channel: 'email', status: 'sent', count: 1 },
        { channel: 'email', status: 'failed', count: 1 },
      ]),
    );
    expect(report.messages).toHaveLength(5);
    expect(report.failures).toEqual(
      expect.arrayContaining([
        {
          channel: 'whatsapp',
          status: 'not_sent',
          reason: 'no_valid_phone',
          label: 'Não possui telefone para envio de mensagem',
          count: 1,
        },
        {
          channel: 'email',
          status: 'failed',
          reason: '131026',
          label: 'Falha no provedor (código 131026): Message undeliverable',
          count: 1,
        },
      ]),
    );
    expect(report.surveys).toEqual([
      { channel: 'whatsapp', sent: 2, opened: 2, answered: 1, responseRate: 0.5, openRate: 1 },
      { channel: 'email', sent: 1, opened: 1, answered: 1, responseRate: 1, openRate: 1 },
      { channel: 'unknown', sent: 0, opened: 0, answered: 0, responseRate: null, openRate: null },
    ]);
    expect(report.links).toEqual([
      { channel: 'whatsapp', trackingOpened: 1, surveyOpened: 2 },
      { channel: 'email', trackingOpened: 0, surveyOpened: 1 },
      { channel: 'unknown', trackingOpened: 1, surveyOpened: 1 },
    ]);
    expect(report.csat).toEqual({
      answers: 3,
      average: 3,
      distribution: { '1': 1, '2': 0, '3': 1, '4': 0, '5': 1 },
      byChannel: [
        { channel: 'whatsapp', answers: 1, average: 5 },
        { channel: 'email', answers: 1, average: 3 },
        { channel: 'unknown', answers: 1, average: 1 },
      ],
    });
    expect(report.nps).toEqual({ answers: 0, score: null, promoters: 0, passives: 0, detractors: 0 });
  });

  it('gives every day of the period, zeros included, summing to the totals', async () => {
    const report = (await p.supervisor.call('GET', '/api/v1/reports/summary')).json();
    expect(report.daily).toHaveLength(30); // the default period: the 30 days up to today
    expect(report.daily[0].date).toBe(report.period.from);
    expect(report.daily.at(-1).date).toBe(report.period.to);
    const today = report.daily.at(-1);
    expect(today).toMatchObject({ ticketsOpened: 7, ticketsClosed: 1 });
    expect(today.messages).toEqual(expect.arrayContaining(report.messages));
    expect(today.messages).toHaveLength(report.messages.length);
    for (const day of report.daily.slice(0, -1)) {
      expect(day).toEqual({ date: day.date, ticketsOpened: 0, ticketsClosed: 0, messages: [] });
    }
  });

  it('puts a message on its day in Brasília time, both ends of the period included', async () => {
    const [t] = await p.database.db
      .selectFrom('tickets')
      .select('id')
      .where('workspace_id', '=', p.source.workspaceId)
      .execute();
    const at = async (iso: string) => {
      const ms = Date.parse(iso);
      await p.database.db
        .insertInto('messages')
        .values({
          workspace_id: p.source.workspaceId,
          ticket_id: t?.id ?? 0,
          channel: 'email',
          template_name: 'saudacao',
          recipient: 'cliente@example.com',
          content: '{}',
          status: 'delivered',
          next_attempt_at: ms,
          idempotency_key: `day:${iso}`,
          created_at: ms,
          updated_at: ms,
          sent_at: ms,
        })
        .execute();
    };
    await at('2025-03-09T23:59:59.999-03:00'); // the day before: outside
    await at('2025-03-10T00:00:00.000-03:00'); // the first instant
    await at('2025-03-11T23:59:59.999-03:00'); // 02:59 UTC on the 12th, still the 11th in Brasília
    await at('2025-03-12T12:00:00.000-03:00');
    await at('2025-03-12T23:59:59.999-03:00'); // the last instant
    await at('2025-03-13T00:00:00.000-03:00'); // the day after: outside
    const report = (await p.supervisor.call('GET', '/api/v1/reports/summary?from=2025-03-10&to=2025-03-12')).json();
    const delivered = (channel: string) => ({ channel, status: 'delivered' });
    expect(report.daily).toEqual([
      { date: '2025-03-10', ticketsOpened: 0, ticketsClosed: 0, messages: [{ ...delivered('email'), count: 1 }] },
      { date: '2025-03-11', ticketsOpened: 0, ticketsClosed: 0, messages: [{ ...delivered('email'), count: 1 }] },
      { date: '2025-03-12', ticketsOpened: 0, ticketsClosed: 0, messages: [{ ...delivered('email'), count: 2 }] },
    ]);
    expect(report.messages).toEqual([{ ...delivered('email'), count: 4 }]);
  });

  it('is empty for a period with nothing in it', async () => {
    const report = (await p.supervisor.call('GET', '/api/v1/reports/summary?from=2020-01-01&to=2020-01-31')).json();
    expect(report.period).toEqual({ from: '2020-01-01', to: '2020-01-31', timeZone: 'America/Sao_Paulo' });
    expect(report.tickets).toEqual({ opened: 0, closed: 0 });
    expect(report.messages).toEqual([]);
    expect(report.csat.answers).toBe(0);
  });

  it('exports the same figures as a CSV for Excel in pt-BR', async () => {
    const response = await p.supervisor.call('GET', '/api/v1/reports/summary.csv?from=2026-01-01&to=2026-12-31');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="ponte-relatorio-2026-01-01-a-2026-12-31.csv"',
    );
    const bytes = response.rawPayload;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = response.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('Seção;Indicador;Canal;Valor');
    // Only when "now" is in 2026 do the figures fall in this period.
    if (new Date().getUTCFullYear() === 2026) {
      expect(lines).toContain('Pesquisas;Taxa de resposta;WhatsApp;50,0%');
      expect(lines).toContain('Pesquisas;Enviadas;E-mail;1');
      expect(lines).toContain('CSAT;Média;;3,00');
      expect(lines).toContain('Falhas;Não possui telefone para envio de mensagem;WhatsApp;1');
      expect(lines).toContain('Mensagens;Lida;WhatsApp;2');
    }
    expect(lines).toContain('Pesquisas;Taxa de resposta;Sem canal identificado;');
  });

  it('refuses a bad period with a 400 naming the field', async () => {
    for (const [query, field] of [
      ['from=2026-02-30', 'from'],
      ['to=27/11/2026', 'to'],
      ['from=2026-11-10&to=2026-11-01', 'from'],
      ['from=2024-01-01&to=2026-01-01', 'from'],
    ]) {
      const response = await p.supervisor.call('GET', `/api/v1/reports/summary?${query}`);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'invalid_period', field });
    }
  });

  it('is for supervisors only', async () => {
    expect((await p.app.inject({ method: 'GET', url: '/api/v1/reports/summary' })).statusCode).toBe(401);
    await createUser(p.database, p.source.workspaceId, 'agent', 'agente@acme.test');
    const agent = await signIn(p.app, 'agente@acme.test');
    expect((await agent.call('GET', '/api/v1/reports/summary.csv')).statusCode).toBe(403);
  });
});
