import type { FastifyInstance } from 'fastify';
import type { Config } from '../../src/config.js';
import { buildApp } from '../../src/http/app.js';
import { issueApiKey } from '../../src/sources/api-keys.js';
import { createSource } from '../../src/sources/repository.js';
import { createWorkspace } from '../../src/workspaces/create-workspace.js';
import { createTestDatabase, type EngineName, type TestDatabase } from './databases.js';

export const PUBLIC_URL = 'https://ponte.example.com.br';

export function testConfig(database: TestDatabase, overrides: Partial<Config> = {}): Config {
  return {
    database:
      database.engine.name === 'sqlite'
        ? { engine: 'sqlite', path: database.url.slice('sqlite:'.length) }
        : { engine: 'postgres', url: database.url },
    port: 0,
    host: '127.0.0.1',
    publicUrl: PUBLIC_URL,
    logLevel: 'silent',
    bodyLimitBytes: 256 * 1024,
    shutdownGraceMs: 5_000,
    secretKey: Buffer.alloc(32, 7),
    simulatorUrl: undefined,
    ...overrides,
  };
}

export interface TestSource {
  workspaceId: number;
  sourceId: number;
  name: string;
  apiKey: string;
}

export async function createTestSource(
  database: TestDatabase,
  workspaceSlug: string,
  name = 'erp',
): Promise<TestSource> {
  const existing = await database.db
    .selectFrom('workspaces')
    .select('id')
    .where('slug', '=', workspaceSlug)
    .executeTakeFirst();
  const workspaceId =
    existing?.id ??
    (
      await createWorkspace(database.db, {
        slug: workspaceSlug,
        name: workspaceSlug,
        adminEmail: `admin@${workspaceSlug}.test`,
      })
    ).workspaceId;
  const source = await createSource(database.db, workspaceId, name);
  const key = await issueApiKey(database.db, workspaceId, source.id);
  return { workspaceId, sourceId: source.id, name, apiKey: key.key };
}

export interface TestContext {
  database: TestDatabase;
  app: FastifyInstance;
  source: TestSource;
  close(): Promise<void>;
}

/** A migrated database of `engine`, the app over it, and one workspace with one source and its key. */
export async function setupTestApp(engine: EngineName): Promise<TestContext> {
  const database = await createTestDatabase(engine);
  const app = await buildApp({ config: testConfig(database), database, logger: false });
  await app.ready();
  const source = await createTestSource(database, 'acme');
  return {
    database,
    app,
    source,
    async close() {
      await app.close();
      await database.drop();
    },
  };
}

/** A record as the fixed contract describes it, with overridable parts. */
export function record(overrides: Record<string, unknown> = {}) {
  return {
    state: 'open',
    status: 'em análise',
    occurredAt: '2026-11-20T09:41:07-03:00',
    customer: { name: 'Maria Aparecida de Souza', phones: ['(19) 99876-5432'], email: 'maria@example.com.br' },
    fields: {
      processNumber: 'PROC-118274',
      issuedAt: '20/11/2026',
      productDescription: 'Geladeira Frost Free 400L Inox',
      problem: 'Não gela na parte de baixo',
    },
    ...overrides,
  };
}
