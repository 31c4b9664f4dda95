import { useId } from 'react';
import { SecretField } from '../../components/secret-field';
import { t } from '../../strings';

interface Props {
  /** Whether the server holds a password (it never sends it back). */
  saved: boolean;
  value: string;
  /** The supervisor asked to remove the saved password (a relay without login). */
  remove: boolean;
  error: string | undefined;
  onChange(value: string): void;
  onRemoveChange(remove: boolean): void;
}

/** The SMTP password, write-only (see SecretField), and the choice to remove the saved one. */
export function PasswordField({ saved, value, remove, error, onChange, onRemoveChange }: Props) {
  const s = t.email;
  const id = useId();
  return (
    <div className="smtp-password">
      <SecretField
        label={s.password}
        isSet={saved}
        state={saved ? s.passwordSaved : s.passwordNotSaved}
        stateTestId="password-state"
        hint={saved ? s.passwordKeepHint : s.passwordNewHint}
        value={value}
        error={error}
        disabled={remove}
        onChange={onChange}
      />
      {saved ? (
        <label className="smtp-remove-password" htmlFor={`${id}-remove`}>
          <input
            id={`${id}-remove`}
            type="checkbox"
            checked={remove}
            onChange={(event) => onRemoveChange(event.target.checked)}
          />
          {s.removePassword}
        </label>
      ) : null}
    </div>
  );
}
