import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyBaseLogger } from 'fastify';
import { maskPhone } from '../messaging/phones.js';
import { inboundWebhook, type StatusWebhookInput, statusWebhook, type WebhookContext } from './meta-payloads.js';
import { postWebhook, type WebhookTarget } from './post-webhook.js';
import type { SimulatedOutbound, SimulatorStore } from './simulator-store.js';

export interface DeliverySettings {
  store: SimulatorStore;
  webhookUrl: () => string | undefined;
  target: Omit<WebhookTarget, 'url'>;
  stepDelayMs: number;
  wabaId: string;
  displayPhoneNumber: string;
  /** Aborted when the app closes: pending steps stop, nothing is posted after that. */
  signal: AbortSignal;
  log: FastifyBaseLogger;
}

export type WebhookDelivery = 'delivered' | 'failed' | 'skipped';

/** Meta's text for 131026 on a failed status. */
const UNDELIVERABLE = { code: 131026, title: 'Message undeliverable', details: 'Message Undeliverable.' } as const;

const STATUS_FLOWS = {
  delivered: ['sent', 'delivered', 'read'],
  not_on_whatsapp: ['failed'],
  // Meta delivers webhooks concurrently and at least once: a receiver must take read before
  // delivered, and the same status twice, without moving a message backwards.
  out_of_order: ['read', 'sent', 'delivered', 'delivered'],
} as const satisfies Record<string, readonly StatusWebhookInput['status'][]>;

export type StatusFlow = keyof typeof STATUS_FLOWS;

/**
 * After Meta accepts a message it reports, asynchronously and in order, sent → delivered → read
 * (or a single `failed`). Each step updates the store and posts a signed status webhook.
 */
export function startStatusFlow(
  settings: DeliverySettings,
  phone: string,
  message: SimulatedOutbound,
  flow: StatusFlow,
): void {
  const steps = STATUS_FLOWS[flow];
  const run = async () => {
    for (const status of steps) {
      await sleep(settings.stepDelayMs, undefined, { signal: settings.signal });
      const error = status === 'failed' ? UNDELIVERABLE : undefined;
      settings.store.setStatus(message.wamid, status, error && { code: error.code, title: error.title });
      const payload = statusWebhook(contextOf(settings, message.phoneNumberId), {
        wamid: message.wamid,
        status,
        at: Date.now(),
        recipientId: phone.slice(1),
        ...(message.callbackData === undefined ? {} : { callbackData: message.callbackData }),
        ...(error ? { error } : {}),
      });
      await deliverWebhook(settings, payload, phone);
    }
  };
  run().catch((error: unknown) => {
    if (!settings.signal.aborted)
      settings.log.warn({ err: error, phone: maskPhone(phone) }, 'simulator status flow failed');
  });
}

export interface CustomerReply {
  wamid: string;
  at: number;
  text: string;
  buttonPayload?: string;
  replyTo?: SimulatedOutbound;
  profileName: string;
}

export function deliverReply(
  settings: DeliverySettings,
  phone: string,
  reply: CustomerReply,
): Promise<WebhookDelivery> {
  const phoneNumberId =
    reply.replyTo?.phoneNumberId ?? settings.store.lastOutbound(phone)?.phoneNumberId ?? 'simulator';
  const context = contextOf(settings, phoneNumberId);
  const payload = inboundWebhook(context, {
    wamid: reply.wamid,
    at: reply.at,
    from: phone.slice(1),
    profileName: reply.profileName,
    text: reply.text,
    ...(reply.buttonPayload === undefined ? {} : { buttonPayload: reply.buttonPayload }),
    ...(reply.replyTo ? { replyTo: { wamid: reply.replyTo.wamid, from: context.displayPhoneNumber } } : {}),
  });
  return deliverWebhook(settings, payload, phone);
}

async function deliverWebhook(settings: DeliverySettings, payload: unknown, phone: string): Promise<WebhookDelivery> {
  // Read at each post: the app may learn its own URL only after it starts listening.
  const url = settings.webhookUrl();
  if (!url) return 'skipped';
  const outcome = await postWebhook({ ...settings.target, url }, payload, settings.signal);
  if (outcome.delivered) return 'delivered';
  settings.log.warn({ phone: maskPhone(phone), reason: outcome.reason }, 'simulator webhook not delivered');
  return 'failed';
}

function contextOf(settings: DeliverySettings, phoneNumberId: string): WebhookContext {
  return { wabaId: settings.wabaId, phoneNumberId, displayPhoneNumber: settings.displayPhoneNumber };
}
