import type { Transaction } from 'kysely';
import type { DB, LinkChannel } from '../db/schema.js';
import type { SurveyTarget } from './survey-repository.js';
import { CSAT_LABELS, decideAnswer } from './survey-rules.js';

export const SURVEY_TIMELINE_TYPES = { answered: 'survey_answered', changed: 'survey_changed' } as const;

export interface Submission {
  target: SurveyTarget;
  /** Undefined `nps` or `comment`: keep what the answer had (a WhatsApp button gives only the score). */
  answer: { csat: number; nps?: number | null; comment?: string | null };
  channel: LinkChannel;
  /** The survey page's link, or the quick-reply button in the WhatsApp message. */
  via: 'link' | 'button';
  /** When the form was issued (or the button tapped): orders submissions, see decideAnswer. */
  issuedAt: number;
  at: number;
}

export type SubmissionOutcome =
  | { kind: 'recorded' | 'changed'; csat: number; answeredAt: number }
  | { kind: 'duplicate' }
  | { kind: 'locked'; lockedAt: number };

const VIA_TEXT: Record<'button' | `link:${LinkChannel}`, string> = {
  button: 'pelo botão da mensagem no WhatsApp',
  'link:whatsapp': 'pelo link enviado no WhatsApp',
  'link:email': 'pelo link enviado por e-mail',
  'link:unknown': 'pelo link (canal não identificado)',
};

function timelineText(kind: 'recorded' | 'changed', submission: Submission, a: Answer) {
  const via = VIA_TEXT[submission.via === 'button' ? 'button' : (`link:${submission.channel}` as const)];
  const verb = kind === 'recorded' ? 'respondeu à' : 'alterou a resposta da';
  const nps = a.nps === null ? '' : `; recomendação ${a.nps} de 10`;
  const comment = a.comment === null ? '' : ` Comentário: “${a.comment}”`;
  return `Cliente ${verb} pesquisa de satisfação ${via}: nota ${a.csat} de 5 (${CSAT_LABELS[a.csat - 1]})${nps}.${comment}`;
}

/**
 * Applies survey submissions inside the caller's transaction: new answers in one INSERT, changes
 * one UPDATE each, and one timeline entry per answer recorded or changed, in the same
 * transaction. Submissions are taken in order, so two for one ticket in the same batch behave
 * as they would one after the other.
 *
 * The writes also hold when another process answers the same ticket at the same moment (on
 * PostgreSQL): the INSERT skips a ticket that got its answer meanwhile, and an UPDATE only
 * applies over the answer it read (compare-and-set on form_issued_at); the loser is a duplicate.
 */
export async function recordAnswers(
  trx: Transaction<DB>,
  submissions: readonly Submission[],
): Promise<SubmissionOutcome[]> {
  const outcomes: SubmissionOutcome[] = [];
  const current = new Map<number, SurveyTarget['answer']>();
  const inserts = new Map<number, PendingInsert>();
  const timeline: TimelineItem[] = [];

  for (const [index, s] of submissions.entries()) {
    const ticketId = s.target.ticketId;
    const existing = current.has(ticketId) ? current.get(ticketId) : s.target.answer;
    const decision = decideAnswer(existing, s.issuedAt, s.at, s.via === 'button');
    if (decision.kind === 'duplicate' || decision.kind === 'locked') {
      outcomes[index] = decision;
      continue;
    }
    const answer: Answer = {
      csat: s.answer.csat,
      nps: s.answer.nps === undefined ? (existing?.nps ?? null) : s.target.npsEnabled ? s.answer.nps : null,
      comment: s.answer.comment === undefined ? (existing?.comment ?? null) : s.answer.comment,
    };
    const pending = inserts.get(ticketId);
    if (decision.kind === 'insert') {
      inserts.set(ticketId, { submission: s, answer, issuedAt: s.issuedAt, indices: [index] });
    } else if (pending) {
      // A change of an answer this same batch inserts: the INSERT carries the latest values.
      Object.assign(pending, { answer, issuedAt: s.issuedAt });
      pending.indices.push(index);
    } else if (!(await updateAnswer(trx, s, answer))) {
      outcomes[index] = { kind: 'duplicate' };
      continue;
    }
    const answeredAt = existing?.created_at ?? s.at;
    current.set(ticketId, {
      ...answer,
      channel: existing?.channel ?? s.channel,
      created_at: answeredAt,
      form_issued_at: s.issuedAt,
    });
    const kind = decision.kind === 'insert' ? 'recorded' : 'changed';
    outcomes[index] = { kind, csat: answer.csat, answeredAt };
    timeline.push({ submission: s, kind, answer });
  }

  const lost = await insertAnswers(trx, [...inserts.values()]);
  for (const ticketId of lost) {
    // Another process answered this ticket first: these submissions record nothing.
    for (const index of inserts.get(ticketId)!.indices) outcomes[index] = { kind: 'duplicate' };
  }
  await appendAnswerEntries(
    trx,
    timeline.filter((item) => !lost.has(item.submission.target.ticketId)),
  );
  return outcomes;
}

type Answer = { csat: number; nps: number | null; comment: string | null };
interface PendingInsert {
  submission: Submission;
  answer: Answer;
  issuedAt: number;
  indices: number[];
}
interface TimelineItem {
  submission: Submission;
  kind: 'recorded' | 'changed';
  answer: Answer;
}

/** Compare-and-set: applies only over an answer written by an older form. */
async function updateAnswer(trx: Transaction<DB>, s: Submission, answer: Answer): Promise<boolean> {
  const result = await trx
    .updateTable('survey_answers')
    .set({ ...answer, form_issued_at: s.issuedAt, changes: (eb) => eb('changes', '+', 1), updated_at: s.at })
    .where('workspace_id', '=', s.target.workspaceId)
    .where('ticket_id', '=', s.target.ticketId)
    .where('form_issued_at', s.via === 'button' ? '<=' : '<', s.issuedAt)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** One INSERT for the batch's new answers; returns the tickets another process answered first. */
async function insertAnswers(trx: Transaction<DB>, inserts: PendingInsert[]): Promise<Set<number>> {
  if (inserts.length === 0) return new Set();
  const inserted = await trx
    .insertInto('survey_answers')
    .values(
      inserts.map(({ submission: s, answer, issuedAt, indices }) => ({
        workspace_id: s.target.workspaceId,
        ticket_id: s.target.ticketId,
        ...answer,
        channel: s.channel,
        form_issued_at: issuedAt,
        changes: indices.length - 1,
        created_at: s.at,
        updated_at: s.at,
      })),
    )
    .onConflict((oc) => oc.column('ticket_id').doNothing())
    .returning('ticket_id')
    .execute();
  const won = new Set(inserted.map((row) => row.ticket_id));
  return new Set(inserts.map((i) => i.submission.target.ticketId).filter((id) => !won.has(id)));
}

async function appendAnswerEntries(trx: Transaction<DB>, items: TimelineItem[]): Promise<void> {
  if (items.length === 0) return;
  await trx
    .insertInto('timeline_entries')
    .values(
      items.map(({ submission: s, kind, answer }) => ({
        workspace_id: s.target.workspaceId,
        ticket_id: s.target.ticketId,
        type: kind === 'recorded' ? SURVEY_TIMELINE_TYPES.answered : SURVEY_TIMELINE_TYPES.changed,
        text: timelineText(kind, s, answer),
        data: JSON.stringify({ channel: s.channel, via: s.via, ...answer }),
        created_at: s.at,
      })),
    )
    .execute();
}
