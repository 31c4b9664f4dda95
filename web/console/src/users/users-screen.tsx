import { useCallback, useEffect, useState } from 'react';
import { api, errorMessage } from '../api/client';
import { usePageTitle } from '../components/use-page-title';
import { t } from '../strings';
import { CreateUserForm } from './create-user-form';
import { InviteForm } from './invite-form';
import { UserTable } from './user-table';
import type { UserView } from './user-types';

/** Usuários: create, invite, change role, deactivate (administrators). */
export function UsersScreen() {
  const s = t.users;
  usePageTitle(s.title);
  const [users, setUsers] = useState<UserView[] | undefined>();
  const [error, setError] = useState<string | undefined>();

  const load = useCallback(async () => {
    try {
      setUsers((await api.get<{ users: UserView[] }>('/api/v1/users')).users);
      setError(undefined);
    } catch (caught) {
      setError(errorMessage(caught));
    }
  }, []);
  useEffect(() => void load(), [load]);

  const replace = useCallback(
    (next: UserView) => setUsers((current) => current?.map((user) => (user.id === next.id ? next : user))),
    [],
  );
  const add = useCallback(
    (created: UserView) =>
      setUsers((current) => [...(current ?? []), created].sort((a, b) => a.name.localeCompare(b.name, 'pt-BR'))),
    [],
  );

  return (
    <div className="page users-page">
      <div className="page-header">
        <h1>{s.title}</h1>
        {users ? <p className="muted">{s.count(users.length)}</p> : null}
      </div>
      <p className="muted users-intro">{s.intro}</p>
      {error ? (
        <div className="alert alert-danger" role="alert">
          {s.loadError} {error}{' '}
          <button type="button" className="button button-link" onClick={() => void load()}>
            {t.retry}
          </button>
        </div>
      ) : null}
      <div className="users-layout">
        <section className="card users-list" aria-labelledby="users-list-title">
          <h2 id="users-list-title">{s.listTitle}</h2>
          {users === undefined ? (
            error ? null : (
              <p role="status">{t.loading}</p>
            )
          ) : (
            <UserTable users={users} onChanged={replace} />
          )}
        </section>
        <div className="users-forms">
          <CreateUserForm onCreated={add} />
          <InviteForm />
        </div>
      </div>
    </div>
  );
}
