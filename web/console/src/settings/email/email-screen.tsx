import { useCallback, useEffect, useState } from 'react';
import { api, errorMessage } from '../../api/client';
import { usePageTitle } from '../../components/use-page-title';
import { t } from '../../strings';
import { EmailTemplatesSection } from './email-templates-section';
import type { EmailSettingsView } from './email-types';
import { SmtpForm } from './smtp-form';
import { TestEmailForm } from './test-email-form';

/** Configurações > E-mail: the workspace's SMTP server, a test message, and the e-mail templates. */
export function EmailScreen() {
  const s = t.email;
  usePageTitle(s.title);
  const [settings, setSettings] = useState<EmailSettingsView | undefined>();
  const [loadError, setLoadError] = useState<string | undefined>();
  const [dirty, setDirty] = useState(false);

  const load = useCallback(async () => {
    try {
      setSettings(await api.get<EmailSettingsView>('/api/v1/email-settings'));
      setLoadError(undefined);
    } catch (caught) {
      setLoadError(errorMessage(caught));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <div className="email-screen">
      <h1>{s.title}</h1>
      <p className="muted email-intro">{s.intro}</p>
      {loadError ? (
        <div className="alert alert-danger" role="alert">
          {s.loadError} {loadError}{' '}
          <button type="button" className="button button-link" onClick={() => void load()}>
            {s.retry}
          </button>
        </div>
      ) : !settings ? (
        <p className="muted">{s.loading}</p>
      ) : (
        <div className="email-smtp-grid">
          <SmtpForm stored={settings} onSaved={setSettings} onDirtyChange={setDirty} />
          <TestEmailForm configured={settings.configured} dirty={dirty} />
        </div>
      )}
      <EmailTemplatesSection />
    </div>
  );
}
