import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestContext } from '../helpers/app.js';
import { ENGINES } from '../helpers/databases.js';
import { createUser, PASSWORD, signIn } from '../helpers/users.js';

describe.each(ENGINES)('console sign-in on %s', (engine) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await setupTestApp(engine);
    await createUser(t.database, t.source.workspaceId, 'agent', 'agente@acme.test');
    await createUser(t.database, t.source.workspaceId, 'supervisor', 'supervisora@acme.test');
  });
  afterAll(async () => t?.close());

  it('signs in with an HttpOnly, SameSite session cookie and tells who is connected', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'Agente@Acme.test', password: PASSWORD },
    });
    expect(response.statusCode).toBe(200);
    const cookie = String(response.headers['set-cookie']);
    expect(cookie).toMatch(/^ponte_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    // The test app's public URL is https: the cookie is Secure.
    expect(cookie).toContain('Secure');
    const me = await t.app.inject({ url: '/api/v1/auth/me', headers: { cookie: cookie.split(';')[0]! } });
    expect(me.json()).toMatchObject({ email: 'agente@acme.test', role: 'agent', workspaceSlug: 'acme' });
    const stored = await t.database.db.selectFrom('sessions').select('id').execute();
    expect(JSON.stringify(stored)).not.toContain(cookie.split(';')[0]!.split('=')[1]!);
  });

  it('refuses wrong passwords the same way as unknown e-mails, then locks after five', async () => {
    const attempt = (email: string) =>
      t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: 'errada' } });
    const unknown = await attempt('ninguem@acme.test');
    expect(unknown.statusCode).toBe(401);
    await createUser(t.database, t.source.workspaceId, 'agent', 'alvo@acme.test');
    const wrong = await attempt('alvo@acme.test');
    expect(wrong.json()).toEqual(unknown.json());
    for (let i = 0; i < 4; i++) await attempt('alvo@acme.test');
    const locked = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'alvo@acme.test', password: PASSWORD },
    });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().code).toBe('account_locked');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('requires the CSRF token on state-changing calls', async () => {
    const session = await signIn(t.app, 'supervisora@acme.test');
    const withoutToken = await t.app.inject({
      method: 'POST',
      url: '/api/v1/templates',
      headers: { cookie: session.cookie },
      payload: { name: 'x', body: 'Olá' },
    });
    expect(withoutToken.statusCode).toBe(403);
    expect(withoutToken.json().code).toBe('csrf_failed');
    const withToken = await session.call('POST', '/api/v1/templates', { name: 'teste_csrf', body: 'Olá {{1}}' });
    expect(withToken.statusCode).toBe(201);
  });

  it('enforces roles on the server: an agent cannot configure', async () => {
    const agent = await signIn(t.app, 'agente@acme.test');
    expect((await agent.call('GET', '/api/v1/tickets')).statusCode).toBe(200);
    const create = await agent.call('POST', '/api/v1/procedures', { name: 'X', tasks: [] });
    expect(create.statusCode).toBe(403);
    expect(create.json().code).toBe('forbidden_role');
    expect((await agent.call('GET', '/api/v1/whatsapp-provider')).statusCode).toBe(403);
  });

  it('changes the password, ending other sessions, and logs out', async () => {
    await createUser(t.database, t.source.workspaceId, 'agent', 'troca@acme.test');
    const first = await signIn(t.app, 'troca@acme.test');
    const second = await signIn(t.app, 'troca@acme.test');
    const changed = await first.call('POST', '/api/v1/auth/password', {
      currentPassword: PASSWORD,
      newPassword: 'uma-senha-nova-longa',
    });
    expect(changed.statusCode).toBe(204);
    expect((await second.call('GET', '/api/v1/auth/me')).statusCode).toBe(401);
    expect((await first.call('GET', '/api/v1/auth/me')).statusCode).toBe(200);
    expect((await first.call('POST', '/api/v1/auth/logout')).statusCode).toBe(204);
    expect((await first.call('GET', '/api/v1/auth/me')).statusCode).toBe(401);
    await signIn(t.app, 'troca@acme.test', 'uma-senha-nova-longa');
  });

  it('keeps each workspace to itself: tickets of another workspace are not found', async () => {
    const other = await import('../helpers/app.js').then((h) => h.createTestSource(t.database, 'globex', 'erp'));
    await t.app.inject({
      method: 'PUT',
      url: '/api/v1/sources/erp/records/G-1',
      headers: { authorization: `Bearer ${other.apiKey}` },
      payload: (await import('../helpers/app.js')).record(),
    });
    const foreign = await t.database.db
      .selectFrom('tickets')
      .select('id')
      .where('external_id', '=', 'G-1')
      .executeTakeFirstOrThrow();
    const agent = await signIn(t.app, 'agente@acme.test');
    expect((await agent.call('GET', `/api/v1/tickets/${foreign.id}`)).statusCode).toBe(404);
    const list = (await agent.call('GET', '/api/v1/tickets?q=G-1')).json();
    expect(list.tickets).toHaveLength(0);
  });
});
