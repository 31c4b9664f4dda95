/**
 * The HTTP plumbing shared by send and listTemplates: one request with a timeout that also
 * honours the caller's signal, and a closed description of what went wrong when no response came.
 */

export interface CloudHttpSettings {
  fetch: typeof fetch;
  timeoutMs: number;
  /** Auth (and any other fixed) headers; the Cloud API uses `Authorization: Bearer <token>`. */
  headers: Readonly<Record<string, string>>;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
/** Attempt logs keep this much of a provider's reply. */
export const DETAIL_LIMIT_BYTES = 2048;

export type HttpOutcome =
  | { kind: 'response'; status: number; headers: Headers; text: string }
  | { kind: 'timeout'; message: string }
  | { kind: 'aborted'; message: string }
  | { kind: 'network'; message: string };

export async function requestCloudApi(
  http: CloudHttpSettings,
  url: string,
  init: { method: 'GET' | 'POST'; body?: string },
  signal?: AbortSignal,
): Promise<HttpOutcome> {
  const timeout = AbortSignal.timeout(http.timeoutMs);
  const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
  try {
    const response = await http.fetch(url, {
      method: init.method,
      headers: {
        accept: 'application/json',
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...http.headers,
      },
      body: init.body,
      // An API endpoint has no business redirecting; following one could carry the token elsewhere.
      redirect: 'manual',
      signal: combined,
    });
    // The body can stall after the headers arrived, so reading it stays under the same signal.
    const text = await response.text();
    return { kind: 'response', status: response.status, headers: response.headers, text };
  } catch (error) {
    // Both aborts surface as the same DOMException; which signal fired tells them apart.
    if (timeout.aborted && !signal?.aborted) {
      return { kind: 'timeout', message: `sem resposta em ${http.timeoutMs} ms` };
    }
    if (signal?.aborted) return { kind: 'aborted', message: 'envio interrompido pelo chamador' };
    return { kind: 'network', message: describeNetworkError(error) };
  }
}

/** undici hides the useful part (ECONNREFUSED, ENOTFOUND…) in `cause`. */
function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as { code?: unknown; message?: unknown } | undefined;
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  const causeMessage = typeof cause?.message === 'string' ? cause.message : undefined;
  return [error.message, code ?? causeMessage].filter(Boolean).join(': ');
}

export function truncateDetail(text: string): string {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= DETAIL_LIMIT_BYTES) return text;
  // Cutting inside a multi-byte character leaves a replacement character, fine for a log.
  return bytes.subarray(0, DETAIL_LIMIT_BYTES).toString('utf8');
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The error's readable title: Meta's `details` first, then `message` (both untrusted JSON). */
export function errorTitle(
  error: { message?: unknown; error_data?: { details?: unknown } } | undefined,
  fallback: string,
): string {
  const details = error?.error_data?.details;
  if (typeof details === 'string' && details !== '') return details;
  if (typeof error?.message === 'string' && error.message !== '') return error.message;
  return fallback;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
