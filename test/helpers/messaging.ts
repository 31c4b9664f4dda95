import type { FastifyInstance } from 'fastify';
import { type DemoCredentials, seedDemo } from '../../src/demo/seed-demo.js';
import { buildApp } from '../../src/http/app.js';
import { DEFAULT_BACKOFF } from '../../src/messaging/dispatcher/backoff.js';
import { Dispatcher, type DispatcherOptions } from '../../src/messaging/dispatcher/dispatcher.js';
import { PonteSimulator } from '../../src/simulator/ponte-simulator.js';
import { testConfig } from './app.js';
import { createTestDatabase, type EngineName, type TestDatabase } from './databases.js';

/** A record or ticket view as the JSON API returns it; tests read whatever fields they assert on. */
// biome-ignore lint/suspicious/noExplicitAny: JSON from the API, narrowed by each assertion
type ApiJson = any;

export interface MessagingContext {
  database: TestDatabase;
  app: FastifyInstance;
  baseUrl: string;
  simulator: PonteSimulator;
  dispatcher: Dispatcher;
  demo: DemoCredentials;
  put(externalId: string, body: unknown): Promise<{ status: number; body: ApiJson }>;
  get(externalId: string): Promise<ApiJson>;
  /** Polls the record until `check` holds (or fails after `timeoutMs`). */
  waitFor(externalId: string, check: (view: ApiJson) => boolean, timeoutMs?: number): Promise<ApiJson>;
  close(): Promise<void>;
}

/**
 * The whole messaging path as it runs in production: the demo workspace (simulator provider,
 * templates, procedure), the app listening on a real port, the simulator answering there and
 * posting signed webhooks back, and a dispatcher, on the given engine.
 */
export async function setupMessaging(
  engine: EngineName,
  dispatcherOptions: Partial<DispatcherOptions> = {},
): Promise<MessagingContext> {
  const database = await createTestDatabase(engine);
  const config = testConfig(database, { publicUrl: 'https://ponte.example.com.br' });
  const demo = await seedDemo(database.db, config.secretKey);
  const simulator = new PonteSimulator(database, config.secretKey, undefined, 0);
  let dispatcher: Dispatcher | undefined;
  const app = await buildApp({
    config,
    database,
    logger: false,
    simulator,
    outbox: { wake: () => dispatcher?.wake() },
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address() as { port: number };
  const baseUrl = `http://127.0.0.1:${address.port}`;
  dispatcher = new Dispatcher({
    database,
    secretKey: config.secretKey,
    simulator,
    logger: app.log,
    pollMs: 200,
    recipientPaceMs: 0,
    publicUrl: config.publicUrl,
    backoff: { ...DEFAULT_BACKOFF, baseMs: 100, capMs: 1_000 },
    ...dispatcherOptions,
  });
  await dispatcher.start();
  const headers = { authorization: `Bearer ${demo.apiKey}`, 'content-type': 'application/json' };
  const recordUrl = (id: string) => `${baseUrl}/api/v1/sources/${demo.source}/records/${encodeURIComponent(id)}`;
  const get = async (externalId: string) => (await fetch(recordUrl(externalId), { headers })).json();
  return {
    database,
    app,
    baseUrl,
    simulator,
    dispatcher,
    demo,
    async put(externalId, body) {
      const response = await fetch(recordUrl(externalId), { method: 'PUT', headers, body: JSON.stringify(body) });
      return { status: response.status, body: await response.json() };
    },
    get,
    async waitFor(externalId, check, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const view = await get(externalId);
        if (check(view)) return view;
        if (Date.now() > deadline)
          throw new Error(`timed out waiting on ${externalId}: ${JSON.stringify(view, null, 1)}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async close() {
      await dispatcher?.stop();
      await app.close();
      await database.drop();
    },
  };
}

export const types = (view: { timeline: { type: string }[] }) => view.timeline.map((e) => e.type);
