import { useCallback, useEffect, useState } from 'react';
import { api, errorMessage } from '../../api/client';
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
  const [view, setView] = useState<ProviderView | undefined>();
  const [loadError, setLoadError] = useState<string | undefined>();
  const [dirty, setDirty] = useState(false);

  const load = useCallback(async () => {
    try {
      setView(await api.get<ProviderView>('/api/v1/whatsapp-provider'));
      setLoadError(undefined);
    } catch (caught) {
      setLoadError(errorMessage(caught));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <div className="whatsapp-screen">
      <h1>{s.title}</h1>
      <p className="muted whatsapp-intro">{s.intro}</p>
      {loadError ? (
        <div className="alert alert-danger" role="alert">
          {s.loadError} {loadError}{' '}
          <button type="button" className="button button-link" onClick={() => void load()}>
            {s.retry}
          </button>
        </div>
      ) : !view ? (
        <p className="muted">{s.loading}</p>
      ) : (
        <div className="whatsapp-grid">
          <ProviderForm stored={view} onSaved={setView} onDirtyChange={setDirty} />
          <div className="whatsapp-side">
            <ConnectionTest configured={view.kind !== null} dirty={dirty} />
            <WebhookPanel view={view} />
          </div>
        </div>
      )}
    </div>
  );
}
