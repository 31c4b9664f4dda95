import { type ReactNode, useEffect, useId, useRef } from 'react';
import { t } from '../strings';

interface Props {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  busy?: boolean;
  /** The server's refusal, shown inside the dialog. */
  error?: string | undefined;
  tone?: 'danger' | 'primary';
  onConfirm(): void;
  onCancel(): void;
}

/**
 * A modal question before something that cannot be undone (revoking a key, deactivating a user).
 * The native <dialog> keeps the focus inside, closes with Esc and gives the focus back to the
 * button that opened it. Rendered only while open.
 */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  busy,
  error,
  tone = 'danger',
  onConfirm,
  onCancel,
}: Props) {
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    // The safe choice has the focus first: Enter by habit does not revoke anything.
    cancelRef.current?.focus();
    return () => dialog.close();
  }, []);

  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onCancel();
      }}
    >
      <h2 id={`${id}-title`}>{title}</h2>
      <div id={`${id}-body`} className="confirm-dialog-body">
        {children}
      </div>
      {error ? (
        <p className="alert alert-danger alert-compact" role="alert">
          {error}
        </p>
      ) : null}
      <div className="form-actions confirm-dialog-actions">
        <button ref={cancelRef} type="button" className="button button-secondary" onClick={onCancel} disabled={busy}>
          {t.cancel}
        </button>
        <button
          type="button"
          className={`button ${tone === 'danger' ? 'button-danger' : 'button-primary'}`}
          onClick={onConfirm}
          disabled={busy}
        >
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
