import { Component, lazy, type ReactNode, Suspense, useCallback, useEffect, useMemo, useRef } from 'react';
import { announce } from '../components/announcer';
import { Icon } from '../components/icon';
import { usePageTitle } from '../components/use-page-title';
import { navigate, paths, useLocation } from '../routing/router';
import { t } from '../strings';
import { FailuresTable } from './failures-table';
import { PeriodPicker } from './period-picker';
import { apiQuery, choiceDates, choiceFromSearch, choiceToSearch, type PeriodChoice } from './report-period';
import { formatDay } from './report-types';
import { SummaryCards } from './summary-cards';
import { useReport } from './use-report';

// Chart.js comes with this chunk only: agents never open Relatórios, so they never download it.
const ReportCharts = lazy(() => import('./report-charts'));

/** Relatórios: messages, failures, survey response rate by channel, CSAT, tickets, for a period. */
export function ReportsScreen() {
  usePageTitle(t.reports.title);
  const { search } = useLocation();
  const searchKey = search.toString();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the query string is the period's identity.
  const choice = useMemo(() => choiceFromSearch(search), [searchKey]);
  const dates = useMemo(() => choiceDates(choice), [choice]);
  const query = apiQuery(dates);
  const { report, loading, error, reload } = useReport(query);

  const onChange = useCallback(
    (next: PeriodChoice) => navigate(paths.reports(choiceToSearch(next)), { replace: true }),
    [],
  );

  // Screen readers hear that the figures changed after a new period, not on the first load.
  const loadedOnce = useRef(false);
  useEffect(() => {
    if (!report) return;
    if (loadedOnce.current) announce(t.reports.loaded(formatDay(report.period.from), formatDay(report.period.to)));
    loadedOnce.current = true;
  }, [report]);

  const periodError = error?.field === 'from' || error?.field === 'to' ? error : null;
  return (
    <div className="page page-reports">
      <div className="page-header report-header">
        <div>
          <h1>{t.reports.title}</h1>
          {report ? (
            <p className="muted">{t.reports.periodOf(formatDay(report.period.from), formatDay(report.period.to))}</p>
          ) : null}
        </div>
        <a
          className="button button-secondary"
          href={`/api/v1/reports/summary.csv?${query}`}
          download
          title={t.reports.exportCsvHint}
        >
          <Icon name="note" />
          {t.reports.exportCsv}
        </a>
      </div>
      <div className="card report-toolbar">
        <PeriodPicker
          choice={choice}
          dates={report?.period ?? dates}
          serverError={periodError ? { field: periodError.field ?? '', message: periodError.message } : undefined}
          onChange={onChange}
        />
      </div>
      {error && !periodError ? (
        <div className="alert alert-danger" role="alert">
          {error.message}{' '}
          <button type="button" className="button button-link" onClick={reload}>
            {t.retry}
          </button>
        </div>
      ) : null}
      {!report ? (
        loading ? (
          <p className="page-loading" role="status">
            {t.loading}
          </p>
        ) : null
      ) : (
        <div className="report-body" aria-busy={loading}>
          <SummaryCards report={report} />
          <ChartsBoundary>
            <Suspense
              fallback={
                <p className="report-charts-loading" role="status">
                  {t.reports.charts.loading}
                </p>
              }
            >
              <ReportCharts report={report} />
            </Suspense>
          </ChartsBoundary>
          <FailuresTable failures={report.failures} />
        </div>
      )}
    </div>
  );
}

/** A chunk that failed to load (a deploy replaced it, the network dropped) leaves the numbers usable. */
class ChartsBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? (
      <div className="alert alert-warning" role="alert">
        {t.reports.charts.loadFailed}
      </div>
    ) : (
      this.props.children
    );
  }
}
