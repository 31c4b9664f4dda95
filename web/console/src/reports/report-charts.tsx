import { useMemo } from 'react';
import { t } from '../strings';
import { csatChart, messagesChart, statusGroupLabel, surveysChart, ticketsChart } from './chart-configs';
import { ChartFigure } from './chart-figure';
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
        <table className="report-table">
          <thead>
            <tr>
              <th scope="col">{t.reports.charts.day}</th>
              {chart.series.map(({ group }) => (
                <th key={group.key} scope="col" className="numeric">
                  {statusGroupLabel(group)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {report.daily.map((day, index) => (
              <tr key={day.date}>
                <th scope="row">{formatDay(day.date)}</th>
                {chart.series.map(({ group, counts }) => (
                  <td key={group.key} className="numeric">
                    {number(counts[index] ?? 0)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
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
        <table className="report-table">
          <thead>
            <tr>
              <th scope="col">{t.reports.charts.channel}</th>
              <th scope="col" className="numeric">
                {t.reports.charts.sent}
              </th>
              <th scope="col" className="numeric">
                {t.reports.charts.surveyOpened}
              </th>
              <th scope="col" className="numeric">
                {t.reports.charts.answered}
              </th>
              <th scope="col" className="numeric">
                {t.reports.charts.openRate}
              </th>
              <th scope="col" className="numeric">
                {t.reports.charts.responseRate}
              </th>
            </tr>
          </thead>
          <tbody>
            {chart.rows.map((row) => (
              <tr key={row.channel}>
                <th scope="row">{row.label}</th>
                <td className="numeric">{number(row.sent)}</td>
                <td className="numeric">{number(row.opened)}</td>
                <td className="numeric">{number(row.answered)}</td>
                <td className="numeric">{t.reports.percent(row.openRate)}</td>
                <td className="numeric">{t.reports.percent(row.responseRate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
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
        <table className="report-table">
          <thead>
            <tr>
              <th scope="col">{t.reports.charts.score}</th>
              <th scope="col" className="numeric">
                {t.reports.charts.answers}
              </th>
            </tr>
          </thead>
          <tbody>
            {chart.scores.map((s) => (
              <tr key={s.score}>
                <th scope="row">{s.score}</th>
                <td className="numeric">{number(s.count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
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
        <table className="report-table">
          <thead>
            <tr>
              <th scope="col">{t.reports.charts.day}</th>
              <th scope="col" className="numeric">
                {t.reports.charts.opened}
              </th>
              <th scope="col" className="numeric">
                {t.reports.charts.closed}
              </th>
            </tr>
          </thead>
          <tbody>
            {report.daily.map((day) => (
              <tr key={day.date}>
                <th scope="row">{formatDay(day.date)}</th>
                <td className="numeric">{number(day.ticketsOpened)}</td>
                <td className="numeric">{number(day.ticketsClosed)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}
