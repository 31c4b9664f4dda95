import { type FormEvent, useId, useState } from 'react';
import { api } from '../../api/client';
import { announce } from '../../components/announcer';
import { Field, FormError, useFormErrors } from '../../components/form-field';
import { useFocusOnRefusal } from '../../components/use-focus-on-refusal';
import { t } from '../../strings';
import type { TestResult } from './email-types';

interface Props {
  /** Whether settings are saved (the test uses them, never the form's unsaved values). */
  configured: boolean;
  dirty: boolean;
}

/** "Enviar e-mail de teste": a short message to an address the supervisor types, and the server's answer. */
export function TestEmailForm({ configured, dirty }: Props) {
  const s = t.email;
  const id = useId();
  const errors = useFormErrors();
  const { form, refused } = useFocusOnRefusal();
  const [to, setTo] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<TestResult | undefined>();
  const [empty, setEmpty] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    errors.clear();
    setResult(undefined);
    if (!to.trim()) {
      setEmpty(true);
      refused();
      return;
    }
    setEmpty(false);
    setBusy(true);
    try {
      const answer = await api.post<TestResult>('/api/v1/email-settings/test', { to: to.trim() });
      setResult(answer);
      announce(`${answer.ok ? s.testOk : s.testFailed} ${answer.message}`);
    } catch (caught) {
      errors.report(caught, ['to']);
      refused();
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card email-test" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{s.testTitle}</h2>
      <p className="muted">{s.testIntro}</p>
      {!configured ? <p className="alert alert-info alert-compact">{s.testNeedsSettings}</p> : null}
      {configured && dirty ? <p className="alert alert-warning alert-compact">{s.unsavedChanges}</p> : null}
      <form className="form-stack email-test-form" ref={form} onSubmit={submit} noValidate>
        <FormError message={errors.formError} compact />
        <Field label={s.testTo} hint={s.testToHint} error={empty ? s.required : errors.fieldError('to')}>
          <input
            type="email"
            autoComplete="email"
            spellCheck={false}
            value={to}
            onChange={(event) => setTo(event.target.value)}
          />
        </Field>
        <div className="form-actions">
          <button type="submit" className="button button-secondary" disabled={busy || !configured}>
            {busy ? s.testSending : s.testSend}
          </button>
        </div>
      </form>
      {result ? (
        <div
          className={`alert ${result.ok ? 'alert-success' : 'alert-danger'} email-test-result`}
          role={result.ok ? 'status' : 'alert'}
        >
          <p className="email-test-result-title">{result.ok ? s.testOk : s.testFailed}</p>
          <p>{result.message}</p>
        </div>
      ) : null}
    </section>
  );
}
