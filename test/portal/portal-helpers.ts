import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/app.js';
import type { PortalOptions } from '../../src/portal/portal-deps.js';
import { createTestSource, record, type TestSource, testConfig } from '../helpers/app.js';
import { createTestDatabase, type EngineName, type TestDatabase } from '../helpers/databases.js';
import { createUser, type Session, signIn } from '../helpers/users.js';

export interface PortalTestContext {
  database: TestDatabase;
  app: FastifyInstance;
  source: TestSource;
  supervisor: Session;
  /** PUTs a record through the ingest API; returns the ticket as the API answered. */
  put(
    externalId: string,
    overrides?: Record<string, unknown>,
  ): Promise<{ id: number; protocol: string; trackingUrl: string }>;
  close(): Promise<void>;
}

/** The app over a fresh database of `engine`, one workspace (acme) with a source and a supervisor. */
export async function setupPortal(engine: EngineName, portal: PortalOptions = {}): Promise<PortalTestContext> {
  const database = await createTestDatabase(engine);
  const app = await buildApp({ config: testConfig(database), database, logger: false, portal });
  await app.ready();
  const source = await createTestSource(database, 'acme');
  await createUser(database, source.workspaceId, 'supervisor', 'supervisora@acme.test');
  const supervisor = await signIn(app, 'supervisora@acme.test');
  return {
    database,
    app,
    source,
    supervisor,
    async put(externalId, overrides = {}) {
      const response = await app.inject({
        method: 'PUT',
        url: `/api/v1/sources/${source.name}/records/${externalId}`,
        headers: { authorization: `Bearer ${source.apiKey}` },
        payload: record(overrides),
      });
      if (response.statusCode >= 300) throw new Error(`PUT ${externalId}: ${response.statusCode} ${response.body}`);
      return response.json();
    },
    async close() {
      await app.close();
      await database.drop();
    },
  };
}

/** The token of a tracking URL (…/t/<token>). */
export function tokenOf(trackingUrl: string): string {
  return new URL(trackingUrl).pathname.split('/')[2]!;
}

/** The hidden form token of a survey page. */
export function formTokenOf(html: string): string {
  const match = /name="form_token" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('no form token on the page');
  return match[1]!;
}

export function form(fields: Record<string, string>): { payload: string; headers: Record<string, string> } {
  return {
    payload: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  };
}
