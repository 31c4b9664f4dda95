import { useState } from 'react';
import { useApiResource } from '../../api/use-api-resource';
import { LoadState } from '../../components/load-state';
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
  const settings = useApiResource<EmailSettingsView>('/api/v1/email-settings');
  const [dirty, setDirty] = useState(false);

  return (
    <div className="email-screen">
      <h1>{s.title}</h1>
      <p className="muted email-intro">{s.intro}</p>
      <LoadState
        data={settings.data}
        error={settings.error}
        errorLead={s.loadError}
        onRetry={() => void settings.reload()}
        text={s.loading}
      >
        {(stored) => (
          <div className="email-smtp-grid">
            <SmtpForm stored={stored} onSaved={settings.setData} onDirtyChange={setDirty} />
            <TestEmailForm configured={stored.configured} dirty={dirty} />
          </div>
        )}
      </LoadState>
      <EmailTemplatesSection />
    </div>
  );
}
