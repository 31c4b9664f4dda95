import type { SurveyAnswer } from '../db/schema.js';

/** The survey's fixed rules, in one place (the pages, the routes and the docs quote them). */
export const SURVEY_RULES = {
  csat: { min: 1, max: 5 },
  nps: { min: 0, max: 10 },
  commentMaxChars: 1_000,
  /** An answer can be changed for this long after it was first given. */
  changeWindowMs: 24 * 60 * 60_000,
  /** A form older than this is refused (it is re-issued, with the answer kept, on the error page). */
  formMaxAgeMs: 12 * 60 * 60_000,
} as const;

export const CSAT_LABELS = ['Péssimo', 'Ruim', 'Regular', 'Bom', 'Ótimo'] as const;

export type AnswerDecision =
  | { kind: 'insert' }
  | { kind: 'change' }
  /** The same form (or an older one) again: a double submit or a stale tab. */
  | { kind: 'duplicate' }
  /** The change window closed at `lockedAt`. */
  | { kind: 'locked'; lockedAt: number };

/**
 * What a submission does to the ticket's answer. `issuedAt` is when the form was issued (or
 * when the customer tapped the WhatsApp button): only a form issued after the one that last
 * wrote the answer may change it, so replaying a form, double-clicking, or submitting an old tab
 * records nothing twice. A button tap is already deduplicated by its message id, and the
 * provider stamps it in whole seconds, so a tap in the same second as the last change is new
 * (`sameInstantIsNew`); an older one still changes nothing (webhooks arrive out of order).
 * The clock is a parameter so the 24-hour window is tested without waiting.
 */
export function decideAnswer(
  existing: Pick<SurveyAnswer, 'created_at' | 'form_issued_at'> | undefined,
  issuedAt: number,
  now: number,
  sameInstantIsNew = false,
): AnswerDecision {
  if (existing === undefined) return { kind: 'insert' };
  const lockedAt = existing.created_at + SURVEY_RULES.changeWindowMs;
  if (now >= lockedAt) return { kind: 'locked', lockedAt };
  const stale = sameInstantIsNew ? issuedAt < existing.form_issued_at : issuedAt <= existing.form_issued_at;
  if (stale) return { kind: 'duplicate' };
  return { kind: 'change' };
}
