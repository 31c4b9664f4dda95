import { type FormEvent, useEffect, useId, useState } from 'react';
import { Field } from '../components/form-field';
import { t } from '../strings';
import { type PeriodChoice, PRESETS } from './report-period';

interface PeriodPickerProps {
  choice: PeriodChoice;
  /** The dates on screen, to start a custom period from. */
  dates: { from: string; to: string };
  /** The server's refusal of a custom period, by field (`from` or `to`). */
  serverError?: { field: string; message: string } | undefined;
  onChange(choice: PeriodChoice): void;
}

/** Last 7/30/90 days at one click, or two dates and "Aplicar". */
export function PeriodPicker({ choice, dates, serverError, onChange }: PeriodPickerProps) {
  const name = useId();
  const [customOpen, setCustomOpen] = useState(choice.kind === 'custom');
  const [draft, setDraft] = useState(dates);
  const [errors, setErrors] = useState<{ from?: string; to?: string }>({});

  // A custom period opened from a link (or back/forward) shows its dates in the fields.
  useEffect(() => {
    if (choice.kind === 'custom') {
      setCustomOpen(true);
      setDraft({ from: choice.from, to: choice.to });
    } else {
      setCustomOpen(false);
    }
  }, [choice]);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    // A courtesy: the server checks the same and more (a real date, at most 366 days).
    const next = {
      from: draft.from ? undefined : t.reports.period.required,
      to: draft.to ? undefined : t.reports.period.required,
    };
    if (!next.from && !next.to && draft.from > draft.to) next.from = t.reports.period.order;
    setErrors(next);
    if (next.from || next.to) return;
    onChange({ kind: 'custom', from: draft.from, to: draft.to });
  };

  const fieldError = (field: 'from' | 'to') =>
    errors[field] ?? (serverError?.field === field && choice.kind === 'custom' ? serverError.message : undefined);

  return (
    <div className="report-period">
      <fieldset className="segmented">
        <legend>{t.reports.period.legend}</legend>
        {PRESETS.map((days) => (
          <label key={days} className="segment">
            <input
              type="radio"
              name={name}
              checked={!customOpen && choice.kind === 'preset' && choice.days === days}
              onChange={() => {
                setErrors({});
                onChange({ kind: 'preset', days });
              }}
            />
            <span>{t.reports.period.last(days)}</span>
          </label>
        ))}
        <label className="segment">
          <input
            type="radio"
            name={name}
            checked={customOpen}
            onChange={() => {
              setDraft(dates);
              setCustomOpen(true);
            }}
          />
          <span>{t.reports.period.custom}</span>
        </label>
      </fieldset>
      {customOpen ? (
        <form className="report-custom-period" onSubmit={apply} noValidate>
          <Field label={t.reports.period.from} error={fieldError('from')}>
            <input
              type="date"
              value={draft.from}
              max={draft.to || undefined}
              onChange={(event) => setDraft({ ...draft, from: event.target.value })}
            />
          </Field>
          <Field label={t.reports.period.to} error={fieldError('to')}>
            <input
              type="date"
              value={draft.to}
              min={draft.from || undefined}
              onChange={(event) => setDraft({ ...draft, to: event.target.value })}
            />
          </Field>
          <button type="submit" className="button button-primary">
            {t.reports.period.apply}
          </button>
        </form>
      ) : null}
    </div>
  );
}
