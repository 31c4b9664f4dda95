import type { CloudCredentials, WhatsAppProvider } from '../provider.js';
import { createCloudWireProvider, joinUrl } from './cloud-wire-provider.js';
import { DEFAULT_TIMEOUT_MS } from './http.js';
import { CLOUD_SIGNATURE_HEADER } from './webhook-signature.js';

export const META_GRAPH_BASE_URL = 'https://graph.facebook.com';

export interface CloudProviderOptions {
  /** Defaults to Node's global fetch. */
  fetch?: typeof fetch;
  /** Per request; defaults to 10 s. */
  timeoutMs?: number;
}

/**
 * Meta's WhatsApp Cloud API (or anything speaking its wire format, like the simulator):
 * `POST {baseUrl}/{apiVersion}/{phoneNumberId}/messages` with a Bearer token, webhooks signed
 * with the app secret in X-Hub-Signature-256.
 */
export function createCloudProvider(
  credentials: CloudCredentials,
  options: CloudProviderOptions = {},
): WhatsAppProvider {
  const baseUrl = credentials.baseUrl || META_GRAPH_BASE_URL;
  return createCloudWireProvider({
    kind: 'cloud',
    http: {
      // Looked up per call (not captured) and never invoked as a method of the settings object.
      fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      headers: { authorization: `Bearer ${credentials.accessToken}` },
    },
    messagesUrl: joinUrl(baseUrl, credentials.apiVersion, credentials.phoneNumberId, 'messages'),
    templatesUrl: cloudTemplatesUrl(baseUrl, credentials.apiVersion, credentials.wabaId),
    signatureHeader: CLOUD_SIGNATURE_HEADER,
    appSecret: credentials.appSecret,
    verifyToken: credentials.verifyToken,
  });
}

/** First page of the WABA's templates, with the fields the mapping reads (Graph defaults may change). */
export function cloudTemplatesUrl(baseUrl: string, apiVersion: string, wabaId: string): string {
  return `${joinUrl(baseUrl, apiVersion, wabaId, 'message_templates')}?fields=name,language,status,category,components&limit=100`;
}
