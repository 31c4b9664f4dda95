import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listApiKeys, parseApiKey } from '../../src/sources/api-keys.js';
import { SourceKeyResolver } from '../../src/sources/source-keys.js';
import { record, setupTestApp, type TestContext } from '../helpers/app.js';
import { ENGINES } from '../helpers/databases.js';

describe.each(ENGINES)('when an API key was last used, on %s', (engine) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await setupTestApp(engine);
  });
  afterAll(async () => t?.close());

  const lastUsed = async () =>
    (await listApiKeys(t.database.db, t.source.workspaceId, t.source.name))[0]?.lastUsedAt ?? null;
  const eventually = async (check: () => Promise<boolean>) => {
    for (let i = 0; i < 100 && !(await check()); i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await check()).toBe(true);
  };

  it('is unknown until the key is used, then set by a request it authenticates', async () => {
    expect(await lastUsed()).toBeNull();
    const before = Date.now();
    const response = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/sources/${t.source.name}/records/USO-1`,
      headers: { authorization: `Bearer ${t.source.apiKey}` },
      payload: record(),
    });
    expect(response.statusCode).toBe(201);
    await eventually(async () => ((await lastUsed()) ?? 0) >= before);
  });

  it('is written at most once a minute per key, and never for a wrong secret', async () => {
    const resolver = new SourceKeyResolver(t.database.db, 0);
    const now = Date.now() + 120_000;
    await resolver.resolve(t.source.apiKey, now);
    await eventually(async () => (await lastUsed()) === now);
    // Within the minute: no new write, however often the key is verified.
    await resolver.resolve(t.source.apiKey, now + 30_000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await lastUsed()).toBe(now);
    // A key with this prefix and another secret is refused and leaves the date alone.
    const { prefix } = parseApiKey(t.source.apiKey)!;
    expect(await resolver.resolve(`pk_${prefix}_${'x'.repeat(43)}`, now + 120_000)).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await lastUsed()).toBe(now);
  });
});
