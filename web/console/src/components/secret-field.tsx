import { Field } from './form-field';

interface Props {
  label: string;
  /** Whether the server holds a value (it never sends it back). */
  isSet: boolean;
  /** The badge beside the label that says so ("definido", "senha salva"…). */
  state: string;
  hint: string;
  value: string;
  error: string | undefined;
  disabled?: boolean;
  className?: string;
  stateTestId?: string;
  onChange(value: string): void;
}

/**
 * A write-only secret (a provider's token, the SMTP password): the stored value never comes back, the
 * label says whether there is one, and a blank field keeps it.
 */
export function SecretField({
  label,
  isSet,
  state,
  hint,
  value,
  error,
  disabled,
  className,
  stateTestId,
  onChange,
}: Props) {
  return (
    <Field
      label={
        <>
          {label}{' '}
          <span className={`badge ${isSet ? 'badge-success' : 'badge-neutral'} secret-state`} data-testid={stateTestId}>
            {state}
          </span>
        </>
      }
      hint={hint}
      error={error}
      {...(className ? { className } : {})}
    >
      <input
        type="password"
        autoComplete="new-password"
        spellCheck={false}
        value={value}
        disabled={disabled}
        placeholder={isSet && !disabled ? '••••••••' : ''}
        onChange={(event) => onChange(event.target.value)}
      />
    </Field>
  );
}
