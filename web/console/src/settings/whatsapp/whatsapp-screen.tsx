import { useState } from 'react';
import { useApiResource } from '../../api/use-api-resource';
import { LoadState } from '../../components/load-state';
import { usePageTitle } from '../../components/use-page-title';
import { t } from '../../strings';
import { ConnectionTest } from './connection-test';
import { ProviderForm } from './provider-form';
import type { ProviderView } from './provider-types';
import { WebhookPanel } from './webhook-panel';

/** Configurações > WhatsApp: the provider, its credentials, rate limit, webhook and a connection test. */
export function WhatsappScreen() {
  const s = t.whatsapp;
  usePageTitle(s.title);
  const provider = useApiResource<ProviderView>('/api/v1/whatsapp-provider');
  const [dirty, setDirty] = useState(false);

  return (
    <div className="whatsapp-screen">
      <h1>{s.title}</h1>
      <p className="muted whatsapp-intro">{s.intro}</p>
      <LoadState
        data={provider.data}
        error={provider.error}
        errorLead={s.loadError}
        onRetry={() => void provider.reload()}
        text={s.loading}
      >
        {(view) => (
          <div className="whatsapp-grid">
            <ProviderForm stored={view} onSaved={provider.setData} onDirtyChange={setDirty} />
            <div className="whatsapp-side">
              <ConnectionTest configured={view.kind !== null} dirty={dirty} />
              <WebhookPanel view={view} />
            </div>
          </div>
        )}
      </LoadState>
    </div>
  );
}
