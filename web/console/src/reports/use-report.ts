import { useCallback, useEffect, useState } from 'react';
import { ApiError, api } from '../api/client';
import { t } from '../strings';
import type { Report } from './report-types';

interface ReportState {
  report: Report | null;
  loading: boolean;
  error: ApiError | null;
}

/**
 * The summary for a query (`from=…&to=…`). The previous report stays on screen while the next
 * one loads, so switching periods does not blank the page; an answer to an older query that
 * arrives late is dropped.
 */
export function useReport(query: string) {
  const [state, setState] = useState<ReportState>({ report: null, loading: true, error: null });
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the retry button's trigger.
  useEffect(() => {
    let current = true;
    setState((previous) => ({ ...previous, loading: true, error: null }));
    api
      .get<Report>(`/api/v1/reports/summary?${query}`)
      .then((report) => {
        if (current) setState({ report, loading: false, error: null });
      })
      .catch((caught: unknown) => {
        if (!current) return;
        const error = caught instanceof ApiError ? caught : new ApiError(0, 'network', t.genericError);
        setState((previous) => ({ ...previous, loading: false, error }));
      });
    return () => {
      current = false;
    };
  }, [query, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, reload };
}
