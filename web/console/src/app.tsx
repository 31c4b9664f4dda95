import { lazy, type ReactNode, Suspense, useEffect, useRef } from 'react';
import { AccountScreen } from './account/account-screen';
import { Announcer } from './components/announcer';
import { AppShell } from './components/app-shell';
import { ForbiddenScreen } from './components/forbidden-screen';
import { NotFoundScreen } from './components/not-found-screen';
import { matchRoute, navigate, paths, useLocation } from './routing/router';
import { useSession } from './session/session-context';
import { SignInScreen } from './sign-in/sign-in-screen';
import { t } from './strings';
import { TicketScreen } from './ticket/ticket-screen';
import { TicketListScreen } from './tickets/ticket-list-screen';
import { InviteAcceptScreen } from './users/invite-accept-screen';

// The supervisor's screens are loaded when first opened: agents, most of the console's users,
// never download them (nor Relatórios' charting library).
const SettingsScreen = lazy(() => import('./settings/settings-screen').then((m) => ({ default: m.SettingsScreen })));
const ReportsScreen = lazy(() => import('./reports/reports-screen').then((m) => ({ default: m.ReportsScreen })));
const UsersScreen = lazy(() => import('./users/users-screen').then((m) => ({ default: m.UsersScreen })));

/** Chooses the screen from the URL, behind the sign-in gate. */
export function App() {
  const { session } = useSession();
  const { path, search } = useLocation();
  const route = matchRoute(path);
  const previousPath = useRef(path);

  // After a navigation, focus goes to the main region so keyboard and screen-reader users start at
  // the new content rather than at the link they just followed.
  useEffect(() => {
    if (previousPath.current === path) return;
    previousPath.current = path;
    document.getElementById('conteudo')?.focus();
  }, [path]);

  const signedIn = session.status === 'signed-in';
  useEffect(() => {
    if (session.status === 'loading') return;
    // An invite link is opened before any sign-in (and possibly while someone else is signed in).
    if (route.name === 'invite') return;
    if (!signedIn && route.name !== 'sign-in') {
      // After an expired session, come back to the same screen; after "Sair", start afresh.
      const here = window.location.pathname + window.location.search;
      const comeBack = route.name !== 'home' && !(session.status === 'signed-out' && session.reason === 'signed-out');
      navigate(paths.signIn(comeBack ? here : undefined), { replace: true });
    } else if (signedIn && (route.name === 'sign-in' || route.name === 'home')) {
      const next = search.get('next');
      navigate(next?.startsWith('/app/') ? next : paths.tickets(), { replace: true });
    }
  }, [session, signedIn, route.name, search]);

  let screen: ReactNode;
  if (route.name === 'invite') {
    screen = (
      <main id="conteudo" tabIndex={-1} className="main">
        <InviteAcceptScreen token={route.token} />
      </main>
    );
  } else if (session.status === 'loading') {
    screen = (
      <p className="page-loading" role="status">
        {t.loading}
      </p>
    );
  } else if (!signedIn) {
    screen = route.name === 'sign-in' ? <SignInScreen reason={session.reason} /> : null;
  } else if (route.name === 'tickets') {
    screen = (
      <AppShell current="tickets">
        <TicketListScreen />
      </AppShell>
    );
  } else if (route.name === 'ticket') {
    screen = (
      <AppShell current="other">
        <TicketScreen key={route.id} id={route.id} />
      </AppShell>
    );
  } else if (route.name === 'account') {
    screen = (
      <AppShell current="account">
        <AccountScreen />
      </AppShell>
    );
  } else if (route.name === 'settings' || route.name === 'reports' || route.name === 'users') {
    // The server refuses these calls to the wrong role anyway; the console says so instead of failing.
    const allowed = route.name === 'users' ? session.user.role === 'admin' : session.user.role !== 'agent';
    screen = (
      <AppShell current={route.name}>
        {!allowed ? (
          <ForbiddenScreen />
        ) : (
          <Suspense
            fallback={
              <p className="page-loading" role="status">
                {t.loading}
              </p>
            }
          >
            {route.name === 'settings' ? (
              <SettingsScreen section={route.section} />
            ) : route.name === 'reports' ? (
              <ReportsScreen />
            ) : (
              <UsersScreen />
            )}
          </Suspense>
        )}
      </AppShell>
    );
  } else if (route.name === 'not-found') {
    screen = (
      <AppShell current="other">
        <NotFoundScreen />
      </AppShell>
    );
  } else {
    screen = null;
  }
  return (
    <>
      {screen}
      <Announcer />
    </>
  );
}
