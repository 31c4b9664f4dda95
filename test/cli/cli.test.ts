import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../src/auth/passwords.js';
import { record } from '../helpers/app.js';
import { runCli, startServer } from '../helpers/cli.js';
import { createTestDatabase, ENGINES, type TestDatabase } from '../helpers/databases.js';

const SECRET = 'ab'.repeat(32);

describe.each(ENGINES)('the ponte command on %s', (engine) => {
  let database: TestDatabase;
  let env: Record<string, string>;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
    env = { DATABASE_URL: database.url, PONTE_SECRET_KEY: SECRET };
  });
  afterAll(async () => database?.drop());

  it('migrate --json reports the engine', async () => {
    const result = await runCli(['migrate', '--json'], env);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ engine, applied: [] });
  });

  it('workspace create prints the admin password once and stores only its hash', async () => {
    const result = await runCli(
      ['workspace', 'create', 'acme', '--name', 'ACME Assistência', '--admin-email', 'Ana@Acme.com.br', '--json'],
      env,
    );
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout);
    expect(out).toMatchObject({ workspace: 'acme', adminEmail: 'ana@acme.com.br' });
    const user = await database.db
      .selectFrom('users')
      .selectAll()
      .where('email', '=', 'ana@acme.com.br')
      .executeTakeFirstOrThrow();
    expect(user.role).toBe('admin');
    expect(user.password_hash).not.toContain(out.adminPassword);
    expect(await verifyPassword(out.adminPassword, user.password_hash)).toBe(true);

    const again = await runCli(['workspace', 'create', 'acme', '--name', 'X', '--admin-email', 'b@acme.com.br'], env);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/já existe/);
  });

  it('source create prints a key once; keys are listed by prefix and can be revoked', { timeout: 90_000 }, async () => {
    const created = await runCli(['source', 'create', 'acme', 'erp', '--json'], env);
    expect(created.code).toBe(0);
    const { source, apiKey } = JSON.parse(created.stdout);
    expect(source).toBe('erp');
    expect(apiKey).toMatch(/^pk_[A-Za-z0-9_-]{8}_[A-Za-z0-9_-]{43}$/);
    const rows = await database.db.selectFrom('api_keys').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(apiKey.slice('pk_'.length + 8 + 1));

    const listed = JSON.parse((await runCli(['source', 'key', 'list', 'acme', '--json'], env)).stdout);
    const prefix = apiKey.slice(3, 11);
    expect(listed.keys).toEqual([expect.objectContaining({ prefix, source: 'erp', revokedAt: null })]);

    const server = await startServer(env);
    try {
      const put = () =>
        fetch(`${server.baseUrl}/api/v1/sources/erp/records/OS-1`, {
          method: 'PUT',
          headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
          body: JSON.stringify(record()),
        });
      expect((await put()).status).toBe(201);
      const revoked = await runCli(['source', 'key', 'revoke', 'acme', prefix, '--json'], env);
      expect(revoked.code).toBe(0);
      // Verified keys are cached for up to 5 s per process.
      await new Promise((resolve) => setTimeout(resolve, 5_200));
      expect((await put()).status).toBe(401);
    } finally {
      server.child.kill('SIGTERM');
    }
    const logs = server.logs();
    expect(logs).not.toContain(apiKey);
    expect(logs).not.toContain('99876-5432');
  });

  it('demo prints the credentials as one JSON object', async () => {
    const result = await runCli(['demo', '--json'], { ...env, PUBLIC_URL: 'https://ponte.example.com' });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      workspace: 'demo',
      source: 'erp',
      apiKey: expect.stringMatching(/^pk_/),
      adminEmail: 'admin@demo.ponte.local',
      adminPassword: expect.any(String),
      url: 'https://ponte.example.com/app',
    });
  });

  it('finishes in-flight requests on SIGTERM, then exits 0', async () => {
    const { apiKey } = JSON.parse((await runCli(['source', 'create', 'acme', 'lento', '--json'], env)).stdout);
    const server = await startServer(env);
    const exited = new Promise<number | null>((resolve) => server.child.on('exit', resolve));
    // The request is in flight for sure: its body is only half sent when the signal arrives.
    const body = JSON.stringify(record());
    const url = new URL(`${server.baseUrl}/api/v1/sources/lento/records/SHUT-1`);
    const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = httpRequest(
        url,
        {
          method: 'PUT',
          headers: {
            authorization: `Bearer ${apiKey}`,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
          },
        },
        (res) => {
          let text = '';
          res.on('data', (chunk) => {
            text += chunk;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        },
      );
      request.on('error', reject);
      request.write(body.slice(0, 100));
      setTimeout(() => {
        server.child.kill('SIGTERM');
        setTimeout(() => request.end(body.slice(100)), 300);
      }, 100);
    });
    const answered = await response;
    expect(answered.status).toBe(201);
    expect(JSON.parse(answered.body).externalId).toBe('SHUT-1');
    expect(await exited).toBe(0);
  });
});

describe('configuration errors stop the process with one line naming the variable', () => {
  it.each([
    [{ DATABASE_URL: 'mysql://x' }, /^ponte: DATABASE_URL: expected/],
    [{ PORT: 'abc', DATABASE_URL: 'sqlite::memory:' }, /^ponte: PORT: expected an integer/],
    [{ PUBLIC_URL: 'ftp://x', DATABASE_URL: 'sqlite::memory:' }, /^ponte: PUBLIC_URL: expected/],
    [{ DATABASE_URL: 'postgres://localhost/x' }, /^ponte: PONTE_SECRET_KEY: required with PostgreSQL/],
    [{ PONTE_SECRET_KEY: 'short', DATABASE_URL: 'sqlite::memory:' }, /^ponte: PONTE_SECRET_KEY: expected 32 bytes/],
  ])('%o', async (env, message) => {
    const result = await runCli(['migrate'], env);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(message);
  });

  it('an unknown command is a usage error', async () => {
    const result = await runCli(['frobnicate'], { DATABASE_URL: 'sqlite::memory:' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/comando desconhecido/);
  });
});
