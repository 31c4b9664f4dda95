import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import type { CloudCredentials } from '../../src/messaging/providers/provider.js';
import { type SimulatorRoutesOptions, simulatorRoutes } from '../../src/simulator/simulator-routes.js';
import { type SimulatorLimits, SimulatorStore } from '../../src/simulator/simulator-store.js';

/**
 * Real sockets on 127.0.0.1: the simulator mounted under /simulator as the app mounts it, and a
 * tiny webhook receiver that keeps each request's raw bytes and headers, like Ponte's route must.
 */
export interface ReceivedWebhook {
  rawBody: Buffer;
  headers: Record<string, string | string[] | undefined>;
  json: unknown;
}

export interface Receiver {
  url: string;
  received: ReceivedWebhook[];
  /** The next `count` webhooks get HTTP 500 (the simulator should retry them). */
  failNext(count: number): void;
  close(): Promise<void>;
}

export interface Harness {
  store: SimulatorStore;
  app: FastifyInstance;
  /** http://127.0.0.1:<port>/simulator — a Cloud provider's baseUrl. */
  baseUrl: string;
  receiver: Receiver;
  credentials: CloudCredentials;
  close(): Promise<void>;
}

export const APP_SECRET = 'simulator-app-secret';
export const ACCESS_TOKEN = 'simulator-access-token';
export const VERIFY_TOKEN = 'verify-me';

export async function startReceiver(): Promise<Receiver> {
  const app = Fastify({ logger: false, forceCloseConnections: true });
  const received: ReceivedWebhook[] = [];
  let failures = 0;
  // Signatures are over the exact bytes sent, so the body is kept as a Buffer.
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  app.post('/webhooks/whatsapp/cloud', async (request, reply) => {
    if (failures > 0) {
      failures--;
      return reply.status(500).send({ error: 'try again' });
    }
    const rawBody = request.body as Buffer;
    received.push({ rawBody, headers: { ...request.headers }, json: JSON.parse(rawBody.toString('utf8')) });
    return reply.status(200).send();
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks/whatsapp/cloud`,
    received,
    failNext: (count) => {
      failures = count;
    },
    close: () => app.close(),
  };
}

export async function startHarness(
  options: Partial<Omit<SimulatorRoutesOptions, 'store' | 'webhookUrl'>> & { limits?: SimulatorLimits } = {},
): Promise<Harness> {
  const receiver = await startReceiver();
  const store = new SimulatorStore(options.limits);
  const app = Fastify({ logger: false, forceCloseConnections: true });
  await app.register(simulatorRoutes, {
    prefix: '/simulator',
    store,
    webhookUrl: () => receiver.url,
    appSecret: APP_SECRET,
    stepDelayMs: 0,
    webhookRetryDelaysMs: [10, 10],
    ...options,
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}/simulator`;
  return {
    store,
    app,
    baseUrl,
    receiver,
    credentials: {
      kind: 'cloud',
      baseUrl,
      apiVersion: 'v23.0',
      phoneNumberId: '1234567890',
      wabaId: '9876543210',
      accessToken: ACCESS_TOKEN,
      appSecret: APP_SECRET,
      verifyToken: VERIFY_TOKEN,
    },
    close: async () => {
      await app.close();
      await receiver.close();
    },
  };
}

/** Polls until `predicate` holds; real webhooks arrive on their own schedule. */
export async function waitFor(predicate: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Webhooks whose statuses mention `wamid`, in arrival order. */
export function webhooksFor(receiver: Receiver, wamid: string): ReceivedWebhook[] {
  return receiver.received.filter((webhook) => webhook.rawBody.toString('utf8').includes(wamid));
}
