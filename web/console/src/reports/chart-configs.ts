import type { ChartConfiguration } from 'chart.js';
import { t } from '../strings';
import { COLORS } from './chart-setup';
import { formatDay, formatShortDay, type Report } from './report-types';

/**
 * What each chart draws, from the report: plain functions from figures to Chart.js
 * configurations, kept apart from React so each reads top to bottom.
 */
const number = (n: number) => n.toLocaleString('pt-BR');
const list = (parts: string[]) => parts.join('; ');

/** The statuses in a message's life, best first; "sending" is shown with "queued" (both still at Ponte). */
export const STATUS_GROUPS = [
  { key: 'read', statuses: ['read'] },
  { key: 'delivered', statuses: ['delivered'] },
  { key: 'sent', statuses: ['sent'] },
  { key: 'queued', statuses: ['queued', 'sending'] },
  { key: 'failed', statuses: ['failed'] },
  { key: 'not_sent', statuses: ['not_sent'] },
] as const;
export type StatusGroup = (typeof STATUS_GROUPS)[number];

export const statusGroupLabel = (group: StatusGroup) =>
  group.key === 'queued' ? t.reports.charts.queuedGroup : (t.messageStatus[group.key] ?? group.key);

/** Per day, the count of one channel's messages in one status group. */
export function dailyCounts(report: Report, channel: string, group: StatusGroup): number[] {
  return report.daily.map((day) =>
    day.messages
      .filter((m) => m.channel === channel && (group.statuses as readonly string[]).includes(m.status))
      .reduce((sum, m) => sum + m.count, 0),
  );
}

/** The groups that occur in the period on any channel: both channels' charts share one legend. */
export function groupsInUse(report: Report): StatusGroup[] {
  return STATUS_GROUPS.filter((group) =>
    report.messages.some((m) => (group.statuses as readonly string[]).includes(m.status)),
  );
}

/** The tallest day of any channel, so both channels' charts share one scale and compare at a glance. */
export function busiestDay(report: Report): number {
  let max = 0;
  for (const day of report.daily) {
    const perChannel = new Map<string, number>();
    for (const m of day.messages) perChannel.set(m.channel, (perChannel.get(m.channel) ?? 0) + m.count);
    for (const n of perChannel.values()) max = Math.max(max, n);
  }
  return max;
}

export function messagesChart(report: Report, channel: string) {
  const groups = groupsInUse(report);
  const series = groups.map((group) => ({ group, counts: dailyCounts(report, channel, group) }));
  const config: ChartConfiguration = {
    type: 'bar',
    data: {
      labels: report.daily.map((day) => formatShortDay(day.date)),
      datasets: series.map(({ group, counts }) => ({
        label: statusGroupLabel(group),
        data: counts,
        backgroundColor: COLORS[group.key],
        stack: 'status',
      })),
    },
    options: {
      plugins: { legend: { position: 'bottom' } },
      scales: {
        x: { stacked: true, grid: { display: false }, ticks: { autoSkipPadding: 8, maxRotation: 0 } },
        y: { stacked: true, beginAtZero: true, suggestedMax: Math.max(busiestDay(report), 1), ticks: { precision: 0 } },
      },
    },
  };
  const totals = series.map(({ group, counts }) => ({ group, total: counts.reduce((a, b) => a + b, 0) }));
  const total = totals.reduce((sum, s) => sum + s.total, 0);
  const label = t.channels[channel] ?? channel;
  const summary = t.reports.charts.messagesSummary(
    label,
    total,
    list(totals.filter((s) => s.total > 0).map((s) => `${statusGroupLabel(s.group)}: ${number(s.total)}`)),
  );
  return { config, summary, series, total };
}

export function surveysChart(report: Report, channels: readonly string[]) {
  const rows = channels.map((channel) => {
    const s = report.surveys.find((survey) => survey.channel === channel);
    return {
      channel,
      label: t.channels[channel] ?? channel,
      sent: s?.sent ?? 0,
      opened: s?.opened ?? 0,
      answered: s?.answered ?? 0,
      responseRate: s?.responseRate ?? null,
      openRate: s?.openRate ?? null,
    };
  });
  const percent = (ratio: number | null) => (ratio === null ? 0 : Math.round(ratio * 1000) / 10);
  const config: ChartConfiguration = {
    type: 'bar',
    data: {
      labels: rows.map((row) => row.label),
      datasets: [
        {
          label: t.reports.charts.responseRate,
          data: rows.map((row) => percent(row.responseRate)),
          backgroundColor: COLORS.responseRate,
        },
        {
          label: t.reports.charts.openRate,
          data: rows.map((row) => percent(row.openRate)),
          backgroundColor: COLORS.openRate,
        },
      ],
    },
    options: {
      plugins: {
        legend: { position: 'bottom' },
        tooltip: {
          callbacks: {
            label: (item) => {
              const row = rows[item.dataIndex];
              if (!row) return '';
              const [part, rate] =
                item.datasetIndex === 0 ? [row.answered, row.responseRate] : [row.opened, row.openRate];
              return `${item.dataset.label}: ${t.reports.percent(rate)} (${number(part)} de ${number(row.sent)})`;
            },
          },
        },
      },
      scales: {
        x: { grid: { display: false } },
        y: { beginAtZero: true, max: 100, ticks: { callback: (value) => `${value}%` } },
      },
    },
  };
  const summary = t.reports.charts.surveysSummary(
    list(
      rows.map(
        (row) =>
          `${row.label}: resposta ${t.reports.percent(row.responseRate)} (${number(row.answered)} de ${number(row.sent)}), abertura ${t.reports.percent(row.openRate)}`,
      ),
    ),
  );
  return { config, summary, rows, note: surveysNote(rows) };
}

/**
 * How many times one channel's response rate is the other's; or, where a bar is missing, why: the
 * channel sent no survey, or nobody answered it (a 0% bar draws nothing and would read as no data).
 */
function surveysNote(
  rows: { label: string; sent: number; answered: number; responseRate: number | null }[],
): string | undefined {
  if (rows.every((row) => row.sent > 0 && row.answered === 0)) return t.reports.charts.noResponses;
  const missing = rows.filter((row) => row.sent === 0 || row.answered === 0);
  if (missing.length > 0) {
    return missing
      .map((row) =>
        row.sent === 0 ? t.reports.charts.noSurveys(row.label) : t.reports.charts.noResponsesFrom(row.label),
      )
      .join(' ');
  }
  const [first, second] = rows;
  if (!first?.responseRate || !second?.responseRate || first.responseRate === second.responseRate) return undefined;
  const [high, low] = first.responseRate > second.responseRate ? [first, second] : [second, first];
  return t.reports.charts.times(high.label, ratioText((high.responseRate ?? 0) / (low.responseRate ?? 1)), low.label);
}

const ratioText = (ratio: number) => ratio.toLocaleString('pt-BR', { maximumFractionDigits: 1 });

export function csatChart(report: Report) {
  const scores = (['1', '2', '3', '4', '5'] as const).map((score) => ({
    score,
    count: report.csat.distribution[score],
  }));
  const config: ChartConfiguration = {
    type: 'bar',
    data: {
      labels: scores.map((s) => t.reports.charts.scoreLabel(s.score)),
      datasets: [
        { label: t.reports.charts.answers, data: scores.map((s) => s.count), backgroundColor: [...COLORS.csat] },
      ],
    },
    options: {
      plugins: { legend: { display: false } },
      scales: { x: { grid: { display: false } }, y: { beginAtZero: true, ticks: { precision: 0 } } },
    },
  };
  const summary = t.reports.charts.csatSummary(
    list(scores.map((s) => `${t.reports.charts.scoreLabel(s.score)}: ${number(s.count)}`)),
    t.reports.average(report.csat.average),
  );
  return { config, summary, scores };
}

export function ticketsChart(report: Report) {
  // Side-by-side bars (opened on the left, closed on the right of each day): on a day with as many
  // closed as opened, two lines would lie on top of each other and one would vanish; two bars never do.
  const config: ChartConfiguration = {
    type: 'bar',
    data: {
      labels: report.daily.map((day) => formatShortDay(day.date)),
      datasets: [
        {
          label: t.reports.charts.opened,
          data: report.daily.map((day) => day.ticketsOpened),
          backgroundColor: COLORS.opened,
        },
        {
          label: t.reports.charts.closed,
          data: report.daily.map((day) => day.ticketsClosed),
          backgroundColor: COLORS.closed,
        },
      ],
    },
    options: {
      interaction: { mode: 'index', intersect: false },
      plugins: { legend: { position: 'bottom' } },
      scales: {
        x: { grid: { display: false }, ticks: { autoSkipPadding: 8, maxRotation: 0 } },
        y: { beginAtZero: true, ticks: { precision: 0 } },
      },
    },
  };
  const peak = report.daily.reduce<Report['daily'][number] | undefined>(
    (best, day) => (day.ticketsOpened > (best?.ticketsOpened ?? 0) ? day : best),
    undefined,
  );
  const summary = t.reports.charts.ticketsSummary(
    report.tickets.opened,
    report.tickets.closed,
    peak ? t.reports.charts.peak(formatDay(peak.date), peak.ticketsOpened) : '',
  );
  return { config, summary };
}
