import { CLOUD_ERROR_POLICY } from '../cloud/classify-error.js';
import { createCloudWireProvider, joinUrl } from '../cloud/cloud-wire-provider.js';
import { DEFAULT_TIMEOUT_MS } from '../cloud/http.js';
import { parseCloudWebhook } from '../cloud/parse-webhook.js';
import type { PlinxCredentials, WhatsAppProvider } from '../provider.js';

/**
 * Plinx (Brazilian BSP). Its API is not public: this module is the ONE place holding every wire
 * detail that may differ from Meta's Cloud API, each an assumption listed in
 * docs/providers/plinx.md. Aligning with Plinx's real contract should touch only this file.
 *
 * Assumed: Plinx proxies the Cloud API wire format (send body, responses, error codes, webhook
 * envelope) under its own host, with its own token and its own webhook signature header.
 */
export const PLINX_WIRE = {
  /** Same path layout as Graph; the host comes from the credentials' baseUrl. */
  messagesPath: (c: PlinxCredentials) => [c.apiVersion, c.phoneNumberId, 'messages'],
  templatesPath: (c: PlinxCredentials) => [c.apiVersion, c.wabaId, 'message_templates'],
  templatesQuery: 'limit=100',
  /** Assumed Bearer, like Meta; a BSP using e.g. `X-API-Key: <token>` changes this line. */
  authHeaders: (c: PlinxCredentials): Record<string, string> => ({ authorization: `Bearer ${c.accessToken}` }),
  /** Assumed HMAC-SHA256 of the raw body with the app secret, as `sha256=<hex>`. */
  signatureHeader: 'x-plinx-signature',
  /** Assumed Meta's numeric error codes (131026 not on WhatsApp, 130429 throughput…). */
  errorPolicy: CLOUD_ERROR_POLICY,
  /** Assumed Meta's envelope, unchanged (statuses with biz_opaque_callback_data, errors[]). */
  parseWebhook: parseCloudWebhook,
} as const;

export interface PlinxProviderOptions {
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export function createPlinxProvider(
  credentials: PlinxCredentials,
  options: PlinxProviderOptions = {},
): WhatsAppProvider {
  if (!credentials.baseUrl) {
    // Unlike Meta there is no public default host: a missing URL is a configuration error.
    throw new Error('Plinx: informe a URL base da API (--base-url).');
  }
  return createCloudWireProvider({
    kind: 'plinx',
    http: {
      fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      headers: PLINX_WIRE.authHeaders(credentials),
    },
    messagesUrl: joinUrl(credentials.baseUrl, ...PLINX_WIRE.messagesPath(credentials)),
    templatesUrl: `${joinUrl(credentials.baseUrl, ...PLINX_WIRE.templatesPath(credentials))}?${PLINX_WIRE.templatesQuery}`,
    signatureHeader: PLINX_WIRE.signatureHeader,
    appSecret: credentials.appSecret,
    verifyToken: credentials.verifyToken,
    errorPolicy: PLINX_WIRE.errorPolicy,
    parseWebhook: PLINX_WIRE.parseWebhook,
  });
}
