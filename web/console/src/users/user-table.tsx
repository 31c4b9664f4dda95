import { useState } from 'react';
import { api, errorMessage } from '../api/client';
import type { Role } from '../api/types';
import { announce } from '../components/announcer';
import { ConfirmDialog } from '../components/confirm-dialog';
import { useUser } from '../session/session-context';
import { t } from '../strings';
import { ROLES, type UserView } from './user-types';

/** The workspace's users: each row changes its role and (after a confirmation) deactivates or reactivates. */
export function UserTable({ users, onChanged }: { users: UserView[]; onChanged(user: UserView): void }) {
  const s = t.users;
  const me = useUser();
  const [confirming, setConfirming] = useState<{ user: UserView; busy: boolean; error?: string } | undefined>();

  const toggleActive = async (user: UserView) => {
    setConfirming({ user, busy: true });
    try {
      const next = await api.put<UserView>(`/api/v1/users/${user.id}`, { active: !user.active });
      setConfirming(undefined);
      onChanged(next);
      announce(next.active ? s.reactivated(next.name) : s.deactivated(next.name));
    } catch (caught) {
      setConfirming({ user, busy: false, error: errorMessage(caught) });
    }
  };

  return (
    <>
      <table className="settings-table users-table">
        <thead>
          <tr>
            <th scope="col">{s.name}</th>
            <th scope="col">{s.email}</th>
            <th scope="col">{s.role}</th>
            <th scope="col">{s.state}</th>
            <th scope="col">
              <span className="visually-hidden">{s.actions}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <UserRow
              key={user.id}
              user={user}
              self={user.id === me.userId}
              onChanged={onChanged}
              onToggleActive={() => setConfirming({ user, busy: false })}
            />
          ))}
        </tbody>
      </table>
      {confirming ? (
        <ConfirmDialog
          title={confirming.user.active ? s.deactivateTitle : s.reactivateTitle}
          confirmLabel={confirming.user.active ? s.deactivateConfirm : s.reactivateConfirm}
          tone={confirming.user.active ? 'danger' : 'primary'}
          busy={confirming.busy}
          error={confirming.error}
          onConfirm={() => void toggleActive(confirming.user)}
          onCancel={() => setConfirming(undefined)}
        >
          <p>
            {confirming.user.active
              ? s.deactivateBody(confirming.user.name, confirming.user.email)
              : s.reactivateBody(confirming.user.name, confirming.user.email)}
          </p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}

interface RowProps {
  user: UserView;
  self: boolean;
  onChanged(user: UserView): void;
  onToggleActive(): void;
}

function UserRow({ user, self, onChanged, onToggleActive }: RowProps) {
  const s = t.users;
  const [role, setRole] = useState<Role>(user.role);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const selectId = `user-${user.id}-role`;
  const errorId = `${selectId}-error`;
  const hintId = `${selectId}-hint`;

  const saveRole = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const next = await api.put<UserView>(`/api/v1/users/${user.id}`, { role });
      onChanged(next);
      setRole(next.role);
      announce(s.roleSaved(next.name, t.roles[next.role]));
    } catch (caught) {
      const message = errorMessage(caught);
      setError(message);
      announce(message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <tr data-user-email={user.email} className={user.active ? undefined : 'user-inactive'}>
      <td>
        <span className="user-full-name">{user.name}</span>
        {self ? <span className="muted"> ({s.you})</span> : null}
      </td>
      <td className="user-email">{user.email}</td>
      <td>
        <div className="role-control">
          <label htmlFor={selectId} className="visually-hidden">
            {s.roleOf(user.name)}
          </label>
          <select
            id={selectId}
            value={role}
            disabled={self || busy}
            aria-invalid={error ? true : undefined}
            aria-describedby={[self ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined}
            onChange={(event) => {
              setRole(event.target.value as Role);
              setError(undefined);
            }}
          >
            {ROLES.map((option) => (
              <option key={option} value={option}>
                {t.roles[option]}
              </option>
            ))}
          </select>
          {role !== user.role ? (
            <button type="button" className="button button-primary button-small" onClick={saveRole} disabled={busy}>
              {busy ? t.saving : s.saveRole}
            </button>
          ) : null}
        </div>
        {self ? (
          <p className="visually-hidden" id={hintId}>
            {s.selfHint}
          </p>
        ) : null}
        {error ? (
          <p className="field-error" id={errorId}>
            {error}
          </p>
        ) : null}
      </td>
      <td>
        <span className={`badge ${user.active ? 'badge-success' : 'badge-neutral'}`}>
          {user.active ? s.active : s.inactive}
        </span>
      </td>
      <td className="cell-actions">
        {self ? null : (
          <button type="button" className="button button-secondary button-small" onClick={onToggleActive}>
            {user.active ? s.deactivate : s.reactivate}
            <span className="visually-hidden"> {s.which(user.name)}</span>
          </button>
        )}
      </td>
    </tr>
  );
}
