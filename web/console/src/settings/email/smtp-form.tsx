import { type FormEvent, useId, useState } from 'react';
import { api } from '../../api/client';
import { announce } from '../../components/announcer';
import { ChoiceCards } from '../../components/choice-cards';
import { Field, FormError, useFormErrors } from '../../components/form-field';
import { useFocusOnRefusal } from '../../components/use-focus-on-refusal';
import { t } from '../../strings';
import { type EmailSettingsView, SECURITY_MODES, type SecurityMode, USUAL_PORTS } from './email-types';
import { PasswordField } from './password-field';

/** The fields the server names in its refusals (and the schema's, for a missing one). */
const FIELDS = ['host', 'port', 'security', 'username', 'password', 'fromAddress', 'fromName'] as const;

interface Draft {
  host: string;
  port: string;
  security: SecurityMode;
  username: string;
  password: string;
  removePassword: boolean;
  fromName: string;
  fromAddress: string;
}

const draftOf = (view: EmailSettingsView): Draft => ({
  host: view.host,
  port: String(view.port),
  security: view.security,
  username: view.username,
  password: '',
  removePassword: false,
  fromName: view.fromName,
  fromAddress: view.fromAddress,
});

/**
 * The courtesy checks: what the schema would refuse with a technical message (an empty field, a port
 * out of range) is said here in words; everything else is the server's to judge.
 */
function courtesyErrors(draft: Draft): Record<string, string> {
  const s = t.email;
  const errors: Record<string, string> = {};
  if (!draft.host.trim()) errors.host = s.required;
  const port = Number(draft.port);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) errors.port = s.portInvalid;
  if (!draft.fromName.trim()) errors.fromName = s.required;
  if (!draft.fromAddress.trim()) errors.fromAddress = s.required;
  return errors;
}

interface Props {
  stored: EmailSettingsView;
  onSaved(view: EmailSettingsView): void;
  /** Whether the form differs from what is stored (the test message uses the stored settings). */
  onDirtyChange(dirty: boolean): void;
}

/** "Servidor SMTP": host, port, security, login with its write-only password, and the sender. */
export function SmtpForm({ stored, onSaved, onDirtyChange }: Props) {
  const s = t.email;
  const id = useId();
  const errors = useFormErrors();
  const { form, refused } = useFocusOnRefusal();
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [draft, setDraft] = useState<Draft>(() => draftOf(stored));

  // A refusal's message stays next to its field until the field is changed.
  const [edited, setEdited] = useState<ReadonlySet<string>>(new Set());
  const update = (patch: Partial<Draft>) => {
    setDraft((current) => ({ ...current, ...patch }));
    const keys = Object.keys(patch).map((key) => (key === 'removePassword' ? 'password' : key));
    setEdited((current) => new Set([...current, ...keys]));
    setSaved(false);
    onDirtyChange(true);
  };
  const fieldError = (field: string) => (edited.has(field) ? undefined : (local[field] ?? errors.fieldError(field)));

  const chooseSecurity = (security: SecurityMode) => {
    // The port follows the mode while it is still the previous mode's usual one (or empty).
    const followsMode = draft.port.trim() === '' || Number(draft.port) === USUAL_PORTS[draft.security];
    update({ security, ...(followsMode ? { port: String(USUAL_PORTS[security]) } : {}) });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    errors.clear();
    setEdited(new Set());
    setSaved(false);
    const courtesy = courtesyErrors(draft);
    setLocal(courtesy);
    if (Object.keys(courtesy).length > 0) {
      refused();
      return;
    }
    setBusy(true);
    const body = {
      host: draft.host.trim(),
      port: Number(draft.port),
      security: draft.security,
      username: draft.username.trim() || null,
      // Write-only: left out keeps the saved password, null removes it.
      ...(draft.removePassword ? { password: null } : draft.password ? { password: draft.password } : {}),
      fromAddress: draft.fromAddress.trim(),
      fromName: draft.fromName.trim(),
    };
    try {
      const view = await api.put<EmailSettingsView>('/api/v1/email-settings', body);
      setDraft(draftOf(view));
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

  const usual = USUAL_PORTS[draft.security];
  return (
    <section className="card smtp-settings" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{s.smtpTitle}</h2>
      {stored.configured ? null : <p className="alert alert-warning alert-compact">{s.notConfigured}</p>}
      <form className="form-stack" ref={form} onSubmit={submit} noValidate>
        <FormError message={errors.formError} />
        <div className="smtp-fields smtp-fields-server">
          <Field label={s.host} hint={s.hostHint} error={fieldError('host')}>
            <input
              value={draft.host}
              spellCheck={false}
              autoComplete="off"
              autoCapitalize="none"
              onChange={(event) => update({ host: event.target.value })}
            />
          </Field>
          <Field label={s.port} hint={s.usualPort(usual)} error={fieldError('port')} className="smtp-field-port">
            <input
              type="number"
              inputMode="numeric"
              min={1}
              max={65535}
              step={1}
              value={draft.port}
              onChange={(event) => update({ port: event.target.value })}
            />
          </Field>
        </div>
        <ChoiceCards
          className="smtp-security"
          legend={s.security}
          options={SECURITY_MODES}
          value={draft.security}
          names={s.securityOptions}
          hints={s.securityHints}
          error={fieldError('security')}
          onChange={chooseSecurity}
        />
        <div className="smtp-fields">
          <Field label={s.username} hint={s.usernameHint} error={fieldError('username')}>
            <input
              value={draft.username}
              spellCheck={false}
              autoComplete="off"
              autoCapitalize="none"
              onChange={(event) => update({ username: event.target.value })}
            />
          </Field>
          <PasswordField
            saved={stored.hasPassword}
            value={draft.password}
            remove={draft.removePassword}
            error={fieldError('password')}
            onChange={(password) => update({ password, removePassword: false })}
            onRemoveChange={(removePassword) => update({ removePassword, password: '' })}
          />
          <Field label={s.fromName} hint={s.fromNameHint} error={fieldError('fromName')}>
            <input
              value={draft.fromName}
              autoComplete="off"
              onChange={(event) => update({ fromName: event.target.value })}
            />
          </Field>
          <Field label={s.fromAddress} hint={s.fromAddressHint} error={fieldError('fromAddress')}>
            <input
              type="email"
              value={draft.fromAddress}
              spellCheck={false}
              autoComplete="off"
              onChange={(event) => update({ fromAddress: event.target.value })}
            />
          </Field>
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t.saving : s.save}
          </button>
          {saved ? (
            <p className="email-saved" role="status">
              {s.saved}
            </p>
          ) : null}
        </div>
      </form>
    </section>
  );
}
