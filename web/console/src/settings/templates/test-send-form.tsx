import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { api } from '../../api/client';
import { announce } from '../../components/announcer';
import { Field, FormError, useFormErrors } from '../../components/form-field';
import { useFocusOnRefusal } from '../../components/use-focus-on-refusal';
import { t } from '../../strings';
import { buttonPrefix, type TemplateView, type TestSendOutcome, type TestSendSamples } from './template-types';

interface Props {
  /** Approved templates only: the provider refuses the others. */
  templates: TemplateView[];
  selectedId: number | undefined;
  onSelect(id: number | undefined): void;
  /** Bumped when a row's "Envio de teste" asks for the form: the phone field takes the focus. */
  focusRequest: number;
}

/** A template to one typed mobile through the workspace's provider, and what the provider answered. */
export function TestSendForm({ templates, selectedId, onSelect, focusRequest }: Props) {
  const s = t.templates.testSend;
  const id = useId();
  const errors = useFormErrors();
  const { form, refused } = useFocusOnRefusal();
  const phoneInput = useRef<HTMLInputElement>(null);
  const [phone, setPhone] = useState('');
  const [values, setValues] = useState<Record<string, string>>({});
  const [buttonSuffix, setButtonSuffix] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<TestSendOutcome | undefined>();
  const template = templates.find((candidate) => candidate.id === selectedId);

  // A new template: its sample values (the variables its task binds, or examples) fill the inputs.
  useEffect(() => {
    setOutcome(undefined);
    setValues({});
    setButtonSuffix('');
    if (selectedId === undefined) return;
    let current = true;
    api
      .get<TestSendSamples>(`/api/v1/templates/${selectedId}/test-send`)
      .then((samples) => {
        if (!current) return;
        setValues(samples.values);
        setButtonSuffix(samples.buttonSuffix ?? '');
      })
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [selectedId]);

  useEffect(() => {
    if (focusRequest > 0) phoneInput.current?.focus();
  }, [focusRequest]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    errors.clear();
    setOutcome(undefined);
    if (!template) return;
    setBusy(true);
    try {
      const result = await api.post<TestSendOutcome>(`/api/v1/templates/${template.id}/test-send`, {
        phone: phone.trim(),
        values,
        ...(template.buttonUrl ? { buttonSuffix } : {}),
      });
      setOutcome(result);
      announce(result.ok ? s.accepted : `${s.refused} ${result.message ?? ''}`);
    } catch (caught) {
      errors.report(caught, ['phone', 'templateId', 'buttonSuffix', ...Object.keys(values).map((p) => `values.${p}`)]);
      refused();
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card test-send" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{s.title}</h2>
      <p className="muted test-send-intro">{s.intro}</p>
      {templates.length === 0 ? (
        <p className="alert alert-info">{s.noApproved}</p>
      ) : (
        <form className="form-stack" ref={form} onSubmit={submit} noValidate>
          <FormError message={errors.formError} />
          <div className="test-send-row">
            <Field label={s.template} hint={s.templateHint} error={errors.fieldError('templateId')}>
              <select
                value={selectedId ?? ''}
                onChange={(event) => onSelect(event.target.value ? Number(event.target.value) : undefined)}
              >
                <option value="">{s.chooseTemplate}</option>
                {templates.map((candidate) => (
                  <option key={candidate.id} value={candidate.id}>
                    {candidate.name} ({candidate.language})
                  </option>
                ))}
              </select>
            </Field>
            <Field label={s.phone} hint={s.phoneHint} error={errors.fieldError('phone')}>
              <input
                ref={phoneInput}
                type="tel"
                inputMode="tel"
                autoComplete="off"
                value={phone}
                onChange={(event) => setPhone(event.target.value)}
              />
            </Field>
          </div>
          {template && template.placeholders.length > 0 ? (
            <fieldset className="test-send-values">
              <legend>{s.values}</legend>
              <p className="hint">{s.valuesHint}</p>
              <div className="test-send-value-grid">
                {template.placeholders.map((placeholder) => (
                  <Field
                    key={placeholder}
                    label={s.value(placeholder)}
                    error={errors.fieldError(`values.${placeholder}`)}
                  >
                    <input
                      value={values[placeholder] ?? ''}
                      maxLength={200}
                      onChange={(event) => setValues((current) => ({ ...current, [placeholder]: event.target.value }))}
                    />
                  </Field>
                ))}
              </div>
            </fieldset>
          ) : null}
          {template?.buttonUrl ? (
            <Field
              label={s.buttonSuffix}
              hint={s.buttonSuffixHint(buttonPrefix(template.buttonUrl))}
              error={errors.fieldError('buttonSuffix')}
            >
              <input
                value={buttonSuffix}
                spellCheck={false}
                maxLength={500}
                onChange={(event) => setButtonSuffix(event.target.value)}
              />
            </Field>
          ) : null}
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={busy || !template}>
              {busy ? s.sending : s.send}
            </button>
          </div>
        </form>
      )}
      {outcome ? <TestSendResult outcome={outcome} /> : null}
    </section>
  );
}

function TestSendResult({ outcome }: { outcome: TestSendOutcome }) {
  const s = t.templates.testSend;
  return (
    <div
      className={`alert ${outcome.ok ? 'alert-success' : 'alert-danger'} test-send-result`}
      role={outcome.ok ? 'status' : 'alert'}
    >
      <p className="test-send-result-title">{outcome.ok ? s.accepted : s.refused}</p>
      <p>{outcome.ok ? s.acceptedDetail(outcome.to, outcome.providerMessageId ?? '') : outcome.message}</p>
      <dl className="test-send-sent">
        <dt>{s.sentText}</dt>
        <dd>{outcome.text}</dd>
        {outcome.buttonUrl ? (
          <>
            <dt>{s.sentButton}</dt>
            <dd>{outcome.buttonUrl}</dd>
          </>
        ) : null}
      </dl>
    </div>
  );
}
