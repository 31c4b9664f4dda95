import { describe, expect, it } from 'vitest';
import { GroupCommit } from '../../src/shared/group-commit.js';
import { FormTokens } from '../../src/surveys/form-token.js';
import { parseSurveyAnswer } from '../../src/surveys/survey-input.js';
import { decideAnswer, SURVEY_RULES } from '../../src/surveys/survey-rules.js';

const HOUR = 3_600_000;

describe('the 24-hour change window and double submits (clock as a parameter)', () => {
  const answeredAt = Date.parse('2026-11-20T12:00:00Z');
  const answer = { created_at: answeredAt, form_issued_at: answeredAt - 60_000 };

  it('inserts the first answer', () => {
    expect(decideAnswer(undefined, answeredAt, answeredAt)).toEqual({ kind: 'insert' });
  });
  it('takes a newer form as a change until 24 h after the first answer', () => {
    expect(decideAnswer(answer, answeredAt + HOUR, answeredAt + HOUR)).toEqual({ kind: 'change' });
    expect(decideAnswer(answer, answeredAt + 23 * HOUR, answeredAt + 24 * HOUR - 1)).toEqual({ kind: 'change' });
  });
  it('locks at exactly 24 h, however new the form', () => {
    expect(decideAnswer(answer, answeredAt + 24 * HOUR, answeredAt + 24 * HOUR)).toEqual({
      kind: 'locked',
      lockedAt: answeredAt + SURVEY_RULES.changeWindowMs,
    });
  });
  it('treats the same form again, or an older one, as a duplicate', () => {
    expect(decideAnswer(answer, answer.form_issued_at, answeredAt + 1)).toEqual({ kind: 'duplicate' });
    expect(decideAnswer(answer, answer.form_issued_at - 5, answeredAt + 1)).toEqual({ kind: 'duplicate' });
  });
  it('lets a button tap in the same second count, but not an older one', () => {
    expect(decideAnswer(answer, answer.form_issued_at, answeredAt + 1, true)).toEqual({ kind: 'change' });
    expect(decideAnswer(answer, answer.form_issued_at - 1_000, answeredAt + 1, true)).toEqual({ kind: 'duplicate' });
  });
});

describe('form tokens', () => {
  const tokens = new FormTokens(Buffer.alloc(32, 1));
  const now = Date.parse('2026-11-20T12:00:00Z');
  const survey = 'AbCdEfGhIjKlMnOpQrStUv';

  it('accepts its own, with the time it was issued', () => {
    expect(tokens.check(survey, tokens.issue(survey, now), now + 1_000)).toEqual({ ok: true, issuedAt: now });
  });
  it('refuses another survey’s, another key’s, a tampered one, an expired one and garbage', () => {
    expect(tokens.check(survey, tokens.issue('ZZZZZZZZZZZZZZZZZZZZZZ', now), now)).toEqual({
      ok: false,
      reason: 'invalid',
    });
    expect(tokens.check(survey, new FormTokens(Buffer.alloc(32, 2)).issue(survey, now), now).ok).toBe(false);
    const [at, nonce, mac] = tokens.issue(survey, now).split('.');
    expect(tokens.check(survey, `${(now + 5_000).toString(36)}.${nonce}.${mac}`, now + 6_000).ok).toBe(false);
    expect(tokens.check(survey, `${at}.${nonce}.${mac}`, now + SURVEY_RULES.formMaxAgeMs + 1)).toEqual({
      ok: false,
      reason: 'expired',
    });
    expect(tokens.check(survey, undefined, now)).toEqual({ ok: false, reason: 'missing' });
    expect(tokens.check(survey, ['a', 'b'], now)).toEqual({ ok: false, reason: 'missing' });
    expect(tokens.check(survey, 'a.b', now)).toEqual({ ok: false, reason: 'invalid' });
  });
});

describe('answers against the scale', () => {
  it('counts a comment as a person does: CRLF as one, emoji as one', () => {
    const comment = `${'a'.repeat(998)}\r\n😀`;
    const parsed = parseSurveyAnswer({ csat: '4', comment }, false);
    expect(parsed).toEqual({ ok: true, answer: { csat: 4, nps: null, comment: `${'a'.repeat(998)}\n😀` } });
  });
  it('ignores NPS when the workspace does not ask it, and an empty comment', () => {
    expect(parseSurveyAnswer({ csat: ' 2 ', nps: '99', comment: '   ' }, false)).toEqual({
      ok: true,
      answer: { csat: 2, nps: null, comment: null },
    });
  });
});

describe('group commit', () => {
  it('shares one run between submissions of the same tick', async () => {
    const runs: number[][] = [];
    const gc = new GroupCommit<number, number>(async (items) => {
      runs.push(items);
      return items.map((i) => i * 2);
    });
    expect(await Promise.all([gc.submit(1), gc.submit(2), gc.submit(3)])).toEqual([2, 4, 6]);
    expect(runs).toEqual([[1, 2, 3]]);
  });
  it('retries each item alone when a batch fails, so one bad item fails only itself', async () => {
    const gc = new GroupCommit<number, number>(async (items) => {
      if (items.includes(13)) throw new Error('treze');
      return items;
    });
    const results = await Promise.allSettled([gc.submit(1), gc.submit(13), gc.submit(3)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });
});
