import { type FormEvent, useState } from 'react';
import { api } from '../api/client';
import { Field, FormError, useFormErrors } from '../components/form-field';
import { usePageTitle } from '../components/use-page-title';
import { Link } from '../routing/link';
import { paths } from '../routing/router';
import { t } from '../strings';

/**
 * The page an invite link opens (/app/convite/<token>), before any sign-in: the person chooses a
 * name and a password, then signs in. The server refuses an expired, used or unknown link, and a
 * short password, each next to its field.
 */
export function InviteAcceptScreen({ token }: { token: string }) {
  const s = t.users;
  usePageTitle(s.acceptTitle);
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const [busy, setBusy] = useState(false);
  const [accepted, setAccepted] = useState<{ email: string; workspace: string } | undefined>();
  const errors = useFormErrors();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    errors.clear();
    // A courtesy: the server cannot know what was typed twice.
    if (password !== confirm) return setMismatch(true);
    setMismatch(false);
    setBusy(true);
    try {
      setAccepted(
        await api.post<{ email: string; workspace: string }>(
          `/api/v1/auth/invites/${encodeURIComponent(token)}/accept`,
          { name, password },
        ),
      );
    } catch (caught) {
      errors.report(caught, ['name', 'password']);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="conteudo" className="sign-in" tabIndex={-1}>
      <div className="sign-in-card">
        <p className="sign-in-brand" aria-hidden="true">
          {t.appName}
        </p>
        <h1>{s.acceptTitle}</h1>
        {accepted ? (
          <>
            <p className="alert alert-success" role="status">
              {s.acceptDone(accepted.email, accepted.workspace)}
            </p>
            <Link className="button button-primary" href={paths.signIn()}>
              {s.acceptSignIn}
            </Link>
          </>
        ) : (
          <>
            <p className="muted">{s.acceptIntro}</p>
            <FormError message={errors.formError} />
            <form className="form-stack" onSubmit={submit} noValidate>
              <Field label={s.acceptName} error={errors.fieldError('name')}>
                <input
                  value={name}
                  autoComplete="name"
                  maxLength={120}
                  onChange={(event) => setName(event.target.value)}
                />
              </Field>
              <Field label={s.acceptPassword} hint={s.acceptPasswordHint} error={errors.fieldError('password')}>
                <input
                  type="password"
                  value={password}
                  autoComplete="new-password"
                  onChange={(event) => setPassword(event.target.value)}
                />
              </Field>
              <Field label={s.acceptConfirm} error={mismatch ? s.acceptMismatch : undefined}>
                <input
                  type="password"
                  value={confirm}
                  autoComplete="new-password"
                  onChange={(event) => setConfirm(event.target.value)}
                />
              </Field>
              <button type="submit" className="button button-primary button-block" disabled={busy}>
                {busy ? t.settings.creating : s.acceptSubmit}
              </button>
            </form>
          </>
        )}
      </div>
    </main>
  );
}
