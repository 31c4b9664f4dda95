import { createHmac, timingSafeEqual } from 'node:crypto';

/** Meta signs every webhook POST with the app secret: `X-Hub-Signature-256: sha256=<hex>`. */
export const CLOUD_SIGNATURE_HEADER = 'x-hub-signature-256';

const SIGNATURE_PATTERN = /^sha256=([0-9a-f]{64})$/i;

/** Finds a header whatever its case; a repeated header is ambiguous and yields undefined. */
export function readHeader(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted) continue;
    if (typeof value === 'string') return value;
    if (Array.isArray(value) && value.length === 1) return value[0];
    return undefined;
  }
  return undefined;
}

/**
 * Checks `sha256=<hex HMAC-SHA256(rawBody, secret)>` in constant time. The HMAC must be over the
 * exact bytes received: re-serialising parsed JSON changes escapes (Meta writes "\u00e9" for é)
 * and breaks the comparison.
 */
export function verifyHmacSignature(
  rawBody: Buffer,
  headers: Record<string, string | string[] | undefined>,
  headerName: string,
  secret: string,
): boolean {
  if (secret === '') return false;
  const match = SIGNATURE_PATTERN.exec(readHeader(headers, headerName)?.trim() ?? '');
  if (!match?.[1]) return false;
  const received = Buffer.from(match[1], 'hex');
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  return received.length === expected.length && timingSafeEqual(received, expected);
}

/** The handshake token is a shared secret too, so it is compared in constant time as well. */
export function verifySubscribeHandshake(
  query: Record<string, string | undefined>,
  verifyToken: string,
): string | undefined {
  const mode = query['hub.mode'];
  const token = query['hub.verify_token'];
  const challenge = query['hub.challenge'];
  if (mode !== 'subscribe' || token === undefined || challenge === undefined || verifyToken === '') return undefined;
  const given = Buffer.from(token, 'utf8');
  const expected = Buffer.from(verifyToken, 'utf8');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  return challenge;
}
