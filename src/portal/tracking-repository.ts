import { type Kysely, sql } from 'kysely';
import type { DB, LinkChannel } from '../db/schema.js';
import { carriesSurveyLink } from '../surveys/whatsapp-reply.js';
import type { BrandingCache } from './branding-cache.js';
import { PUBLIC_TIMELINE_TYPES, type SentMessageRow, type TimelineRow } from './customer-status.js';
import { prepareQuery } from './prepared-query.js';

/** A well-formed token: base64url, 128 bits (22 characters) or more. Others are not looked up. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{22,64}$/;

const ticketByToken = prepareQuery((db, slot) =>
  db
    .selectFrom('tickets')
    .select([
      'id',
      'workspace_id',
      'state',
      'status',
      'fields',
      'customer_name',
      'customer_phones',
      'created_at',
      'closed_at',
      'tracking_revoked_at',
    ])
    .where('tracking_token', '=', slot(0)),
);

const answerOfTicket = prepareQuery((db, slot) =>
  db
    .selectFrom('survey_answers')
    .select([
      'csat as answer_csat',
      'nps as answer_nps',
      'comment as answer_comment',
      'created_at as answered_at',
      'updated_at as answer_updated_at',
    ])
    .where('workspace_id', '=', slot(0))
    .where('ticket_id', '=', slot(1)),
);

const NO_ANSWER = {
  answer_csat: null,
  answer_nps: null,
  answer_comment: null,
  answered_at: null,
  answer_updated_at: null,
} as const;

/**
 * The ticket behind a public link, with its workspace's branding and (when asked) its survey
 * answer. The token is the only key a customer holds: it is unique across workspaces, and every
 * later query is scoped by the workspace it names. A revoked link is treated as unknown.
 * Three small queries beat one join here (bench/portal): the branding is cached, and the
 * answer is read only where a page shows it.
 */
export async function findTicketByToken(
  db: Kysely<DB>,
  branding: BrandingCache,
  token: string,
  options: { withAnswer: boolean | ((ticket: { state: string }) => boolean) },
) {
  if (!TOKEN_PATTERN.test(token)) return undefined;
  const [ticket] = await ticketByToken(db, token);
  if (ticket === undefined || ticket.tracking_revoked_at !== null) return undefined;
  const look = await branding.get(db, ticket.workspace_id);
  if (look === undefined) return undefined;
  const wanted = typeof options.withAnswer === 'function' ? options.withAnswer(ticket) : options.withAnswer;
  const [answer] = wanted ? await answerOfTicket(db, ticket.workspace_id, ticket.id) : [];
  return { ...ticket, ...look, ...(answer ?? NO_ANSWER) };
}

export type TokenTicket = NonNullable<Awaited<ReturnType<typeof findTicketByToken>>>;

/**
 * The timeline and the messages sent, in one statement: each page view runs as few as it can.
 * Rows from messages carry their channel (timeline rows none) and their rendered content, to
 * tell the survey message apart.
 */
const eventsOfTicket = prepareQuery((db, slot) =>
  db
    .selectFrom('timeline_entries')
    .select(['type', 'data', 'created_at', sql<LinkChannel | null>`null`.as('channel')])
    .where('workspace_id', '=', slot(0))
    .where('ticket_id', '=', slot(1))
    .unionAll(
      db
        .selectFrom('messages')
        .select([
          sql<string>`'message'`.as('type'),
          sql<string | null>`content`.as('data'),
          sql<number>`sent_at`.as('created_at'),
          sql<LinkChannel | null>`channel`.as('channel'),
        ])
        .where('workspace_id', '=', slot(0))
        .where('ticket_id', '=', slot(1))
        .where('sent_at', 'is not', null),
    ),
);

const PUBLIC = new Set<string>(PUBLIC_TIMELINE_TYPES);

/**
 * What the page shows of a ticket's history: the entries a customer may see (types listed in
 * customer-status.ts) and the messages that reached the provider (sent, delivered or read),
 * each marked when it carried this ticket's survey link. Entry types are filtered here rather
 * than with `type IN (…)`: SQLite builds a temporary table for a bound IN list on every run,
 * which costs more than skipping a few rows.
 */
export async function listPublicHistory(
  db: Kysely<DB>,
  workspaceId: number,
  ticketId: number,
  token: string,
): Promise<{ entries: TimelineRow[]; messages: SentMessageRow[] }> {
  const rows = await eventsOfTicket(db, workspaceId, ticketId);
  const entries: TimelineRow[] = [];
  const messages: SentMessageRow[] = [];
  for (const row of rows) {
    if (row.channel !== null) {
      messages.push({
        channel: row.channel,
        sent_at: row.created_at,
        survey: carriesSurveyLink(row.data ?? '', token),
      });
    } else if (PUBLIC.has(row.type)) {
      entries.push(row);
    }
  }
  // Entries come in insertion order per table; the union does not promise it across tables.
  entries.sort((a, b) => a.created_at - b.created_at);
  return { entries, messages };
}
