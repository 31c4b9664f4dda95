import { useId, useRef } from 'react';
import { Icon } from '../../components/icon';
import { t } from '../../strings';

const MAX_REPLIES = 10;
const MAX_LENGTH = 25;

interface Props {
  replies: string[];
  /** The server's reason, when it refused the list. */
  error: string | undefined;
  onChange(replies: string[]): void;
}

/** The template's quick-reply buttons: one input each, added and removed with the keyboard too. */
export function QuickRepliesInput({ replies, error, onChange }: Props) {
  const s = t.templates.editor;
  const id = useId();
  const list = useRef<HTMLUListElement>(null);
  const add = () => {
    onChange([...replies, '']);
    // The new input is where the keyboard goes next.
    setTimeout(() => list.current?.querySelector<HTMLInputElement>('li:last-child input')?.focus(), 0);
  };
  const describedBy = [`${id}-hint`, error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <fieldset className="quick-replies">
      <legend>{s.quickReplies}</legend>
      <p className="hint" id={`${id}-hint`}>
        {s.quickRepliesHint}
      </p>
      {replies.length > 0 ? (
        <ul className="quick-reply-inputs" ref={list}>
          {replies.map((reply, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the inputs are positional; the text is what changes.
            <li key={index}>
              <label htmlFor={`${id}-${index}`} className="visually-hidden">
                {s.quickReply(index + 1)}
              </label>
              <input
                id={`${id}-${index}`}
                value={reply}
                maxLength={MAX_LENGTH}
                aria-describedby={describedBy}
                aria-invalid={error ? true : undefined}
                onChange={(event) => onChange(replies.map((r, i) => (i === index ? event.target.value : r)))}
              />
              <button
                type="button"
                className="icon-button"
                aria-label={s.removeQuickReply(index + 1)}
                title={s.removeQuickReply(index + 1)}
                onClick={() => onChange(replies.filter((_, i) => i !== index))}
              >
                <Icon name="close" size={16} />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      {replies.length < MAX_REPLIES ? (
        <button type="button" className="button button-link" onClick={add}>
          <Icon name="plus" size={16} />
          {s.addQuickReply}
        </button>
      ) : null}
    </fieldset>
  );
}
