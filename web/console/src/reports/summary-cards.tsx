import type { ReactNode } from 'react';
import { t } from '../strings';
import { NO_VALID_PHONE, type Report, SENDING_CHANNELS } from './report-types';

const number = (n: number) => n.toLocaleString('pt-BR');

function Card({ label, value, detail, id }: { label: string; value: string; detail?: ReactNode; id: string }) {
  return (
    <div className="report-card" data-card={id}>
      <dt>{label}</dt>
      <dd className="report-card-value">{value}</dd>
      {detail ? <dd className="report-card-detail">{detail}</dd> : null}
    </div>
  );
}

/** The period's headline figures, one card each, in the order a supervisor reads them. */
export function SummaryCards({ report }: { report: Report }) {
  const messagesOf = (channel: string) =>
    report.messages.filter((m) => m.channel === channel).reduce((sum, m) => sum + m.count, 0);
  const totalMessages = report.messages.reduce((sum, m) => sum + m.count, 0);
  const failures = report.failures.reduce((sum, f) => sum + f.count, 0);
  const noPhone = report.failures.filter((f) => f.reason === NO_VALID_PHONE).reduce((sum, f) => sum + f.count, 0);
  return (
    <dl className="report-cards" aria-label={t.reports.cards.label}>
      <Card id="opened" label={t.reports.cards.opened} value={number(report.tickets.opened)} />
      <Card id="closed" label={t.reports.cards.closed} value={number(report.tickets.closed)} />
      <Card
        id="messages"
        label={t.reports.cards.messages}
        value={number(totalMessages)}
        detail={SENDING_CHANNELS.map((c) => `${t.channels[c]} ${number(messagesOf(c))}`).join(' · ')}
      />
      <Card
        id="failures"
        label={t.reports.cards.failures}
        value={number(failures)}
        detail={t.reports.cards.noValidPhone(noPhone)}
      />
      {SENDING_CHANNELS.map((channel) => {
        const survey = report.surveys.find((s) => s.channel === channel);
        return (
          <Card
            key={channel}
            id={`response-${channel}`}
            label={t.reports.cards.responseRate(t.channels[channel] ?? channel)}
            value={t.reports.percent(survey?.responseRate ?? null)}
            detail={
              survey && survey.sent > 0
                ? t.reports.cards.answeredOf(survey.answered, survey.sent)
                : t.reports.cards.nothingSent
            }
          />
        );
      })}
      <Card
        id="csat"
        label={t.reports.cards.csat}
        value={t.reports.average(report.csat.average)}
        detail={report.csat.answers > 0 ? t.reports.cards.csatAnswers(report.csat.answers) : t.reports.cards.noAnswers}
      />
    </dl>
  );
}
