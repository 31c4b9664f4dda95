import { type FormEvent, useState } from 'react';
import { api, errorMessage } from '../api/client';
import type { Role } from '../api/types';
import { announce } from '../components/announcer';
import { Field, FormError, useFormErrors } from '../components/form-field';
import { t } from '../strings';
import { EmailRoleFields } from './email-role-fields';
import type { UserView } from './user-types';

const FIELDS = ['name', 'email', 'role', 'password'] as const;

/** "Criar usuário" with an initial password; the server checks every field (e.g. an e-mail already taken). */
export function CreateUserForm({ onCreated }: { onCreated(user: UserView): void }) {
  const s = t.users;
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('agent');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | undefined>();
  const errors = useFormErrors();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setDone(undefined);
    errors.clear();
    try {
      const created = await api.post<UserView>('/api/v1/users', { name, email, role, password });
      setName('');
      setEmail('');
      setPassword('');
      setRole('agent');
      const text = s.created(created.name);
      setDone(text);
      announce(text);
      onCreated(created);
    } catch (caught) {
      errors.report(caught, FIELDS);
      announce(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="create-user-title">
      <h2 id="create-user-title">{s.createTitle}</h2>
      <p className="muted card-intro">{s.createIntro}</p>
      <form className="form-stack" onSubmit={submit} noValidate>
        <FormError message={errors.formError} compact />
        <Field label={s.name} error={errors.fieldError('name')}>
          <input value={name} autoComplete="off" maxLength={120} onChange={(event) => setName(event.target.value)} />
        </Field>
        <EmailRoleFields
          email={email}
          role={role}
          emailError={errors.fieldError('email')}
          roleError={errors.fieldError('role')}
          onEmail={setEmail}
          onRole={setRole}
        />
        <Field label={s.password} hint={s.passwordHint} error={errors.fieldError('password')}>
          <input
            type="password"
            value={password}
            autoComplete="new-password"
            onChange={(event) => setPassword(event.target.value)}
          />
        </Field>
        {done ? (
          <p className="alert alert-success alert-compact" role="status">
            {done}
          </p>
        ) : null}
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t.settings.creating : s.create}
          </button>
        </div>
      </form>
    </section>
  );
}
