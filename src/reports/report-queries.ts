import { type Kysely, sql } from 'kysely';
import type { DB, LinkChannel, MessageStatus } from '../db/schema.js';
import { DAY_MS, type Period } from './period.js';

/**
 * The reports' queries: one aggregate each, always within one workspace and one period, each
 * served by an index that starts with workspace_id. Counts come back as numbers on both engines
 * (PostgreSQL's bigint is parsed to a number in src/db/database.ts).
 */
type Db = Kysely<DB>;

/**
 * The day of the period (0 = `from`) an epoch-ms column falls on. Whole-day arithmetic is right
 * because Brasília has no DST (period.ts). The cast matters on SQLite: better-sqlite3 binds a JS
 * number as REAL, so the division would not be an integer one without it; on PostgreSQL the
 * parameter takes the bigint column's type and the cast only narrows a small number.
 */
function dayOf(column: 'created_at' | 'closed_at', p: Period) {
  return sql<number>`cast((${sql.ref(column)} - ${p.fromMs}) / ${sql.lit(DAY_MS)} as integer)`;
}

/** Messages created in the period by day, channel and status (the totals are their sum). */
export function messagesByDayChannelAndStatus(db: Db, workspaceId: number, p: Period) {
  return db
    .selectFrom('messages')
    .select([dayOf('created_at', p).as('day'), 'channel', 'status', (eb) => eb.fn.countAll<number>().as('count')])
    .where('workspace_id', '=', workspaceId)
    .where('created_at', '>=', p.fromMs)
    .where('created_at', '<', p.toMs)
    .groupBy(['day', 'channel', 'status'])
    .execute() as Promise<{ day: number; channel: LinkChannel; status: MessageStatus; count: number }[]>;
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

/** Tickets created, and tickets closed, in the period, by day. */
export async function ticketsByDay(db: Db, workspaceId: number, p: Period) {
  const opened = await db
    .selectFrom('tickets')
    .select([dayOf('created_at', p).as('day'), (eb) => eb.fn.countAll<number>().as('count')])
    .where('workspace_id', '=', workspaceId)
    .where('created_at', '>=', p.fromMs)
    .where('created_at', '<', p.toMs)
    .groupBy('day')
    .execute();
  const closed = await db
    .selectFrom('tickets')
    .select([dayOf('closed_at', p).as('day'), (eb) => eb.fn.countAll<number>().as('count')])
    .where('workspace_id', '=', workspaceId)
    .where('closed_at', 'is not', null)
    .where('closed_at', '>=', p.fromMs)
    .where('closed_at', '<', p.toMs)
    .groupBy('day')
    .execute();
  const rows = (list: { day: number; count: number }[]) =>
    list.map((r) => ({ day: Number(r.day), count: Number(r.count) }));
  return { opened: rows(opened), closed: rows(closed) };
}
