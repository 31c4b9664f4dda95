import { useCallback } from 'react';
import { useApiResource } from '../api/use-api-resource';
import { LoadError, Loading } from '../components/load-state';
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
  const { data, error, reload, setData } = useApiResource<{ users: UserView[] }>('/api/v1/users');
  const users = data?.users;

  const replace = useCallback(
    (next: UserView) =>
      setData((current) => current && { users: current.users.map((user) => (user.id === next.id ? next : user)) }),
    [setData],
  );
  const add = useCallback(
    (created: UserView) =>
      setData((current) => ({
        users: [...(current?.users ?? []), created].sort((a, b) => a.name.localeCompare(b.name, 'pt-BR')),
      })),
    [setData],
  );

  return (
    <div className="page users-page">
      <div className="page-header">
        <h1>{s.title}</h1>
        {users ? <p className="muted">{s.count(users.length)}</p> : null}
      </div>
      <p className="muted users-intro">{s.intro}</p>
      <LoadError lead={s.loadError} error={error} onRetry={() => void reload()} />
      <div className="users-layout">
        <section className="card users-list" aria-labelledby="users-list-title">
          <h2 id="users-list-title">{s.listTitle}</h2>
          {users === undefined ? error ? null : <Loading announced /> : <UserTable users={users} onChanged={replace} />}
        </section>
        <div className="users-forms">
          <CreateUserForm onCreated={add} />
          <InviteForm />
        </div>
      </div>
    </div>
  );
}
