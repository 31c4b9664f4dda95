import { Link } from '../routing/link';
import { paths } from '../routing/router';
import { t } from '../strings';
import { NO_VALID_PHONE, type Report } from './report-types';

/**
 * Failures by reason: what Ponte did not send (no valid phone, opted out…) and what the provider
 * refused (its error code). The tickets without a valid phone are one click away, in the ticket
 * list's own filter, where an agent fixes the contact and resends.
 */
export function FailuresTable({ failures }: { failures: Report['failures'] }) {
  return (
    <section className="card report-section" aria-labelledby="report-failures-title">
      <h2 id="report-failures-title">{t.reports.failures.title}</h2>
      {failures.length === 0 ? (
        <p className="muted">{t.reports.failures.none}</p>
      ) : (
        <div className="report-table-wrap">
          <table className="report-table">
            <thead>
              <tr>
                <th scope="col">{t.reports.failures.reason}</th>
                <th scope="col">{t.reports.failures.channel}</th>
                <th scope="col">{t.reports.failures.kind}</th>
                <th scope="col" className="numeric">
                  {t.reports.failures.count}
                </th>
              </tr>
            </thead>
            <tbody>
              {failures.map((failure) => (
                <tr key={`${failure.channel}:${failure.status}:${failure.reason}`} data-reason={failure.reason}>
                  <td>
                    {failure.label}
                    {failure.reason === NO_VALID_PHONE ? (
                      <>
                        {' '}
                        <Link className="report-failure-link" href={paths.tickets('noValidPhone=true')}>
                          {t.reports.failures.noValidPhoneLink}
                        </Link>
                      </>
                    ) : null}
                  </td>
                  <td>{t.channels[failure.channel] ?? failure.channel}</td>
                  <td>{failure.status === 'not_sent' ? t.reports.failures.notSent : t.reports.failures.failed}</td>
                  <td className="numeric">{failure.count.toLocaleString('pt-BR')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
