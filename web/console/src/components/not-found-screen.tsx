import { Link } from '../routing/link';
import { paths } from '../routing/router';
import { t } from '../strings';
import { usePageTitle } from './use-page-title';

export function NotFoundScreen() {
  usePageTitle(t.notFound.title);
  return (
    <section className="empty-page">
      <h1>{t.notFound.title}</h1>
      <Link href={paths.tickets()} className="button button-primary">
        {t.notFound.back}
      </Link>
    </section>
  );
}
