import { cloneElement, type ReactElement, type ReactNode, useId, useState } from 'react';
import { ApiError, errorMessage } from '../api/client';

interface FieldProps {
  label: ReactNode;
  /** Shown under the label and tied to the control with aria-describedby. */
  hint?: ReactNode;
  /** The server's pt-BR message for this field, if it refused it. */
  error?: string | undefined;
  /** One input, select or textarea; it gets the id and the ARIA wiring. */
  children: ReactElement<{ id?: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean }>;
  className?: string;
}

/**
 * A labelled control with its hint and the server's error next to it. Every supervisor form uses it,
 * so a screen reader hears the same thing everywhere: label, then hint, then what is wrong.
 */
export function Field({ label, hint, error, children, className }: FieldProps) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className={`field${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {cloneElement(children, {
        id,
        'aria-describedby': describedBy || undefined,
        'aria-invalid': error ? true : undefined,
      })}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/**
 * The errors of one form as the server stated them: `field` (e.g. "tasks[0].templateId") to message,
 * plus a form-level message when the error names no field or a field the form does not show.
 */
export function useFormErrors() {
  const [errors, setErrors] = useState<{ fields: Record<string, string>; form?: string }>({ fields: {} });
  return {
    fieldError: (field: string): string | undefined => errors.fields[field],
    formError: errors.form,
    clear: () => setErrors({ fields: {} }),
    /** Records what was thrown; `shownFields` lists the fields this form displays next to a control. */
    report(caught: unknown, shownFields?: readonly string[]) {
      if (caught instanceof ApiError && caught.field && (!shownFields || shownFields.includes(caught.field))) {
        setErrors({ fields: { [caught.field]: caught.message } });
      } else {
        setErrors({ fields: {}, form: errorMessage(caught) });
      }
    },
  };
}

/** What the server said about the whole form (no field of it named), announced; nothing when all is well. */
export function FormError({ message, compact }: { message: string | undefined; compact?: boolean }) {
  if (!message) return null;
  return (
    <p className={`alert alert-danger${compact ? ' alert-compact' : ''}`} role="alert">
      {message}
    </p>
  );
}
