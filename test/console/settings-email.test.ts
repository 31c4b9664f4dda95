import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { record } from '../helpers/app.js';
import { addDemoStaff, axeViolations, collectPageErrors } from '../helpers/console.js';
import { type MessagingContext, setupMessaging } from '../helpers/messaging.js';
import { openAndCloseProcedure, task } from '../helpers/procedures.js';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp.js';
import { PASSWORD, signIn } from '../helpers/users.js';
import { BROWSER_TEST_TIMEOUT_MS, launchChromium, newPerson, screenshot, signInThroughTheForm } from './browser.js';

const SMTP_LOGIN = { user: 'ponte', pass: 'senha-smtp-secreta' };
const SENDER = 'atendimento@assistencia.example.com.br';

/**
 * The whole page in one tall viewport: a full-page capture leaves the sandboxed preview frame (drawn by
 * its own process) blank and shifts the sticky section nav.
 */
async function wholePage(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 1280, height: (await page.evaluate('document.body.scrollHeight')) as number });
  await page.evaluate('window.scrollTo(0, 0)');
  await screenshot(page, name);
  await page.setViewportSize({ width: 1280, height: 720 });
}

// One engine is enough for the UI; the API under it runs on both in test/email/email-channel.test.ts.
describe('Configurações > E-mail in a real browser against a real SMTP server (SQLite)', {
  timeout: BROWSER_TEST_TIMEOUT_MS,
}, () => {
  let m: MessagingContext;
  let smtp: TestSmtpServer;
  let browser: Browser;
  beforeAll(async () => {
    [m, smtp, browser] = await Promise.all([setupMessaging('sqlite'), startSmtpServer(SMTP_LOGIN), launchChromium()]);
    await addDemoStaff(m);
  });
  afterAll(async () => {
    await browser?.close();
    await m?.close();
    await smtp?.close();
  });

  it('sets up SMTP, sends a test e-mail, writes a template previewed on a real ticket, and a record close e-mails the customer', async () => {
    // A real ticket to preview the template on; it has no "Problema", so the preview warns about it.
    const { body: previewTicket } = await m.put(
      'EM-UI-PREVIEW',
      record({
        customer: { name: 'Paula Souza', phones: [], email: 'paula@example.com.br' },
        fields: { processNumber: 'PROC-77001', productDescription: 'Lavadora 12kg' },
      }),
    );

    const { context, page } = await newPerson(browser);
    // 4xx answers are part of the flow (a refused sender, a refused template); Chromium logs them as errors.
    // The preview frame inherits the console's CSP, which blocks the template's inline styles (said on screen).
    const errors = collectPageErrors(page, /status of 4\d\d|Applying inline style violates/);
    await signInThroughTheForm(page, m.baseUrl, 'supervisora@demo.test', PASSWORD);
    await page.getByRole('link', { name: 'Configurações', exact: true }).click();
    await page
      .getByRole('navigation', { name: 'Seções de configuração' })
      .getByRole('link', { name: 'E-mail' })
      .click();
    await page.getByRole('heading', { name: 'E-mail', level: 1 }).waitFor();
    await page.getByText('Nenhum servidor SMTP configurado').waitFor();
    expect(await page.getByRole('button', { name: 'Enviar e-mail de teste' }).isDisabled()).toBe(true);

    // Servidor SMTP: a bad sender address is refused by the server, next to the field.
    await page.getByLabel('Servidor (host)').fill('127.0.0.1');
    await page.getByRole('radio', { name: /Sem TLS/ }).check();
    // The port follows the security mode while it is the usual one.
    expect(await page.getByLabel('Porta', { exact: true }).inputValue()).toBe('25');
    await page.getByLabel('Porta', { exact: true }).fill(String(smtp.port));
    await page.getByLabel('Usuário').fill(SMTP_LOGIN.user);
    await page.getByLabel(/^Senha/).fill(SMTP_LOGIN.pass);
    await page.getByLabel('Nome do remetente').fill('Assistência Técnica Demo');
    const sender = page.getByLabel('E-mail do remetente');
    await sender.fill('atendimento-arroba-empresa');
    await page.getByRole('button', { name: 'Salvar servidor' }).click();
    await page.locator('.field-error', { hasText: 'Informe um endereço de remetente válido' }).waitFor();
    expect(await sender.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => page.evaluate('document.activeElement?.getAttribute("type")')).toBe('email');
    await screenshot(page, 'settings-email-smtp-error');
    expect((await fetch(`${m.baseUrl}/api/v1/email-settings`)).status).toBe(401);

    await sender.fill(SENDER);
    await page.getByRole('button', { name: 'Salvar servidor' }).click();
    await page.getByRole('status').filter({ hasText: 'Servidor SMTP salvo.' }).waitFor();
    // Write-only: the password field is empty again and says one is saved.
    await page.getByTestId('password-state').filter({ hasText: 'senha salva' }).waitFor();
    expect(await page.getByLabel(/^Senha/).inputValue()).toBe('');
    expect(await sender.getAttribute('aria-invalid')).toBeNull();

    // The test e-mail: a bad address is refused next to the field, a good one reaches the SMTP server.
    const to = page.getByLabel('Enviar para');
    await to.fill('ninguem');
    await page.getByRole('button', { name: 'Enviar e-mail de teste' }).click();
    await page.locator('.field-error', { hasText: 'Informe um e-mail válido para o teste.' }).waitFor();
    await to.fill('supervisora@example.com.br');
    await page.getByRole('button', { name: 'Enviar e-mail de teste' }).click();
    const sent = page.getByRole('status').filter({ hasText: 'E-mail enviado.' });
    await sent.waitFor();
    expect(await sent.textContent()).toContain('aceito pelo servidor');
    const [testEmail] = await smtp.waitFor(1);
    expect(testEmail).toMatchObject({ to: ['supervisora@example.com.br'], subject: 'Teste de e-mail do Ponte' });
    expect(testEmail!.headers.from).toContain(SENDER);

    // Modelos de e-mail: a template naming an unknown variable is refused next to the subject.
    await page.getByRole('button', { name: 'Novo modelo de e-mail' }).click();
    await page.getByRole('heading', { name: 'Novo modelo de e-mail', level: 3 }).waitFor();
    await page.getByLabel('Nome do modelo').fill('Encerramento por e-mail');
    const subject = page.getByLabel('Assunto', { exact: true });
    await subject.fill('Chamado {{cpf}} encerrado');
    const html = page.getByLabel('Corpo em HTML');
    await html.fill(
      '<h1 style="color:#0b57a4">Olá, {{customer_first_name}}!</h1>\n<p>Seu chamado foi concluído. <a href="{{survey_link}}">Avalie o atendimento</a>.</p>\n<p>Problema: ',
    );
    // The variable chips insert where the cursor is.
    await page.getByRole('button', { name: /\{\{field\.problem\}\}/ }).click();
    await page.keyboard.type('</p>');
    expect(await html.inputValue()).toMatch(/<p>Problema: \{\{field\.problem\}\}<\/p>$/);
    await page.getByLabel('Corpo em texto').fill('Olá, {{customer_first_name}}! Avalie o atendimento: {{survey_link}}');
    await page.getByRole('button', { name: 'Salvar modelo' }).click();
    await page.locator('.field-error', { hasText: 'Variável desconhecida: {{cpf}}.' }).waitFor();
    expect(await subject.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => page.evaluate('document.activeElement?.tagName')).toBe('INPUT');

    // Fixed with a chip, then previewed on the real ticket: subject, HTML in a sandbox, text, warnings.
    await subject.fill('Chamado ');
    await page.getByRole('button', { name: /\{\{protocol\}\}/ }).click();
    await page.keyboard.type(' encerrado');
    expect(await subject.inputValue()).toBe('Chamado {{protocol}} encerrado');
    // The refusal's message goes away once the field it named is changed.
    expect(await subject.getAttribute('aria-invalid')).toBeNull();
    await page.getByLabel('Buscar chamado').fill('EM-UI-PREVIEW');
    await expect
      .poll(() => page.getByLabel('Chamado para a pré-visualização').locator('option:checked').textContent())
      .toContain(previewTicket.protocol);
    const renderedSubject = page.getByTestId('email-preview-subject');
    await expect.poll(() => renderedSubject.textContent()).toBe(`Chamado ${previewTicket.protocol} encerrado`);
    const frame = page.locator('iframe.email-preview-frame');
    expect(await frame.getAttribute('sandbox')).toBe('');
    expect(await frame.getAttribute('srcdoc')).toContain('Olá, Paula!');
    await page.getByText('Os estilos embutidos (style) não aparecem nesta prévia').waitFor();
    expect(await page.frameLocator('iframe.email-preview-frame').locator('h1').textContent()).toBe('Olá, Paula!');
    expect(await page.getByTestId('email-preview-text').textContent()).toBe(
      `Olá, Paula! Avalie o atendimento: ${previewTicket.trackingUrl.replace('/t/', '/s/')}?c=e`,
    );
    expect(await page.getByTestId('email-preview-problems').textContent()).toContain(
      'Campo: Problema está vazio neste chamado ({{field.problem}}).',
    );
    expect(await axeViolations(page), 'email').toEqual([]);
    await page.getByTestId('email-preview-subject').scrollIntoViewIfNeeded();
    await screenshot(page, 'settings-email-preview');
    await wholePage(page, 'settings-email');

    await page.getByRole('button', { name: 'Salvar modelo' }).click();
    const row = page.locator('tr[data-email-template="Encerramento por e-mail"]');
    await row.waitFor();
    expect(await row.textContent()).toContain('Chamado {{protocol}} encerrado');
    // The keyboard is back on the row just saved.
    await expect
      .poll(() => page.evaluate('document.activeElement?.getAttribute("aria-label")'))
      .toBe('Editar o modelo de e-mail Encerramento por e-mail');

    // A second template with the same name is refused next to the name.
    await page.getByRole('button', { name: 'Novo modelo de e-mail' }).click();
    await page.getByLabel('Nome do modelo').fill('Encerramento por e-mail');
    await page.getByLabel('Assunto', { exact: true }).fill('Outro assunto');
    await page.getByLabel('Corpo em texto').fill('Outro corpo');
    await page.getByRole('button', { name: 'Salvar modelo' }).click();
    await page.locator('.field-error', { hasText: 'Já existe um modelo de e-mail com este nome.' }).waitFor();
    expect(await page.getByLabel('Nome do modelo').getAttribute('aria-invalid')).toBe('true');
    await page.getByRole('button', { name: 'Cancelar' }).click();

    // Editing: the change applies to the e-mails sent after saving.
    await row.getByRole('button', { name: 'Editar o modelo de e-mail Encerramento por e-mail' }).click();
    await page.getByRole('heading', { name: 'Editar modelo de e-mail: Encerramento por e-mail' }).waitFor();
    expect(await page.getByLabel('Corpo em HTML').inputValue()).toContain('{{field.problem}}');
    await page.getByLabel('Assunto', { exact: true }).fill('Seu chamado {{protocol}} foi encerrado');
    await page.getByRole('button', { name: 'Salvar modelo' }).click();
    await row.getByText('Seu chamado {{protocol}} foi encerrado').waitFor();
    await wholePage(page, 'settings-email-saved');

    // A procedure task sends that e-mail when the record closes (set through the API).
    const supervisor = await signIn(m.app, 'supervisora@demo.test');
    const templates = (await supervisor.call('GET', '/api/v1/email-templates')).json() as {
      templates: { id: number; name: string }[];
    };
    const emailTemplate = templates.templates.find((t) => t.name === 'Encerramento por e-mail')!;
    await openAndCloseProcedure(
      supervisor,
      m.demo.source,
      'Encerramento por e-mail',
      task('Encerrado', { sendEmail: true, emailTemplateId: emailTemplate.id }),
    );
    const open = record({
      customer: { name: 'Rui Lima', phones: ['(41) 99876-4321'], email: 'rui.lima@example.com.br' },
    });
    const { body: ticket } = await m.put('EM-UI-1', open);
    await m.put('EM-UI-1', { ...open, state: 'closed', status: 'finalizada', occurredAt: '2026-11-24T10:00:00Z' });
    const [closing] = (await smtp.waitFor(2)).slice(1);
    expect(closing).toMatchObject({
      to: ['rui.lima@example.com.br'],
      subject: `Seu chamado ${ticket.protocol} foi encerrado`,
    });
    expect(closing!.headers.from).toContain(SENDER);
    expect(closing!.text).toBe(`Olá, Rui! Avalie o atendimento: ${ticket.trackingUrl.replace('/t/', '/s/')}?c=e`);
    expect(closing!.html).toContain('<p>Problema: Não gela na parte de baixo</p>');

    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows an agent "Sem permissão", and the API answers 403', async () => {
    const { context, page } = await newPerson(browser);
    await signInThroughTheForm(page, m.baseUrl, 'agente@demo.test', PASSWORD);
    await page.goto(`${m.baseUrl}/app/configuracoes/email`);
    await page.getByRole('heading', { name: 'Sem permissão' }).waitFor();
    const statuses = await page.evaluate(async () =>
      Promise.all(
        ['/api/v1/email-settings', '/api/v1/email-templates'].map(async (url) => {
          const response = await fetch(url);
          return [response.status, ((await response.json()) as { code: string }).code];
        }),
      ),
    );
    expect(statuses).toEqual([
      [403, 'forbidden_role'],
      [403, 'forbidden_role'],
    ]);
    await context.close();
  });
});
