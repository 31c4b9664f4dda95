import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseApiKey } from '../../src/sources/api-keys.js';
import { record } from '../helpers/app.js';
import { addDemoStaff, axeViolations, collectPageErrors } from '../helpers/console.js';
import { type MessagingContext, setupMessaging } from '../helpers/messaging.js';
import { PASSWORD } from '../helpers/users.js';
import { BROWSER_TEST_TIMEOUT_MS, launchChromium, newPerson, screenshot, signInThroughTheForm } from './browser.js';

const logisticsPayload = JSON.parse(
  readFileSync(new URL('../fixtures/processo-logistico.json', import.meta.url), 'utf8'),
);
const logisticsMapping = readFileSync(
  new URL('../../docs/mappings/processo-logistico.jsonata', import.meta.url),
  'utf8',
);

/** The 4xx answers this test provokes on purpose (Chromium logs them as console errors). */
const EXPECTED_CONSOLE = /status of (400|401|403|404|409|422)/;

describe('Configurações > Integrações and Usuários in a real browser (SQLite)', {
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

  it('a supervisor creates a source and a key, sees its events, edits and tests the mapping, and revokes the key', async () => {
    const { context, page } = await newPerson(browser, { bypassCSP: true });
    const errors = collectPageErrors(page, EXPECTED_CONSOLE);
    await signInThroughTheForm(page, m.baseUrl, 'supervisora@demo.test', PASSWORD);
    await page.goto(`${m.baseUrl}/app/configuracoes/integracoes`);
    await page.getByRole('heading', { name: 'Integrações', level: 1 }).waitFor();
    // The demo's source is there, with its mapping.
    await page.getByRole('link', { name: /erp/ }).waitFor();

    // A bad name is refused by the server, next to the field.
    await page.getByLabel('Nome da origem').fill('Logística Norte');
    await page.getByRole('button', { name: 'Criar origem' }).click();
    await page.locator('.field-error', { hasText: 'Use letras minúsculas' }).waitFor();
    expect(await page.getByLabel('Nome da origem').getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('Nome da origem').fill('logistica');
    await page.getByRole('button', { name: 'Criar origem' }).click();
    await page.waitForURL('**/app/configuracoes/integracoes?origem=logistica');
    await page.getByRole('heading', { name: /logistica/, level: 2 }).waitFor();
    // The source's first key comes with it, shown once.
    const firstKey = await page.getByLabel('Chave de API completa').inputValue();
    expect(firstKey).toMatch(/^pk_[A-Za-z0-9_-]{8}_/);
    await page.getByText('Guarde agora, não será mostrada de novo.').waitFor();
    await page.getByRole('button', { name: 'Já guardei' }).click();

    // A second key: shown once, then only its prefix.
    await page.getByRole('button', { name: 'Criar chave' }).click();
    const keyInput = page.getByLabel('Chave de API completa');
    await keyInput.waitFor();
    const apiKey = await keyInput.inputValue();
    expect(apiKey).not.toBe(firstKey);
    // The prefix may itself hold '_' (base64url): read it as the server does.
    const { prefix } = parseApiKey(apiKey)!;
    await page.locator(`tr[data-key-prefix="${prefix}"]`).waitFor();
    expect(await page.locator('.keys-table tbody tr').count()).toBe(2);
    await screenshot(page, 'settings-integrations-key');
    await page.reload();
    await page.locator(`tr[data-key-prefix="${prefix}"]`).waitFor();
    expect(await page.content()).not.toContain(apiKey);
    expect(await page.locator(`tr[data-key-prefix="${prefix}"]`).textContent()).toContain(`pk_${prefix}_…`);
    // The curl example names this source's address and reads the key from the environment.
    expect(await page.locator('.code-block').first().textContent()).toContain(
      `curl -X PUT '${m.baseUrl}/api/v1/sources/logistica/records/OS-1234'`,
    );

    // The source system writes a record with the new key, through the real HTTP API.
    const put = (id: string, body: unknown, key = apiKey) =>
      fetch(`${m.baseUrl}/api/v1/sources/logistica/records/${id}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await put('LOG-1', record())).status).toBe(201);
    await page.getByRole('button', { name: 'Atualizar' }).click();
    const applied = page.locator('.events-table tr[data-result="created"]');
    await applied.waitFor();
    expect(await applied.textContent()).toContain('LOG-1');
    expect(await applied.textContent()).toContain('Aplicado');

    // A bad record is rejected, and the screen says why.
    expect((await put('LOG-2', record({ state: 'talvez' }))).status).toBe(400);
    await page.getByRole('button', { name: 'Atualizar' }).click();
    const rejected = page.locator('.events-table tr[data-result="rejected"]');
    await rejected.waitFor();
    expect(await rejected.textContent()).toContain('Rejeitado');
    expect(await rejected.textContent()).toContain('campo state');

    // The mapping: written, tested on a fixture payload (nothing saved), then saved.
    const editor = page.getByLabel('Mapeamento (JSONata)');
    await editor.fill(logisticsMapping);
    await page.getByRole('button', { name: 'Processo logístico' }).click();
    expect(JSON.parse(await page.getByLabel('Payload de exemplo (JSON)').inputValue())).toEqual(logisticsPayload);
    await page.getByRole('button', { name: 'Testar' }).click();
    const ok = page.locator('[data-test-result="ok"]');
    await ok.waitFor();
    expect(await ok.textContent()).toContain('"externalId": "LOG-77120"');
    expect(await ok.textContent()).toContain('"name": "João Pedro Lima"');
    // An edited sample that lacks the customer's name: the error names the field.
    const sample = { ...logisticsPayload, destinatario: { contato: {} } };
    await page.getByLabel('Payload de exemplo (JSON)').fill(JSON.stringify(sample, null, 2));
    await page.getByRole('button', { name: 'Testar' }).click();
    const failed = page.locator('[data-test-result="error"]');
    await failed.waitFor();
    expect(await failed.textContent()).toContain('customer.name');
    await page.getByRole('button', { name: 'Processo logístico' }).click();
    await page.getByRole('button', { name: 'Testar' }).click();
    await ok.waitFor();
    await page.getByRole('button', { name: 'Salvar mapeamento' }).click();
    await page.locator('.alert', { hasText: 'Mapeamento salvo.' }).waitFor();
    // The source system can now post its own payload.
    const raw = await fetch(`${m.baseUrl}/api/v1/sources/logistica/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(logisticsPayload),
    });
    expect(raw.status).toBe(201);
    await page.getByRole('button', { name: 'Atualizar' }).click();
    await page.locator('.events-table tr[data-result="created"]', { hasText: 'LOG-77120' }).waitFor();
    expect(await axeViolations(page), 'integrations').toEqual([]);
    await screenshot(page, 'settings-integrations', true);

    // A mapping that does not compile is refused, with the reason next to the editor; nothing changes.
    await editor.fill('{ "externalId": id_processo, ');
    await page.getByRole('button', { name: 'Salvar mapeamento' }).click();
    const reason = page.locator('.field-error', { hasText: 'O mapeamento não compila' });
    await reason.waitFor();
    expect(await editor.getAttribute('aria-invalid')).toBe('true');
    expect(await editor.getAttribute('aria-describedby')).toContain(await reason.getAttribute('id'));
    await page.getByRole('button', { name: 'Testar' }).click();
    await page.locator('[data-test-result="error"]', { hasText: 'mapeamento inválido' }).waitFor();
    await screenshot(page, 'settings-integrations-mapping-error');
    const saved = await m.database.db
      .selectFrom('sources')
      .select('mapping')
      .where('name', '=', 'logistica')
      .executeTakeFirstOrThrow();
    expect(saved.mapping).toBe(logisticsMapping.trim());

    // Revoking asks first; then the key stops working at once.
    await page.getByRole('button', { name: `Revogar a chave ${prefix}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Revogar chave de API?' });
    await dialog.waitFor();
    await screenshot(page, 'settings-integrations-revoke');
    await dialog.getByRole('button', { name: 'Revogar chave' }).click();
    await page.locator(`tr[data-key-prefix="${prefix}"]`, { hasText: 'Revogada em' }).waitFor();
    expect((await put('LOG-3', record())).status).toBe(401);
    expect((await put('LOG-3', record(), firstKey)).status).toBe(201);
    expect(errors, errors.join('\n')).toEqual([]);
    await context.close();
  });

  it('an admin creates a user, invites one, changes a role and deactivates a user, who then cannot sign in', async () => {
    const { context, page } = await newPerson(browser, { bypassCSP: true });
    const errors = collectPageErrors(page, EXPECTED_CONSOLE);
    await signInThroughTheForm(page, m.baseUrl, m.demo.adminEmail, m.demo.adminPassword);
    await page.getByRole('link', { name: 'Usuários' }).click();
    await page.waitForURL('**/app/usuarios');
    await page.locator('tr[data-user-email="supervisora@demo.test"]').waitFor();

    const create = page.getByRole('region', { name: 'Criar usuário' });
    await create.getByLabel('Nome').fill('Rita Atendente');
    await create.getByLabel('E-mail').fill('Rita@Demo.test');
    await create.getByLabel('Perfil').selectOption({ label: 'Agente' });
    await create.getByLabel('Senha inicial').fill('senha-inicial-123');
    await create.getByRole('button', { name: 'Criar usuário' }).click();
    const rita = page.locator('tr[data-user-email="rita@demo.test"]');
    await rita.waitFor();
    expect(await rita.textContent()).toContain('Rita Atendente');
    expect(await rita.textContent()).toContain('Ativo');

    // The same e-mail again: the server's reason next to the e-mail field.
    await create.getByLabel('Nome').fill('Outra Rita');
    await create.getByLabel('E-mail').fill('rita@demo.test');
    await create.getByLabel('Senha inicial').fill('senha-inicial-123');
    await create.getByRole('button', { name: 'Criar usuário' }).click();
    await create.locator('.field-error', { hasText: 'Já existe um usuário com este e-mail.' }).waitFor();
    expect(await create.getByLabel('E-mail').getAttribute('aria-invalid')).toBe('true');
    // And a short password, next to the password.
    await create.getByLabel('E-mail').fill('paulo@demo.test');
    await create.getByLabel('Senha inicial').fill('curta');
    await create.getByRole('button', { name: 'Criar usuário' }).click();
    await create.locator('.field-error').waitFor();
    expect(await create.getByLabel('Senha inicial').getAttribute('aria-invalid')).toBe('true');

    // An invite: the link with its expiry, which works once.
    const invite = page.getByRole('region', { name: 'Convidar por link' });
    await invite.getByLabel('E-mail').fill('nova@demo.test');
    await invite.getByLabel('Perfil').selectOption({ label: 'Supervisor' });
    await invite.getByRole('button', { name: 'Gerar convite' }).click();
    const link = await invite.getByLabel('Link do convite').inputValue();
    expect(link).toMatch(/\/app\/convite\/[A-Za-z0-9_-]+$/);
    expect(await invite.textContent()).toMatch(/Expira em \d{2}\/\d{2}\/\d{4}/);
    await invite.getByRole('button', { name: 'Copiar o link do convite' }).waitFor();
    await screenshot(page, 'users-invite', true);
    // The invited person opens the link in a browser of their own, with no session.
    const token = link.split('/').pop();
    const guest = await newPerson(browser);
    await guest.page.goto(`${m.baseUrl}/app/convite/${token}`);
    await guest.page.getByLabel('Seu nome').fill('Nova Supervisora');
    await guest.page.getByLabel('Senha', { exact: true }).fill('senha-bem-longa-1');
    await guest.page.getByLabel('Confirme a senha').fill('senha-bem-longa-1');
    await guest.page.getByRole('button', { name: 'Criar minha conta' }).click();
    await guest.page.getByRole('link', { name: 'Ir para a entrada' }).waitFor();
    await screenshot(guest.page, 'users-invite-accepted');
    await guest.context.close();
    const again = await fetch(`${m.baseUrl}/api/v1/auth/invites/${token}/accept`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Outra Pessoa', password: 'senha-bem-longa-2' }),
    });
    expect(again.status).toBeGreaterThanOrEqual(400);

    // Rita becomes a supervisor.
    await rita.getByLabel('Perfil de Rita Atendente').selectOption({ label: 'Supervisor' });
    await rita.getByRole('button', { name: 'Salvar perfil' }).click();
    await expect.poll(() => rita.getByRole('button', { name: 'Salvar perfil' }).count()).toBe(0);
    const stored = await m.database.db
      .selectFrom('users')
      .select(['role', 'disabled_at'])
      .where('email', '=', 'rita@demo.test')
      .executeTakeFirstOrThrow();
    expect(stored.role).toBe('supervisor');

    // Deactivating asks first.
    await rita.getByRole('button', { name: 'Desativar o usuário Rita Atendente' }).click();
    const dialog = page.getByRole('dialog', { name: 'Desativar usuário?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Cancelar' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await rita.textContent()).toContain('Ativo');
    await rita.getByRole('button', { name: 'Desativar o usuário Rita Atendente' }).click();
    await dialog.getByRole('button', { name: 'Desativar usuário' }).click();
    await rita.locator('.badge', { hasText: 'Desativado' }).waitFor();
    await rita.getByRole('button', { name: 'Reativar o usuário Rita Atendente' }).waitFor();

    // The invited user is listed after a reload; the admin's own row cannot demote or deactivate itself.
    await page.reload();
    await page.locator('tr[data-user-email="nova@demo.test"]', { hasText: 'Nova Supervisora' }).waitFor();
    const me = page.locator(`tr[data-user-email="${m.demo.adminEmail}"]`);
    expect(await me.locator('select').isDisabled()).toBe(true);
    expect(await me.getByRole('button').count()).toBe(0);
    expect(await axeViolations(page), 'users').toEqual([]);
    await screenshot(page, 'users', true);
    expect(errors, errors.join('\n')).toEqual([]);

    // Rita, deactivated, cannot sign in.
    const other = await newPerson(browser);
    await other.page.goto(`${m.baseUrl}/app/entrar`);
    await other.page.getByLabel('E-mail').fill('rita@demo.test');
    await other.page.getByLabel('Senha', { exact: true }).fill('senha-inicial-123');
    await other.page.getByRole('button', { name: 'Entrar' }).click();
    await other.page.getByRole('alert').waitFor();
    expect(other.page.url()).toContain('/app/entrar');
    await other.context.close();
    await context.close();
  });

  it('an agent cannot open Integrações nor Usuários, and the APIs answer 403', async () => {
    const { context, page } = await newPerson(browser);
    await signInThroughTheForm(page, m.baseUrl, 'agente@demo.test', PASSWORD);
    for (const path of ['/app/configuracoes/integracoes', '/app/usuarios']) {
      await page.goto(`${m.baseUrl}${path}`);
      await page.getByRole('heading', { name: 'Sem permissão' }).waitFor();
      expect(await page.locator('.source-list, .users-table').count()).toBe(0);
    }
    const statuses = await page.evaluate(async () => {
      const get = async (url: string) => (await fetch(url, { credentials: 'same-origin' })).status;
      return [await get('/api/v1/sources'), await get('/api/v1/sources/erp/recent-events'), await get('/api/v1/users')];
    });
    expect(statuses).toEqual([403, 403, 403]);
    await context.close();

    // A supervisor configures integrations but does not manage users.
    const supervisor = await newPerson(browser);
    await signInThroughTheForm(supervisor.page, m.baseUrl, 'supervisora@demo.test', PASSWORD);
    await supervisor.page.goto(`${m.baseUrl}/app/usuarios`);
    await supervisor.page.getByRole('heading', { name: 'Sem permissão' }).waitFor();
    expect(await supervisor.page.evaluate(async () => (await fetch('/api/v1/users')).status)).toBe(403);
    await supervisor.context.close();
  });
});
