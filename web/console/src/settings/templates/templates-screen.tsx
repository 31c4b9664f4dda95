import { usePageTitle } from '../../components/use-page-title';
import { t } from '../../strings';

/** Configurações > Modelos (HSM): the WhatsApp templates, their approval, sync and a test send. */
export function TemplatesScreen() {
  usePageTitle(t.templates.title);
  return (
    <section>
      <h1>{t.templates.title}</h1>
    </section>
  );
}
