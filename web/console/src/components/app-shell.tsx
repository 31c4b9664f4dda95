import type { ReactNode } from 'react';
import { useLiveStatus } from '../api/live-events';
import { Link } from '../routing/link';
import { paths } from '../routing/router';
import { useSession, useUser } from '../session/session-context';
import { t } from '../strings';
import { Icon } from './icon';

/** The frame of every signed-in screen: who and where, the destinations the role may visit, live status, sign-out. */
type Destination = 'tickets' | 'reports' | 'settings' | 'users' | 'account';

export function AppShell({ current, children }: { current: Destination | 'other'; children: ReactNode }) {
  const user = useUser();
  const { signOut } = useSession();
  return (
    <>
      <a className="skip-link" href="#conteudo">
        {t.skipToContent}
      </a>
      <header className="topbar">
        <div className="brand">
          <span className="brand-name">{t.appName}</span>
          <span className="brand-workspace" title={`${t.nav.workspace}: ${user.workspaceSlug}`}>
            {user.workspaceName}
          </span>
        </div>
        <nav aria-label={t.nav.label} className="topnav">
          <Link href={paths.tickets()} aria-current={current === 'tickets' ? 'page' : undefined}>
            {t.nav.tickets}
          </Link>
          {user.role !== 'agent' ? (
            <>
              <Link href={paths.reports()} aria-current={current === 'reports' ? 'page' : undefined}>
                {t.nav.reports}
              </Link>
              <Link href={paths.settings()} aria-current={current === 'settings' ? 'page' : undefined}>
                {t.nav.settings}
              </Link>
            </>
          ) : null}
          {user.role === 'admin' ? (
            <Link href={paths.users()} aria-current={current === 'users' ? 'page' : undefined}>
              {t.nav.users}
            </Link>
          ) : null}
          <Link href={paths.account()} aria-current={current === 'account' ? 'page' : undefined}>
            {t.nav.account}
          </Link>
        </nav>
        <div className="topbar-end">
          <LiveIndicator />
          <span className="user-name" title={user.email}>
            <Icon name="user" size={16} />
            {user.name}
            <span className="role-tag">{t.roles[user.role]}</span>
          </span>
          <button type="button" className="button button-ghost-inverse" onClick={() => void signOut()}>
            <Icon name="signOut" size={16} />
            {t.nav.signOut}
          </button>
        </div>
      </header>
      <main id="conteudo" tabIndex={-1} className="main">
        {children}
      </main>
    </>
  );
}

function LiveIndicator() {
  const status = useLiveStatus();
  const label =
    status === 'connected' ? t.live.connected : status === 'connecting' ? t.live.connecting : t.live.reconnecting;
  return (
    <span
      className={`live live-${status}`}
      role="status"
      title={status === 'connected' ? t.live.connectedHint : t.live.reconnectingHint}
    >
      <span className="live-dot" aria-hidden="true" />
      {label}
    </span>
  );
}
