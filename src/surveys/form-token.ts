import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { SURVEY_RULES } from './survey-rules.js';

/**
 * The survey form's anti-forgery token, without sessions or cookies: an HMAC of the survey link's
 * token, the moment the form was issued and a nonce, under a key derived from PONTE_SECRET_KEY.
 * A post must carry one made for this very link (a form of another survey is refused), no older
 * than SURVEY_RULES.formMaxAgeMs. The issue time also orders submissions (see decideAnswer).
 * Any API process can check it: they share the secret key.
 */
export type FormTokenCheck = { ok: true; issuedAt: number } | { ok: false; reason: 'missing' | 'invalid' | 'expired' };

/** A clock a few minutes ahead (another process) must not make a fresh form look invalid. */
const CLOCK_SKEW_MS = 5 * 60_000;

export class FormTokens {
  readonly #key: Buffer;

  constructor(secretKey: Buffer) {
    // A key of its own, so a MAC made here can't be confused with any other use of the secret.
    this.#key = createHmac('sha256', secretKey).update('ponte:survey-form:v1').digest();
  }

  #mac(surveyToken: string, issuedAt: string, nonce: string): Buffer {
    return createHmac('sha256', this.#key).update(`${surveyToken}\n${issuedAt}\n${nonce}`).digest().subarray(0, 16);
  }

  issue(surveyToken: string, now = Date.now()): string {
    const issuedAt = now.toString(36);
    const nonce = randomBytes(6).toString('base64url');
    return `${issuedAt}.${nonce}.${this.#mac(surveyToken, issuedAt, nonce).toString('base64url')}`;
  }

  check(surveyToken: string, formToken: unknown, now = Date.now()): FormTokenCheck {
    if (typeof formToken !== 'string' || formToken === '') return { ok: false, reason: 'missing' };
    const parts = formToken.split('.');
    if (parts.length !== 3 || formToken.length > 64) return { ok: false, reason: 'invalid' };
    const [issuedAtText, nonce, macText] = parts as [string, string, string];
    const mac = Buffer.from(macText, 'base64url');
    const expected = this.#mac(surveyToken, issuedAtText, nonce);
    if (mac.length !== expected.length || !timingSafeEqual(mac, expected)) return { ok: false, reason: 'invalid' };
    const issuedAt = Number.parseInt(issuedAtText, 36);
    if (!Number.isSafeInteger(issuedAt) || issuedAt > now + CLOCK_SKEW_MS) return { ok: false, reason: 'invalid' };
    if (now - issuedAt > SURVEY_RULES.formMaxAgeMs) return { ok: false, reason: 'expired' };
    return { ok: true, issuedAt };
  }
}
