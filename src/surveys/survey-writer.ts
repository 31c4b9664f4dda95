import type { Kysely } from 'kysely';
import type { DB, LinkChannel } from '../db/schema.js';
import { GroupCommit } from '../shared/group-commit.js';
import { recordAnswers, type Submission, type SubmissionOutcome } from './record-answers.js';
import type { SurveyAnswerInput } from './survey-input.js';
import { loadTargetsByToken } from './survey-repository.js';

/** An answer posted on the survey page, already checked against the scale and the form token. */
export interface LinkSubmission {
  token: string;
  answer: SurveyAnswerInput;
  channel: LinkChannel;
  issuedAt: number;
  at: number;
}

export type LinkOutcome = SubmissionOutcome | { kind: 'not_found' };

/**
 * Survey page answers go through one group commit per process: each batch reads its tickets
 * and their answers in one query and writes in one transaction (see record-answers.ts).
 */
export function createSurveyWriter(db: Kysely<DB>): GroupCommit<LinkSubmission, LinkOutcome> {
  return new GroupCommit((items) =>
    db.transaction().execute(async (trx) => {
      const targets = await loadTargetsByToken(
        trx,
        items.map((item) => item.token),
      );
      const found: { index: number; submission: Submission }[] = [];
      const outcomes: LinkOutcome[] = items.map((item, index) => {
        const target = targets.get(item.token);
        if (!target || target.revoked) return { kind: 'not_found' };
        found.push({
          index,
          submission: {
            target,
            answer: item.answer,
            channel: item.channel,
            via: 'link',
            issuedAt: item.issuedAt,
            at: item.at,
          },
        });
        return { kind: 'duplicate' };
      });
      const recorded = await recordAnswers(
        trx,
        found.map((f) => f.submission),
      );
      found.forEach((f, i) => {
        outcomes[f.index] = recorded[i]!;
      });
      return outcomes;
    }),
  );
}
