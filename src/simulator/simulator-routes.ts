import type { FastifyInstance } from 'fastify';
import { controlRoutes } from './control-routes.js';
import type { EmailInbox } from './email-inbox.js';
import { metaRoutes } from './meta-routes.js';
import type { DeliverySettings } from './simulated-delivery.js';
import type { SimulatorStore } from './simulator-store.js';

export interface SimulatorRoutesOptions {
  store: SimulatorStore;
  /** Where status and inbound webhooks go (Ponte's /webhooks/whatsapp/cloud); none: not posted. */
  webhookUrl: () => string | undefined;
  /** Signs webhooks, like the Meta app secret. */
  appSecret: string;
  /** The token sends must carry; when unset any non-empty Bearer token is accepted. */
  accessToken?: string;
  /** Header carrying `sha256=<hex>`; X-Hub-Signature-256 like Meta unless a BSP is imitated. */
  signatureHeader?: string;
  /** Pause before each status webhook (sent, delivered, read); default 50 ms. */
  stepDelayMs?: number;
  /** How long the `slow` scenario holds a send when the phone's setting names no delay; 3 s. */
  slowMs?: number;
  /** entry[].id of the webhooks. */
  wabaId?: string;
  /** metadata.display_phone_number of the webhooks: the business number, digits only. */
  displayPhoneNumber?: string;
  webhookTimeoutMs?: number;
  webhookRetryDelaysMs?: readonly number[];
  /** Times on the page; Brazil's by default. */
  timeZone?: string;
  /** The e-mail inbox: an E-mails section on the page and GET/DELETE /emails. */
  inbox?: EmailInbox;
}

/**
 * The built-in WhatsApp simulator as a Fastify plugin: Meta's Cloud API send and template routes,
 * signed status and reply webhooks, a chat page and, given an inbox, the e-mails it received.
 * Register it under a prefix:
 * `app.register(simulatorRoutes, { prefix: '/simulator', store, webhookUrl, appSecret })`.
 */
export async function simulatorRoutes(app: FastifyInstance, options: SimulatorRoutesOptions): Promise<void> {
  const closing = new AbortController();
  // preClose, not onClose: a `slow` send still waiting must give up before the server drains.
  app.addHook('preClose', async () => closing.abort());
  // Paths carry full phone numbers (/phones/+55…/reply); request logs stay below info here.
  app.addHook('onRoute', (route) => {
    route.logLevel ??= 'warn';
  });
  // The page's forms post urlencoded; Fastify parses only JSON out of the box.
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 16_384 },
    (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    },
  );

  const delivery: DeliverySettings = {
    store: options.store,
    webhookUrl: options.webhookUrl,
    target: {
      appSecret: options.appSecret,
      signatureHeader: (options.signatureHeader ?? 'x-hub-signature-256').toLowerCase(),
      timeoutMs: options.webhookTimeoutMs ?? 5_000,
      retryDelaysMs: options.webhookRetryDelaysMs ?? [250, 1_000],
    },
    stepDelayMs: options.stepDelayMs ?? 50,
    wabaId: options.wabaId ?? 'simulator-waba',
    displayPhoneNumber: options.displayPhoneNumber ?? '5511900000000',
    signal: closing.signal,
    log: app.log,
  };
  metaRoutes(app, {
    delivery,
    slowMs: options.slowMs ?? 3_000,
    ...(options.accessToken === undefined ? {} : { accessToken: options.accessToken }),
  });
  controlRoutes(app, {
    delivery,
    timeZone: options.timeZone ?? 'America/Sao_Paulo',
    ...(options.inbox ? { inbox: options.inbox } : {}),
  });
}
