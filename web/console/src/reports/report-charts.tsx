import { useMemo } from 'react';
import { t } from '../strings';
import { csatChart, messagesChart, statusGroupLabel, surveysChart, ticketsChart } from './chart-configs';
import { ChartFigure } from './chart-figure';
import { FigureTable } from './figure-table';
import { formatDay, type Report, SENDING_CHANNELS } from './report-types';

const number = (n: number) => n.toLocaleString('pt-BR');

/**
 * Relatórios' charts. The screen loads this module with React.lazy, so Chart.js (imported from
 * here down) is a chunk of its own that agents, who never open Relatórios, never download.
 */
export default function ReportCharts({ report }: { report: Report }) {
  return (
    <>
      <section className="report-section" aria-labelledby="report-messages-title">
        <h2 id="report-messages-title" className="report-section-title">
          {t.reports.charts.messagesSection}
        </h2>
        <div className="report-grid report-grid-2">
          {SENDING_CHANNELS.map((channel) => (
            <MessagesFigure key={channel} report={report} channel={channel} />
          ))}
        </div>
      </section>
      <section className="report-section" aria-labelledby="report-surveys-title">
        <h2 id="report-surveys-title" className="report-section-title">
          {t.reports.charts.surveysSection}
        </h2>
        <div className="report-grid report-grid-2">
          <SurveysFigure report={report} />
          <CsatFigure report={report} />
        </div>
      </section>
      <section className="report-section" aria-labelledby="report-tickets-title">
        <h2 id="report-tickets-title" className="report-section-title">
          {t.reports.charts.ticketsSection}
        </h2>
        <TicketsFigure report={report} />
      </section>
    </>
  );
}

function MessagesFigure({ report, channel }: { report: Report; channel: string }) {
  const chart = useMemo(() => messagesChart(report, channel), [report, channel]);
  const label = t.channels[channel] ?? channel;
  return (
    <ChartFigure
      id={`messages-${channel}`}
      title={t.reports.charts.messagesTitle(label)}
      summary={chart.summary}
      config={chart.config}
      note={chart.total === 0 ? t.reports.charts.noMessages(label) : undefined}
      table={
        <FigureTable
          rowHeading={t.reports.charts.day}
          columns={chart.series.map(({ group }) => ({ key: group.key, label: statusGroupLabel(group) }))}
          rows={report.daily.map((day, index) => ({
            key: day.date,
            heading: formatDay(day.date),
            cells: chart.series.map(({ counts }) => number(counts[index] ?? 0)),
          }))}
        />
      }
    />
  );
}

function SurveysFigure({ report }: { report: Report }) {
  const chart = useMemo(() => surveysChart(report, SENDING_CHANNELS), [report]);
  return (
    <ChartFigure
      id="surveys"
      title={t.reports.charts.surveysTitle}
      summary={chart.summary}
      config={chart.config}
      note={chart.note}
      table={
        <FigureTable
          rowHeading={t.reports.charts.channel}
          columns={[
            { key: 'sent', label: t.reports.charts.sent },
            { key: 'opened', label: t.reports.charts.surveyOpened },
            { key: 'answered', label: t.reports.charts.answered },
            { key: 'openRate', label: t.reports.charts.openRate },
            { key: 'responseRate', label: t.reports.charts.responseRate },
          ]}
          rows={chart.rows.map((row) => ({
            key: row.channel,
            heading: row.label,
            cells: [
              number(row.sent),
              number(row.opened),
              number(row.answered),
              t.reports.percent(row.openRate),
              t.reports.percent(row.responseRate),
            ],
          }))}
        />
      }
    />
  );
}

function CsatFigure({ report }: { report: Report }) {
  const chart = useMemo(() => csatChart(report), [report]);
  return (
    <ChartFigure
      id="csat"
      title={t.reports.charts.csatTitle}
      summary={chart.summary}
      config={chart.config}
      note={t.reports.charts.csatNote(t.reports.average(report.csat.average), report.csat.answers)}
      table={
        <FigureTable
          rowHeading={t.reports.charts.score}
          columns={[{ key: 'answers', label: t.reports.charts.answers }]}
          rows={chart.scores.map((s) => ({ key: String(s.score), heading: s.score, cells: [number(s.count)] }))}
        />
      }
    />
  );
}

function TicketsFigure({ report }: { report: Report }) {
  const chart = useMemo(() => ticketsChart(report), [report]);
  return (
    <ChartFigure
      id="tickets"
      className="report-chart-wide"
      title={t.reports.charts.ticketsTitle}
      summary={chart.summary}
      config={chart.config}
      table={
        <FigureTable
          rowHeading={t.reports.charts.day}
          columns={[
            { key: 'opened', label: t.reports.charts.opened },
            { key: 'closed', label: t.reports.charts.closed },
          ]}
          rows={report.daily.map((day) => ({
            key: day.date,
            heading: formatDay(day.date),
            cells: [number(day.ticketsOpened), number(day.ticketsClosed)],
          }))}
        />
      }
    />
  );
}
