import { type FormEvent, useId, useState } from 'react';
import { api, errorMessage } from '../api/client';
import { announce } from '../components/announcer';
import { t } from '../strings';

/** An internal note: stays on the timeline for the team, never goes to the customer. */
export function NoteForm({ ticketId, onAdded }: { ticketId: number; onAdded(): void }) {
  const id = useId();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) {
      setError(t.notes.empty);
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await api.post(`/api/v1/tickets/${ticketId}/notes`, { text: text.trim() });
      setText('');
      announce(t.notes.added);
      onAdded();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="note-form" onSubmit={submit} noValidate>
      <div className="note-label-row">
        <label htmlFor={`${id}-note`}>{t.notes.label}</label>
        <span className="hint" id={`${id}-hint`}>
          {t.notes.hint}
        </span>
      </div>
      <div className="note-input-row">
        <textarea
          id={`${id}-note`}
          rows={2}
          value={text}
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
          aria-invalid={error ? true : undefined}
          onChange={(event) => setText(event.target.value)}
        />
        <button type="submit" className="button button-secondary" disabled={busy}>
          {busy ? t.notes.submitting : t.notes.submit}
        </button>
      </div>
      {error ? (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}
