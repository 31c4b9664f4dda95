import { useId } from 'react';

interface Props<K extends string> {
  legend: string;
  options: readonly K[];
  value: K;
  /** Each option's name and the line that explains it (read with the option). */
  names: Record<K, string>;
  hints: Record<K, string>;
  /** The server's refusal of this choice. */
  error: string | undefined;
  /** The fieldset's own class, for the screen's layout. */
  className: string;
  onChange(value: K): void;
}

/** One choice among a few, each a card with its name and a hint (the provider kind, the SMTP security). */
export function ChoiceCards<K extends string>({
  legend,
  options,
  value,
  names,
  hints,
  error,
  className,
  onChange,
}: Props<K>) {
  const id = useId();
  return (
    <fieldset className={`choice-cards ${className}`} aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{legend}</legend>
      <div className="choice-cards-options">
        {options.map((option) => (
          <label key={option} className={`choice-card${value === option ? ' is-selected' : ''}`}>
            <input
              type="radio"
              name={`${id}-choice`}
              value={option}
              checked={value === option}
              aria-describedby={`${id}-${option}`}
              onChange={() => onChange(option)}
            />
            <span className="choice-card-text">
              <span className="choice-card-name">{names[option]}</span>
              <span className="choice-card-hint" id={`${id}-${option}`}>
                {hints[option]}
              </span>
            </span>
          </label>
        ))}
      </div>
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
