import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestContext } from '../helpers/app.js';
import { ENGINES } from '../helpers/databases.js';
import { createUser, type Session, signIn } from '../helpers/users.js';

describe.each(ENGINES)('Integrações: a source name refused in pt-BR, next to the field, on %s', (engine) => {
  let t: TestContext;
  let supervisor: Session;
  beforeAll(async () => {
    t = await setupTestApp(engine);
    await createUser(t.database, t.source.workspaceId, 'supervisor', 'super@acme.test');
    supervisor = await signIn(t.app, 'super@acme.test');
  });
  afterAll(async () => t?.close());

  it('refuses an empty, missing, spaced or too long name with the rule, and creates nothing', async () => {
    for (const body of [{ name: '' }, {}, { name: 'Com Espaço' }, { name: 'a'.repeat(64) }, { name: 42 }]) {
      const refused = await supervisor.call('POST', '/api/v1/sources', body);
      expect(refused.statusCode, JSON.stringify(body)).toBe(400);
      expect(refused.json()).toMatchObject({ code: 'invalid_body', field: 'name' });
      expect(refused.json().message).toMatch(/^Use letras minúsculas/);
    }
    const sources = (await supervisor.call('GET', '/api/v1/sources')).json().sources as { name: string }[];
    expect(sources.map((s) => s.name)).toEqual(['erp']);
    const created = await supervisor.call('POST', '/api/v1/sources', { name: '  logistica.norte ' });
    expect(created.statusCode).toBe(201);
    expect(created.json().source.name).toBe('logistica.norte');
  });
});
