import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseApiKey } from '../../src/sources/api-keys.js';
import { createWorkspace } from '../../src/workspaces/create-workspace.js';
import { record } from '../helpers/app.js';
import { type MessagingContext, setupMessaging } from '../helpers/messaging.js';
import { createUser, PASSWORD } from '../helpers/users.js';
import { BROWSER_TEST_TIMEOUT_MS, launchChromium, newPerson, screenshot, signInThroughTheForm } from './browser.js';

/**
 * The issue's own end-to-end test: a supervisor of a new, empty workspace configures it through the
 * console's screens alone (WhatsApp provider, source and key, template, procedure and status routing),
 * the source system opens and closes a record over HTTP, the closing message with the survey link
 * reaches the simulated phone, and Relatórios counts it. An agent of the same workspace sees none of it.
 */

const WORKSPACE = 'assistencia-sul';
const SUPERVISOR = 'supervisora@assistencia-sul.test';
const AGENT = 'agente@assistencia-sul.test';
const SOURCE = 'erp-sul';
const TEMPLATE = 'encerramento_pesquisa';
const PHONE = '+5548991234567';
const TEMPLATE_BODY =
  'Olá, {{1}}! Seu chamado {{2}} foi encerrado. Conte como foi o atendimento, leva um minuto: {{3}}';

const SETTINGS_SCREENS = [
  ['procedimentos', 'Procedimentos'],
  ['modelos', 'Modelos (HSM)'],
  ['integracoes', 'Integrações'],
  ['whatsapp', 'WhatsApp'],
  ['email', 'E-mail'],
] as const;

const SUPERVISOR_APIS = [
  '/api/v1/sources',
  '/api/v1/whatsapp-provider',
  '/api/v1/email-settings',
  '/api/v1/reports/summary',
  '/api/v1/users',
  '/api/v1/procedures',
  `/api/v1/sources/${SOURCE}/status-mappings`,
  '/api/v1/templates',
];

interface SimulatedMessage {
  direction: string;
  templateName?: string;
  text?: string;
}

/** What the simulated phone received, through the simulator's own HTTP API. */
async function receivedAt(baseUrl: string, phone: string): Promise<SimulatedMessage[]> {
  const response = await fetch(`${baseUrl}/simulator/phones/${encodeURIComponent(phone)}/messages`);
  if (response.status !== 200) return [];
  const body = (await response.json()) as { messages: SimulatedMessage[] };
  return body.messages.filter((message) => message.direction === 'outbound');
}

/** Page errors, and console errors other than 4xx answers (Chromium logs an agent's 403s as errors). */
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/status of 4\d\d/.test(message.text())) errors.push(message.text());
  });
  return errors;
}

/** Each URL's status for a GET with the page's session. */
function getStatuses(page: Page, urls: readonly string[]): Promise<[string, number][]> {
  return page.evaluate(
    `Promise.all(${JSON.stringify(urls)}.map(async (url) => [url, (await fetch(url)).status]))`,
  ) as Promise<[string, number][]>;
}

/** Goes to a Configurações section through the section nav, as a person would. */
async function openSection(page: Page, name: string) {
  await page.getByRole('navigation', { name: 'Seções de configuração' }).getByRole('link', { name }).click();
  await page.getByRole('heading', { name, level: 1 }).waitFor();
}

// One engine is enough for the UI; every API under it runs on both engines in its own server test.
describe('a supervisor configures a new workspace from zero to a WhatsApp sent (SQLite)', {
  timeout: BROWSER_TEST_TIMEOUT_MS * 2,
}, () => {
  let m: MessagingContext;
  let browser: Browser;
  beforeAll(async () => {
    // setupMessaging seeds the demo workspace; ours is a second, empty one beside it, made as
    // `ponte workspace create` makes it (the workspace and its first admin, nothing else).
    [m, browser] = await Promise.all([setupMessaging('sqlite'), launchChromium()]);
    const created = await createWorkspace(m.database.db, {
      slug: WORKSPACE,
      name: 'Assistência Técnica Sul',
      adminEmail: 'admin@assistencia-sul.test',
    });
    await createUser(m.database, created.workspaceId, 'supervisor', SUPERVISOR);
    await createUser(m.database, created.workspaceId, 'agent', AGENT);
  });
  afterAll(async () => {
    await browser?.close();
    await m?.close();
  });

  let apiKey = '';

  it('sets the provider, creates a source and key, a template and a procedure, all through the screens', async () => {
    const { context, page } = await newPerson(browser);
    const errors = collectErrors(page);
    await signInThroughTheForm(page, m.baseUrl, SUPERVISOR, PASSWORD);
    await page.getByRole('link', { name: 'Configurações' }).click();

    // Configurações > WhatsApp: a new workspace has no provider; the supervisor picks the simulator.
    await openSection(page, 'WhatsApp');
    await page
      .getByText('Nenhum provedor configurado: nenhuma mensagem de WhatsApp sai até você escolher um.')
      .waitFor();
    await page.getByRole('radio', { name: /Simulador/ }).check();
    await page.getByRole('button', { name: 'Salvar provedor' }).click();
    await page.getByRole('status').filter({ hasText: 'Provedor salvo.' }).waitFor();
    await page.getByRole('button', { name: 'Testar conexão' }).click();
    await page.getByRole('status').filter({ hasText: 'Conexão funcionando' }).waitFor();
    expect(await page.getByLabel('URL de retorno (callback)', { exact: true }).inputValue()).toBe(
      'https://ponte.example.com.br/webhooks/whatsapp/cloud',
    );
    await page.evaluate('window.scrollTo(0, 0)');
    await screenshot(page, 'flow-04-whatsapp', true);

    // Configurações > Integrações: a source, and its key shown once.
    await openSection(page, 'Integrações');
    await page.getByText('Nenhuma origem ainda. Crie a primeira para receber registros.').waitFor();
    await page.getByLabel('Nome da origem').fill(SOURCE);
    await page.getByRole('button', { name: 'Criar origem' }).click();
    await page.waitForURL(`**/app/configuracoes/integracoes?origem=${SOURCE}`);
    apiKey = await page.getByLabel('Chave de API completa').inputValue();
    expect(apiKey).toMatch(/^pk_[A-Za-z0-9_-]{8}_/);
    await page.getByText('Guarde agora, não será mostrada de novo.').waitFor();
    // The curl example names this source's address.
    expect(await page.locator('.code-block').first().textContent()).toContain(
      `${m.baseUrl}/api/v1/sources/${SOURCE}/records/`,
    );
    await page.evaluate('window.scrollTo(0, 0)');
    await screenshot(page, 'flow-01-integracoes', true);
    await page.getByRole('button', { name: 'Já guardei' }).click();
    await page.locator(`tr[data-key-prefix="${parseApiKey(apiKey)!.prefix}"]`).waitFor();

    // Configurações > Modelos (HSM): a template whose third variable will carry the survey link.
    await openSection(page, 'Modelos (HSM)');
    await page.getByRole('button', { name: 'Novo modelo' }).click();
    await page.getByRole('heading', { name: 'Novo modelo' }).waitFor();
    await page.getByLabel('Nome', { exact: true }).fill(TEMPLATE);
    await page.getByLabel('Corpo da mensagem').fill(TEMPLATE_BODY);
    expect(await page.getByTestId('detected-placeholders').locator('li').allTextContents()).toEqual([
      '{{1}}',
      '{{2}}',
      '{{3}}',
    ]);
    await page.getByRole('button', { name: 'Salvar modelo' }).click();
    const row = page.locator(`tr[data-template="${TEMPLATE}"]`);
    // The simulator approves a template as it is created (Cloud API and Plinx: at a later sync).
    await row.getByText('Aprovado').waitFor();
    expect(await row.textContent()).toContain('Utilidade');
    // Only this workspace's template: none of the demo workspace's beside it.
    expect(await page.locator('tr[data-template]').count()).toBe(1);
    await page.evaluate('window.scrollTo(0, 0)');
    await screenshot(page, 'flow-02-modelos', true);

    // Configurações > Procedimentos: an opening task without messages, a closing one that sends the template.
    // With none yet, the editor opens on a new procedure by itself.
    await openSection(page, 'Procedimentos');
    await page.getByRole('heading', { name: 'Novo procedimento', level: 2 }).waitFor();
    await page.getByLabel('Nome do procedimento').fill('Atendimento de garantia');
    const task = (index: number) => page.locator('.task-card').nth(index);
    await task(0).getByLabel('Nome da tarefa').fill('Chamado aberto');
    await page.getByRole('button', { name: 'Adicionar tarefa' }).click();
    await expect.poll(() => page.locator('.task-card').count()).toBe(2);
    const closing = task(1);
    await closing.getByLabel('Nome da tarefa').fill('Chamado encerrado');
    await closing.getByRole('switch', { name: 'Enviar WhatsApp via Plinx' }).check();
    await closing.getByLabel('Modelo de WhatsApp (HSM)').selectOption({ label: `${TEMPLATE} (pt_BR) · aprovado` });
    expect(await closing.getByTestId('template-not-approved').count()).toBe(0);
    await closing.getByLabel('Variável {{1}}').selectOption({ label: 'Nome do cliente' });
    await closing.getByLabel('Variável {{2}}').selectOption({ label: 'Nº do protocolo' });
    await closing.getByLabel('Variável {{3}}').selectOption({ label: 'Link da pesquisa de satisfação' });
    expect(await closing.locator('.unbound-warning').count()).toBe(0);
    await page.getByRole('button', { name: 'Criar procedimento' }).click();
    await page.locator('.alert-success', { hasText: 'Procedimento criado às' }).waitFor();
    await page.getByRole('heading', { name: 'Editar “Atendimento de garantia”' }).waitFor();

    // Status routing for the source: open → "Chamado aberto", closed → "Chamado encerrado".
    const routing = page.locator('.routing-card');
    expect(await routing.getByLabel('Origem', { exact: true }).inputValue()).toBe(SOURCE);
    await routing.getByText('Nenhum status mapeado nesta origem').waitFor();
    await routing.getByRole('button', { name: 'Adicionar status' }).click();
    await routing.getByLabel('Estado da linha 1').selectOption({ label: 'Aberto' });
    await routing.getByLabel('Tarefa da linha 1').selectOption({ label: 'Chamado aberto' });
    await routing.getByRole('button', { name: 'Adicionar status' }).click();
    await routing.getByLabel('Estado da linha 2').selectOption({ label: 'Encerrado' });
    await routing.getByLabel('Tarefa da linha 2').selectOption({ label: 'Chamado encerrado' });
    await routing.getByRole('button', { name: 'Salvar mapeamento' }).click();
    await routing.locator('.alert-success', { hasText: 'Mapeamento salvo às' }).waitFor();
    await page.locator('.history-list', { hasText: 'Criou o procedimento com 2 tarefas.' }).waitFor();
    await page.evaluate('window.scrollTo(0, 0)');
    await screenshot(page, 'flow-03-procedimentos', true);

    // What the screens saved, as the API reads it back for this workspace.
    const procedures = (await page.evaluate(async () => (await fetch('/api/v1/procedures')).json())) as {
      procedures: { name: string; tasks: { name: string; sendWhatsapp: boolean; bindings: object }[] }[];
    };
    expect(procedures.procedures.map((p) => p.name)).toEqual(['Atendimento de garantia']);
    expect(procedures.procedures[0]?.tasks).toEqual([
      expect.objectContaining({ name: 'Chamado aberto', sendWhatsapp: false }),
      expect.objectContaining({
        name: 'Chamado encerrado',
        sendWhatsapp: true,
        bindings: { '1': 'customer_name', '2': 'protocol', '3': 'survey_link' },
      }),
    ]);
    expect(errors, errors.join('\n')).toEqual([]);
    await context.close();
  });

  it('the source system opens and closes a record; the survey link reaches the phone; Relatórios counts it', async () => {
    expect(apiKey).not.toBe('');
    const put = (body: unknown) =>
      fetch(`${m.baseUrl}/api/v1/sources/${SOURCE}/records/OS-7001`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const customer = { name: 'Helena Martins', phones: ['(48) 99123-4567'] };
    const opened = await put(record({ customer, occurredAt: new Date(Date.now() - 60_000).toISOString() }));
    expect(opened.status).toBe(201);
    const ticket = (await opened.json()) as { protocol: string; trackingUrl: string };
    const closed = await put(
      record({ customer, state: 'closed', status: 'finalizada', occurredAt: new Date().toISOString() }),
    );
    expect(closed.status).toBe(200);

    // The closing task sent the template; the opening one sent nothing.
    const token = new URL(ticket.trackingUrl).pathname.split('/').pop();
    await expect
      .poll(async () => (await receivedAt(m.baseUrl, PHONE)).map((message) => message.templateName), {
        timeout: 15_000,
      })
      .toEqual([TEMPLATE]);
    const [message] = await receivedAt(m.baseUrl, PHONE);
    expect(message?.text).toBe(
      `Olá, Helena Martins! Seu chamado ${ticket.protocol} foi encerrado. Conte como foi o atendimento, leva um minuto: https://ponte.example.com.br/s/${token}?c=w`,
    );

    // The supervisor opens Relatórios: the cards are the API's figures, and count this message.
    const { context, page } = await newPerson(browser);
    const errors = collectErrors(page);
    await signInThroughTheForm(page, m.baseUrl, SUPERVISOR, PASSWORD);
    await page.getByRole('link', { name: 'Relatórios' }).click();
    await page.getByRole('heading', { name: 'Relatórios', level: 1 }).waitFor();
    await page.locator('[data-chart="tickets"] canvas').waitFor();
    const report = (await page.evaluate(async () => (await fetch('/api/v1/reports/summary')).json())) as {
      tickets: { opened: number; closed: number };
      messages: { channel: string; status: string; count: number }[];
      surveys: { channel: string; sent: number }[];
    };
    const messages = report.messages.reduce((sum, row) => sum + row.count, 0);
    expect(messages).toBe(1);
    expect(report.messages).toEqual([expect.objectContaining({ channel: 'whatsapp', count: 1 })]);
    expect(report.tickets).toEqual({ opened: 1, closed: 1 });
    expect(report.surveys.find((s) => s.channel === 'whatsapp')?.sent).toBe(1);
    const card = (name: string) => page.locator(`[data-card="${name}"] .report-card-value`).textContent();
    expect(await card('messages')).toBe(String(messages));
    expect(await card('opened')).toBe('1');
    expect(await card('closed')).toBe('1');
    expect(await page.locator('[data-card="response-whatsapp"]').textContent()).toContain('0 de 1 enviada');
    await page.waitForTimeout(200);
    await screenshot(page, 'flow-05-relatorios', true);
    expect(errors, errors.join('\n')).toEqual([]);
    await context.close();
  });

  it('an agent of the workspace opens no Configurações screen, Relatórios nor Usuários, and their APIs answer 403', async () => {
    const { context, page } = await newPerson(browser);
    await signInThroughTheForm(page, m.baseUrl, AGENT, PASSWORD);
    expect(await page.getByRole('link', { name: 'Configurações' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Relatórios' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Usuários' }).count()).toBe(0);
    const screens = [
      ...SETTINGS_SCREENS.map(([path, title]) => [`/app/configuracoes/${path}`, title] as const),
      ['/app/relatorios', 'Relatórios'] as const,
      ['/app/usuarios', 'Usuários'] as const,
    ];
    for (const [path, title] of screens) {
      await page.goto(`${m.baseUrl}${path}`);
      await page.getByRole('heading', { name: 'Sem permissão' }).waitFor();
      expect(await page.getByRole('heading', { name: title, level: 1 }).count(), path).toBe(0);
    }
    await screenshot(page, 'flow-06-agente-sem-permissao');
    const statuses = Object.fromEntries(await getStatuses(page, SUPERVISOR_APIS));
    expect(statuses).toEqual(Object.fromEntries(SUPERVISOR_APIS.map((url) => [url, 403])));
    await context.close();
  });
});
