import { Link } from '../routing/link';
import { paths } from '../routing/router';
import { t } from '../strings';
import { usePageTitle } from './use-page-title';

/** What an agent sees at a supervisor's address. The server refuses the API calls as well (403). */
export function ForbiddenScreen() {
  usePageTitle(t.settings.forbiddenTitle);
  return (
    <section className="empty-page">
      <h1>{t.settings.forbiddenTitle}</h1>
      <p>{t.settings.forbiddenBody}</p>
      <Link href={paths.tickets()} className="button button-primary">
        {t.settings.forbiddenBack}
      </Link>
    </section>
  );
}
