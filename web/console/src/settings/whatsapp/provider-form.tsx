import { type FormEvent, useId, useState } from 'react';
import { api } from '../../api/client';
import { announce } from '../../components/announcer';
import { ChoiceCards } from '../../components/choice-cards';
import { Field, FormError, useFormErrors } from '../../components/form-field';
import { useFocusOnRefusal } from '../../components/use-focus-on-refusal';
import { t } from '../../strings';
import {
  DEFAULT_API_VERSION,
  META_GRAPH_BASE_URL,
  PROVIDER_KINDS,
  type ProviderKind,
  type ProviderView,
} from './provider-types';
import { SecretInput } from './secret-input';

const FIELDS = [
  'kind',
  'baseUrl',
  'apiVersion',
  'phoneNumberId',
  'wabaId',
  'accessToken',
  'appSecret',
  'rateLimitPerSecond',
] as const;

interface Draft {
  kind: ProviderKind;
  baseUrl: string;
  apiVersion: string;
  phoneNumberId: string;
  wabaId: string;
  accessToken: string;
  appSecret: string;
  rateLimit: string;
}

/** The form's values for `kind`: the stored ones when it is the stored kind, a blank account otherwise. */
function draftFor(kind: ProviderKind, stored: ProviderView, rateLimit: string): Draft {
  const same = stored.kind === kind;
  return {
    kind,
    baseUrl: same ? stored.baseUrl : kind === 'cloud' ? META_GRAPH_BASE_URL : '',
    apiVersion: same && stored.apiVersion ? stored.apiVersion : DEFAULT_API_VERSION,
    phoneNumberId: same ? stored.phoneNumberId : '',
    wabaId: same ? stored.wabaId : '',
    accessToken: '',
    appSecret: '',
    rateLimit,
  };
}

interface Props {
  stored: ProviderView;
  onSaved(view: ProviderView): void;
  /** Whether the form differs from what is stored (the connection test uses the stored values). */
  onDirtyChange(dirty: boolean): void;
}

/** The provider, its fields (per provider), its write-only secrets and the rate limit. */
export function ProviderForm({ stored, onSaved, onDirtyChange }: Props) {
  const s = t.whatsapp;
  const id = useId();
  const errors = useFormErrors();
  const { form, refused } = useFocusOnRefusal();
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [rateError, setRateError] = useState<string | undefined>();
  const [draft, setDraft] = useState<Draft>(() =>
    draftFor(stored.kind ?? 'plinx', stored, String(stored.rateLimitPerSecond)),
  );
  const update = (next: Draft) => {
    setDraft(next);
    setSaved(false);
    onDirtyChange(true);
  };
  const set = (key: keyof Draft, value: string) => update({ ...draft, [key]: value });
  // Secrets are kept only while the kind stays the same (switching starts a new account).
  const sameKind = stored.kind === draft.kind;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    errors.clear();
    setSaved(false);
    const rate = Number(draft.rateLimit);
    // A courtesy: the server checks the same, but its message names the JSON field.
    if (draft.rateLimit.trim() === '' || !Number.isInteger(rate) || rate < 1 || rate > 10_000) {
      setRateError(s.rateLimitInvalid);
      return;
    }
    setRateError(undefined);
    setBusy(true);
    const body =
      draft.kind === 'simulator'
        ? { kind: draft.kind, rateLimitPerSecond: rate }
        : {
            kind: draft.kind,
            baseUrl: draft.baseUrl.trim(),
            apiVersion: draft.apiVersion.trim(),
            phoneNumberId: draft.phoneNumberId.trim(),
            wabaId: draft.wabaId.trim(),
            // Blank secrets are left out: the server keeps the stored ones.
            ...(draft.accessToken ? { accessToken: draft.accessToken } : {}),
            ...(draft.appSecret ? { appSecret: draft.appSecret } : {}),
            rateLimitPerSecond: rate,
          };
    try {
      const view = await api.put<ProviderView>('/api/v1/whatsapp-provider', body);
      setDraft(draftFor(view.kind ?? draft.kind, view, String(view.rateLimitPerSecond)));
      setSaved(true);
      onDirtyChange(false);
      announce(s.saved);
      onSaved(view);
    } catch (caught) {
      errors.report(caught, FIELDS);
      refused();
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card whatsapp-provider" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{s.providerTitle}</h2>
      {stored.kind === null ? <p className="alert alert-warning">{s.notConfigured}</p> : null}
      <form className="form-stack" ref={form} onSubmit={submit} noValidate>
        <FormError message={errors.formError} />
        <ChoiceCards
          className="provider-kinds"
          legend={s.providerLegend}
          options={PROVIDER_KINDS}
          value={draft.kind}
          names={s.kinds}
          hints={s.kindHints}
          error={errors.fieldError('kind')}
          onChange={(kind) => update(draftFor(kind, stored, draft.rateLimit))}
        />

        {draft.kind === 'simulator' ? (
          <p className="alert alert-info simulator-note">
            {s.simulatorNote}{' '}
            <a href="/simulator/" target="_blank" rel="noreferrer">
              {s.simulatorLink}
            </a>
          </p>
        ) : (
          <div className="provider-fields">
            <Field
              label={s.baseUrl}
              hint={s.baseUrlHint[draft.kind]}
              error={errors.fieldError('baseUrl')}
              className="provider-field-wide"
            >
              <input
                type="url"
                inputMode="url"
                spellCheck={false}
                value={draft.baseUrl}
                onChange={(event) => set('baseUrl', event.target.value)}
              />
            </Field>
            <Field
              label={s.apiVersion}
              hint={s.apiVersionHint}
              error={errors.fieldError('apiVersion')}
              className="provider-field-wide api-version-field"
            >
              <input
                spellCheck={false}
                value={draft.apiVersion}
                onChange={(event) => set('apiVersion', event.target.value)}
              />
            </Field>
            <Field label={s.phoneNumberId} error={errors.fieldError('phoneNumberId')}>
              <input
                spellCheck={false}
                autoComplete="off"
                value={draft.phoneNumberId}
                onChange={(event) => set('phoneNumberId', event.target.value)}
              />
            </Field>
            <Field label={s.wabaId} error={errors.fieldError('wabaId')}>
              <input
                spellCheck={false}
                autoComplete="off"
                value={draft.wabaId}
                onChange={(event) => set('wabaId', event.target.value)}
              />
            </Field>
            <SecretInput
              className="provider-field-wide"
              label={s.accessToken}
              isSet={sameKind && stored.hasAccessToken}
              value={draft.accessToken}
              error={errors.fieldError('accessToken')}
              onChange={(value) => set('accessToken', value)}
            />
            <SecretInput
              className="provider-field-wide"
              label={s.appSecret}
              isSet={sameKind && stored.hasAppSecret}
              value={draft.appSecret}
              error={errors.fieldError('appSecret')}
              extraHint={s.appSecretHint}
              onChange={(value) => set('appSecret', value)}
            />
          </div>
        )}

        <Field
          label={s.rateLimit}
          hint={s.rateLimitHint}
          error={rateError ?? errors.fieldError('rateLimitPerSecond')}
          className="rate-limit-field"
        >
          <input
            type="number"
            inputMode="numeric"
            min={1}
            max={10000}
            step={1}
            value={draft.rateLimit}
            onChange={(event) => set('rateLimit', event.target.value)}
          />
        </Field>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t.saving : s.save}
          </button>
          {saved ? (
            <p className="whatsapp-saved" role="status">
              {s.saved}
            </p>
          ) : null}
        </div>
      </form>
    </section>
  );
}
