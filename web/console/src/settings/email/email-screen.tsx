import { usePageTitle } from '../../components/use-page-title';
import { t } from '../../strings';

/** Configurações > E-mail: the workspace's SMTP server and a test message. */
export function EmailScreen() {
  usePageTitle(t.email.title);
  return (
    <section>
      <h1>{t.email.title}</h1>
    </section>
  );
}
