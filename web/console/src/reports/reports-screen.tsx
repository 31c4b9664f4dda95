import { usePageTitle } from '../components/use-page-title';
import { t } from '../strings';

/** Relatórios: messages, failures, survey response rate by channel, CSAT, tickets. */
export function ReportsScreen() {
  usePageTitle(t.reports.title);
  return (
    <section>
      <h1>{t.reports.title}</h1>
    </section>
  );
}
