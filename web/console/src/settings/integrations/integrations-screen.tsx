import { usePageTitle } from '../../components/use-page-title';
import { t } from '../../strings';

/** Configurações > Integrações: sources, their API keys, the field mapping and the last events received. */
export function IntegrationsScreen() {
  usePageTitle(t.integrations.title);
  return (
    <section>
      <h1>{t.integrations.title}</h1>
    </section>
  );
}
