import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTemplate } from '../../src/messaging/templates/repository.js';
import { record } from '../helpers/app.js';
import { addDemoStaff, axeViolations, collectPageErrors } from '../helpers/console.js';
import { type MessagingContext, setupMessaging } from '../helpers/messaging.js';
import { PASSWORD } from '../helpers/users.js';
import { BROWSER_TEST_TIMEOUT_MS, launchChromium, newPerson, screenshot, signInThroughTheForm } from './browser.js';

const JOANA_PHONE = '+5511987654321';

// One engine is enough for the UI; the procedures API runs on both in test/procedures.
describe('Configurações > Procedimentos in a real browser (SQLite)', { timeout: BROWSER_TEST_TIMEOUT_MS }, () => {
  let m: MessagingContext;
  let browser: Browser;
  let protocol: string;
  beforeAll(async () => {
    [m, browser] = await Promise.all([setupMessaging('sqlite'), launchChromium()]);
    const workspaceId = await addDemoStaff(m, ['supervisor']);
    // A template the provider has not approved yet: choosing it must warn.
    await createTemplate(
      m.database.db,
      workspaceId,
      { name: 'aviso_retirada', body: 'Olá, {{1}}! Seu produto está pronto para retirada.', category: 'UTILITY' },
      'PENDING',
    );
    const created = await m.put(
      'OS-5001',
      record({
        status: 'em análise',
        customer: { name: 'Joana Ferreira Dias', phones: ['(11) 98765-4321'] },
        fields: { processNumber: 'PROC-5001', productDescription: 'Liquidificador 900 W', problem: 'Motor queimado' },
      }),
    );
    expect(created.status).toBe(201);
    protocol = created.body.protocol;
    // The demo procedure greets on open; wait for it so the count below is of this test's message only.
    await m.waitFor('OS-5001', (view) =>
      view.messages.some((message: { status: string }) => message.status !== 'queued'),
    );
  });
  afterAll(async () => {
    await browser?.close();
    await m?.close();
  });

  const task = (page: Page, index: number) => page.locator('.task-card').nth(index);

  it('creates a procedure, reorders, binds, previews on a real ticket, maps a status; the next event sends', async () => {
    // axe is injected as a script: this context alone ignores the console's CSP to let it in.
    const { page } = await newPerson(browser, { bypassCSP: true });
    const errors = collectPageErrors(page);
    await signInThroughTheForm(page, m.baseUrl, 'supervisora@demo.test', PASSWORD);
    await page.goto(`${m.baseUrl}/app/configuracoes/procedimentos`);
    await page.getByRole('heading', { name: 'Procedimentos', level: 1 }).waitFor();
    // The demo procedure is open for editing first, with what it does.
    await page.getByRole('heading', { name: 'Editar “Atendimento de Ordem de Serviço”' }).waitFor();
    expect(await page.locator('.applies-notice').textContent()).toContain(
      'As alterações valem para os eventos que chegarem depois de salvar',
    );

    // A new procedure with two tasks.
    await page.getByRole('button', { name: 'Novo procedimento' }).click();
    await page.getByLabel('Nome do procedimento').fill('Troca de produto');
    await task(page, 0).getByLabel('Nome da tarefa').fill('Troca aprovada');
    await page.getByRole('button', { name: 'Adicionar tarefa' }).click();
    await expect.poll(() => page.locator('.task-card').count()).toBe(2);
    await task(page, 1).getByLabel('Nome da tarefa').fill('Produto coletado');

    // Reorder: "Produto coletado" goes first; the focus stays on the moved task's button.
    await page.getByRole('button', { name: 'Mover “Produto coletado” para cima' }).click();
    await expect.poll(() => task(page, 0).getByLabel('Nome da tarefa').inputValue()).toBe('Produto coletado');
    expect(await task(page, 1).getByLabel('Nome da tarefa').inputValue()).toBe('Troca aprovada');
    await expect
      .poll(() => page.locator(':focus').getAttribute('aria-label'))
      .toBe('Mover “Produto coletado” para baixo');

    // "Troca aprovada" sends the greeting template; two of its three variables bound.
    const approved = task(page, 1);
    await approved.getByRole('switch', { name: 'Enviar WhatsApp via Plinx' }).check();
    await approved
      .getByLabel('Modelo de WhatsApp (HSM)')
      .selectOption({ label: 'abertura_chamado (pt_BR) · aprovado' });
    await approved.getByLabel('Variável {{1}}').selectOption({ label: 'Nome do cliente' });
    await approved.getByLabel('Variável {{2}}').selectOption({ label: 'Nº do protocolo' });
    expect(await approved.locator('.field', { hasText: 'Variável {{3}}' }).textContent()).toContain(
      'Sem dado associado: a variável sairá em branco.',
    );

    // The preview, for a real ticket found by its protocol, warns of the unbound variable.
    await approved.getByRole('button', { name: 'Pré-visualizar' }).click();
    const panel = page.locator('.preview-panel');
    await panel.getByLabel('Buscar chamado').fill(protocol);
    await expect
      .poll(() => panel.getByLabel('Chamado para a pré-visualização').locator('option:checked').textContent())
      .toContain(protocol);
    const text = panel.getByTestId('preview-text');
    await expect
      .poll(() => text.textContent())
      .toContain(`Olá, Joana Ferreira Dias! Recebemos sua solicitação e abrimos o chamado nº ${protocol}.`);
    const problems = panel.getByTestId('preview-problems');
    await expect.poll(() => problems.textContent()).toContain('A variável {{3}} não está associada a nenhum dado.');
    await screenshot(page, 'settings-procedures-preview');
    expect(await axeViolations(page), 'editor with the preview').toEqual([]);

    // Binding the third variable clears the warning; the link is in the message.
    await approved.getByLabel('Variável {{3}}').selectOption({ label: 'Link de acompanhamento' });
    await expect.poll(() => problems.count()).toBe(0);
    await expect.poll(() => text.textContent()).toContain('https://ponte.example.com.br/t/');

    await page.getByRole('button', { name: 'Criar procedimento' }).click();
    await page.locator('.alert-success', { hasText: 'Procedimento criado às' }).waitFor();
    await page.getByRole('heading', { name: 'Editar “Troca de produto”' }).waitFor();
    await page.locator('.history-list', { hasText: 'Criou o procedimento com 2 tarefas.' }).waitFor();
    const listed = async () =>
      (
        (await (await fetch(`${m.baseUrl}/api/v1/procedures`, { headers: await cookie(page) })).json()) as {
          procedures: { name: string; tasks: Record<string, unknown>[] }[];
        }
      ).procedures.find((p) => p.name === 'Troca de produto');
    expect((await listed())?.tasks).toEqual([
      expect.objectContaining({ name: 'Produto coletado', sendWhatsapp: false }),
      expect.objectContaining({
        name: 'Troca aprovada',
        sendWhatsapp: true,
        bindings: { '1': 'customer_name', '2': 'protocol', '3': 'tracking_link' },
      }),
    ]);

    // An invalid save: WhatsApp on without a template. The server's error shows at that task's template; nothing saved.
    const collected = task(page, 0);
    await collected.getByRole('switch', { name: 'Enviar WhatsApp via Plinx' }).check();
    await collected.getByLabel('Nome da tarefa').fill('Produto coletado na casa do cliente');
    await page.getByRole('button', { name: 'Salvar procedimento' }).click();
    const templateSelect = collected.getByLabel('Modelo de WhatsApp (HSM)');
    await expect.poll(() => templateSelect.getAttribute('aria-invalid')).toBe('true');
    const fieldError = collected.locator('.field-error');
    expect(await fieldError.textContent()).toBe(
      'Escolha o modelo de WhatsApp da tarefa “Produto coletado na casa do cliente”.',
    );
    expect(await page.locator('.form-error').textContent()).toBe('Corrija os campos indicados e salve de novo.');
    expect(await page.locator(':focus').evaluate((element) => element.tagName)).toBe('SELECT');
    expect((await listed())?.tasks[0]).toMatchObject({ name: 'Produto coletado', sendWhatsapp: false });
    await screenshot(page, 'settings-procedures-error');
    expect(await axeViolations(page), 'refused save').toEqual([]);
    // A template not approved by the provider is flagged where it is chosen.
    await templateSelect.selectOption({ label: 'aviso_retirada (pt_BR) · aguardando aprovação' });
    expect(await collected.getByTestId('template-not-approved').textContent()).toContain('não está aprovado');
    await page.getByRole('button', { name: 'Descartar alterações' }).click();
    expect(await task(page, 0).getByLabel('Nome da tarefa').inputValue()).toBe('Produto coletado');

    // "Enviar e-mail" asks for an e-mail template; with none yet, it points to Configurações > E-mail.
    await task(page, 0).getByRole('switch', { name: 'Enviar e-mail' }).check();
    const emailField = task(page, 0).locator('.field', { hasText: 'Modelo de e-mail' });
    expect(await emailField.textContent()).toContain('Nenhum modelo de e-mail cadastrado.');
    expect(await emailField.getByRole('link').getAttribute('href')).toBe('/app/configuracoes/email');
    await page.getByRole('button', { name: 'Descartar alterações' }).click();

    // Once there is an e-mail template, "Troca aprovada" falls back to e-mail when the customer has no WhatsApp.
    const emailTemplate = await callApi(page, 'POST', '/api/v1/email-templates', {
      name: 'Troca aprovada (e-mail)',
      subject: 'Sua troca foi aprovada',
      html: '<p>Olá, {{customer_name}}! Sua troca foi aprovada.</p>',
      text: 'Olá, {{customer_name}}! Sua troca foi aprovada.',
    });
    expect(emailTemplate.status).toBe(201);
    await page.reload();
    await page.getByRole('button', { name: /^Troca de produto/ }).click();
    await page.getByRole('heading', { name: 'Editar “Troca de produto”' }).waitFor();
    await task(page, 1).getByRole('switch', { name: 'Usar e-mail quando não houver WhatsApp' }).check();
    await task(page, 1).getByLabel('Modelo de e-mail').selectOption({ label: 'Troca aprovada (e-mail)' });
    await page.getByRole('button', { name: 'Salvar procedimento' }).click();
    await page.locator('.alert-success', { hasText: 'Procedimento salvo às' }).waitFor();
    expect((await listed())?.tasks[1]).toMatchObject({
      emailFallback: true,
      sendEmail: false,
      emailTemplateId: emailTemplate.body.id,
    });
    await page
      .locator('.history-list li', { hasText: 'Usar e-mail quando não houver WhatsApp ligado, modelo de e-mail' })
      .first()
      .waitFor();

    // Map the source's status "TROCA APROVADA" to the task, and save.
    const routing = page.locator('.routing-card');
    const rows = routing.locator('tbody tr[data-row-key]');
    const before = await rows.count();
    await routing.getByRole('button', { name: 'Adicionar status' }).click();
    await expect.poll(() => rows.count()).toBe(before + 1);
    const n = before + 1;
    await routing.getByLabel(`Status na origem da linha ${n}`).fill('Troca aprovada');
    await routing.getByLabel(`Tarefa da linha ${n}`).selectOption({ label: 'Troca aprovada' });
    await routing.getByRole('button', { name: 'Salvar mapeamento' }).click();
    await routing.locator('.alert-success', { hasText: 'Mapeamento salvo às' }).waitFor();
    // The status is kept as the server compares it: upper-cased.
    expect(await routing.getByLabel(`Status na origem da linha ${n}`).inputValue()).toBe('TROCA APROVADA');
    // Sticky panels are drawn where the scroll leaves them: capture the whole page from its top.
    expect(await axeViolations(page), 'status routing').toEqual([]);
    await page.evaluate('window.scrollTo(0, 0)');
    await screenshot(page, 'settings-procedures', true);

    // The next event with that status enters the task, and the customer gets the message.
    const sentBefore = outbound().length;
    const put = await m.put(
      'OS-5001',
      record({
        status: 'troca aprovada',
        occurredAt: '2026-11-21T10:00:00-03:00',
        customer: { name: 'Joana Ferreira Dias', phones: ['(11) 98765-4321'] },
      }),
    );
    expect(put.status).toBe(200);
    const view = await m.waitFor('OS-5001', () => outbound().length > sentBefore);
    expect(view.timeline.map((entry: { text: string }) => entry.text)).toContain(
      'Chamado entrou na tarefa “Troca aprovada”.',
    );
    const message = outbound().at(-1)!;
    expect(message.templateName).toBe('abertura_chamado');
    expect(message.parameters.map((parameter) => parameter.text)).toEqual([
      'Joana Ferreira Dias',
      protocol,
      expect.stringMatching(/^https:\/\/ponte\.example\.com\.br\/t\/.+\?c=w$/),
    ]);
    expect(errors).toEqual([]);
  });

  const outbound = () =>
    m.simulator.store
      .conversation(JOANA_PHONE)
      .filter((item) => item.direction === 'outbound')
      .map((item) => item as Extract<typeof item, { direction: 'outbound' }>);
});

/** A call to the API as the page's signed-in supervisor (its cookie, and its CSRF token on changes). */
async function callApi(page: Page, method: 'POST' | 'PUT', path: string, body: unknown) {
  const base = new URL(page.url()).origin;
  const headers = await cookie(page);
  const me = (await (await fetch(`${base}/api/v1/auth/me`, { headers })).json()) as { csrfToken: string };
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { ...headers, 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as { id: number } };
}

/** The page's session, for reading the API as the signed-in supervisor. */
async function cookie(page: Page): Promise<Record<string, string>> {
  const cookies = await page.context().cookies();
  return { cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; ') };
}
