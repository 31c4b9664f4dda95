import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { api, onSessionLost, setCsrfToken } from '../api/client';
import { liveEvents } from '../api/live-events';
import type { SessionUser } from '../api/types';

export type SessionState =
  | { status: 'loading' }
  | { status: 'signed-out'; reason?: 'expired' | 'signed-out' }
  | { status: 'signed-in'; user: SessionUser };

interface SessionApi {
  session: SessionState;
  signIn(input: { email: string; password: string; workspace?: string }): Promise<void>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionApi | undefined>(undefined);

/**
 * Who is signed in. The session itself is an HttpOnly cookie the page cannot read; on load,
 * GET /auth/me says whether it is still valid and hands back the CSRF token for this session.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<SessionState>({ status: 'loading' });

  const enter = useCallback((user: SessionUser) => {
    setCsrfToken(user.csrfToken);
    liveEvents.start();
    setSession({ status: 'signed-in', user });
  }, []);

  const leave = useCallback((reason: 'expired' | 'signed-out') => {
    setCsrfToken(undefined);
    liveEvents.stop();
    setSession({ status: 'signed-out', reason });
  }, []);

  useEffect(() => {
    onSessionLost(() => leave('expired'));
    liveEvents.onSignedOut = () => leave('expired');
    api
      .get<SessionUser>('/api/v1/auth/me')
      .then(enter)
      // Not signed in (401) or the server unreachable: either way the sign-in screen is next.
      .catch(() => setSession({ status: 'signed-out' }));
  }, [enter, leave]);

  const value = useMemo<SessionApi>(
    () => ({
      session,
      async signIn(input) {
        enter(await api.post<SessionUser>('/api/v1/auth/login', input));
      },
      async signOut() {
        try {
          await api.post('/api/v1/auth/logout');
        } finally {
          leave('signed-out');
        }
      },
    }),
    [session, enter, leave],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionApi {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in user; only for screens rendered behind the sign-in gate. */
export function useUser(): SessionUser {
  const { session } = useSession();
  if (session.status !== 'signed-in') throw new Error('useUser without a signed-in session');
  return session.user;
}
