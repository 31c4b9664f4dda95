import { useEffect, useState } from 'react';
import { api, errorMessage } from '../../api/client';
import { formatDateTime } from '../../format';
import { t } from '../../strings';
import { summarizeChange } from './summarize-change';
import type { HistoryEntry } from './types';

/** "Histórico de alterações": who changed this procedure, when, and what changed (from the audit log). */
export function ProcedureHistory({ procedureId, version }: { procedureId: number; version: number }) {
  const p = t.procedures;
  const [entries, setEntries] = useState<HistoryEntry[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` changes after each save, to read the new entry.
  useEffect(() => {
    let cancelled = false;
    api
      .get<{ entries: HistoryEntry[] }>(`/api/v1/procedures/${procedureId}/history?limit=10`)
      .then((page) => {
        if (!cancelled) {
          setEntries(page.entries);
          setError(undefined);
        }
      })
      .catch((caught: unknown) => {
        if (!cancelled) setError(`${p.historyError} ${errorMessage(caught)}`);
      });
    return () => {
      cancelled = true;
    };
  }, [procedureId, version, p.historyError]);

  return (
    <section className="card procedure-history" aria-labelledby="history-title">
      <h2 id="history-title">{p.historyTitle}</h2>
      {error ? <p className="alert alert-danger alert-compact">{error}</p> : null}
      {entries === undefined && !error ? <p className="muted">{t.loading}</p> : null}
      {entries?.length === 0 ? <p className="muted">{p.historyEmpty}</p> : null}
      {entries && entries.length > 0 ? (
        <ol className="history-list">
          {entries.map((entry) => (
            <li key={entry.id}>
              <p className="history-meta">
                <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>{' '}
                <span className="muted">{p.historyBy(entry.user?.name ?? p.historySomeone)}</span>
              </p>
              <ul className="history-changes">
                {summarizeChange(entry.before, entry.after).map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}
