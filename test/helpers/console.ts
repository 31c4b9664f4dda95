import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import type { MessagingContext } from './messaging.js';
import { createUser } from './users.js';

const AXE_SCRIPT = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/**
 * axe-core's WCAG 2.1 A and AA rules on the page as it is, one line a violation. Evaluated through the
 * DevTools protocol rather than a script tag, so it runs under the console's real CSP too (the e-mail
 * preview frame depends on it).
 */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(readFileSync(AXE_SCRIPT, 'utf8'));
  return (await page.evaluate(
    "axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }).then((r) => r.violations.map((v) => v.id + ': ' + v.help + ' at ' + v.nodes.map((n) => n.target.join(' ')).join(', ')))",
  )) as string[];
}

/** The people of the console tests in the demo workspace: supervisora@demo.test and agente@demo.test. */
export async function addDemoStaff(
  m: MessagingContext,
  roles: readonly ('supervisor' | 'agent')[] = ['supervisor', 'agent'],
) {
  const workspace = await m.database.db
    .selectFrom('workspaces')
    .select('id')
    .where('slug', '=', m.demo.workspace)
    .executeTakeFirstOrThrow();
  const emails = { supervisor: 'supervisora@demo.test', agent: 'agente@demo.test' };
  for (const role of roles) await createUser(m.database, workspace.id, role, emails[role]);
  return workspace.id;
}

/**
 * The page's uncaught errors and, with `expectedConsole`, the console errors that do not match it
 * (Chromium logs every 4xx answer as an error, and some are part of a test's flow). The array fills
 * as the page runs; a test expects it empty at the end.
 */
export function collectPageErrors(page: Page, expectedConsole?: RegExp): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  if (expectedConsole) {
    page.on('console', (message) => {
      if (message.type() === 'error' && !expectedConsole.test(message.text())) errors.push(message.text());
    });
  }
  return errors;
}
