/**
 * Which Cloud API error codes are worth retrying. Meta asks clients to key off `code`, not the
 * HTTP status (the same code has been seen with different statuses, e.g. 131056 as 400 and 429),
 * so the code decides first and the status only when the code is unknown.
 * Source: Meta's error-codes page, summarised in /work/shared/reference/whatsapp-cloud-api.md §3b/§3d.
 */

/** Transient: throughput, downtime, maintenance, unknown server-side errors. */
const RETRYABLE_CODES: ReadonlySet<number> = new Set([
  1, // "Invalid request or possible server error."
  2, // "Temporary due to downtime or due to being overloaded."
  4, // app API call rate limit
  80007, // WABA rate limit
  130429, // message throughput reached
  131000, // "Message failed to send due to an unknown error." → "Try again."
  131016, // service temporarily unavailable
  131048, // spam rate limit: back off (the dispatcher's backoff grows)
  131049, // per-user marketing limit: "wait at least 24 hours before resending"
  131056, // pair rate limit: this recipient only, others can still be sent
  131057, // account in maintenance mode (e.g. throughput upgrade)
  133004, // server temporarily unavailable
  2494100, // maintenance mode, "Try again in a few minutes"
]);

/** Permanent for this message, this recipient or this account: retrying cannot help. */
const PERMANENT_CODES: ReadonlySet<number> = new Set([
  0, // authentication failed
  3, // capability or permission
  10, // permission not granted or removed
  100, // invalid parameter
  190, // access token expired
  368, // account restricted for a policy violation
  130403, // business blocked the user: "Do not retry."
  130472, // user in an experiment group
  130497, // restricted from messaging users in this country
  131008, // missing required parameter
  131009, // parameter value invalid
  131021, // sender and recipient are the same number
  131026, // message undeliverable: not on WhatsApp, old app, terms not accepted
  131031, // account locked
  131042, // payment method problem
  131045, // phone registration problem
  131047, // 24-hour window closed (templates are exempt; a bug if seen)
  131050, // user stopped marketing messages: "Do not retry"
  131051, // unsupported message type
  131063, // marketing templates disabled on this account
  131064, // template classification violation limit
  132000, // parameter count differs from the template's
  132001, // template missing in this language or not approved
  132005, // translated text too long
  132007, // template content violates policy
  132012, // parameter formatted incorrectly
  132015, // template paused for low quality
  132016, // template disabled after too many pauses
  132018, // template validation error
  133010, // phone number not registered
  135000, // unknown error with request parameters
]);

/** Meta's waits where it names one but sends no Retry-After. */
const DEFAULT_WAIT_MS: ReadonlyMap<number, number> = new Map([
  [131049, 24 * 60 * 60 * 1000],
  // Third-party restatements of the pair rate limit: about one message per 6 s to one user.
  [131056, 6_000],
]);

export const NOT_ON_WHATSAPP_CODE = 131026;

/** Permission errors occupy a whole range (200–299) rather than a list. */
function isPermissionCode(code: number): boolean {
  return code >= 200 && code <= 299;
}

export function isRetryableCloudError(code: number | undefined, httpStatus: number): boolean {
  if (code !== undefined) {
    if (RETRYABLE_CODES.has(code)) return true;
    if (PERMANENT_CODES.has(code) || isPermissionCode(code)) return false;
  }
  // An unknown code: 5xx is the server's trouble, 408/429 ask us to come back, other 4xx are ours.
  return httpStatus >= 500 || httpStatus === 408 || httpStatus === 429;
}

/** How a server's error codes are read; a BSP with its own codes supplies its own policy. */
export interface ErrorPolicy {
  isRetryable(code: number | undefined, httpStatus: number): boolean;
  isNotOnWhatsApp(code: number | undefined): boolean;
  /** A wait to suggest when the response carries no Retry-After. */
  defaultWaitMs(code: number | undefined): number | undefined;
}

export const CLOUD_ERROR_POLICY: ErrorPolicy = {
  isRetryable: isRetryableCloudError,
  isNotOnWhatsApp: (code) => code === NOT_ON_WHATSAPP_CODE,
  defaultWaitMs,
};

export function defaultWaitMs(code: number | undefined): number | undefined {
  return code === undefined ? undefined : DEFAULT_WAIT_MS.get(code);
}

/** Retry-After is either delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
