import { type FormEvent, useState } from 'react';
import { api, errorMessage } from '../api/client';
import type { Role } from '../api/types';
import { announce } from '../components/announcer';
import { CopyButton } from '../components/copy-button';
import { FormError, useFormErrors } from '../components/form-field';
import { formatDateTime } from '../format';
import { t } from '../strings';
import { EmailRoleFields } from './email-role-fields';

interface Invite {
  email: string;
  role: Role;
  inviteUrl: string;
  expiresAt: string;
}

/** "Convidar por link": the link is shown once, with its expiry and a copy button. */
export function InviteForm() {
  const s = t.users;
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('agent');
  const [busy, setBusy] = useState(false);
  const [invite, setInvite] = useState<Invite | undefined>();
  const errors = useFormErrors();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    errors.clear();
    try {
      const created = await api.post<{ inviteUrl: string; expiresAt: string }>('/api/v1/users/invites', {
        email,
        role,
      });
      setInvite({ email: email.trim().toLowerCase(), role, ...created });
      setEmail('');
      announce(s.inviteReady);
    } catch (caught) {
      errors.report(caught, ['email', 'role']);
      announce(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="invite-title">
      <h2 id="invite-title">{s.inviteTitle}</h2>
      <p className="muted card-intro">{s.inviteIntro}</p>
      <form className="form-stack" onSubmit={submit} noValidate>
        <FormError message={errors.formError} compact />
        <EmailRoleFields
          email={email}
          role={role}
          emailError={errors.fieldError('email')}
          roleError={errors.fieldError('role')}
          onEmail={setEmail}
          onRole={setRole}
        />
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? s.inviting : s.invite}
          </button>
        </div>
      </form>
      {invite ? (
        <div className="invite-result" data-invite-url={invite.inviteUrl}>
          <p className="invite-ready">
            <strong>{s.inviteReady}</strong>
          </p>
          <p>{s.inviteFor(invite.email, t.roles[invite.role])}</p>
          <label htmlFor="invite-link" className="invite-link-label">
            {s.inviteLink}
          </label>
          <div className="invite-link-row">
            <input
              id="invite-link"
              readOnly
              value={invite.inviteUrl}
              spellCheck={false}
              aria-describedby="invite-expiry"
              onFocus={(event) => event.target.select()}
            />
            <CopyButton text={invite.inviteUrl} what={s.inviteWhat} />
          </div>
          <p className="muted" id="invite-expiry">
            {s.inviteExpires(formatDateTime(invite.expiresAt))}
          </p>
        </div>
      ) : null}
    </section>
  );
}
