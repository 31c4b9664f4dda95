import type { TicketSummary } from '../api/types';

/** The list's filters; the URL holds them, so a filtered list survives reload, back and a shared link. */
export interface TicketFilters {
  q: string;
  state: '' | 'open' | 'closed';
  status: string;
  source: string;
  critical: boolean;
  messageFailed: boolean;
  noValidPhone: boolean;
  sort: 'updated' | 'created';
}

export const DEFAULT_FILTERS: TicketFilters = {
  q: '',
  state: '',
  status: '',
  source: '',
  critical: false,
  messageFailed: false,
  noValidPhone: false,
  sort: 'updated',
};

export function filtersFromSearch(search: URLSearchParams): TicketFilters {
  const state = search.get('state');
  return {
    q: search.get('q') ?? '',
    state: state === 'open' || state === 'closed' ? state : '',
    status: search.get('status') ?? '',
    source: search.get('source') ?? '',
    critical: search.get('critical') === 'true',
    messageFailed: search.get('messageFailed') === 'true',
    noValidPhone: search.get('noValidPhone') === 'true',
    sort: search.get('sort') === 'created' ? 'created' : 'updated',
  };
}

/** Only what differs from the defaults, so URLs stay short. */
export function filtersToSearch(filters: TicketFilters): URLSearchParams {
  const search = new URLSearchParams();
  if (filters.q.trim()) search.set('q', filters.q.trim());
  if (filters.state) search.set('state', filters.state);
  if (filters.status.trim()) search.set('status', filters.status.trim());
  if (filters.source.trim()) search.set('source', filters.source.trim());
  if (filters.critical) search.set('critical', 'true');
  if (filters.messageFailed) search.set('messageFailed', 'true');
  if (filters.noValidPhone) search.set('noValidPhone', 'true');
  if (filters.sort !== DEFAULT_FILTERS.sort) search.set('sort', filters.sort);
  return search;
}

export function isFiltered(filters: TicketFilters): boolean {
  return filtersToSearch({ ...filters, sort: DEFAULT_FILTERS.sort }).size > 0;
}

/** The API query for one page (the sort is always explicit). */
export function apiQuery(filters: TicketFilters, cursor: string | null, limit: number): string {
  const search = filtersToSearch(filters);
  search.set('sort', filters.sort);
  search.set('limit', String(limit));
  if (cursor) search.set('cursor', cursor);
  return search.toString();
}

/**
 * Whether a ticket from a live event belongs in the list as filtered. A text search (which also
 * matches phones the list does not carry) and "a message failed" (any message, not just the last)
 * are the server's to decide: those answer `undefined`, and the list asks the server again.
 */
export function matchesFilters(ticket: TicketSummary, filters: TicketFilters): boolean | undefined {
  if (filters.state && ticket.state !== filters.state) return false;
  if (filters.status.trim() && ticket.status !== filters.status.trim()) return false;
  if (filters.source.trim() && ticket.source !== filters.source.trim()) return false;
  if (filters.critical && !ticket.critical) return false;
  if (filters.noValidPhone && !ticket.phoneProblem) return false;
  if (filters.q.trim() || filters.messageFailed) return undefined;
  return true;
}

/** The server's order: pinned first, then newest by the chosen time, then by id. */
export function compareTickets(sort: TicketFilters['sort']) {
  return (a: TicketSummary, b: TicketSummary): number => {
    if (a.pinned !== b.pinned) return a.pinned ? -1 : 1;
    if (sort === 'updated') {
      const byTime = Date.parse(b.updatedAt) - Date.parse(a.updatedAt);
      if (byTime !== 0) return byTime;
    }
    return b.id - a.id;
  };
}
