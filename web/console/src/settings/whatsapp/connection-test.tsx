import { useId, useState } from 'react';
import { api, errorMessage } from '../../api/client';
import { announce } from '../../components/announcer';
import { t } from '../../strings';
import type { ConnectionCheck } from './provider-types';

/** "Testar conexão": the stored credentials against the provider, and what it answered. */
export function ConnectionTest({ configured, dirty }: { configured: boolean; dirty: boolean }) {
  const s = t.whatsapp;
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ConnectionCheck | undefined>();
  const run = async () => {
    setBusy(true);
    setResult(undefined);
    try {
      const check = await api.post<ConnectionCheck>('/api/v1/whatsapp-provider/test');
      setResult(check);
      announce(`${check.ok ? s.testOk : s.testFailed} ${check.message}`);
    } catch (caught) {
      setResult({ ok: false, message: errorMessage(caught) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card connection-test" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{s.testTitle}</h2>
      <p className="muted">{s.testIntro}</p>
      {dirty ? <p className="alert alert-warning alert-compact">{s.unsavedChanges}</p> : null}
      <div className="connection-test-actions">
        <button
          type="button"
          className="button button-secondary"
          disabled={busy || !configured}
          onClick={() => void run()}
        >
          {busy ? t.settings.testing : s.test}
        </button>
      </div>
      {result ? (
        <div className={`alert ${result.ok ? 'alert-success' : 'alert-danger'}`} role={result.ok ? 'status' : 'alert'}>
          <p className="connection-test-title">{result.ok ? s.testOk : s.testFailed}</p>
          <p>{result.message}</p>
        </div>
      ) : null}
    </section>
  );
}
