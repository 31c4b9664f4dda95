import { useId, useRef } from 'react';
import { announce } from '../../components/announcer';
import { t } from '../../strings';

/**
 * A value to paste somewhere else (the provider's panel): read-only, selectable, with a button that
 * copies it and says so to a screen reader.
 */
export function CopyField({ label, value, hint }: { label: string; value: string; hint?: string }) {
  const s = t.whatsapp;
  const id = useId();
  const input = useRef<HTMLTextAreaElement>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      announce(s.copied(label));
    } catch {
      // No clipboard permission (or an old browser): the text is selected for a manual copy.
      input.current?.select();
      announce(s.copyFailed);
    }
  };
  return (
    <div className="field copy-field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <div className="copy-field-row">
        {/* A textarea, so a long URL wraps and is read whole instead of scrolling out of sight. */}
        <textarea
          id={id}
          ref={input}
          readOnly
          rows={2}
          value={value}
          spellCheck={false}
          aria-describedby={hint ? `${id}-hint` : undefined}
          onFocus={(event) => event.target.select()}
        />
        <button
          type="button"
          className="button button-secondary"
          aria-label={s.copyLabel(label)}
          disabled={!value}
          onClick={() => void copy()}
        >
          {t.settings.copy}
        </button>
      </div>
    </div>
  );
}
