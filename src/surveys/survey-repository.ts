import type { Kysely, Transaction } from 'kysely';
import type { DB, LinkChannel } from '../db/schema.js';

/** A ticket as the survey sees it: where it lives, whether its link works, its current answer. */
export interface SurveyTarget {
  ticketId: number;
  workspaceId: number;
  revoked: boolean;
  npsEnabled: boolean;
  answer:
    | {
        csat: number;
        nps: number | null;
        comment: string | null;
        channel: LinkChannel;
        created_at: number;
        form_issued_at: number;
      }
    | undefined;
}

type Db = Kysely<DB> | Transaction<DB>;

function targetsQuery(db: Db) {
  return db
    .selectFrom('tickets as t')
    .innerJoin('workspaces as w', 'w.id', 't.workspace_id')
    .leftJoin('survey_answers as a', 'a.ticket_id', 't.id')
    .select([
      't.id',
      't.workspace_id',
      't.tracking_token',
      't.tracking_revoked_at',
      'w.nps_enabled',
      'a.csat',
      'a.nps',
      'a.comment',
      'a.channel',
      'a.created_at as answered_at',
      'a.form_issued_at',
    ]);
}

type TargetRow = Awaited<ReturnType<ReturnType<typeof targetsQuery>['executeTakeFirstOrThrow']>>;

function toTarget(row: TargetRow): SurveyTarget {
  return {
    ticketId: row.id,
    workspaceId: row.workspace_id,
    revoked: row.tracking_revoked_at !== null,
    npsEnabled: row.nps_enabled === 1,
    answer:
      row.csat === null || row.answered_at === null || row.form_issued_at === null || row.channel === null
        ? undefined
        : {
            csat: row.csat,
            nps: row.nps,
            comment: row.comment,
            channel: row.channel,
            created_at: row.answered_at,
            form_issued_at: row.form_issued_at,
          },
  };
}

/** The targets of a batch of survey links, by token (one query for the whole batch). */
export async function loadTargetsByToken(db: Db, tokens: readonly string[]): Promise<Map<string, SurveyTarget>> {
  const rows = await targetsQuery(db)
    .where('t.tracking_token', 'in', [...new Set(tokens)])
    .execute();
  return new Map(rows.map((row) => [row.tracking_token, toTarget(row)]));
}

export async function loadTargetById(db: Db, workspaceId: number, ticketId: number): Promise<SurveyTarget | undefined> {
  const row = await targetsQuery(db)
    .where('t.workspace_id', '=', workspaceId)
    .where('t.id', '=', ticketId)
    .executeTakeFirst();
  return row && toTarget(row);
}
