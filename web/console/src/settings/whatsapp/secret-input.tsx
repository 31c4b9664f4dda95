import { Field } from '../../components/form-field';
import { t } from '../../strings';

interface Props {
  label: string;
  /** Whether the stored account of this kind already holds a value. */
  isSet: boolean;
  value: string;
  error: string | undefined;
  extraHint?: string;
  className?: string;
  onChange(value: string): void;
}

/**
 * A write-only secret: the stored value never comes back, the label says whether there is one, and
 * a blank field keeps it.
 */
export function SecretInput({ label, isSet, value, error, extraHint, className, onChange }: Props) {
  const s = t.whatsapp;
  return (
    <Field
      label={
        <>
          {label}{' '}
          <span className={`badge ${isSet ? 'badge-success' : 'badge-neutral'} secret-state`}>
            {isSet ? s.secretSet : s.secretUnset}
          </span>
        </>
      }
      hint={[extraHint, isSet ? s.secretKeepHint : s.secretNewHint].filter(Boolean).join(' ')}
      error={error}
      {...(className ? { className } : {})}
    >
      <input
        type="password"
        autoComplete="new-password"
        spellCheck={false}
        value={value}
        placeholder={isSet ? '••••••••' : ''}
        onChange={(event) => onChange(event.target.value)}
      />
    </Field>
  );
}
