import { useId } from 'react';
import { Field } from '../../components/form-field';
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

/** The SMTP password, write-only: the label says whether one is saved, and a blank field keeps it. */
export function PasswordField({ saved, value, remove, error, onChange, onRemoveChange }: Props) {
  const s = t.email;
  const id = useId();
  return (
    <div className="smtp-password">
      <Field
        label={
          <>
            {s.password}{' '}
            <span
              className={`badge ${saved ? 'badge-success' : 'badge-neutral'} smtp-password-state`}
              data-testid="password-state"
            >
              {saved ? s.passwordSaved : s.passwordNotSaved}
            </span>
          </>
        }
        hint={saved ? s.passwordKeepHint : s.passwordNewHint}
        error={error}
      >
        <input
          type="password"
          autoComplete="new-password"
          spellCheck={false}
          value={value}
          disabled={remove}
          placeholder={saved && !remove ? '••••••••' : ''}
          onChange={(event) => onChange(event.target.value)}
        />
      </Field>
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
