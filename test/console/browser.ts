import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium, type Page } from 'playwright-core';

/** Debian's Chromium (.ci/run installs it); playwright-core never downloads a browser. */
export const CHROMIUM_PATH = process.env.PONTE_CHROMIUM ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * A browser flow takes 5–20 s here; on a 2-core machine shared with the rest of the suite it can take
 * several times that, so browser tests get more than the suite's default 30 s.
 */
export const BROWSER_TEST_TIMEOUT_MS = 120_000;

export const SCREENSHOTS_DIR = fileURLToPath(new URL('../../test-artifacts/console/', import.meta.url));

/**
 * One headless Chromium per test file. Playwright starts it with a fresh temporary
 * --user-data-dir of its own and removes it on close, so no profile leaks between runs.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, timeout: 60_000 });
}

/** A separate cookie jar (one signed-in person) on a 1280×720 laptop screen, in Brazil. */
export async function newPerson(
  browser: Browser,
  options: BrowserContextOptions = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 720 },
    locale: 'pt-BR',
    timezoneId: 'America/Sao_Paulo',
    ...options,
  });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  return { context, page };
}

/** Saves what a person sees (the visible 1280×720, or the whole page) for a human to look at. */
export async function screenshot(page: Page, name: string, fullPage = false): Promise<void> {
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS_DIR, `${name}.png`), fullPage, animations: 'disabled' });
}

export async function signInThroughTheForm(page: Page, baseUrl: string, email: string, password: string) {
  await page.goto(`${baseUrl}/app/entrar`);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Senha', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Entrar' }).click();
  await page.waitForURL('**/app/chamados');
}
