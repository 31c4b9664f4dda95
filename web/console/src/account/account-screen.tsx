import { type FormEvent, useId, useState } from 'react';
import { api, errorMessage } from '../api/client';
import { announce } from '../components/announcer';
import { usePageTitle } from '../components/use-page-title';
import { useUser } from '../session/session-context';
import { t } from '../strings';

export function AccountScreen() {
  const a = t.account;
  usePageTitle(a.title);
  const user = useUser();
  return (
    <div className="page page-account">
      <div className="page-header">
        <h1>{a.title}</h1>
      </div>
      <div className="account-grid">
        <section className="card" aria-labelledby="profile-title">
          <h2 id="profile-title">{a.profile}</h2>
          <dl className="facts">
            <div>
              <dt>{a.name}</dt>
              <dd>{user.name}</dd>
            </div>
            <div>
              <dt>{a.email}</dt>
              <dd>{user.email}</dd>
            </div>
            <div>
              <dt>{a.role}</dt>
              <dd>{t.roles[user.role]}</dd>
            </div>
            <div>
              <dt>{a.workspace}</dt>
              <dd>
                {user.workspaceName} <span className="muted">({user.workspaceSlug})</span>
              </dd>
            </div>
          </dl>
        </section>
        <PasswordForm />
      </div>
    </div>
  );
}

const MIN_PASSWORD = 10;

function PasswordForm() {
  const a = t.account;
  const id = useId();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | undefined>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (next.length < MIN_PASSWORD) return setResult({ ok: false, text: a.tooShort });
    if (next !== confirm) return setResult({ ok: false, text: a.mismatch });
    setBusy(true);
    setResult(undefined);
    try {
      await api.post('/api/v1/auth/password', { currentPassword: current, newPassword: next });
      setCurrent('');
      setNext('');
      setConfirm('');
      setResult({ ok: true, text: a.changed });
      announce(a.changed);
    } catch (caught) {
      setResult({ ok: false, text: errorMessage(caught) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="password-title">
      <h2 id="password-title">{a.passwordTitle}</h2>
      <p className="muted">{a.passwordHint}</p>
      {result ? (
        <p className={`alert ${result.ok ? 'alert-success' : 'alert-danger'}`} role={result.ok ? 'status' : 'alert'}>
          {result.text}
        </p>
      ) : null}
      <form className="form-stack" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={`${id}-current`}>{a.currentPassword}</label>
          <input
            id={`${id}-current`}
            type="password"
            autoComplete="current-password"
            value={current}
            onChange={(event) => setCurrent(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-new`}>{a.newPassword}</label>
          <input
            id={`${id}-new`}
            type="password"
            autoComplete="new-password"
            minLength={MIN_PASSWORD}
            aria-describedby={`${id}-new-hint`}
            value={next}
            onChange={(event) => setNext(event.target.value)}
          />
          <p className="hint" id={`${id}-new-hint`}>
            {a.newPasswordHint}
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-confirm`}>{a.confirmPassword}</label>
          <input
            id={`${id}-confirm`}
            type="password"
            autoComplete="new-password"
            value={confirm}
            onChange={(event) => setConfirm(event.target.value)}
          />
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? a.submitting : a.submit}
          </button>
        </div>
      </form>
    </section>
  );
}
