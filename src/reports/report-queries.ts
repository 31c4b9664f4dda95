import { type Kysely, sql } from 'kysely';
import type { DB, LinkChannel, MessageStatus } from '../db/schema.js';
import type { Period } from './period.js';

/**
 * The reports' queries: one aggregate each, always within one workspace and one period, each
 * served by an index that starts with workspace_id. Counts come back as numbers on both engines
 * (PostgreSQL's bigint is parsed to a number in src/db/database.ts).
 */
type Db = Kysely<DB>;

export function messagesByChannelAndStatus(db: Db, workspaceId: number, p: Period) {
  return db
    .selectFrom('messages')
    .select(['channel', 'status', (eb) => eb.fn.countAll<number>().as('count')])
    .where('workspace_id', '=', workspaceId)
    .where('created_at', '>=', p.fromMs)
    .where('created_at', '<', p.toMs)
    .groupBy(['channel', 'status'])
    .execute() as Promise<{ channel: LinkChannel; status: MessageStatus; count: number }[]>;
}

/** Not sent (with Ponte's reason, e.g. no_valid_phone) and failed at the provider (its error code). */
export function failuresByReason(db: Db, workspaceId: number, p: Period) {
  return db
    .selectFrom('messages')
    .select([
      'channel',
      'status',
      'reason',
      (eb) => eb.fn.max('error_title').as('title'),
      (eb) => eb.fn.countAll<number>().as('count'),
    ])
    .where('workspace_id', '=', workspaceId)
    .where('created_at', '>=', p.fromMs)
    .where('created_at', '<', p.toMs)
    .where('status', 'in', ['failed', 'not_sent'])
    .groupBy(['channel', 'status', 'reason'])
    .execute() as Promise<
    {
      channel: LinkChannel;
      status: 'failed' | 'not_sent';
      reason: string | null;
      title: string | null;
      count: number;
    }[]
  >;
}

/**
 * Surveys sent, opened and answered, per channel, as a cohort: the tickets that got a message
 * carrying their own survey link (the rendered content contains `/s/<their token>`), sent in
 * the period and accepted by the provider (sent, delivered or read); of those, how many opened
 * the survey through a link of that channel, and how many answered through that channel, at any
 * time since (an open can't come before the period's first send, so opens are read from the
 * period's start on). A ticket counts once per channel however many survey messages it got.
 */
export async function surveyCohort(db: Db, workspaceId: number, p: Period) {
  // The period's survey opens, once per ticket and channel, joined by hash (PostgreSQL) or an
  // automatic index (SQLite): link_events has no index by ticket, on purpose (migration 0004).
  const result = await sql<{ channel: LinkChannel; sent: number; opened: number; answered: number }>`
    select m.channel as channel,
      count(distinct m.ticket_id) as sent,
      count(distinct o.ticket_id) as opened,
      count(distinct a.ticket_id) as answered
    from messages m
    join tickets t on t.id = m.ticket_id and t.workspace_id = m.workspace_id
    left join (
      select distinct e.ticket_id, e.channel from link_events e
      where e.workspace_id = ${workspaceId} and e.kind = 'survey_opened' and e.first_at >= ${p.fromMs}
    ) o on o.ticket_id = m.ticket_id and o.channel = m.channel
    left join survey_answers a on a.ticket_id = m.ticket_id and a.channel = m.channel
    where m.workspace_id = ${workspaceId}
      and m.created_at >= ${p.fromMs} and m.created_at < ${p.toMs}
      and m.status in ('sent', 'delivered', 'read')
      and m.content like '%/s/' || t.tracking_token || '%'
    group by m.channel`.execute(db);
  return result.rows.map((row) => ({
    channel: row.channel,
    sent: Number(row.sent),
    opened: Number(row.opened),
    answered: Number(row.answered),
  }));
}

/** Unique opens: tickets with an open of that kind and channel recorded in the period. */
export function linkOpens(db: Db, workspaceId: number, p: Period) {
  return db
    .selectFrom('link_events')
    .select(['kind', 'channel', (eb) => eb.fn.count<number>('ticket_id').distinct().as('count')])
    .where('workspace_id', '=', workspaceId)
    .where('first_at', '>=', p.fromMs)
    .where('first_at', '<', p.toMs)
    .groupBy(['kind', 'channel'])
    .execute();
}

/** Answers first given in the period, by channel and score. */
export function answersByChannelAndScore(db: Db, workspaceId: number, p: Period) {
  return db
    .selectFrom('survey_answers')
    .select(['channel', 'csat', 'nps', (eb) => eb.fn.countAll<number>().as('count')])
    .where('workspace_id', '=', workspaceId)
    .where('created_at', '>=', p.fromMs)
    .where('created_at', '<', p.toMs)
    .groupBy(['channel', 'csat', 'nps'])
    .execute();
}

export async function ticketCounts(db: Db, workspaceId: number, p: Period) {
  const opened = await db
    .selectFrom('tickets')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('workspace_id', '=', workspaceId)
    .where('created_at', '>=', p.fromMs)
    .where('created_at', '<', p.toMs)
    .executeTakeFirstOrThrow();
  const closed = await db
    .selectFrom('tickets')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('workspace_id', '=', workspaceId)
    .where('closed_at', 'is not', null)
    .where('closed_at', '>=', p.fromMs)
    .where('closed_at', '<', p.toMs)
    .executeTakeFirstOrThrow();
  return { opened: Number(opened.count), closed: Number(closed.count) };
}
