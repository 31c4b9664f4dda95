import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSource, record, setupTestApp, type TestContext, type TestSource } from '../helpers/app.js';
import { ENGINES } from '../helpers/databases.js';
import { type MessagingContext, setupMessaging } from '../helpers/messaging.js';
import { createUser, PASSWORD, type Session, signIn } from '../helpers/users.js';
import { BROWSER_TEST_TIMEOUT_MS, launchChromium, newPerson, screenshot, signInThroughTheForm } from './browser.js';

/** Every call the console makes on one ticket, as (method, path, body). */
const TICKET_CALLS = (id: number) =>
  [
    ['GET', `/api/v1/tickets/${id}`, undefined],
    ['PUT', `/api/v1/tickets/${id}/customer`, { phones: ['(11) 98888-7777'] }],
    ['POST', `/api/v1/tickets/${id}/resend`, {}],
    ['POST', `/api/v1/tickets/${id}/notes`, { text: 'nota de outro workspace' }],
    ['PUT', `/api/v1/tickets/${id}/pin`, { pinned: true }],
  ] as const;

describe('a user of workspace A sees nothing of workspace B in the browser (SQLite)', {
  timeout: BROWSER_TEST_TIMEOUT_MS,
}, () => {
  let m: MessagingContext;
  let browser: Browser;
  let other: TestSource;
  let foreign: { id: number; protocol: string };
  const putForeign = async (externalId: string, body: unknown) => {
    const response = await fetch(`${m.baseUrl}/api/v1/sources/erp/records/${externalId}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${other.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return (await response.json()) as { id: number; protocol: string };
  };
  beforeAll(async () => {
    [m, browser] = await Promise.all([setupMessaging('sqlite'), launchChromium()]);
    other = await createTestSource(m.database, 'outra-empresa');
    const demo = await m.database.db
      .selectFrom('workspaces')
      .select('id')
      .where('slug', '=', 'demo')
      .executeTakeFirstOrThrow();
    await createUser(m.database, demo.id, 'agent', 'agente@demo.test');
    await m.put('OS-A1', record({ customer: { name: 'Cliente do Demo', phones: [] } }));
    foreign = await putForeign('OS-B1', record({ customer: { name: 'Cliente Sigiloso de B', phones: [] } }));
  });
  afterAll(async () => {
    await browser?.close();
    await m?.close();
  });

  it('by URL, by search, by live events and by the API the page calls', async () => {
    const { context, page } = await newPerson(browser);
    await signInThroughTheForm(page, m.baseUrl, 'agente@demo.test', PASSWORD);
    await page.locator('tr[data-ticket-id]', { hasText: 'Cliente do Demo' }).waitFor();
    await page.locator('.live-connected').waitFor();

    // Live: B's change is not pushed; A's change, sent after it, is (so B's would have arrived first).
    await putForeign('OS-B2', record({ customer: { name: 'Outro Cliente de B', phones: [] } }));
    const mine = await m.put('OS-A2', record({ customer: { name: 'Segundo Cliente do Demo', phones: [] } }));
    await page.locator(`tr[data-ticket-id="${mine.body.id}"]`).waitFor();
    expect(await page.locator('tbody').textContent()).not.toContain('de B');

    // Search: neither the protocol nor the customer's name of B finds anything.
    for (const q of [foreign.protocol, 'Sigiloso', 'OS-B1']) {
      await page.getByLabel('Buscar').fill(q);
      await page.waitForURL(`**/app/chamados?q=${encodeURIComponent(q)}`);
      await page.getByText('Nenhum chamado com estes filtros.').waitFor();
    }

    // URL: B's ticket does not open, and the page says so without telling whether it exists.
    await page.goto(`${m.baseUrl}/app/chamados/${foreign.id}`);
    await page.getByRole('heading', { name: 'Chamado não encontrado.' }).waitFor();
    expect(await page.content()).not.toContain('Sigiloso');
    await screenshot(page, '09-chamado-de-outro-workspace');

    // API: the same calls the console makes, from the signed-in page with its CSRF token.
    const statuses = (await page.evaluate(
      `(async (calls) => {
        const me = await (await fetch('/api/v1/auth/me')).json();
        const out = [];
        for (const [method, url, body] of calls) {
          const init = { method, headers: { 'x-csrf-token': me.csrfToken } };
          if (body != null) { init.headers['content-type'] = 'application/json'; init.body = JSON.stringify(body); }
          out.push(method + ' ' + url + ' ' + (await fetch(url, init)).status);
        }
        return out;
      })(${JSON.stringify(TICKET_CALLS(foreign.id))})`,
    )) as string[];
    expect(statuses).toEqual(TICKET_CALLS(foreign.id).map(([method, url]) => `${method} ${url} 404`));
    await context.close();
  });
});

describe.each(ENGINES)('workspace isolation of the console API on %s', (engine) => {
  let ctx: TestContext;
  let other: TestSource;
  let agentA: Session;
  let foreignId: number;
  let baseUrl: string;
  const putRecord = async (source: TestSource, externalId: string, body: unknown) =>
    (
      await ctx.app.inject({
        method: 'PUT',
        url: `/api/v1/sources/${source.name}/records/${externalId}`,
        headers: { authorization: `Bearer ${source.apiKey}` },
        payload: body as object,
      })
    ).json() as { id: number; protocol: string };

  beforeAll(async () => {
    ctx = await setupTestApp(engine);
    other = await createTestSource(ctx.database, 'globex');
    await createUser(ctx.database, ctx.source.workspaceId, 'agent', 'agente@acme.test');
    await createUser(ctx.database, other.workspaceId, 'admin', 'dona@globex.test');
    agentA = await signIn(ctx.app, 'agente@acme.test');
    await putRecord(ctx.source, 'A-1', record());
    foreignId = (await putRecord(other, 'G-1', record({ customer: { name: 'Cliente Globex', phones: [] } }))).id;
    await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(ctx.app.server.address() as { port: number }).port}`;
  });
  afterAll(async () => ctx?.close());

  it("answers 404 to every ticket call on another workspace's ticket, and changes nothing there", async () => {
    for (const [method, url, body] of TICKET_CALLS(foreignId)) {
      const response = await agentA.call(method, url, body);
      expect(response.statusCode, `${method} ${url}`).toBe(404);
      expect(response.json()).toMatchObject({ code: 'ticket_not_found' });
    }
    const owner = await signIn(ctx.app, 'dona@globex.test');
    const view = (await owner.call('GET', `/api/v1/tickets/${foreignId}`)).json();
    expect(view.ticket.pinned).toBe(false);
    expect(view.ticket.customer.phones).toEqual([]);
    expect(view.timeline.map((e: { type: string }) => e.type)).not.toContain('internal_note');
  });

  it("lists and finds only the user's own workspace", async () => {
    const all = (await agentA.call('GET', '/api/v1/tickets?limit=200')).json();
    expect(all.tickets.map((t: { externalId: string }) => t.externalId)).toEqual(['A-1']);
    for (const q of ['Globex', 'G-1', String(foreignId)]) {
      expect((await agentA.call('GET', `/api/v1/tickets?q=${encodeURIComponent(q)}`)).json().tickets).toEqual([]);
    }
  });

  it("streams only the user's own workspace's ticket events", async () => {
    const controller = new AbortController();
    const response = await fetch(`${baseUrl}/api/v1/events`, {
      headers: { cookie: agentA.cookie, accept: 'text/event-stream' },
      signal: controller.signal,
    });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = response.body!.getReader();
    await putRecord(other, 'G-2', record({ customer: { name: 'Cliente Globex 2', phones: [] } }));
    const own = await putRecord(ctx.source, 'A-2', record());
    let text = '';
    const deadline = Date.now() + 10_000;
    while (!text.includes(`"id":${own.id}`) && Date.now() < deadline) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    controller.abort();
    const events = text
      .split('\n\n')
      .filter((block) => block.startsWith('event: ticket'))
      .map(
        (block) =>
          JSON.parse(block.slice(block.indexOf('data: ') + 6)) as { ticket: { id: number; externalId: string } },
      );
    expect(events.map((e) => e.ticket.externalId)).toEqual(['A-2']);
  });
});
