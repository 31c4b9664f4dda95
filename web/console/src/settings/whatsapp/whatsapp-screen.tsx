import { usePageTitle } from '../../components/use-page-title';
import { t } from '../../strings';

/** Configurações > WhatsApp: the provider, its credentials, rate limit and webhook. */
export function WhatsappScreen() {
  usePageTitle(t.whatsapp.title);
  return (
    <section>
      <h1>{t.whatsapp.title}</h1>
    </section>
  );
}
