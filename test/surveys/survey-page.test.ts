import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FormTokens } from '../../src/surveys/form-token.js';
import { ENGINES } from '../helpers/databases.js';
import { form, formTokenOf, type PortalTestContext, setupPortal, tokenOf } from '../portal/portal-helpers.js';

const SECRET_KEY = Buffer.alloc(32, 7); // testConfig's key

describe.each(ENGINES)('satisfaction survey page on %s', (engine) => {
  let p: PortalTestContext;
  let seq = 0;
  let testNo = 0;
  beforeEach(() => {
    testNo++;
  });
  beforeAll(async () => {
    p = await setupPortal(engine, {
      limits: {
        surveyPostsPerToken: { limit: 8, windowMs: 60_000 },
        surveyPostsPerIp: { limit: 40, windowMs: 60_000 },
      },
    });
  });
  afterAll(async () => p?.close());

  /** A closed ticket of its own, so each test starts from no answer. */
  async function closedTicket() {
    seq++;
    const id = `SV-${seq}`;
    const ticket = await p.put(id);
    await p.put(id, { state: 'closed', status: 'finalizada', occurredAt: '2026-11-22T10:00:00-03:00' });
    return { ...ticket, token: tokenOf(ticket.trackingUrl) };
  }
  // Each test posts from its own address, so the per-address limit is tested on its own.
  const ip = () => `10.1.0.${testNo}`;
  const open = (token: string, query = '?c=w') =>
    p.app.inject({ method: 'GET', url: `/s/${token}${query}`, remoteAddress: ip() });
  const post = (token: string, fields: Record<string, string>, headers: Record<string, string> = {}) => {
    const body = form(fields);
    return p.app.inject({
      method: 'POST',
      url: `/s/${token}`,
      payload: body.payload,
      headers: { ...body.headers, ...headers },
      remoteAddress: ip(),
    });
  };
  const answers = (ticketId: number) =>
    p.database.db.selectFrom('survey_answers').selectAll().where('ticket_id', '=', ticketId).execute();
  const surveyEntries = (ticketId: number) =>
    p.database.db
      .selectFrom('timeline_entries')
      .select(['type', 'text'])
      .where('ticket_id', '=', ticketId)
      .where('type', 'like', 'survey_%')
      .execute();

  it('shows the CSAT question, the comment box and a form token; works without JavaScript', async () => {
    const t = await closedTicket();
    const page = await open(t.token);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Como você avalia o atendimento que recebeu?');
    expect(page.body).toContain('Quer contar mais alguma coisa? (opcional)');
    for (let score = 1; score <= 5; score++) expect(page.body).toContain(`name="csat" value="${score}"`);
    expect(page.body).toContain(`<form class="card survey" method="post" action="/s/${t.token}">`);
    expect(page.body).toContain('maxlength="1000"');
    expect(page.body).toContain('name="c" value="w"');
    expect(page.body).not.toContain('name="nps"');
    formTokenOf(page.body);
    expect(page.headers['referrer-policy']).toBe('no-referrer');
  });

  it('records an answer once, with the channel, on the ticket timeline, and thanks the customer', async () => {
    const t = await closedTicket();
    const token = formTokenOf((await open(t.token)).body);
    const fields = { form_token: token, c: 'w', csat: '5', comment: 'Técnico pontual e educado.' };
    const first = await post(t.token, fields);
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toBe(`/s/${t.token}/obrigado?c=w`);
    const thanks = await p.app.inject({ method: 'GET', url: first.headers.location as string });
    expect(thanks.statusCode).toBe(200);
    expect(thanks.body).toContain('Obrigado pela avaliação!');
    expect(thanks.body).toContain('5 de 5');

    // The same form again (a double tap, a back-and-resubmit): a clear 409, nothing recorded twice.
    const again = await post(t.token, fields);
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('Esta resposta já tinha sido registrada; nada foi gravado de novo.');
    const rows = await answers(t.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ csat: 5, nps: null, comment: 'Técnico pontual e educado.', channel: 'whatsapp' });
    const entries = await surveyEntries(t.id);
    expect(entries).toEqual([
      {
        type: 'survey_answered',
        text: 'Cliente respondeu à pesquisa de satisfação pelo link enviado no WhatsApp: nota 5 de 5 (Ótimo). Comentário: “Técnico pontual e educado.”',
      },
    ]);
    // The tracking page now thanks instead of asking.
    const tracking = await p.app.inject({ method: 'GET', url: `/t/${t.token}?c=w` });
    expect(tracking.body).toContain('Obrigado pela avaliação!');
    expect(tracking.body).toContain('Você avaliou o atendimento');
  });

  it('records one answer when the same form is posted several times at once', async () => {
    const t = await closedTicket();
    const token = formTokenOf((await open(t.token)).body);
    const results = await Promise.all(
      Array.from({ length: 5 }, () => post(t.token, { form_token: token, c: 'w', csat: '4' })),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([303, 409, 409, 409, 409]);
    expect(await answers(t.id)).toHaveLength(1);
    expect(await surveyEntries(t.id)).toHaveLength(1);
  });

  it('lets the answer change within 24 hours with a fresh form, and then no more', async () => {
    const t = await closedTicket();
    await post(t.token, { form_token: formTokenOf((await open(t.token)).body), csat: '2', c: 'e' });
    const page = (await open(t.token, '?c=e')).body;
    expect(page).toContain('Você já respondeu em');
    expect(page).toContain('name="csat" value="2" checked');
    const changed = await post(t.token, {
      form_token: formTokenOf(page),
      csat: '4',
      comment: 'Resolveram no fim.',
      c: 'e',
    });
    expect(changed.statusCode).toBe(303);
    const [row] = await answers(t.id);
    expect(row).toMatchObject({ csat: 4, comment: 'Resolveram no fim.', channel: 'email', changes: 1 });
    expect((await surveyEntries(t.id)).map((e) => e.type)).toEqual(['survey_answered', 'survey_changed']);

    // 24 hours after the first answer, the window is closed: no form, and a post is refused.
    const formToken = formTokenOf((await open(t.token)).body);
    await p.database.db
      .updateTable('survey_answers')
      .set({ created_at: Date.now() - 24 * 3_600_000 - 1_000 })
      .where('ticket_id', '=', t.id)
      .execute();
    const late = await post(t.token, { form_token: formToken, csat: '1' });
    expect(late.statusCode).toBe(409);
    expect(late.body).toContain('O prazo para alterar a resposta terminou em');
    expect(late.body).not.toContain('<form');
    expect((await answers(t.id))[0]).toMatchObject({ csat: 4 });
    const closed = await open(t.token);
    expect(closed.body).toContain('não pode mais ser alterada');
    expect(closed.body).not.toContain('<form');
  });

  it.each([
    ['no score', {}, 'Escolha uma nota de 1 a 5 para o atendimento.'],
    ['a score above the scale', { csat: '6' }, 'A nota do atendimento deve ser um número de 1 a 5.'],
    ['a score below the scale', { csat: '0' }, 'A nota do atendimento deve ser um número de 1 a 5.'],
    ['a score that is not a number', { csat: 'cinco' }, 'A nota do atendimento deve ser um número de 1 a 5.'],
    ['a fractional score', { csat: '4.5' }, 'A nota do atendimento deve ser um número de 1 a 5.'],
    [
      'a comment over 1,000 characters',
      { csat: '5', comment: 'á'.repeat(1001) },
      'O comentário pode ter até 1.000 caracteres; o seu tem 1.001.',
    ],
  ])('refuses %s with a pt-BR message on the page (422), keeping what was typed', async (_name, fields, message) => {
    const t = await closedTicket();
    const response = await post(t.token, {
      form_token: formTokenOf((await open(t.token)).body),
      comment: 'meu texto',
      ...fields,
    });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain(message);
    expect(response.body).toContain('role="alert"');
    if (!('comment' in fields)) expect(response.body).toContain('>meu texto</textarea>');
    formTokenOf(response.body); // a fresh form to try again
    expect(await answers(t.id)).toHaveLength(0);
  });

  it('checks NPS against 0–10 when the workspace asks it', async () => {
    const t = await closedTicket();
    const settings = (npsEnabled: boolean) =>
      p.supervisor.call('PUT', '/api/v1/portal/settings', {
        logoUrl: null,
        brandColor: null,
        csatQuestion: null,
        commentQuestion: null,
        npsEnabled,
        npsQuestion: null,
      });
    expect((await settings(true)).statusCode).toBe(200);
    try {
      const page = (await open(t.token)).body;
      expect(page).toContain('quanto você recomendaria a acme');
      const bad = await post(t.token, { form_token: formTokenOf(page), csat: '5', nps: '11' });
      expect(bad.statusCode).toBe(422);
      expect(bad.body).toContain('A nota de recomendação deve ser um número de 0 a 10.');
      const good = await post(t.token, { form_token: formTokenOf(page), csat: '5', nps: '10' });
      expect(good.statusCode).toBe(303);
      expect((await answers(t.id))[0]).toMatchObject({ nps: 10 });
    } finally {
      await settings(false);
    }
  });

  it('refuses a missing, forged, foreign or expired form token (403), and a post from another site', async () => {
    const t = await closedTicket();
    const other = await closedTicket();
    const tokens = new FormTokens(SECRET_KEY);
    const cases: [Record<string, string>, number, string][] = [
      [{}, 403, 'Não conseguimos confirmar que a resposta veio do formulário desta pesquisa'],
      [{ form_token: 'lixo' }, 403, 'Não conseguimos confirmar'],
      [{ form_token: `${formTokenOf((await open(t.token)).body).slice(0, -2)}AA` }, 403, 'Não conseguimos confirmar'],
      [{ form_token: formTokenOf((await open(other.token)).body) }, 403, 'Não conseguimos confirmar'],
      [
        { form_token: tokens.issue(t.token, Date.now() - 13 * 3_600_000) },
        403,
        'O formulário ficou aberto por muito tempo',
      ],
    ];
    for (const [fields, status, message] of cases) {
      const response = await post(t.token, { csat: '5', ...fields });
      expect(response.statusCode).toBe(status);
      expect(response.body).toContain(message);
    }
    const good = { form_token: formTokenOf((await open(t.token)).body), csat: '5' };
    const crossSite = await post(t.token, good, { origin: 'https://golpe.example' });
    expect(crossSite.statusCode).toBe(403);
    expect(crossSite.body).toContain('não veio da página desta pesquisa');
    const crossReferer = await post(t.token, good, { referer: 'https://golpe.example/x' });
    expect(crossReferer.statusCode).toBe(403);
    expect(await answers(t.id)).toHaveLength(0);
    // Our own page sends Origin: null (no-referrer policy) or our origin: both fine.
    expect((await post(t.token, good, { origin: 'null' })).statusCode).toBe(303);
    expect(await answers(t.id)).toHaveLength(1);
    expect(await answers(other.id)).toHaveLength(0);
  });

  it('answers 404 to an unknown or revoked link, 413 to an oversized body, 415 to JSON', async () => {
    const t = await closedTicket();
    const formToken = formTokenOf((await open(t.token)).body);
    const unknown = await post('AAAAAAAAAAAAAAAAAAAAAA', { form_token: formToken, csat: '5' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('Link não encontrado');
    const huge = await post(t.token, { form_token: formToken, csat: '5', comment: 'x'.repeat(20_000) });
    expect(huge.statusCode).toBe(413);
    expect(huge.body).toContain('Resuma o comentário');
    const json = await p.app.inject({
      method: 'POST',
      url: `/s/${t.token}`,
      payload: { csat: 5 },
      remoteAddress: ip(),
    });
    expect(json.statusCode).toBe(415);
    await p.supervisor.call('POST', `/api/v1/tickets/${t.id}/tracking-link/revoke`);
    const revoked = await post(t.token, { form_token: formToken, csat: '5' });
    expect(revoked.statusCode).toBe(404);
    expect(await answers(t.id)).toHaveLength(0);
  });

  it('limits posts per link and per address (429 with a pt-BR page)', async () => {
    const t = await closedTicket();
    const statuses: number[] = [];
    for (let i = 0; i < 9; i++) statuses.push((await post(t.token, { csat: '9' })).statusCode);
    expect(statuses).toEqual([403, 403, 403, 403, 403, 403, 403, 403, 429]);
    const limited = await post(t.token, { csat: '9' });
    expect(limited.body).toContain('Muitas tentativas');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);

    // Another link from the same address goes on until the address's own limit.
    let last = 0;
    for (let i = 0; i < 40 && last !== 429; i++) {
      const other = await closedTicket();
      last = (await post(other.token, { csat: '9' })).statusCode;
    }
    expect(last).toBe(429);
  });
});
