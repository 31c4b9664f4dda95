import { useSyncExternalStore } from 'react';

/**
 * A router of a few lines over the History API: the console has a dozen screens, and a library
 * would weigh more than they do. Paths are under /app/ (the server answers index.html there).
 */
export const BASE = '/app';

const listeners = new Set<() => void>();
const notify = () => {
  for (const listener of listeners) listener();
};
window.addEventListener('popstate', notify);

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const snapshot = () => window.location.pathname + window.location.search;

/** The current location (path and query), re-rendering on every navigation. */
export function useLocation(): { path: string; search: URLSearchParams } {
  const href = useSyncExternalStore(subscribe, snapshot);
  const url = new URL(href, window.location.origin);
  return { path: url.pathname, search: url.searchParams };
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === snapshot()) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  notify();
}

export type Route =
  | { name: 'sign-in' }
  | { name: 'tickets' }
  | { name: 'ticket'; id: number }
  | { name: 'account' }
  | { name: 'settings'; section: SettingsSection }
  | { name: 'users' }
  | { name: 'invite'; token: string }
  | { name: 'reports' }
  | { name: 'home' }
  | { name: 'not-found' };

/** Configurações: the screens where a supervisor sets the flow up (the seed's menu names). */
export const SETTINGS_SECTIONS = {
  procedures: 'procedimentos',
  templates: 'modelos',
  integrations: 'integracoes',
  whatsapp: 'whatsapp',
  email: 'email',
} as const;
export type SettingsSection = keyof typeof SETTINGS_SECTIONS;

export function matchRoute(path: string): Route {
  const local = path.startsWith(BASE) ? path.slice(BASE.length) : path;
  const clean = local.replace(/\/+$/, '');
  if (clean === '') return { name: 'home' };
  if (clean === '/entrar') return { name: 'sign-in' };
  if (clean === '/chamados') return { name: 'tickets' };
  if (clean === '/conta') return { name: 'account' };
  if (clean === '/usuarios') return { name: 'users' };
  if (clean === '/relatorios') return { name: 'reports' };
  if (clean === '/configuracoes') return { name: 'settings', section: 'procedures' };
  for (const [section, slug] of Object.entries(SETTINGS_SECTIONS)) {
    if (clean === `/configuracoes/${slug}`) return { name: 'settings', section: section as SettingsSection };
  }
  const invite = /^\/convite\/([A-Za-z0-9_-]{1,64})$/.exec(clean);
  if (invite) return { name: 'invite', token: invite[1]! };
  const ticket = /^\/chamados\/(\d{1,15})$/.exec(clean);
  if (ticket) return { name: 'ticket', id: Number(ticket[1]) };
  return { name: 'not-found' };
}

export const paths = {
  signIn: (next?: string) => `${BASE}/entrar${next ? `?next=${encodeURIComponent(next)}` : ''}`,
  tickets: (query = '') => `${BASE}/chamados${query ? `?${query}` : ''}`,
  ticket: (id: number) => `${BASE}/chamados/${id}`,
  account: () => `${BASE}/conta`,
  settings: (section: SettingsSection = 'procedures') => `${BASE}/configuracoes/${SETTINGS_SECTIONS[section]}`,
  users: () => `${BASE}/usuarios`,
  reports: (query = '') => `${BASE}/relatorios${query ? `?${query}` : ''}`,
};
