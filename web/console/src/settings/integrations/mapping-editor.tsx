import { type FormEvent, useState } from 'react';
import { api, errorMessage } from '../../api/client';
import { announce } from '../../components/announcer';
import { Field, FormError, useFormErrors } from '../../components/form-field';
import { t } from '../../strings';
import { EXAMPLE_MAPPING, SAMPLE_PAYLOADS, type SampleName, sampleText } from './sample-payloads';
import { type MappingTestResult, type SourceView, sourcePath } from './source-types';

/**
 * The JSONata mapping of the source's own payload: edit, "Testar" on a sample payload (nothing is
 * written), save. The server compiles it on save and refuses one that does not compile, with the
 * reason, shown next to the editor.
 */
export function MappingEditor({ source, onSaved }: { source: SourceView; onSaved(source: SourceView): void }) {
  const s = t.integrations;
  const [mapping, setMapping] = useState(source.mapping ?? '');
  const [sample, setSample] = useState(() => sampleText('osOpen'));
  const [sampleError, setSampleError] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<string | undefined>();
  const [testing, setTesting] = useState(false);
  const [result, setResult] = useState<MappingTestResult | undefined>();
  const errors = useFormErrors();
  const dirty = mapping.trim() !== (source.mapping ?? '').trim();

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setSaved(undefined);
    errors.clear();
    try {
      const next = await api.put<SourceView>(`${sourcePath(source.name)}/mapping`, { mapping: mapping.trim() || null });
      const text = next.mapping === null ? s.mappingRemoved : s.mappingSaved;
      setSaved(text);
      announce(text);
      onSaved(next);
    } catch (caught) {
      errors.report(caught, ['mapping']);
      announce(errorMessage(caught));
    } finally {
      setSaving(false);
    }
  };

  const test = async () => {
    let payload: unknown;
    try {
      payload = JSON.parse(sample);
      setSampleError(undefined);
    } catch (caught) {
      const text = s.sampleInvalid((caught as Error).message);
      setSampleError(text);
      announce(text);
      return;
    }
    setTesting(true);
    try {
      const outcome = await api.post<MappingTestResult>(`${sourcePath(source.name)}/mapping/test`, {
        mapping,
        payload,
      });
      setResult(outcome);
      announce(outcome.ok ? s.testOk : `${s.testFailed} ${outcome.error?.message ?? ''}`);
    } catch (caught) {
      setResult({ ok: false, error: { code: 'request', message: errorMessage(caught) } });
    } finally {
      setTesting(false);
    }
  };

  return (
    <section className="card" aria-labelledby="mapping-title">
      <div className="card-header">
        <h3 id="mapping-title">{s.mappingTitle}</h3>
        {dirty ? <span className="badge badge-warning">{s.mappingUnsaved}</span> : null}
      </div>
      <p className="muted">{s.mappingIntro}</p>
      <div className="mapping-grid">
        <form className="form-stack" onSubmit={save} noValidate>
          <FormError message={errors.formError} compact />
          <Field label={s.mappingLabel} hint={s.mappingHint} error={errors.fieldError('mapping')}>
            <textarea
              className="code-input mapping-input"
              rows={18}
              wrap="off"
              spellCheck={false}
              autoCapitalize="off"
              autoCorrect="off"
              value={mapping}
              onChange={(event) => {
                setMapping(event.target.value);
                setSaved(undefined);
              }}
            />
          </Field>
          {saved ? (
            <p className="alert alert-success alert-compact" role="status">
              {saved}
            </p>
          ) : null}
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={saving}>
              {saving ? t.saving : s.mappingSave}
            </button>
            <button type="button" className="button button-secondary" onClick={() => void test()} disabled={testing}>
              {testing ? t.settings.testing : s.test}
            </button>
            {mapping.trim() === '' ? (
              <button type="button" className="button button-link" onClick={() => setMapping(EXAMPLE_MAPPING)}>
                {s.mappingExample}
              </button>
            ) : null}
          </div>
        </form>
        <div className="form-stack">
          <Field label={s.sampleLabel} hint={s.sampleHint} error={sampleError}>
            <textarea
              className="code-input sample-input"
              rows={12}
              wrap="off"
              spellCheck={false}
              value={sample}
              onChange={(event) => setSample(event.target.value)}
            />
          </Field>
          <fieldset className="sample-picker">
            <legend>{s.samplePick}</legend>
            <div className="sample-buttons">
              {(Object.keys(SAMPLE_PAYLOADS) as SampleName[]).map((name) => (
                <button
                  key={name}
                  type="button"
                  className="button button-secondary button-small"
                  onClick={() => {
                    setSample(sampleText(name));
                    setSampleError(undefined);
                  }}
                >
                  {s.samples[name]}
                </button>
              ))}
            </div>
          </fieldset>
          <TestResult result={result} />
        </div>
      </div>
    </section>
  );
}

function TestResult({ result }: { result: MappingTestResult | undefined }) {
  const s = t.integrations;
  return (
    <section className="mapping-result" aria-labelledby="mapping-result-title">
      <h4 id="mapping-result-title" className="subheading">
        {s.testResult}
      </h4>
      {result === undefined ? (
        <p className="hint">{s.testPending}</p>
      ) : result.ok ? (
        <div data-test-result="ok">
          <p className="alert alert-success alert-compact">{s.testOk}</p>
          <pre className="code-block">
            <code>{JSON.stringify(result.record, null, 2)}</code>
          </pre>
        </div>
      ) : (
        <div className="alert alert-danger alert-compact" data-test-result="error">
          <p>
            <strong>{s.testFailed}</strong> {result.error?.message}
          </p>
          {result.error?.field ? <p>{s.testField(result.error.field)}</p> : null}
        </div>
      )}
    </section>
  );
}
