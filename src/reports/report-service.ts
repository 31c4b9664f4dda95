import type { Kysely } from 'kysely';
import type { DB, LinkChannel, MessageStatus } from '../db/schema.js';
import { NOT_SENT_REASONS } from '../messaging/message-timeline.js';
import { CHANNELS } from '../portal/link-channel.js';
import { brasiliaDate, DAY_MS, type Period } from './period.js';
import {
  answersByChannelAndScore,
  failuresByReason,
  linkOpens,
  messagesByDayChannelAndStatus,
  surveyCohort,
  ticketsByDay,
} from './report-queries.js';

export const MESSAGE_STATUS_LABELS = {
  queued: 'Na fila',
  sending: 'Enviando',
  sent: 'Enviada',
  delivered: 'Entregue',
  read: 'Lida',
  failed: 'Falhou',
  not_sent: 'Não enviada',
} as const satisfies Record<MessageStatus, string>;

export interface Report {
  period: { from: string; to: string; timeZone: 'America/Sao_Paulo' };
  tickets: { opened: number; closed: number };
  messages: { channel: LinkChannel; status: MessageStatus; count: number }[];
  failures: { channel: LinkChannel; status: 'failed' | 'not_sent'; reason: string; label: string; count: number }[];
  surveys: {
    channel: LinkChannel;
    sent: number;
    opened: number;
    answered: number;
    /** answered / sent (0–1), null when nothing was sent. */
    responseRate: number | null;
    openRate: number | null;
  }[];
  links: { channel: LinkChannel; trackingOpened: number; surveyOpened: number }[];
  csat: {
    answers: number;
    average: number | null;
    distribution: Record<'1' | '2' | '3' | '4' | '5', number>;
    byChannel: { channel: LinkChannel; answers: number; average: number | null }[];
  };
  nps: { answers: number; score: number | null; promoters: number; passives: number; detractors: number };
  /** Every day of the period, oldest first, zeros included, so a chart's axis has no gaps. */
  daily: {
    date: string;
    ticketsOpened: number;
    ticketsClosed: number;
    messages: { channel: LinkChannel; status: MessageStatus; count: number }[];
  }[];
}

const ratio = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000);
const average = (sum: number, n: number) => (n === 0 ? null : Math.round((sum / n) * 100) / 100);

function failureLabel(status: 'failed' | 'not_sent', reason: string | null, title: string | null): string {
  if (status === 'not_sent' && reason && Object.hasOwn(NOT_SENT_REASONS, reason)) {
    const label = NOT_SENT_REASONS[reason as keyof typeof NOT_SENT_REASONS];
    return label.charAt(0).toUpperCase() + label.slice(1);
  }
  return `Falha no provedor${reason ? ` (código ${reason})` : ''}${title ? `: ${title}` : ''}`;
}

/**
 * A workspace's figures for a period. Definitions (also in docs/reports.md):
 * - messages and failures: messages created in the period, by channel and status / reason;
 * - surveys: the cohort of survey messages sent in the period (see surveyCohort), with the
 *   opens and answers through the same channel, whenever they came; response rate = answered / sent;
 * - links: unique opens first seen in the period (tracking page, survey page);
 * - csat and nps: answers first given in the period, whatever the channel (including unknown).
 */
export async function buildReport(db: Kysely<DB>, workspaceId: number, period: Period): Promise<Report> {
  const [tickets, messagesByDay, failures, cohort, opens, answers] = await Promise.all([
    ticketsByDay(db, workspaceId, period),
    messagesByDayChannelAndStatus(db, workspaceId, period),
    failuresByReason(db, workspaceId, period),
    surveyCohort(db, workspaceId, period),
    linkOpens(db, workspaceId, period),
    answersByChannelAndScore(db, workspaceId, period),
  ]);

  const days = Math.round((period.toMs - period.fromMs) / DAY_MS);
  const daily: Report['daily'] = Array.from({ length: days }, (_, day) => ({
    date: brasiliaDate(period.fromMs + day * DAY_MS),
    ticketsOpened: 0,
    ticketsClosed: 0,
    messages: [],
  }));
  const on = (day: number) => {
    const entry = daily[Number(day)];
    if (!entry) throw new Error(`report: day ${day} is outside the period ${period.from}..${period.to}`);
    return entry;
  };
  for (const row of tickets.opened) on(row.day).ticketsOpened = row.count;
  for (const row of tickets.closed) on(row.day).ticketsClosed = row.count;
  const messageTotals = new Map<string, { channel: LinkChannel; status: MessageStatus; count: number }>();
  for (const row of messagesByDay) {
    const count = Number(row.count);
    on(row.day).messages.push({ channel: row.channel, status: row.status, count });
    const key = `${row.channel}:${row.status}`;
    const total = messageTotals.get(key) ?? { channel: row.channel, status: row.status, count: 0 };
    messageTotals.set(key, { ...total, count: total.count + count });
  }

  const distribution = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };
  const perChannel = new Map<LinkChannel, { n: number; sum: number }>();
  const nps = { answers: 0, promoters: 0, passives: 0, detractors: 0 };
  for (const row of answers) {
    const count = Number(row.count);
    const key = String(row.csat) as keyof typeof distribution;
    if (key in distribution) distribution[key] += count;
    const c = perChannel.get(row.channel) ?? { n: 0, sum: 0 };
    perChannel.set(row.channel, { n: c.n + count, sum: c.sum + row.csat * count });
    if (row.nps !== null) {
      nps.answers += count;
      if (row.nps >= 9) nps.promoters += count;
      else if (row.nps >= 7) nps.passives += count;
      else nps.detractors += count;
    }
  }
  const total = [...perChannel.values()].reduce((acc, c) => ({ n: acc.n + c.n, sum: acc.sum + c.sum }), {
    n: 0,
    sum: 0,
  });
  const opensOf = (kind: string, channel: LinkChannel) =>
    Number(opens.find((o) => o.kind === kind && o.channel === channel)?.count ?? 0);

  return {
    period: { from: period.from, to: period.to, timeZone: 'America/Sao_Paulo' },
    tickets: {
      opened: tickets.opened.reduce((sum, row) => sum + row.count, 0),
      closed: tickets.closed.reduce((sum, row) => sum + row.count, 0),
    },
    messages: [...messageTotals.values()].sort((a, b) => a.channel.localeCompare(b.channel) || b.count - a.count),
    failures: failures
      .map((f) => ({
        channel: f.channel,
        status: f.status,
        reason: f.reason ?? 'unknown',
        label: failureLabel(f.status, f.reason, f.title),
        count: Number(f.count),
      }))
      .sort((a, b) => b.count - a.count),
    surveys: CHANNELS.map((channel) => {
      const row = cohort.find((c) => c.channel === channel) ?? { sent: 0, opened: 0, answered: 0 };
      return {
        channel,
        sent: row.sent,
        opened: row.opened,
        answered: row.answered,
        responseRate: ratio(row.answered, row.sent),
        openRate: ratio(row.opened, row.sent),
      };
    }),
    links: CHANNELS.map((channel) => ({
      channel,
      trackingOpened: opensOf('tracking_opened', channel),
      surveyOpened: opensOf('survey_opened', channel),
    })),
    csat: {
      answers: total.n,
      average: average(total.sum, total.n),
      distribution,
      byChannel: CHANNELS.map((channel) => {
        const c = perChannel.get(channel) ?? { n: 0, sum: 0 };
        return { channel, answers: c.n, average: average(c.sum, c.n) };
      }),
    },
    nps: {
      ...nps,
      score: nps.answers === 0 ? null : Math.round(((nps.promoters - nps.detractors) / nps.answers) * 100),
    },
    daily,
  };
}
