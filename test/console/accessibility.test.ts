import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { record } from '../helpers/app.js';
import { type MessagingContext, setupMessaging } from '../helpers/messaging.js';
import { BROWSER_TEST_TIMEOUT_MS, launchChromium, newPerson, screenshot, signInThroughTheForm } from './browser.js';

const AXE_SCRIPT = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core's WCAG 2.1 A and AA rules (labels, names, contrast, landmarks, ARIA) on the page as it is. */
async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE_SCRIPT });
  const violations = (await page.evaluate(
    "axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) })))",
  )) as AxeViolation[];
  return violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

const focusedDescription = (page: Page) =>
  page.evaluate(
    "(() => { const e = document.activeElement; const s = getComputedStyle(e); return { tag: e.tagName, text: (e.textContent || '').trim(), className: e.className, outline: s.outlineStyle + ' ' + s.outlineWidth }; })()",
  ) as Promise<{ tag: string; text: string; className: string; outline: string }>;

describe('the console is usable with a keyboard and passes WCAG AA checks', {
  timeout: BROWSER_TEST_TIMEOUT_MS,
}, () => {
  let m: MessagingContext;
  let browser: Browser;
  let ticketId: number;
  let failedId: number;
  beforeAll(async () => {
    [m, browser] = await Promise.all([setupMessaging('sqlite'), launchChromium()]);
    await m.put('A-1', record({ critical: true }));
    const { body } = await m.put('A-2', record({ customer: { name: 'Pedro Henrique Alves', phones: ['123'] } }));
    ticketId = body.id;
    // A number the provider says is not on WhatsApp: a failed message, in the danger style.
    m.simulator.store.setScenario('+5511977776666', { scenario: 'not_on_whatsapp' });
    const failed = await m.put('A-3', record({ customer: { name: 'Luíza Fernandes', phones: ['(11) 97777-6666'] } }));
    failedId = failed.body.id;
  });
  afterAll(async () => {
    await browser?.close();
    await m?.close();
  });

  it('has no WCAG 2.1 AA violations on any screen', async () => {
    // axe is injected as a script: this context alone ignores the console's CSP to let it in.
    const { context, page } = await newPerson(browser, { bypassCSP: true });
    await page.goto(`${m.baseUrl}/app/entrar`);
    await page.getByLabel('E-mail').waitFor();
    expect(await axeViolations(page), 'sign-in').toEqual([]);

    await signInThroughTheForm(page, m.baseUrl, m.demo.adminEmail, m.demo.adminPassword);
    await page.locator('tr[data-ticket-id]').first().waitFor();
    expect(await axeViolations(page), 'list').toEqual([]);

    await page.goto(`${m.baseUrl}/app/chamados/${ticketId}`);
    await page.locator('.timeline-item[data-type="message_no_phone"]').waitFor();
    expect(await axeViolations(page), 'ticket').toEqual([]);
    await page.getByRole('button', { name: 'Editar contato' }).click();
    expect(await axeViolations(page), 'ticket, editing the customer').toEqual([]);

    await page.goto(`${m.baseUrl}/app/chamados/${failedId}`);
    await page.locator('.timeline-item[data-type="message_failed"]').waitFor();
    await page.locator('.message[data-message-status="failed"]').waitFor();
    expect(await axeViolations(page), 'ticket with a failed message').toEqual([]);
    await screenshot(page, '13-chamado-falha-whatsapp', true);

    await page.goto(`${m.baseUrl}/app/conta`);
    await page.getByLabel('Senha atual').waitFor();
    expect(await axeViolations(page), 'account').toEqual([]);
    await context.close();
  });

  it('is worked from the keyboard alone, with a visible focus', async () => {
    const { context, page } = await newPerson(browser);
    await page.goto(`${m.baseUrl}/app/entrar`);
    // The e-mail field has the focus on arrival.
    await page.getByLabel('E-mail').waitFor();
    expect((await focusedDescription(page)).tag).toBe('INPUT');
    await page.keyboard.type(m.demo.adminEmail);
    await page.keyboard.press('Tab');
    await page.keyboard.type(m.demo.adminPassword);
    await page.keyboard.press('Enter');
    await page.waitForURL('**/app/chamados');
    await page.locator('tr[data-ticket-id]').first().waitFor();

    // After a navigation the focus is on the new content; on a fresh load, the first Tab offers
    // the skip link, and following it lands there too.
    expect((await focusedDescription(page)).tag).toBe('MAIN');
    await page.reload();
    await page.locator('tr[data-ticket-id]').first().waitFor();
    await page.keyboard.press('Tab');
    expect((await focusedDescription(page)).text).toBe('Pular para o conteúdo');
    await page.keyboard.press('Enter');

    // Tab onwards to the first ticket's link, each stop with a visible outline, and open it.
    let focused = await focusedDescription(page);
    for (let i = 0; i < 30 && !String(focused.className).includes('row-link'); i++) {
      await page.keyboard.press('Tab');
      focused = await focusedDescription(page);
      expect(focused.outline, `${focused.tag} ${focused.text}`).not.toMatch(/^none/);
    }
    expect(focused.className).toContain('row-link');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/app\/chamados\/\d+$/);
    await page.locator('.external-fields').waitFor();

    // On the ticket, the contact editor opens and saves from the keyboard.
    await page.getByRole('button', { name: 'Editar contato' }).focus();
    await page.keyboard.press('Enter');
    await page.getByLabel('Nome', { exact: true }).waitFor();
    expect((await focusedDescription(page)).tag, 'the editor takes the focus').toBe('INPUT');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Editar contato' }).waitFor();
    expect((await focusedDescription(page)).text, 'and gives it back on Escape').toBe('Editar contato');
    await context.close();
  });
});
