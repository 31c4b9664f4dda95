import { createHmac } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { serializeLikeMeta } from './meta-payloads.js';

export interface WebhookTarget {
  url: string;
  appSecret: string;
  /** Lower-case header name; Meta's is x-hub-signature-256. */
  signatureHeader: string;
  timeoutMs: number;
  /** Pauses before the 2nd, 3rd… attempts; Meta keeps retrying for 7 days, the simulator briefly. */
  retryDelaysMs: readonly number[];
}

export type WebhookOutcome = { delivered: true; status: number } | { delivered: false; reason: string };

/**
 * POSTs one signed webhook like Meta: JSON with non-ASCII escaped, `sha256=<hex HMAC>` of exactly
 * those bytes, retried while the receiver answers anything but 2xx. Never throws, except when
 * `signal` aborts (the app is closing).
 */
export async function postWebhook(
  target: WebhookTarget,
  payload: unknown,
  signal: AbortSignal,
): Promise<WebhookOutcome> {
  const body = serializeLikeMeta(payload);
  const signature = `sha256=${createHmac('sha256', target.appSecret).update(body, 'utf8').digest('hex')}`;
  let reason = '';
  for (let attempt = 0; attempt <= target.retryDelaysMs.length; attempt++) {
    if (attempt > 0) await sleep(target.retryDelaysMs[attempt - 1], undefined, { signal });
    signal.throwIfAborted();
    try {
      const response = await fetch(target.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'facebookexternalua',
          [target.signatureHeader]: signature,
        },
        body,
        signal: AbortSignal.any([signal, AbortSignal.timeout(target.timeoutMs)]),
      });
      // The receiver's answer body is irrelevant; reading it frees the connection.
      await response.arrayBuffer().catch(() => undefined);
      if (response.ok) return { delivered: true, status: response.status };
      reason = `HTTP ${response.status}`;
    } catch (error) {
      signal.throwIfAborted();
      reason = error instanceof Error ? error.message : String(error);
    }
  }
  return { delivered: false, reason };
}
