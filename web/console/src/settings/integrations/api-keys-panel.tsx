import { useEffect, useRef, useState } from 'react';
import { api, errorMessage } from '../../api/client';
import { announce } from '../../components/announcer';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { CopyButton } from '../../components/copy-button';
import { Icon } from '../../components/icon';
import { formatDateTime } from '../../format';
import { t } from '../../strings';
import { type SourceView, sourcePath } from './source-types';

interface Props {
  source: SourceView;
  /** A key the server just issued (with the source, or by "Criar chave"): the only time it is shown. */
  freshKey: string | undefined;
  onFreshKeySeen(): void;
  onKeysChanged(): Promise<void>;
}

/** Chaves de API: create (shown once), listed by prefix, revoked after a confirmation. */
export function ApiKeysPanel({ source, freshKey, onFreshKeySeen, onKeysChanged }: Props) {
  const s = t.integrations;
  const [issued, setIssued] = useState<string | undefined>(freshKey);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [revoking, setRevoking] = useState<{ prefix: string; busy: boolean; error?: string } | undefined>();

  useEffect(() => {
    if (freshKey) setIssued(freshKey);
  }, [freshKey]);

  const create = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const created = await api.post<{ apiKey: string; prefix: string }>(`${sourcePath(source.name)}/keys`);
      setIssued(created.apiKey);
      announce(s.keyIssued);
      await onKeysChanged();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (prefix: string) => {
    setRevoking({ prefix, busy: true });
    try {
      await api.delete(`${sourcePath(source.name)}/keys/${encodeURIComponent(prefix)}`);
      setRevoking(undefined);
      announce(s.revoked(prefix));
      await onKeysChanged();
    } catch (caught) {
      setRevoking({ prefix, busy: false, error: errorMessage(caught) });
    }
  };

  const dismiss = () => {
    setIssued(undefined);
    onFreshKeySeen();
  };

  return (
    <section className="card" aria-labelledby="keys-title">
      <div className="card-header">
        <h3 id="keys-title">{s.keysTitle}</h3>
        <button type="button" className="button button-secondary button-small" onClick={create} disabled={busy}>
          <Icon name="plus" size={16} />
          {busy ? t.settings.creating : s.newKey}
        </button>
      </div>
      <p className="muted">{s.keysIntro}</p>
      {error ? (
        <p className="alert alert-danger alert-compact" role="alert">
          {error}
        </p>
      ) : null}
      {issued ? <NewKeyNotice apiKey={issued} onDone={dismiss} /> : null}
      {source.keys.length === 0 ? (
        <p className="muted keys-empty">{s.noKeys}</p>
      ) : (
        <table className="settings-table keys-table">
          <thead>
            <tr>
              <th scope="col">{s.keyPrefix}</th>
              <th scope="col">{s.keyCreated}</th>
              <th scope="col">{s.keyLastUsed}</th>
              <th scope="col">{s.keyState}</th>
              <th scope="col">
                <span className="visually-hidden">{s.keyActions}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {source.keys.map((key) => (
              <tr key={key.prefix} data-key-prefix={key.prefix}>
                <td>
                  <code>pk_{key.prefix}_…</code>
                </td>
                <td>{formatDateTime(key.createdAt)}</td>
                <td>{key.lastUsedAt ? formatDateTime(key.lastUsedAt) : s.keyNeverUsed}</td>
                <td>
                  {key.revokedAt === null ? (
                    <span className="badge badge-success">{s.keyActive}</span>
                  ) : (
                    <span className="badge badge-neutral">{s.keyRevoked(formatDateTime(key.revokedAt))}</span>
                  )}
                </td>
                <td className="cell-actions">
                  {key.revokedAt === null ? (
                    <button
                      type="button"
                      className="button button-secondary button-small"
                      onClick={() => setRevoking({ prefix: key.prefix, busy: false })}
                    >
                      {s.revoke}
                      <span className="visually-hidden"> {s.revokeWhich(key.prefix)}</span>
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {revoking ? (
        <ConfirmDialog
          title={s.revokeTitle}
          confirmLabel={s.revokeConfirm}
          busy={revoking.busy}
          error={revoking.error}
          onConfirm={() => void revoke(revoking.prefix)}
          onCancel={() => setRevoking(undefined)}
        >
          <p>{s.revokeBody(`pk_${revoking.prefix}_…`)}</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

/** The whole key, once: selectable, copyable, with the warning that it will not be shown again. */
function NewKeyNotice({ apiKey, onDone }: { apiKey: string; onDone(): void }) {
  const s = t.integrations;
  const input = useRef<HTMLInputElement>(null);
  // The notice appears after a click elsewhere: the focus moves to the key so it is read and selectable.
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);
  return (
    <div className="new-key">
      <p className="new-key-title" id="new-key-title">
        <Icon name="alert" size={18} />
        <strong>{s.newKeyTitle}:</strong> {s.newKeyWarning}
      </p>
      <label htmlFor="new-key-value" className="visually-hidden">
        {s.newKeyLabel}
      </label>
      <div className="new-key-row">
        <input
          id="new-key-value"
          ref={input}
          className="new-key-value"
          readOnly
          value={apiKey}
          spellCheck={false}
          onFocus={(event) => event.target.select()}
        />
        <CopyButton text={apiKey} what={s.newKeyWhat} />
        <button type="button" className="button button-secondary button-small" onClick={onDone}>
          {s.newKeyDone}
        </button>
      </div>
    </div>
  );
}
