import { type FormEvent, useId, useState } from 'react';
import { ApiError, errorMessage } from '../api/client';
import { usePageTitle } from '../components/use-page-title';
import { useSession } from '../session/session-context';
import { t } from '../strings';

/** E-mail and password; the workspace only when the server says the e-mail is in more than one. */
export function SignInScreen({ reason }: { reason?: 'expired' | 'signed-out' | undefined }) {
  usePageTitle(t.signIn.title);
  const { signIn } = useSession();
  const id = useId();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [workspace, setWorkspace] = useState('');
  const [askWorkspace, setAskWorkspace] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await signIn({ email: email.trim(), password, ...(workspace.trim() ? { workspace: workspace.trim() } : {}) });
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'ambiguous_login') setAskWorkspace(true);
      setError(errorMessage(caught));
      setBusy(false);
    }
  };

  const notice = reason === 'expired' ? t.sessionExpired : reason === 'signed-out' ? t.signIn.signedOut : undefined;
  return (
    <main id="conteudo" className="sign-in" tabIndex={-1}>
      <div className="sign-in-card">
        <p className="sign-in-brand" aria-hidden="true">
          {t.appName}
        </p>
        <h1>{t.signIn.title}</h1>
        <p className="muted">{t.signIn.subtitle}</p>
        {notice && !error ? (
          <p className="alert alert-info" role="status">
            {notice}
          </p>
        ) : null}
        {error ? (
          <p className="alert alert-danger" role="alert" id={`${id}-error`}>
            {error}
          </p>
        ) : null}
        <form onSubmit={submit} noValidate className="form-stack" aria-describedby={error ? `${id}-error` : undefined}>
          <div className="field">
            <label htmlFor={`${id}-email`}>{t.signIn.email}</label>
            <input
              id={`${id}-email`}
              name="email"
              type="email"
              autoComplete="username"
              required
              // biome-ignore lint/a11y/noAutofocus: the sign-in screen has one job, and its first field is it.
              autoFocus
              value={email}
              onChange={(event) => setEmail(event.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-password`}>{t.signIn.password}</label>
            <input
              id={`${id}-password`}
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          </div>
          {askWorkspace ? (
            <div className="field">
              <label htmlFor={`${id}-workspace`}>{t.signIn.workspace}</label>
              <input
                id={`${id}-workspace`}
                name="workspace"
                autoComplete="organization"
                aria-describedby={`${id}-workspace-hint`}
                value={workspace}
                onChange={(event) => setWorkspace(event.target.value)}
              />
              <p className="hint" id={`${id}-workspace-hint`}>
                {t.signIn.workspaceHint}
              </p>
            </div>
          ) : null}
          <button type="submit" className="button button-primary button-block" disabled={busy}>
            {busy ? t.signIn.submitting : t.signIn.submit}
          </button>
        </form>
      </div>
    </main>
  );
}
