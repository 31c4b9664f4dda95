import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TEMPLATES } from '../../src/demo/seed-demo.js';
import { record } from '../helpers/app.js';
import { ENGINES } from '../helpers/databases.js';
import { type MessagingContext, setupMessaging } from '../helpers/messaging.js';
import { openAndCloseProcedure, task } from '../helpers/procedures.js';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp.js';
import { createUser, type Session, signIn } from '../helpers/users.js';

const SMTP_LOGIN = { user: 'ponte', pass: 'senha-smtp-secreta' };

describe.each(ENGINES)('the e-mail channel against a real SMTP server on %s', (engine) => {
  let m: MessagingContext;
  let smtp: TestSmtpServer;
  let supervisor: Session;
  let templateId: number;
  let whatsappTemplateId: number;
  beforeAll(async () => {
    [m, smtp] = await Promise.all([setupMessaging(engine), startSmtpServer(SMTP_LOGIN)]);
    supervisor = await signIn(m.app, m.demo.adminEmail, m.demo.adminPassword);
    const templates = await supervisor.call('GET', '/api/v1/templates');
    whatsappTemplateId = (templates.json().templates as { id: number; name: string }[]).find(
      (t) => t.name === 'encerramento_chamado',
    )!.id;
  });
  afterAll(async () => {
    await m?.close();
    await smtp?.close();
  });

  const saveSettings = (overrides: Record<string, unknown> = {}) =>
    supervisor.call('PUT', '/api/v1/email-settings', {
      host: '127.0.0.1',
      port: smtp.port,
      security: 'none',
      username: SMTP_LOGIN.user,
      password: SMTP_LOGIN.pass,
      fromAddress: 'atendimento@assistencia.example.com.br',
      fromName: 'Assistência Técnica Demo',
      ...overrides,
    });

  it('keeps the SMTP settings with the password encrypted, refuses bad ones by field, and sends a test message', async () => {
    const bad = await saveSettings({ fromAddress: 'não é e-mail' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ field: 'fromAddress' });
    expect((await supervisor.call('GET', '/api/v1/email-settings')).json()).toMatchObject({ configured: false });

    const saved = await saveSettings();
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toEqual({
      configured: true,
      host: '127.0.0.1',
      port: smtp.port,
      security: 'none',
      username: 'ponte',
      hasPassword: true,
      fromAddress: 'atendimento@assistencia.example.com.br',
      fromName: 'Assistência Técnica Demo',
    });
    const row = await m.database.db.selectFrom('email_settings').selectAll().executeTakeFirstOrThrow();
    expect(row.password_secret).not.toContain(SMTP_LOGIN.pass);
    expect(JSON.stringify((await supervisor.call('GET', '/api/v1/audit')).json())).not.toContain(SMTP_LOGIN.pass);

    // Saving again without the password keeps it.
    expect((await saveSettings({ password: undefined })).json()).toMatchObject({ hasPassword: true });

    const badTo = await supervisor.call('POST', '/api/v1/email-settings/test', { to: 'ninguem' });
    expect(badTo.statusCode).toBe(400);
    expect(badTo.json()).toMatchObject({ field: 'to' });
    const test = await supervisor.call('POST', '/api/v1/email-settings/test', { to: 'supervisora@example.com.br' });
    expect(test.json()).toMatchObject({ ok: true });
    const [received] = await smtp.waitFor(1);
    expect(received).toMatchObject({ to: ['supervisora@example.com.br'], subject: 'Teste de e-mail do Ponte' });
    expect(received!.headers.from).toContain('atendimento@assistencia.example.com.br');
  });

  it('reports a refused login as the test result', async () => {
    await saveSettings({ password: 'senha-errada' });
    const test = await supervisor.call('POST', '/api/v1/email-settings/test', { to: 'supervisora@example.com.br' });
    expect(test.json().ok).toBe(false);
    expect(test.json().message).toContain('usuário ou senha do SMTP recusados');
    await saveSettings();
  });

  it('refuses an e-mail template that names an unknown variable, and previews one for a real ticket', async () => {
    const bad = await supervisor.call('POST', '/api/v1/email-templates', {
      name: 'Ruim',
      subject: 'Chamado {{cpf}}',
      html: '',
      text: 'Olá',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({
      code: 'invalid_template',
      field: 'subject',
      message: 'Variável desconhecida: {{cpf}}.',
    });

    const created = await supervisor.call('POST', '/api/v1/email-templates', {
      name: 'Encerramento por e-mail',
      subject: 'Chamado {{protocol}} encerrado',
      html: '<p>Olá, {{customer_first_name}}!</p><p><a href="{{survey_link}}">Avalie o atendimento</a> · {{field.productDescription}}</p>',
      text: 'Olá, {{customer_first_name}}! Avalie o atendimento: {{survey_link}}',
    });
    expect(created.statusCode).toBe(201);
    templateId = created.json().id;
    const duplicate = await supervisor.call('POST', '/api/v1/email-templates', {
      name: 'Encerramento por e-mail',
      subject: 'x',
      html: '',
      text: 'x',
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json()).toMatchObject({ field: 'name' });

    const { body: ticket } = await m.put(
      'EM-PREVIEW',
      record({ customer: { name: 'Zé <b>Hacker</b>', phones: [], email: 'ze@example.com.br' } }),
    );
    const preview = await supervisor.call('POST', '/api/v1/email-templates/preview', {
      ticketId: ticket.id,
      subject: 'Chamado {{protocol}}',
      html: '<p>{{customer_name}} {{field.nao_existe}}</p>',
      text: '{{tracking_link}}',
    });
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({
      subject: `Chamado ${ticket.protocol}`,
      html: '<p>Zé &lt;b&gt;Hacker&lt;/b&gt; </p>',
      text: `${ticket.trackingUrl}?c=e`,
      problems: ['Campo: nao_existe está vazio neste chamado ({{field.nao_existe}}).'],
    });
  });

  it('sends the task’s e-mail when a record closes, with links counted for e-mail, and says so on the timeline', async () => {
    const noTemplate = await supervisor.call('POST', '/api/v1/procedures', {
      name: 'Sem modelo',
      tasks: [task('Fim', { sendEmail: true })],
    });
    expect(noTemplate.statusCode).toBe(400);
    expect(noTemplate.json()).toMatchObject({ field: 'tasks[0].emailTemplateId' });

    await openAndCloseProcedure(
      supervisor,
      m.demo.source,
      'Por e-mail',
      task('Encerrado por e-mail', {
        sendWhatsapp: true,
        templateId: whatsappTemplateId,
        bindings: { ...DEMO_TEMPLATES.closing.bindings },
        emailFallback: true,
        emailTemplateId: templateId,
      }),
    );

    // No mobile: the WhatsApp cannot go out, the fallback e-mail does.
    const before = smtp.received.length;
    const open = record({
      customer: { name: 'Paula Souza', phones: ['(41) 3333-1234'], email: 'paula.souza@example.com.br' },
    });
    const { body: ticket } = await m.put('EM-1', open);
    await m.put('EM-1', { ...open, state: 'closed', status: 'finalizada', occurredAt: '2026-11-24T10:00:00Z' });
    const [email] = (await smtp.waitFor(before + 1)).slice(before);
    expect(email).toMatchObject({
      to: ['paula.souza@example.com.br'],
      subject: `Chamado ${ticket.protocol} encerrado`,
    });
    const surveyUrl = `${ticket.trackingUrl.replace('/t/', '/s/')}?c=e`;
    expect(email!.text).toBe(`Olá, Paula! Avalie o atendimento: ${surveyUrl}`);
    expect(email!.html).toContain(`<a href="${surveyUrl.replace(/&/g, '&amp;')}">Avalie o atendimento</a>`);
    expect(email!.headers['x-ponte-message-id']).toMatch(/^\d+$/);

    const view = await m.waitFor('EM-1', (v) => v.messages.some((x: { status: string }) => x.status === 'sent'));
    const texts = view.timeline.map((e: { text: string }) => e.text);
    expect(texts).toContain('Não possui telefone para envio de mensagem');
    expect(texts).toContain(
      'E-mail “Encerramento por e-mail” na fila para p***a@example.com.br. O cliente não tem WhatsApp: a mensagem vai por e-mail.',
    );
    expect(texts).toContain('E-mail “Encerramento por e-mail” enviado para p***a@example.com.br.');
    expect(view.messages.map((x: { channel: string; status: string }) => [x.channel, x.status]).sort()).toEqual([
      ['email', 'sent'],
      ['whatsapp', 'not_sent'],
    ]);
    expect(JSON.stringify([view.timeline, view.messages])).not.toContain('paula.souza@example.com.br');

    // Repeating the close sends nothing more.
    await m.put('EM-1', { ...open, state: 'closed', status: 'finalizada', occurredAt: '2026-11-24T10:00:00Z' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smtp.received.length).toBe(before + 1);

    // With a mobile, WhatsApp goes out and the fallback stays quiet.
    const withPhone = record({
      customer: { name: 'Rui Lima', phones: ['(41) 99876-4321'], email: 'rui@example.com.br' },
    });
    await m.put('EM-2', withPhone);
    await m.put('EM-2', { ...withPhone, state: 'closed', status: 'finalizada', occurredAt: '2026-11-24T10:00:00Z' });
    const whatsapp = await m.waitFor('EM-2', (v) => v.messages.some((x: { status: string }) => x.status === 'read'));
    expect(whatsapp.messages.map((x: { channel: string }) => x.channel)).toEqual(['whatsapp']);

    // The customer answers the e-mailed survey: the report counts it for e-mail.
    const page = await fetch(surveyUrl.replace('https://ponte.example.com.br', m.baseUrl));
    expect(page.status).toBe(200);
    const token = ticket.trackingUrl.split('/t/')[1];
    const html = await page.text();
    const form = Object.fromEntries(
      [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((x) => [x[1]!, x[2]!]),
    );
    const answer = await fetch(`${m.baseUrl}/s/${token}?c=e`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...form, csat: '5' }).toString(),
      redirect: 'manual',
    });
    expect([200, 303]).toContain(answer.status);
    const report = (await supervisor.call('GET', '/api/v1/reports/summary')).json();
    const emailSurveys = report.surveys.find((c: { channel: string }) => c.channel === 'email');
    expect(emailSurveys).toMatchObject({ sent: 1, answered: 1 });
  });

  it.each([
    ['after the send (webhook)', 'not_on_whatsapp', '(41) 99111-2201'],
    ['at the send (provider refuses)', 'not_on_whatsapp_sync', '(41) 99111-2202'],
  ])('falls back to e-mail when the provider says the mobile is not on WhatsApp %s', async (_, scenario, phone) => {
    const e164 = `+55${phone.replace(/\D/g, '')}`;
    await fetch(`${m.baseUrl}/simulator/phones/${encodeURIComponent(e164)}/scenario`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ scenario }),
    });
    const before = smtp.received.length;
    const id = `EM-${scenario}`;
    const address = `${scenario}@example.com.br`;
    const open = record({ customer: { name: 'Bia Costa', phones: [phone], email: address } });
    await m.put(id, open);
    await m.put(id, { ...open, state: 'closed', status: 'finalizada', occurredAt: '2026-11-24T10:00:00Z' });
    const view = await m.waitFor(id, (v) =>
      v.messages.some((x: { channel: string; status: string }) => x.channel === 'email' && x.status === 'sent'),
    );
    expect(view.messages.map((x: { channel: string; status: string }) => [x.channel, x.status]).sort()).toEqual([
      ['email', 'sent'],
      ['whatsapp', 'failed'],
    ]);
    const received = (await smtp.waitFor(before + 1)).slice(before);
    expect(received.map((e) => e.to)).toEqual([[address]]);
    // A repeated failure webhook does not send a second e-mail.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smtp.received.length).toBe(before + 1);
  });

  it('records a refused recipient as a failure with the server’s code, like a WhatsApp failure', async () => {
    smtp.refuse.add('inexistente@example.com.br');
    const open = record({ customer: { name: 'Caio Nunes', phones: [], email: 'inexistente@example.com.br' } });
    await m.put('EM-3', open);
    await m.put('EM-3', { ...open, state: 'closed', status: 'finalizada', occurredAt: '2026-11-24T10:00:00Z' });
    const view = await m.waitFor('EM-3', (v) =>
      v.messages.some((x: { channel: string; status: string }) => x.channel === 'email' && x.status === 'failed'),
    );
    const failed = view.messages.find((x: { channel: string }) => x.channel === 'email');
    expect(failed.error).toContain('smtp_550');
    expect(view.timeline.map((e: { text: string }) => e.text)).toContain(
      'Falha no envio do E-mail “Encerramento por e-mail”: o servidor de e-mail recusou a mensagem para este destinatário (código smtp_550).',
    );
  });

  it('records a customer without an e-mail address as not sent, with the reason', async () => {
    const open = record({ customer: { name: 'Sem Contato', phones: [] } });
    await m.put('EM-4', open);
    await m.put('EM-4', { ...open, state: 'closed', status: 'finalizada', occurredAt: '2026-11-24T10:00:00Z' });
    const view = await m.get('EM-4');
    const email = view.messages.find((x: { channel: string }) => x.channel === 'email');
    expect(email).toMatchObject({ status: 'not_sent', error: 'o cliente não tem e-mail válido' });
  });

  it('keeps the e-mail settings and templates to supervisors', async () => {
    const workspace = await m.database.db
      .selectFrom('workspaces')
      .select('id')
      .where('slug', '=', m.demo.workspace)
      .executeTakeFirstOrThrow();
    await createUser(m.database, workspace.id, 'agent', `agente-email-${engine}@example.com.br`);
    const agent = await signIn(m.app, `agente-email-${engine}@example.com.br`);
    expect((await agent.call('GET', '/api/v1/email-settings')).statusCode).toBe(403);
    expect((await agent.call('GET', '/api/v1/email-templates')).statusCode).toBe(403);
    expect((await agent.call('POST', '/api/v1/email-settings/test', { to: 'a@b.com.br' })).statusCode).toBe(403);
  });
});
