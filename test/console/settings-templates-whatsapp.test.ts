import { createServer } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDemoStaff, axeViolations, collectPageErrors } from '../helpers/console.js';
import { type MessagingContext, setupMessaging } from '../helpers/messaging.js';
import { PASSWORD } from '../helpers/users.js';
import { BROWSER_TEST_TIMEOUT_MS, launchChromium, newPerson, screenshot, signInThroughTheForm } from './browser.js';

const PHONE = '+5519998765432';

/** A port nothing listens on: taken from the OS, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** What the simulated phone received, through the simulator's own HTTP API. */
async function receivedAt(baseUrl: string, phone: string) {
  const response = await fetch(`${baseUrl}/simulator/phones/${encodeURIComponent(phone)}/messages`);
  if (response.status !== 200) return [];
  const body = (await response.json()) as {
    messages: { direction: string; templateName?: string; text?: string; urlButton?: { url: string } }[];
  };
  return body.messages.filter((message) => message.direction === 'outbound');
}

// One engine is enough for the UI; the API under it runs on both in test/messaging/templates-admin.test.ts.
describe('Configurações > WhatsApp and > Modelos in a real browser (SQLite)', {
  timeout: BROWSER_TEST_TIMEOUT_MS,
}, () => {
  let m: MessagingContext;
  let browser: Browser;
  beforeAll(async () => {
    [m, browser] = await Promise.all([setupMessaging('sqlite'), launchChromium()]);
    await addDemoStaff(m);
  });
  afterAll(async () => {
    await browser?.close();
    await m?.close();
  });

  it('sets the provider, tests the connection, creates, syncs and test-sends a template that reaches the simulator', async () => {
    const { context, page } = await newPerson(browser, { bypassCSP: true });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: m.baseUrl });
    // 4xx answers are part of the flow (a refused template, a bad phone); Chromium logs them as errors.
    const errors = collectPageErrors(page, /status of 4\d\d/);
    await signInThroughTheForm(page, m.baseUrl, 'supervisora@demo.test', PASSWORD);

    // Configurações > WhatsApp: the demo runs on the simulator.
    await page.goto(`${m.baseUrl}/app/configuracoes/whatsapp`);
    await page.getByRole('heading', { name: 'WhatsApp', level: 1 }).waitFor();
    expect(await page.getByRole('radio', { name: /Simulador/ }).isChecked()).toBe(true);

    // Cloud API: the server names the missing field, next to it.
    await page.getByRole('radio', { name: /Cloud API/ }).check();
    await page.getByLabel('URL base da API').fill(`http://127.0.0.1:${await closedPort()}`);
    await page.getByLabel('ID do número de telefone').fill('109876543210');
    await page.getByLabel(/^Token de acesso/).fill('EAAG-token-de-teste');
    await page.getByLabel(/^Chave secreta do app/).fill('segredo-do-app');
    await page.getByRole('button', { name: 'Salvar provedor' }).click();
    const waba = page.getByLabel('ID da conta WhatsApp Business (WABA ID)');
    await page.locator('.field-error', { hasText: 'Informe o ID da conta WhatsApp Business' }).waitFor();
    expect(await waba.getAttribute('aria-invalid')).toBe('true');
    await waba.fill('2233445566');
    await page.getByRole('button', { name: 'Salvar provedor' }).click();
    await page.getByRole('status').filter({ hasText: 'Provedor salvo.' }).waitFor();
    // Write-only: the token field is empty again and says a value is stored.
    expect(await page.getByLabel(/^Token de acesso/).inputValue()).toBe('');
    await page.getByText('definido', { exact: true }).first().waitFor();
    await page.getByRole('button', { name: 'Testar conexão' }).click();
    const failure = page.getByRole('alert').filter({ hasText: 'A conexão falhou.' });
    await failure.waitFor();
    expect(await failure.textContent()).toContain('falha de rede');
    await page.evaluate('window.scrollTo(0, 0)');
    await screenshot(page, 'settings-whatsapp-cloud', true);

    // Back to the simulator, and the connection works.
    await page.getByRole('radio', { name: /Simulador/ }).check();
    await page.getByLabel('Limite de envio (mensagens por segundo)').fill('40');
    await page.getByRole('button', { name: 'Salvar provedor' }).click();
    await page.getByRole('status').filter({ hasText: 'Provedor salvo.' }).waitFor();
    await page.getByRole('button', { name: 'Testar conexão' }).click();
    await page.getByRole('status').filter({ hasText: 'Conexão funcionando' }).waitFor();
    const webhookUrl = await page.getByLabel('URL de retorno (callback)', { exact: true }).inputValue();
    expect(webhookUrl).toBe('https://ponte.example.com.br/webhooks/whatsapp/cloud');
    await page.getByRole('button', { name: 'Copiar URL de retorno (callback)' }).click();
    await expect.poll(() => page.evaluate('navigator.clipboard.readText()')).toBe(webhookUrl);
    expect(await page.getByLabel('Token de verificação', { exact: true }).inputValue()).not.toBe('');
    expect(await axeViolations(page), 'whatsapp').toEqual([]);
    await page.evaluate('window.scrollTo(0, 0)');
    await screenshot(page, 'settings-whatsapp', true);

    // Configurações > Modelos, through the section nav.
    await page
      .getByRole('navigation', { name: 'Seções de configuração' })
      .getByRole('link', { name: 'Modelos (HSM)' })
      .click();
    await page.getByRole('heading', { name: 'Modelos (HSM)', level: 1 }).waitFor();
    await page.locator('tr[data-template="abertura_chamado"]').getByText('Aprovado').waitFor();

    // A new template with a placeholder and a URL button; the placeholders show as they are typed.
    await page.getByRole('button', { name: 'Novo modelo' }).click();
    await page.getByRole('heading', { name: 'Novo modelo' }).waitFor();
    await page.getByLabel('Nome', { exact: true }).fill('aviso_visita');
    await page
      .getByLabel('Corpo da mensagem')
      .fill('Olá, {{1}}! A visita técnica do seu chamado {{2}} está confirmada para amanhã.');
    expect(await page.getByTestId('detected-placeholders').locator('li').allTextContents()).toEqual(['{{1}}', '{{2}}']);
    await page.getByLabel('Botão de link (opcional)').fill('https://ponte.example.com.br/t/{{1}}');
    await page.getByRole('button', { name: 'Adicionar resposta rápida' }).click();
    await page.getByLabel('Resposta rápida 1', { exact: true }).fill('Confirmar');
    await page.getByRole('button', { name: 'Adicionar resposta rápida' }).click();
    await page.getByLabel('Resposta rápida 2', { exact: true }).fill('Remarcar');
    await page.evaluate('window.scrollTo(0, 0)');
    await screenshot(page, 'settings-templates-editor', true);
    await page.getByRole('button', { name: 'Salvar modelo' }).click();
    const row = page.locator('tr[data-template="aviso_visita"]');
    await row.getByText('Aprovado').waitFor();
    expect(await row.textContent()).toContain('Utilidade');

    // A template the server refuses: its reason next to the body.
    await page.getByRole('button', { name: 'Novo modelo' }).click();
    await page.getByLabel('Nome', { exact: true }).fill('aviso_ruim');
    await page.getByLabel('Corpo da mensagem').fill('Olá {{1}}, seu pedido {{3}} saiu.');
    await page.getByRole('button', { name: 'Salvar modelo' }).click();
    const bodyError = page.locator('.field-error', { hasText: 'sem lacunas' });
    await bodyError.waitFor();
    expect(await page.getByLabel('Corpo da mensagem').getAttribute('aria-invalid')).toBe('true');
    // The keyboard lands on the field the server named.
    await expect.poll(() => page.evaluate('document.activeElement?.tagName')).toBe('TEXTAREA');
    await screenshot(page, 'settings-templates-error');
    await page.getByRole('button', { name: 'Cancelar' }).click();
    expect(await page.locator('tr[data-template="aviso_ruim"]').count()).toBe(0);

    // Sync from the provider, with how many were updated and created.
    await page.getByRole('button', { name: 'Sincronizar com o provedor' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /Sincronização concluída: \d+ modelos atualizados e 0 criados\./ })
      .waitFor();

    // The test send: a bad phone is refused next to the field, a good one reaches the simulator.
    await row.getByRole('button', { name: 'Testar envio do modelo aviso_visita' }).click();
    const phone = page.getByLabel('Celular de destino');
    await expect.poll(() => page.evaluate("document.activeElement?.getAttribute('type')")).toBe('tel');
    expect(await page.getByLabel('Modelo', { exact: true }).inputValue()).not.toBe('');
    await expect.poll(() => page.getByLabel('Valor de {{1}}').inputValue()).toBe('exemplo 1');
    await phone.fill('1234');
    await page.getByRole('button', { name: 'Enviar teste' }).click();
    await page.locator('.field-error', { hasText: 'Telefone inválido' }).waitFor();
    await phone.fill('(19) 99876-5432');
    await page.getByLabel('Valor de {{1}}').fill('Joana');
    await page.getByLabel('Sufixo do botão de link').fill('visita-42');
    await page.getByRole('button', { name: 'Enviar teste' }).click();
    const accepted = page.getByRole('status').filter({ hasText: 'Mensagem aceita pelo provedor.' });
    await accepted.waitFor();
    expect(await accepted.textContent()).toContain('+5519*****5432');
    await expect
      .poll(async () => (await receivedAt(m.baseUrl, PHONE)).find((message) => message.templateName === 'aviso_visita'))
      .toMatchObject({
        text: 'Olá, Joana! A visita técnica do seu chamado exemplo 2 está confirmada para amanhã.',
        urlButton: { url: 'https://ponte.example.com.br/t/visita-42' },
      });
    expect(await axeViolations(page), 'templates').toEqual([]);
    await page.evaluate('window.scrollTo(0, 0)');
    await screenshot(page, 'settings-templates', true);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows an agent "Sem permissão", and the API answers 403', async () => {
    const { context, page } = await newPerson(browser);
    await signInThroughTheForm(page, m.baseUrl, 'agente@demo.test', PASSWORD);
    await page.goto(`${m.baseUrl}/app/configuracoes/modelos`);
    await page.getByRole('heading', { name: 'Sem permissão' }).waitFor();
    const template = await m.database.db.selectFrom('templates').select('id').executeTakeFirstOrThrow();
    const statuses = await page.evaluate(async (id) => {
      return Promise.all(
        ['/api/v1/templates', `/api/v1/templates/${id}/test-send`, '/api/v1/whatsapp-provider'].map(async (url) => {
          const response = await fetch(url);
          return [response.status, ((await response.json()) as { code: string }).code];
        }),
      );
    }, template.id);
    expect(statuses).toEqual([
      [403, 'forbidden_role'],
      [403, 'forbidden_role'],
      [403, 'forbidden_role'],
    ]);
    await context.close();
  });
});
