import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { record } from '../helpers/app.js';
import { type MessagingContext, setupMessaging, types } from '../helpers/messaging.js';
import { createUser, signIn } from '../helpers/users.js';

/**
 * The customer's side in a real browser at phone size, from the links the simulator's customer
 * received: the tracking page, then the survey answered by tapping, with JavaScript on and off.
 * Screenshots go to test-artifacts/portal/ for a person to look at.
 */
const SHOTS = fileURLToPath(new URL('../../test-artifacts/portal/', import.meta.url));
const PHONE = { width: 390, height: 844 };

describe('customer pages in Chromium at 390×844', () => {
  let m: MessagingContext;
  let browser: Browser;
  beforeAll(async () => {
    m = await setupMessaging('sqlite');
    // Playwright starts Debian's Chromium with a fresh temporary --user-data-dir, removed on close.
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      timeout: 60_000,
    });
    mkdirSync(SHOTS, { recursive: true });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await m?.close();
  });

  const phoneContext = (javaScriptEnabled = true): Promise<BrowserContext> =>
    browser.newContext({
      viewport: PHONE,
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'pt-BR',
      timezoneId: 'America/Sao_Paulo',
      javaScriptEnabled,
    });
  const shot = (page: Page, name: string) =>
    page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true, animations: 'disabled' });
  /** The link in the last WhatsApp the simulated customer got, pointed at this test's server. */
  const linkIn = (phone: string, path: 't' | 's') => {
    const text = (m.simulator.store.lastOutbound(phone) as { text?: string } | undefined)?.text ?? '';
    const link = new RegExp(`https://ponte\\.example\\.com\\.br(/${path}/[A-Za-z0-9_-]+\\?c=w)`).exec(text);
    if (!link) throw new Error(`no /${path}/ link in: ${text}`);
    return `${m.baseUrl}${link[1]}`;
  };

  async function closeRecord(externalId: string, base: ReturnType<typeof record>) {
    await m.put(externalId, {
      ...base,
      state: 'closed',
      status: 'finalizada',
      occurredAt: '2026-11-24T15:20:00-03:00',
    });
    await m.waitFor(externalId, (v) => v.messages[1]?.status === 'read');
  }

  it('opens the tracking link from the greeting, and answers the survey from the completion by tapping', async () => {
    const phone = '+5519998765432';
    const base = record();
    await m.put('OS-9001', base);
    await m.waitFor('OS-9001', (v) => v.messages[0]?.status === 'read');
    await m.put('OS-9001', { ...base, status: 'AGUARDANDO PEÇA', occurredAt: '2026-11-21T11:30:00-03:00' });
    const tracking = linkIn(phone, 't');

    const context = await phoneContext();
    const page = await context.newPage();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(tracking);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Em andamento');
    expect(await page.getByText('Situação: Aguardando peça').isVisible()).toBe(true);
    expect(await page.getByText('Geladeira Frost Free 400L Inox').isVisible()).toBe(true);
    // The page is one request: no stylesheet, font, script or image from anywhere.
    expect(requests).toEqual([tracking]);
    await shot(page, 'tracking-in-progress');

    await closeRecord('OS-9001', base);
    await page.goto(linkIn(phone, 's'));
    expect(await page.locator('h1').textContent()).toBe('Pesquisa de satisfação');
    await shot(page, 'survey-form');
    await page.locator('label[for="csat-5"]').click();
    await page.getByLabel('Quer contar mais alguma coisa? (opcional)').fill('O técnico foi muito atencioso.');
    await shot(page, 'survey-filled');
    await page.getByRole('button', { name: 'Enviar avaliação' }).click();
    await page.waitForURL('**/obrigado?c=w');
    expect(await page.locator('h1').textContent()).toBe('Obrigado pela avaliação!');
    await shot(page, 'survey-thanks');

    await page.goto(tracking);
    expect(await page.locator('h1').textContent()).toBe('Concluído');
    await shot(page, 'tracking-done');
    await page.goto(`${m.baseUrl}/t/EsteLinkNaoExisteDeJeitoNenhum`);
    await shot(page, 'not-found');
    await context.close();

    // On the ticket, and in the response rate by channel.
    const view = await m.get('OS-9001');
    expect(types(view)).toContain('survey_answered');
    const workspace = await m.database.db.selectFrom('workspaces').select('id').executeTakeFirstOrThrow();
    await createUser(m.database, workspace.id, 'supervisor', 'supervisora@demo.test');
    const session = await signIn(m.app, 'supervisora@demo.test');
    const report = (await session.call('GET', '/api/v1/reports/summary')).json();
    expect(report.surveys.find((s: { channel: string }) => s.channel === 'whatsapp')).toMatchObject({
      sent: 1,
      opened: 1,
      answered: 1,
      responseRate: 1,
    });
    expect(report.csat).toMatchObject({ answers: 1, average: 5 });
  });

  it('takes an answer with JavaScript off', async () => {
    const phone = '+5511976543210';
    const base = record({ customer: { name: 'Ana Beatriz Rocha', phones: ['(11) 97654-3210'] } });
    await m.put('OS-9002', base);
    await m.waitFor('OS-9002', (v) => v.messages[0]?.status === 'read');
    await closeRecord('OS-9002', base);
    const context = await phoneContext(false);
    const page = await context.newPage();
    await page.goto(linkIn(phone, 's'));
    await page.locator('label[for="csat-3"]').click();
    await page.getByRole('button', { name: 'Enviar avaliação' }).click();
    await page.waitForURL('**/obrigado?c=w');
    expect(await page.getByText('Sua nota: 3 de 5').isVisible()).toBe(true);
    await context.close();
    const answer = await m.database.db
      .selectFrom('survey_answers')
      .innerJoin('tickets', 'tickets.id', 'survey_answers.ticket_id')
      .select(['csat', 'channel'])
      .where('tickets.external_id', '=', 'OS-9002')
      .executeTakeFirstOrThrow();
    expect(answer).toEqual({ csat: 3, channel: 'whatsapp' });
  });
});
