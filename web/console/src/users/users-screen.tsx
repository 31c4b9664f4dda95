import { usePageTitle } from '../components/use-page-title';
import { t } from '../strings';

/** Usuários: create, invite, change role, deactivate (administrators). */
export function UsersScreen() {
  usePageTitle(t.users.title);
  return (
    <section>
      <h1>{t.users.title}</h1>
    </section>
  );
}
