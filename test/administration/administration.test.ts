import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { record, setupTestApp, type TestContext } from '../helpers/app.js';
import { ENGINES } from '../helpers/databases.js';
import { createUser, type Session, signIn } from '../helpers/users.js';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/os-assistencia-tecnica.json', import.meta.url), 'utf8'));
const mapping = readFileSync(new URL('../../docs/mappings/os-assistencia-tecnica.jsonata', import.meta.url), 'utf8');

describe.each(ENGINES)('integrations, users and the audit log on %s', (engine) => {
  let t: TestContext;
  let admin: Session;
  beforeAll(async () => {
    t = await setupTestApp(engine);
    await createUser(t.database, t.source.workspaceId, 'admin', 'chefe@acme.test');
    await createUser(t.database, t.source.workspaceId, 'agent', 'agente@acme.test');
    admin = await signIn(t.app, 'chefe@acme.test');
  });
  afterAll(async () => t?.close());

  it('creates a source whose key, shown once, writes records; revoking it locks the door', async () => {
    const created = await admin.call('POST', '/api/v1/sources', { name: 'logistica' });
    expect(created.statusCode).toBe(201);
    const { apiKey, source } = created.json();
    expect(source.keys).toHaveLength(1);
    expect(apiKey.startsWith(`pk_${source.keys[0].prefix}_`)).toBe(true);
    const put = () =>
      t.app.inject({
        method: 'PUT',
        url: '/api/v1/sources/logistica/records/L-1',
        headers: { authorization: `Bearer ${apiKey}` },
        payload: record(),
      });
    expect((await put()).statusCode).toBe(201);
    expect((await admin.call('DELETE', `/api/v1/sources/logistica/keys/${source.keys[0].prefix}`)).statusCode).toBe(
      204,
    );
    expect((await put()).statusCode).toBe(401);
    expect((await admin.call('POST', '/api/v1/sources', { name: 'logistica' })).statusCode).toBe(409);
    expect((await admin.call('POST', '/api/v1/sources', { name: 'Com Espaço' })).json()).toMatchObject({
      field: 'name',
    });
  });

  it('tests a mapping on a sample payload, refuses one that does not compile, and saves a good one', async () => {
    const tested = (await admin.call('POST', '/api/v1/sources/erp/mapping/test', { mapping, payload: fixture })).json();
    expect(tested).toMatchObject({
      ok: true,
      record: { externalId: 'OS-2026-004811', customer: { name: 'Maria Aparecida de Souza' } },
    });
    const missing = (
      await admin.call('POST', '/api/v1/sources/erp/mapping/test', { mapping, payload: { ...fixture, cliente: {} } })
    ).json();
    expect(missing).toMatchObject({ ok: false, error: { code: 'mapping_failed', field: 'customer.name' } });
    const broken = await admin.call('PUT', '/api/v1/sources/erp/mapping', { mapping: '{ "a": ' });
    expect(broken.statusCode).toBe(422);
    const saved = await admin.call('PUT', '/api/v1/sources/erp/mapping', { mapping });
    expect(saved.json().mapping).toBe(mapping.trim());
  });

  it('shows the last events of a source with their result and why', async () => {
    const put = (body: unknown) =>
      t.app.inject({
        method: 'PUT',
        url: '/api/v1/sources/erp/records/E-1',
        headers: { authorization: `Bearer ${t.source.apiKey}` },
        payload: body as object,
      });
    await put(record());
    await put(record({ occurredAt: '2026-01-01T00:00:00Z' }));
    await put(record({ state: 'talvez' }));
    const events = (await admin.call('GET', '/api/v1/sources/erp/recent-events')).json().events;
    expect(events.slice(0, 3)).toEqual([
      expect.objectContaining({ externalId: 'E-1', result: 'rejected', errorCode: 'invalid_body', field: 'state' }),
      expect.objectContaining({ externalId: 'E-1', result: 'stale' }),
      expect.objectContaining({ externalId: 'E-1', result: 'created' }),
    ]);
  });

  it('invites a user by a link that works once, changes roles and deactivates', async () => {
    const invite = await admin.call('POST', '/api/v1/users/invites', { email: 'Nova@Acme.test', role: 'supervisor' });
    expect(invite.statusCode).toBe(201);
    const token = invite.json().inviteUrl.split('/').pop();
    const accept = () =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/auth/invites/${token}/accept`,
        payload: { name: 'Nova Supervisora', password: 'senha-bem-longa-1' },
      });
    expect((await accept()).json()).toEqual({ email: 'nova@acme.test', workspace: 'acme' });
    expect((await accept()).statusCode).toBe(404);
    const nova = await signIn(t.app, 'nova@acme.test', 'senha-bem-longa-1');
    expect((await nova.call('GET', '/api/v1/auth/me')).json().role).toBe('supervisor');

    const users = (await admin.call('GET', '/api/v1/users')).json().users as { id: number; email: string }[];
    const id = users.find((u) => u.email === 'nova@acme.test')!.id;
    expect((await admin.call('PUT', `/api/v1/users/${id}`, { active: false })).json()).toMatchObject({ active: false });
    expect((await nova.call('GET', '/api/v1/auth/me')).statusCode).toBe(401);
    const agent = await signIn(t.app, 'agente@acme.test');
    expect((await agent.call('GET', '/api/v1/users')).statusCode).toBe(403);
    expect((await agent.call('POST', '/api/v1/sources', { name: 'x' })).statusCode).toBe(403);
  });

  it('records configuration changes: who, when, before and after, without secrets', async () => {
    await admin.call('PUT', '/api/v1/whatsapp-provider', { kind: 'simulator', rateLimitPerSecond: 50 });
    const entries = (await admin.call('GET', '/api/v1/audit')).json().entries as {
      entity: string;
      userEmail: string;
      before: unknown;
      after: unknown;
    }[];
    const provider = entries.find((e) => e.entity === 'whatsapp_provider')!;
    expect(provider).toMatchObject({
      userEmail: 'chefe@acme.test',
      after: { kind: 'simulator', rateLimitPerSecond: 50 },
    });
    expect(JSON.stringify(entries)).not.toMatch(/accessToken"|appSecret"/);
    expect(entries.map((e) => e.entity)).toEqual(
      expect.arrayContaining(['source', 'api_key', 'source_mapping', 'user']),
    );
  });
});
