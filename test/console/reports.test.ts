import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { record } from '../helpers/app.js';
import { addDemoStaff, axeViolations, collectPageErrors } from '../helpers/console.js';
import { type MessagingContext, setupMessaging } from '../helpers/messaging.js';
import { openAndCloseProcedure, task } from '../helpers/procedures.js';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp.js';
import { PASSWORD, signIn } from '../helpers/users.js';
import { BROWSER_TEST_TIMEOUT_MS, launchChromium, newPerson, screenshot, signInThroughTheForm } from './browser.js';

// biome-ignore lint/suspicious/noExplicitAny: the report's JSON, narrowed by each assertion
type ReportJson = any;

/** The report as the API answers it, asked from inside the page (with the person's own session). */
const apiReport = (page: Page, query: string) =>
  page.evaluate(async (q) => {
    const response = await fetch(`/api/v1/reports/summary?${q}`, { headers: { accept: 'application/json' } });
    return { status: response.status, body: await response.json() };
  }, query) as Promise<{ status: number; body: ReportJson }>;

const cardValue = (page: Page, card: string) => page.locator(`[data-card="${card}"] .report-card-value`).textContent();

const percent = (ratio: number | null) =>
  ratio === null ? '—' : `${(ratio * 100).toLocaleString('pt-BR', { maximumFractionDigits: 1 })}%`;

/** The few members of a canvas this test reads (the test's own tsconfig has no DOM types). */
interface CanvasLike {
  width: number;
  height: number;
  getContext(
    kind: '2d',
  ): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } | null;
}

/** How many pixels of a canvas were drawn on (not transparent). */
const paintedPixels = (page: Page, selector: string) =>
  page.locator(selector).evaluate((element) => {
    const canvas = element as unknown as CanvasLike;
    const context = canvas.getContext('2d');
    if (!context || canvas.width === 0 || canvas.height === 0) return 0;
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    let painted = 0;
    for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) painted++;
    return painted;
  });

describe('Relatórios in a real browser (SQLite)', { timeout: BROWSER_TEST_TIMEOUT_MS }, () => {
  let m: MessagingContext;
  let smtp: TestSmtpServer;
  let browser: Browser;

  const reply = (phone: string, body: object) =>
    fetch(`${m.baseUrl}/simulator/phones/${encodeURIComponent(phone)}/reply`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  /** A ticket opened and then closed by the ERP: the greeting, then the closing message with the survey link. */
  async function closedWithSurvey(externalId: string, name: string, phone: string) {
    const open = record({ customer: { name, phones: [phone] } });
    const { body } = await m.put(externalId, open);
    await m.waitFor(externalId, (v) => v.messages[0]?.status === 'read');
    await m.put(externalId, {
      ...open,
      state: 'closed',
      status: 'finalizada',
      occurredAt: '2026-11-23T16:05:52-03:00',
    });
    await m.waitFor(externalId, (v) =>
      v.messages.some(
        (msg: { template: string; status: string }) => msg.template === 'encerramento_chamado' && msg.status === 'read',
      ),
    );
    return body as { id: number; trackingUrl: string };
  }

  /** The customer answers on the survey page, reached from the WhatsApp (`w`) or e-mail (`e`) link. */
  async function answerOnThePage(trackingUrl: string, csat: string, c: 'w' | 'e') {
    const token = new URL(trackingUrl).pathname.split('/')[2];
    const page = await (await fetch(`${m.baseUrl}/s/${token}?c=${c}`)).text();
    const formToken = /name="form_token" value="([^"]+)"/.exec(page)?.[1];
    expect(formToken).toBeTruthy();
    const response = await fetch(`${m.baseUrl}/s/${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ form_token: formToken ?? '', csat, c }).toString(),
      redirect: 'manual',
    });
    expect(response.status).toBe(303);
  }

  beforeAll(async () => {
    [m, smtp, browser] = await Promise.all([setupMessaging('sqlite'), startSmtpServer(), launchChromium()]);
    await addDemoStaff(m);

    // Three closed with the survey sent over WhatsApp: one answered with a button, one on the page, one silent.
    await closedWithSurvey('RL-1', 'Ana Beatriz Rocha', '(11) 97654-3210');
    expect((await reply('+5511976543210', { quickReply: 4 })).status).toBeLessThan(400);
    await m.waitFor('RL-1', (v) => v.timeline.some((e: { type: string }) => e.type === 'survey_answered'));
    const second = await closedWithSurvey('RL-2', 'Carlos Eduardo Lima', '(11) 98765-1234');
    await answerOnThePage(second.trackingUrl, '3', 'w');
    await closedWithSurvey('RL-3', 'Maria Aparecida de Souza', '(19) 99876-5432');
    // Two with no phone to send to: no message goes out, the reason is counted.
    await m.put('RL-4', record({ customer: { name: 'João Batista Pereira', phones: [] } }));
    await m.put('RL-5', record({ customer: { name: 'Luíza Fernandes', phones: ['(19) 3251-4000'] } }));
    for (const id of ['RL-4', 'RL-5']) {
      await m.waitFor(id, (v) => v.messages.some((msg: { status: string }) => msg.status === 'not_sent'));
    }
    // One still open with its greeting delivered.
    await m.put('RL-6', record({ customer: { name: 'Pedro Henrique Alves', phones: ['(21) 99123-4567'] } }));
    await m.waitFor('RL-6', (v) => v.messages[0]?.status === 'read');
    await closeThreeByEmail();
  });
  afterAll(async () => {
    await browser?.close();
    await m?.close();
    await smtp?.close();
  });

  /**
   * The e-mail channel, for real: SMTP settings pointing at a test SMTP server, an e-mail template
   * with the survey link, and a procedure whose closing task sends it. Three tickets close that
   * way and one customer answers from the e-mail's link: WhatsApp 2 of 3, e-mail 1 of 3.
   */
  async function closeThreeByEmail() {
    const admin = await signIn(m.app, m.demo.adminEmail, m.demo.adminPassword);
    const settings = await admin.call('PUT', '/api/v1/email-settings', {
      host: '127.0.0.1',
      port: smtp.port,
      security: 'none',
      fromAddress: 'atendimento@assistencia.example.com.br',
      fromName: 'Assistência Técnica Demo',
    });
    expect(settings.statusCode).toBe(200);
    const template = await admin.call('POST', '/api/v1/email-templates', {
      name: 'Encerramento por e-mail',
      subject: 'Chamado {{protocol}} encerrado',
      html: '<p>Olá, {{customer_first_name}}!</p><p><a href="{{survey_link}}">Avalie o atendimento</a></p>',
      text: 'Olá, {{customer_first_name}}! Avalie o atendimento: {{survey_link}}',
    });
    expect(template.statusCode).toBe(201);
    await openAndCloseProcedure(
      admin,
      m.demo.source,
      'Encerramento por e-mail',
      task('Encerrado', { sendEmail: true, emailTemplateId: template.json().id }),
    );
    const customers = [
      ['RL-7', 'Fernanda Costa', 'fernanda.costa@example.com.br'],
      ['RL-8', 'Ricardo Gomes', 'ricardo.gomes@example.com.br'],
      ['RL-9', 'Beatriz Nunes', 'beatriz.nunes@example.com.br'],
    ] as const;
    const tickets: { trackingUrl: string }[] = [];
    for (const [id, name, email] of customers) {
      const open = record({ customer: { name, phones: [], email } });
      tickets.push((await m.put(id, open)).body);
      await m.put(id, { ...open, state: 'closed', status: 'finalizada', occurredAt: '2026-11-24T10:00:00-03:00' });
      await m.waitFor(id, (v) =>
        v.messages.some((msg: { channel: string; status: string }) => msg.channel === 'email' && msg.status === 'sent'),
      );
    }
    await answerOnThePage(tickets[0]?.trackingUrl ?? '', '4', 'e');
  }

  it('shows a supervisor the API figures, charts, other periods, the tickets without a phone and the CSV', async () => {
    const { context, page } = await newPerson(browser, { acceptDownloads: true });
    // 401 before sign-in, and the 400 of the period the server refuses below, are expected answers.
    const errors = collectPageErrors(page, /status of 40[01]/);
    await signInThroughTheForm(page, m.baseUrl, 'supervisora@demo.test', PASSWORD);
    await page.getByRole('link', { name: 'Relatórios' }).click();
    await page.waitForURL('**/app/relatorios');
    await page.getByRole('heading', { name: 'Relatórios', level: 1 }).waitFor();
    await page.locator('[data-card="opened"]').waitFor();

    // The cards say what the API says for the same (default: last 30 days) period.
    const { body: report } = await apiReport(page, '');
    expect(report.tickets).toEqual({ opened: 9, closed: 6 });
    const whatsapp = report.surveys.find((s: { channel: string }) => s.channel === 'whatsapp');
    expect(whatsapp).toMatchObject({ sent: 3, answered: 2 });
    expect(report.csat).toMatchObject({ answers: 3, average: 4, distribution: { '3': 1, '4': 1, '5': 1 } });
    const noPhone = report.failures.filter((f: { reason: string }) => f.reason === 'no_valid_phone');
    expect(noPhone.reduce((sum: number, f: { count: number }) => sum + f.count, 0)).toBe(2);
    expect(await cardValue(page, 'opened')).toBe('9');
    expect(await cardValue(page, 'closed')).toBe('6');
    const messages = report.messages.reduce((sum: number, x: { count: number }) => sum + x.count, 0);
    expect(await cardValue(page, 'messages')).toBe(String(messages));
    const failures = report.failures.reduce((sum: number, f: { count: number }) => sum + f.count, 0);
    expect(await cardValue(page, 'failures')).toBe(String(failures));
    expect(await page.locator('[data-card="failures"]').textContent()).toContain('2 sem telefone válido');
    expect(await cardValue(page, 'response-whatsapp')).toBe(percent(whatsapp.responseRate));
    expect(await cardValue(page, 'response-whatsapp')).toBe('66,7%');
    const email = report.surveys.find((s: { channel: string }) => s.channel === 'email');
    expect(email).toMatchObject({ sent: 3, answered: 1 });
    expect(await cardValue(page, 'response-email')).toBe(percent(email.responseRate));
    expect(await cardValue(page, 'response-email')).toBe('33,3%');
    expect(await cardValue(page, 'csat')).toBe('4,0');
    expect(await page.locator('[data-card="messages"]').textContent()).toMatch(/WhatsApp \d+ · E-mail \d+/);

    // Five charts, WhatsApp and e-mail side by side, each drawn, named and with its data as a table.
    const charts = ['messages-whatsapp', 'messages-email', 'surveys', 'csat', 'tickets'];
    for (const chart of charts) {
      const canvas = `[data-chart="${chart}"] canvas`;
      await page.locator(canvas).waitFor();
      await expect.poll(() => paintedPixels(page, canvas), { message: chart }).toBeGreaterThan(500);
      expect(await page.locator(canvas).getAttribute('role')).toBe('img');
      expect(await page.locator(canvas).getAttribute('aria-label')).toBeTruthy();
      expect(await page.locator(`[data-chart="${chart}"] figcaption`).textContent()).toBeTruthy();
    }
    expect(await page.locator('[data-chart="surveys"] canvas').getAttribute('aria-label')).toContain(
      'WhatsApp: resposta 66,7% (2 de 3)',
    );
    expect(await page.locator('[data-chart="surveys"] canvas').getAttribute('aria-label')).toContain(
      'E-mail: resposta 33,3% (1 de 3)',
    );
    expect(await page.locator('[data-chart="surveys"] .report-chart-note').textContent()).toBe(
      'No período, o WhatsApp teve 2× a taxa de resposta do E-mail.',
    );
    expect(await page.locator('[data-chart="messages-email"] canvas').getAttribute('aria-label')).toContain(
      'E-mail: 3 mensagens',
    );
    expect(await page.locator('[data-chart="csat"] canvas').getAttribute('aria-label')).toContain('Nota 5: 1');
    await page.locator('[data-chart="surveys"] summary').click();
    const surveyRow = page.locator('[data-chart="surveys"] tbody tr', { hasText: 'WhatsApp' });
    expect((await surveyRow.locator('td').allTextContents()).slice(0, 3)).toEqual(['3', String(whatsapp.opened), '2']);
    await page.locator('[data-chart="surveys"] summary').click();

    // Failures by reason, the no-phone row as the API labels it.
    const noPhoneRow = page.locator('tr[data-reason="no_valid_phone"]');
    expect(await noPhoneRow.textContent()).toContain('Não possui telefone para envio de mensagem');
    expect(await noPhoneRow.locator('td.numeric').textContent()).toBe('2');
    await page.waitForTimeout(200);
    await screenshot(page, 'reports', true);

    // Another period: the URL carries it, and the figures are the API's for those dates.
    await page.getByRole('radio', { name: 'Últimos 7 dias' }).check();
    await page.waitForURL('**/app/relatorios?period=7');
    const week = (await apiReport(page, `from=${addDays(report.period.to, -6)}&to=${report.period.to}`)).body;
    await page.locator('.report-header p', { hasText: `De ${br(week.period.from)} a ${br(week.period.to)}` }).waitFor();
    expect(await cardValue(page, 'opened')).toBe(String(week.tickets.opened));
    expect(await page.locator('[data-chart="tickets"] tbody tr').count()).toBe(7);

    // A custom period in 2020: nothing in it; the link opens the same report.
    await page.getByRole('radio', { name: 'Personalizado' }).check();
    await page.getByLabel('De', { exact: true }).fill('2020-01-01');
    await page.getByLabel('Até', { exact: true }).fill('2020-01-31');
    await page.getByRole('button', { name: 'Aplicar' }).click();
    await page.waitForURL('**/app/relatorios?from=2020-01-01&to=2020-01-31');
    await page.locator('.report-header p', { hasText: 'De 01/01/2020 a 31/01/2020' }).waitFor();
    expect(await cardValue(page, 'opened')).toBe('0');
    expect(await page.locator('[data-card="response-email"]').textContent()).toContain('Nenhuma pesquisa enviada');
    expect(await page.getByText('Nenhuma falha de envio no período.').count()).toBe(1);

    // A period the server refuses (over 366 days): its message next to the field.
    await page.getByLabel('De', { exact: true }).fill('2018-01-01');
    await page.getByRole('button', { name: 'Aplicar' }).click();
    const from = page.getByLabel('De', { exact: true });
    await expect.poll(() => from.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('.field-error').textContent()).toContain('no máximo 366 dias');

    // Back to the last 30 days: the CSV of that period, with Excel's header.
    await page.getByRole('radio', { name: 'Últimos 30 dias' }).check();
    await page.waitForURL((url) => url.pathname === '/app/relatorios' && url.search === '');
    await page.locator('[data-card="opened"] .report-card-value', { hasText: '9' }).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Exportar CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`ponte-relatorio-${report.period.from}-a-${report.period.to}.csv`);
    const csv = await readFile((await download.path()) ?? '', 'utf8');
    expect(csv.startsWith('\uFEFFSeção;Indicador;Canal;Valor\r\n')).toBe(true);
    expect(csv).toContain('Chamados;Abertos;;9\r\n');
    expect(csv).toContain('Pesquisas;Taxa de resposta;WhatsApp;66,7%\r\n');
    expect(csv).toContain('Pesquisas;Taxa de resposta;E-mail;33,3%\r\n');

    // "sem telefone válido" opens the ticket list filtered to those tickets.
    await page.getByRole('link', { name: 'Ver chamados sem telefone válido' }).click();
    await page.waitForURL('**/app/chamados?noValidPhone=true');
    await page.locator('tr[data-ticket-id]').first().waitFor();
    const rows = await page.locator('tr[data-ticket-id]').allTextContents();
    expect(rows).toHaveLength(2);
    expect(rows.join(' ')).toContain('João Batista Pereira');
    expect(rows.join(' ')).toContain('Luíza Fernandes');
    expect(await page.getByRole('checkbox', { name: /telefone/i }).isChecked()).toBe(true);

    expect(errors).toEqual([]);
    await context.close();
  });

  it('passes WCAG 2.1 AA checks, charts included', async () => {
    // axe is injected as a script: this context alone ignores the console's CSP to let it in.
    const { context, page } = await newPerson(browser, { bypassCSP: true });
    await signInThroughTheForm(page, m.baseUrl, 'supervisora@demo.test', PASSWORD);
    await page.goto(`${m.baseUrl}/app/relatorios?period=90`);
    await page.locator('[data-chart="tickets"] canvas').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it('tells an agent "Sem permissão", the API answers 403, and the charting library is never downloaded', async () => {
    const { context, page } = await newPerson(browser);
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(request.url());
    });
    await signInThroughTheForm(page, m.baseUrl, 'agente@demo.test', PASSWORD);
    expect(await page.getByRole('link', { name: 'Relatórios' }).count()).toBe(0);
    await page.goto(`${m.baseUrl}/app/relatorios`);
    await page.getByRole('heading', { name: 'Sem permissão' }).waitFor();
    expect((await apiReport(page, '')).status).toBe(403);
    const csv = await page.evaluate(async () => (await fetch('/api/v1/reports/summary.csv')).status);
    expect(csv).toBe(403);
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.filter((url) => url.includes('report-charts'))).toEqual([]);
    await context.close();
  });
});

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function br(date: string): string {
  const [year, month, day] = date.split('-');
  return `${day}/${month}/${year}`;
}
