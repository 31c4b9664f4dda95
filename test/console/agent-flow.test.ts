import { performance } from 'node:perf_hooks';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_PHONE_TEXT } from '../../src/messaging/message-timeline.js';
import { record } from '../helpers/app.js';
import { collectPageErrors } from '../helpers/console.js';
import { type MessagingContext, setupMessaging } from '../helpers/messaging.js';
import { createUser, PASSWORD } from '../helpers/users.js';
import { BROWSER_TEST_TIMEOUT_MS, launchChromium, newPerson, screenshot, signInThroughTheForm } from './browser.js';

/** The promise: a ticket the API creates shows in open browsers within 1 s. */
const LIVE_BUDGET_MS = 1_000;

// One engine is enough for the UI; the API under it runs on both in test/tickets and test/console.
describe('the console in a real browser (SQLite)', { timeout: BROWSER_TEST_TIMEOUT_MS }, () => {
  let m: MessagingContext;
  let browser: Browser;
  beforeAll(async () => {
    [m, browser] = await Promise.all([setupMessaging('sqlite'), launchChromium()]);
    // A working morning: a few tickets already there, one of them critical, one closed.
    await m.put('OS-1001', record({ customer: { name: 'Maria Aparecida de Souza', phones: ['(19) 99876-5432'] } }));
    await m.put(
      'OS-1002',
      record({
        status: 'AVARIA NO TRANSPORTE',
        customer: { name: 'Carlos Eduardo Lima', phones: ['(11) 98765-1234'] },
        fields: {
          processNumber: 'PROC-118301',
          issuedAt: '21/11/2026',
          productDescription: 'Lavadora 12 kg',
          problem: 'Chegou com a tampa quebrada',
        },
      }),
    );
    await m.put(
      'OS-1003',
      record({
        customer: { name: 'Ana Beatriz Rocha', phones: ['(21) 99123-4567'] },
        fields: {
          processNumber: 'PROC-118310',
          issuedAt: '21/11/2026',
          productDescription: 'Micro-ondas 30 L',
          problem: 'Não liga',
        },
      }),
    );
    await m.put(
      'OS-1003',
      record({
        state: 'closed',
        status: 'finalizada',
        occurredAt: '2026-11-22T10:00:00-03:00',
        customer: { name: 'Ana Beatriz Rocha', phones: ['(21) 99123-4567'] },
      }),
    );
  });
  afterAll(async () => {
    await browser?.close();
    await m?.close();
  });

  it('signs in, sees a ticket the API just created appear live, works it, and signs out', async () => {
    const { context, page } = await newPerson(browser);
    // GET /auth/me answers 401 before sign-in by design; Chromium logs every 4xx as an error.
    const errors = collectPageErrors(page, /status of 401/);

    // The README's first command ends with the demo admin's credentials: sign in with them.
    await page.goto(`${m.baseUrl}/`);
    await page.waitForURL('**/app/entrar');
    await page.getByRole('heading', { name: 'Entrar no console' }).waitFor();
    await screenshot(page, '01-entrar');
    await signInThroughTheForm(page, m.baseUrl, m.demo.adminEmail, m.demo.adminPassword);
    await page.locator('tr[data-ticket-id]').first().waitFor();
    await page.locator('.live-connected').waitFor();

    // A PUT from the source system; the row appears without a reload.
    const put = await m.put(
      'OS-2040',
      record({
        customer: { name: 'João Batista Pereira', phones: ['(19) 3251-4000'] },
        fields: {
          processNumber: 'PROC-120044',
          issuedAt: '23/11/2026',
          productDescription: 'Fogão 5 bocas Inox',
          problem: 'Forno não acende',
          voltagem: '220 V',
        },
      }),
    );
    const putAnsweredAt = performance.now();
    expect(put.status).toBe(201);
    const row = page.locator(`tr[data-ticket-id="${put.body.id}"]`);
    await row.waitFor({ timeout: 10_000 });
    const liveMs = performance.now() - putAnsweredAt;
    console.info(`live update: row visible ${liveMs.toFixed(0)} ms after the PUT answered`);
    expect(liveMs).toBeLessThanOrEqual(LIVE_BUDGET_MS);
    expect(await row.textContent()).toContain('João Batista Pereira');
    // A change to a ticket already listed updates its row in place, also without a reload.
    const maria = page.locator('tr[data-ticket-id]', { hasText: 'Maria Aparecida de Souza' });
    await m.put(
      'OS-1001',
      record({
        status: 'AGUARDANDO PEÇA',
        occurredAt: '2026-11-21T08:00:00-03:00',
        customer: { name: 'Maria Aparecida de Souza', phones: ['(19) 99876-5432'] },
      }),
    );
    await maria.filter({ hasText: 'AGUARDANDO PEÇA' }).waitFor({ timeout: 5_000 });

    // Pinning puts a ticket on top, for everyone in the workspace.
    const carlos = page.locator('tr[data-ticket-id]', { hasText: 'Carlos Eduardo Lima' });
    await carlos.getByRole('button', { name: /^Fixar o chamado/ }).click();
    await carlos.getByRole('button', { name: /^Desafixar o chamado/ }).waitFor();
    await expect.poll(() => page.locator('tr[data-ticket-id]').first().textContent()).toContain('Carlos Eduardo Lima');
    await page.waitForTimeout(300);
    await screenshot(page, '02-chamados');

    // Open it: the four fields with their pt-BR labels, and the timeline with the no-phone warning.
    await page.getByRole('link', { name: put.body.protocol }).click();
    await page.waitForURL(`**/app/chamados/${put.body.id}`);
    const fields = page.locator('.external-fields');
    await fields.waitFor();
    for (const [label, value] of [
      ['Número do Processo', 'PROC-120044'],
      ['Emissão', '23/11/2026'],
      ['Descrição do Produto', 'Fogão 5 bocas Inox'],
      ['Problema', 'Forno não acende'],
    ]) {
      const field = fields.locator('div', { has: page.locator('dt', { hasText: label }) });
      expect(await field.locator('dd').textContent(), label).toBe(value);
    }
    expect(await page.locator('.other-fields').textContent()).toContain('220 V');
    const warning = page.locator('.timeline-item[data-type="message_no_phone"]');
    await warning.waitFor();
    expect(await warning.textContent()).toContain(NO_PHONE_TEXT);
    expect(await warning.getAttribute('class')).toContain('tone-warning');
    expect(await page.locator('.phone-list').textContent()).toContain('Fixo');
    await screenshot(page, '03-chamado-sem-telefone');

    // Fix the phone and resend: the greeting then reaches the customer.
    await page.getByRole('button', { name: 'Editar contato' }).click();
    await page.getByLabel('Telefone 1', { exact: true }).fill('(19) 98111-2233');
    await screenshot(page, '04-editar-contato');
    await page.getByRole('button', { name: 'Salvar' }).click();
    await page.locator('.alert', { hasText: 'Contato do cliente salvo.' }).waitFor();
    await page.locator('.phone-list', { hasText: 'WhatsApp' }).waitFor();
    await page.getByRole('button', { name: 'Reenviar mensagem' }).click();
    await page.locator('.alert', { hasText: 'Mensagem colocada na fila de envio.' }).waitFor();
    await page
      .locator('.message[data-message-status="read"], .message[data-message-status="delivered"]')
      .first()
      .waitFor();
    await page.locator('.timeline-item[data-type="message_delivered"]').first().waitFor();

    // An internal note stays with the team.
    await page.getByLabel('Nota interna').fill('Cliente confirmou o celular por telefone; visita na sexta.');
    await page.getByRole('button', { name: 'Adicionar nota' }).click();
    const note = page.locator('.timeline-item[data-type="internal_note"]');
    await note.waitFor();
    expect(await note.textContent()).toContain('visita na sexta');
    const types = await page
      .locator('.timeline-item')
      .evaluateAll((items) => items.map((item) => item.getAttribute('data-type')));
    expect(types[0], 'newest first').toBe('internal_note');
    expect(types.at(-1)).toBe('ticket_created');
    await screenshot(page, '05-chamado-reenviado');
    await screenshot(page, '05-chamado-reenviado-inteiro', true);

    // Back to the list: the filters work on what the agent needs.
    await page.getByRole('link', { name: 'Voltar para os chamados' }).click();
    await page.getByLabel('Somente críticos').check();
    await page.waitForURL('**/app/chamados?critical=true');
    await expect.poll(() => page.locator('tr[data-ticket-id]').count(), { timeout: 10_000 }).toBe(1);
    expect(await page.locator('tr[data-ticket-id]').textContent()).toContain('Carlos Eduardo Lima');
    await screenshot(page, '06-chamados-criticos');
    await page.getByRole('button', { name: 'Limpar filtros' }).click();
    await page.getByLabel('Buscar').fill('PROC-118274');
    await page.waitForURL('**/app/chamados?q=PROC-118274');
    await page.locator('tr[data-ticket-id]', { hasText: 'Maria Aparecida de Souza' }).waitFor();

    // Sign out: back at the sign-in screen, and a ticket's URL asks to sign in again.
    await page.getByRole('button', { name: 'Sair' }).click();
    await page.getByText('Você saiu do console.').waitFor();
    await page.goto(`${m.baseUrl}/app/chamados/${put.body.id}`);
    await page.waitForURL(/\/app\/entrar\?next=/);
    expect(errors, errors.join('\n')).toEqual([]);
    await context.close();
  });

  it('reconnects the live stream after a drop, and shows what changed meanwhile', async () => {
    const { context, page } = await newPerson(browser);
    await signInThroughTheForm(page, m.baseUrl, m.demo.adminEmail, m.demo.adminPassword);
    await page.locator('.live-connected').waitFor();
    // The stream drops (a proxy timeout, a deploy) and the first attempts to reconnect fail.
    await page.route('**/api/v1/events', (route) => route.abort('connectionreset'));
    m.app.server.closeAllConnections();
    await page.locator('.live-reconnecting').waitFor();
    // Created while the browser is cut off: its event is lost, the catch-up after reconnecting is not.
    const put = await m.put('OS-3001', record({ customer: { name: 'Cliente Durante a Queda', phones: [] } }));
    await page.unroute('**/api/v1/events');
    await page.locator(`tr[data-ticket-id="${put.body.id}"]`).waitFor({ timeout: 30_000 });
    await page.locator('.live-connected').waitFor();
    await context.close();
  });

  it('goes back to sign-in, keeping the place, when the session ends elsewhere', async () => {
    const { context, page } = await newPerson(browser);
    await signInThroughTheForm(page, m.baseUrl, m.demo.adminEmail, m.demo.adminPassword);
    await page.locator('tr[data-ticket-id]').first().click();
    await page.waitForURL(/\/app\/chamados\/\d+$/);
    const ticketUrl = page.url();
    await page.locator('.live-connected').waitFor();
    // Every session ends (as when the password changes on another device); the stream is refused.
    await m.database.db.deleteFrom('sessions').execute();
    m.app.server.closeAllConnections();
    await page.getByText('Sua sessão terminou. Entre de novo para continuar.').waitFor({ timeout: 30_000 });
    await page.getByLabel('E-mail').fill(m.demo.adminEmail);
    await page.getByLabel('Senha', { exact: true }).fill(m.demo.adminPassword);
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page.waitForURL(ticketUrl);
    await context.close();
  });

  it('lets an agent change their password, and sign in with the new one', async () => {
    const workspace = await m.database.db
      .selectFrom('workspaces')
      .select('id')
      .where('slug', '=', 'demo')
      .executeTakeFirstOrThrow();
    await createUser(m.database, workspace.id, 'agent', 'rafaela.agente@demo.test');
    const { context, page } = await newPerson(browser);
    await signInThroughTheForm(page, m.baseUrl, 'rafaela.agente@demo.test', PASSWORD);
    await page.getByRole('link', { name: 'Minha conta' }).click();
    await page.waitForURL('**/app/conta');
    await page.getByLabel('Senha atual').fill(PASSWORD);
    await page.getByLabel('Nova senha', { exact: true }).fill('curta');
    await page.getByLabel('Confirme a nova senha').fill('curta');
    await page.getByRole('button', { name: 'Trocar senha' }).click();
    await page.locator('.alert', { hasText: 'A nova senha precisa ter pelo menos 10 caracteres.' }).waitFor();
    await page.getByLabel('Nova senha', { exact: true }).fill('uma-senha-nova-e-longa');
    await page.getByLabel('Confirme a nova senha').fill('uma-senha-nova-e-longa');
    await page.getByRole('button', { name: 'Trocar senha' }).click();
    await page.locator('.alert', { hasText: 'Senha trocada com sucesso.' }).waitFor();
    await screenshot(page, '07-minha-conta');
    await page.getByRole('button', { name: 'Sair' }).click();
    await page.getByText('Você saiu do console.').waitFor();

    await page.getByLabel('E-mail').fill('rafaela.agente@demo.test');
    await page.getByLabel('Senha', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page.getByText('E-mail ou senha incorretos.').waitFor();
    await screenshot(page, '08-entrar-erro');
    await page.getByLabel('Senha', { exact: true }).fill('uma-senha-nova-e-longa');
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page.waitForURL('**/app/chamados');
    await context.close();
  });
});
