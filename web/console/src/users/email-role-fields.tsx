import type { Role } from '../api/types';
import { Field } from '../components/form-field';
import { t } from '../strings';
import { ROLES } from './user-types';

interface Props {
  email: string;
  role: Role;
  emailError: string | undefined;
  roleError: string | undefined;
  onEmail(email: string): void;
  onRole(role: Role): void;
}

/** The person's e-mail and role, as "Criar usuário" and "Convidar por link" both ask them. */
export function EmailRoleFields({ email, role, emailError, roleError, onEmail, onRole }: Props) {
  const s = t.users;
  return (
    <>
      <Field label={s.email} error={emailError}>
        <input
          type="email"
          value={email}
          autoComplete="off"
          spellCheck={false}
          onChange={(event) => onEmail(event.target.value)}
        />
      </Field>
      <Field label={s.role} error={roleError}>
        <select value={role} onChange={(event) => onRole(event.target.value as Role)}>
          {ROLES.map((option) => (
            <option key={option} value={option}>
              {t.roles[option]}
            </option>
          ))}
        </select>
      </Field>
    </>
  );
}
