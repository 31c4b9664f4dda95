import type { WebhookBatch, WhatsAppProvider } from '../provider.js';
import { CLOUD_ERROR_POLICY, type ErrorPolicy } from './classify-error.js';
import type { CloudHttpSettings } from './http.js';
import { listTemplates } from './list-templates.js';
import { parseCloudWebhook } from './parse-webhook.js';
import { sendTemplate } from './send-template.js';
import { verifyHmacSignature, verifySubscribeHandshake } from './webhook-signature.js';

/**
 * Everything that differs between servers speaking the Cloud API wire format: Meta itself, a BSP
 * proxying it under its own host and headers (Plinx), or the built-in simulator.
 */
export interface CloudWireSettings {
  kind: WhatsAppProvider['kind'];
  http: CloudHttpSettings;
  /** Full URL of the send endpoint (Meta: `{base}/{version}/{phone-number-id}/messages`). */
  messagesUrl: string;
  /** Full URL of the first template page, query included. */
  templatesUrl: string;
  /** Lower-case name of the header carrying `sha256=<hex>`. */
  signatureHeader: string;
  appSecret: string;
  verifyToken: string;
  /** Defaults to Meta's error codes. */
  errorPolicy?: ErrorPolicy;
  /** Defaults to Meta's envelope; a BSP with its own webhook shape plugs its parser in here. */
  parseWebhook?: (body: unknown) => WebhookBatch;
}

/** A stateless provider over the Cloud API wire format; build one per account and use it freely. */
export function createCloudWireProvider(settings: CloudWireSettings): WhatsAppProvider {
  const { http, messagesUrl, templatesUrl, signatureHeader, appSecret, verifyToken } = settings;
  const errorPolicy = settings.errorPolicy ?? CLOUD_ERROR_POLICY;
  return {
    kind: settings.kind,
    send: (message, signal) => sendTemplate(http, messagesUrl, message, signal, errorPolicy),
    verifySignature: (rawBody, headers) => verifyHmacSignature(rawBody, headers, signatureHeader, appSecret),
    verifyHandshake: (query) => verifySubscribeHandshake(query, verifyToken),
    parseWebhook: settings.parseWebhook ?? parseCloudWebhook,
    listTemplates: () => listTemplates(http, templatesUrl),
  };
}

/** `https://host/` + `/v21.0` → `https://host/v21.0`: tolerant of slashes typed by an operator. */
export function joinUrl(baseUrl: string, ...segments: string[]): string {
  const base = baseUrl.replace(/\/+$/, '');
  const path = segments.map((segment) => encodeURIComponent(segment.replace(/^\/+|\/+$/g, ''))).join('/');
  return `${base}/${path}`;
}
