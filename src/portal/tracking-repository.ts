import type { Kysely } from 'kysely';
import type { DB, LinkChannel } from '../db/schema.js';
import { carriesSurveyLink } from '../surveys/whatsapp-reply.js';
import { PUBLIC_TIMELINE_TYPES, type SentMessageRow, type TimelineRow } from './customer-status.js';

/** A well-formed token: base64url, 128 bits (22 characters) or more. Others are not looked up. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{22,64}$/;

/**
 * The ticket behind a public link, with its workspace's branding and its survey answer, in one
 * query. The token is the only key a customer holds: it is unique across workspaces, and every
 * later query is scoped by the workspace it names. A revoked link is treated as unknown.
 */
export async function findTicketByToken(db: Kysely<DB>, token: string) {
  if (!TOKEN_PATTERN.test(token)) return undefined;
  const row = await db
    .selectFrom('tickets as t')
    .innerJoin('workspaces as w', 'w.id', 't.workspace_id')
    .leftJoin('survey_answers as a', 'a.ticket_id', 't.id')
    .select([
      't.id',
      't.workspace_id',
      't.state',
      't.status',
      't.fields',
      't.customer_name',
      't.customer_phones',
      't.created_at',
      't.closed_at',
      't.tracking_revoked_at',
      'w.name',
      'w.logo_url',
      'w.brand_color',
      'w.csat_question',
      'w.comment_question',
      'w.nps_enabled',
      'w.nps_question',
      'a.csat as answer_csat',
      'a.nps as answer_nps',
      'a.comment as answer_comment',
      'a.created_at as answered_at',
      'a.updated_at as answer_updated_at',
    ])
    .where('t.tracking_token', '=', token)
    .executeTakeFirst();
  return row === undefined || row.tracking_revoked_at !== null ? undefined : row;
}

export type TokenTicket = NonNullable<Awaited<ReturnType<typeof findTicketByToken>>>;

/** The entries a customer may see (types listed in customer-status.ts), oldest first. */
export function listPublicTimeline(db: Kysely<DB>, workspaceId: number, ticketId: number): Promise<TimelineRow[]> {
  return db
    .selectFrom('timeline_entries')
    .select(['type', 'data', 'created_at'])
    .where('workspace_id', '=', workspaceId)
    .where('ticket_id', '=', ticketId)
    .where('type', 'in', PUBLIC_TIMELINE_TYPES)
    .orderBy('id')
    .execute();
}

/** Messages that reached the provider (sent, delivered or read): "we wrote to you", and whether it was the survey. */
export async function listSentMessages(
  db: Kysely<DB>,
  workspaceId: number,
  ticketId: number,
  token: string,
): Promise<SentMessageRow[]> {
  const rows = await db
    .selectFrom('messages')
    .select(['channel', 'sent_at', 'content'])
    .where('workspace_id', '=', workspaceId)
    .where('ticket_id', '=', ticketId)
    .where('sent_at', 'is not', null)
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    channel: row.channel as LinkChannel,
    sent_at: row.sent_at!,
    survey: carriesSurveyLink(row.content, token),
  }));
}
