import { useCallback, useEffect, useState } from 'react';
import { api, errorMessage } from '../../api/client';
import { announce } from '../../components/announcer';
import { Icon } from '../../components/icon';
import { formatDateTimeSeconds } from '../../format';
import { t } from '../../strings';
import { type RecentEvent, type SourceView, sourcePath } from './source-types';

const TONES: Record<RecentEvent['result'], string> = {
  created: 'badge-success',
  updated: 'badge-success',
  unchanged: 'badge-success',
  stale: 'badge-warning',
  rejected: 'badge-danger',
};

/** The source's last events and what became of each: applied, stale (ignored) or rejected and why. */
export function RecentEvents({ source }: { source: SourceView }) {
  const s = t.integrations;
  const [events, setEvents] = useState<RecentEvent[] | undefined>();
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | undefined>();

  const load = useCallback(
    async (manual: boolean) => {
      setLoading(true);
      try {
        const body = await api.get<{ events: RecentEvent[] }>(`${sourcePath(source.name)}/recent-events`);
        setEvents(body.events);
        setError(undefined);
        if (manual) announce(t.integrations.refreshed);
      } catch (caught) {
        setError(errorMessage(caught));
      } finally {
        setLoading(false);
      }
    },
    [source.name],
  );
  useEffect(() => void load(false), [load]);

  return (
    <section className="card" aria-labelledby="events-title">
      <div className="card-header">
        <h3 id="events-title">{s.eventsTitle}</h3>
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={() => void load(true)}
          disabled={loading}
        >
          <Icon name="refresh" size={16} />
          {loading ? s.refreshing : s.refresh}
        </button>
      </div>
      <p className="muted">{s.eventsIntro}</p>
      {error ? (
        <p className="alert alert-danger alert-compact" role="alert">
          {error}
        </p>
      ) : null}
      {events === undefined ? (
        <p role="status">{t.loading}</p>
      ) : events.length === 0 ? (
        <p className="muted events-empty">{s.noEvents}</p>
      ) : (
        <table className="settings-table events-table" aria-busy={loading}>
          <thead>
            <tr>
              <th scope="col">{s.eventAt}</th>
              <th scope="col">{s.eventRecord}</th>
              <th scope="col">{s.eventResult}</th>
              <th scope="col">{s.eventReason}</th>
            </tr>
          </thead>
          <tbody>
            {events.map((event, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: events have no id in the API; the list is replaced whole.
              <tr key={index} data-result={event.result}>
                <td className="nowrap">{formatDateTimeSeconds(event.at)}</td>
                <td className="nowrap">
                  {event.externalId ? (
                    <code>{event.externalId}</code>
                  ) : (
                    <span className="muted">{s.eventNoRecord}</span>
                  )}
                </td>
                <td className="nowrap">
                  <span className={`badge ${TONES[event.result] ?? 'badge-neutral'}`}>
                    {s.results[event.result] ?? event.result}
                  </span>
                  {s.resultDetail[event.result] ? (
                    <span className="event-detail">{s.resultDetail[event.result]}</span>
                  ) : null}
                </td>
                <td className="event-reason">
                  {event.message ?? ''}
                  {event.field ? <span className="muted"> ({s.eventField(event.field)})</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
