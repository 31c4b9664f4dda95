import { type FormEvent, useState } from 'react';
import { api, errorMessage } from '../../api/client';
import { announce } from '../../components/announcer';
import { Field, FormError, useFormErrors } from '../../components/form-field';
import { t } from '../../strings';
import type { SourceView } from './source-types';

/** "Nova origem": the server checks the name (pattern, taken) and answers with the first API key. */
export function NewSourceForm({ onCreated }: { onCreated(source: SourceView, apiKey: string): void }) {
  const s = t.integrations;
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    errors.clear();
    try {
      const created = await api.post<{ source: SourceView; apiKey: string }>('/api/v1/sources', { name: name.trim() });
      setName('');
      announce(s.sourceCreated(created.source.name));
      onCreated(created.source, created.apiKey);
    } catch (caught) {
      errors.report(caught, ['name']);
      announce(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="new-source-title">
      <h2 id="new-source-title">{s.newSource}</h2>
      <form className="form-stack" onSubmit={submit} noValidate>
        <FormError message={errors.formError} compact />
        <Field label={s.sourceName} hint={s.sourceNameHint} error={errors.fieldError('name')}>
          <input
            value={name}
            autoComplete="off"
            spellCheck={false}
            maxLength={63}
            onChange={(event) => setName(event.target.value)}
          />
        </Field>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t.settings.creating : s.createSource}
          </button>
        </div>
      </form>
    </section>
  );
}
