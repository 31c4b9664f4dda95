import type { DeliveryStatus, InboundMessage, StatusUpdate, WebhookBatch } from '../provider.js';
import { NOT_ON_WHATSAPP_CODE } from './classify-error.js';
import { isRecord } from './http.js';
import type { CloudInboundMessage, CloudStatus, CloudWebhookPayload } from './wire-types.js';

const DELIVERY_STATUSES: ReadonlySet<string> = new Set<DeliveryStatus>(['sent', 'delivered', 'read', 'failed']);

/**
 * Meta's `{object, entry[].changes[].value}` envelope → statuses and inbound messages. Anything
 * it does not recognise (template status updates, `played` voice statuses, media messages,
 * malformed items) is skipped without throwing: Meta retries a webhook for days when it is not
 * answered with 200, so one odd item must not block the rest of the batch.
 */
export function parseCloudWebhook(body: unknown): WebhookBatch {
  const batch: WebhookBatch = { statuses: [], inbound: [] };
  if (!isRecord(body)) return batch;
  const payload = body as CloudWebhookPayload;
  for (const entry of arrayOf(payload.entry)) {
    for (const change of arrayOf(entry?.changes)) {
      const value = change?.value;
      if (!isRecord(value)) continue;
      for (const status of arrayOf(value.statuses)) {
        const parsed = parseStatus(status);
        if (parsed) batch.statuses.push(parsed);
      }
      for (const message of arrayOf(value.messages)) {
        const parsed = parseInbound(message);
        if (parsed) batch.inbound.push(parsed);
      }
    }
  }
  return batch;
}

function parseStatus(status: CloudStatus | undefined): StatusUpdate | undefined {
  if (!isObject(status)) return undefined;
  const { id, status: value, recipient_id: recipient } = status;
  const at = secondsToMs(status.timestamp);
  if (!isText(id) || !isText(value) || !DELIVERY_STATUSES.has(value) || !isText(recipient) || at === undefined) {
    return undefined;
  }
  const update: StatusUpdate = {
    providerMessageId: id,
    status: value as DeliveryStatus,
    at,
    recipient: toE164(recipient),
  };
  if (isText(status.biz_opaque_callback_data)) update.messageId = status.biz_opaque_callback_data;
  // errors[] only comes with failures; the first one names the cause.
  const error = arrayOf(status.errors)[0];
  if (isObject(error) && (typeof error.code === 'number' || typeof error.code === 'string')) {
    update.error = {
      code: String(error.code),
      title: firstText(error.title, error.message, error.error_data?.details) ?? 'Erro desconhecido',
      notOnWhatsApp: Number(error.code) === NOT_ON_WHATSAPP_CODE,
    };
  }
  return update;
}

function parseInbound(message: CloudInboundMessage | undefined): InboundMessage | undefined {
  if (!isObject(message)) return undefined;
  const { id, from } = message;
  const at = secondsToMs(message.timestamp);
  if (!isText(id) || !isText(from) || at === undefined) return undefined;
  const content = inboundContent(message);
  if (!content) return undefined;
  const inbound: InboundMessage = { providerMessageId: id, from: toE164(from), at, text: content.text };
  if (content.buttonPayload !== undefined) inbound.buttonPayload = content.buttonPayload;
  if (isText(message.context?.id)) inbound.replyTo = message.context.id;
  return inbound;
}

function inboundContent(message: CloudInboundMessage): { text: string; buttonPayload?: string } | undefined {
  switch (message.type) {
    case 'text':
      return typeof message.text?.body === 'string' ? { text: message.text.body } : undefined;
    // A quick-reply button of a template: `payload` is what the business set when sending
    // (Meta falls back to the button's text when none was set).
    case 'button': {
      const text = firstText(message.button?.text, message.button?.payload);
      if (text === undefined) return undefined;
      return { text, buttonPayload: firstText(message.button?.payload, text) };
    }
    // A reply button or list row of an interactive (session) message: its id is the payload.
    case 'interactive': {
      const reply = message.interactive?.button_reply ?? message.interactive?.list_reply;
      const text = firstText(reply?.title, reply?.id);
      if (text === undefined) return undefined;
      return { text, ...(isText(reply?.id) ? { buttonPayload: reply.id } : {}) };
    }
    default:
      return undefined;
  }
}

/** Meta sends wa_ids without '+'; Ponte stores E.164. */
function toE164(waId: string): string {
  return waId.startsWith('+') ? waId : `+${waId}`;
}

/** Unix seconds, as a string ("1700000000"), sometimes as a number from proxies. */
function secondsToMs(value: unknown): number | undefined {
  const seconds = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
  return Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds * 1000) : undefined;
}

/** Narrows untrusted JSON to its loosely typed wire shape (every field still optional). */
function isObject<T>(value: T | undefined): value is T {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function arrayOf<T>(value: T[] | undefined): (T | undefined)[] {
  return Array.isArray(value) ? value : [];
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

function firstText(...values: unknown[]): string | undefined {
  return values.find(isText);
}
