import { useCallback, useEffect, useRef, useState } from 'react';
import { api, errorMessage } from '../api/client';
import { useTicketEvents } from '../api/live-events';
import type { TicketEvent, TicketPage, TicketSummary } from '../api/types';
import { announce } from '../components/announcer';
import { t } from '../strings';
import { apiQuery, compareTickets, matchesFilters, type TicketFilters } from './ticket-filters';

const PAGE_SIZE = 50;

export interface TicketList {
  tickets: TicketSummary[];
  nextCursor: string | null;
  loading: boolean;
  loadingMore: boolean;
  error: string | undefined;
  /** Ids changed by a live event a moment ago, to highlight them. */
  flashed: ReadonlySet<number>;
  loadMore(): void;
  reload(): void;
  replace(ticket: TicketSummary): void;
}

/**
 * The list for the current filters: the first page on every filter change, more pages by cursor,
 * and live events merged in place (updated rows change where they are; new rows that match are
 * inserted in order). Responses of an older filter set are dropped by generation number.
 */
export function useTicketList(filters: TicketFilters): TicketList {
  const [tickets, setTickets] = useState<TicketSummary[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [flashed, setFlashed] = useState<ReadonlySet<number>>(new Set());
  const generation = useRef(0);
  const filtersRef = useRef(filters);
  filtersRef.current = filters;
  const key = apiQuery(filters, null, PAGE_SIZE);

  const fetchFirstPage = useCallback(async (merge: boolean) => {
    const mine = ++generation.current;
    if (!merge) setLoading(true);
    try {
      const page = await api.get<TicketPage>(`/api/v1/tickets?${apiQuery(filtersRef.current, null, PAGE_SIZE)}`);
      if (mine !== generation.current) return;
      setError(undefined);
      if (merge) {
        // Catching up after a reconnection or a server-side match: keep the pages already read.
        setTickets((current) => {
          const fresh = new Map(page.tickets.map((ticket) => [ticket.id, ticket]));
          const kept = current.filter((ticket) => !fresh.has(ticket.id));
          return [...page.tickets, ...kept].sort(compareTickets(filtersRef.current.sort));
        });
      } else {
        setTickets(page.tickets);
        setNextCursor(page.nextCursor);
      }
    } catch (caught) {
      if (mine === generation.current) setError(errorMessage(caught));
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` is the filters as the API sees them.
  useEffect(() => {
    void fetchFirstPage(false);
  }, [key, fetchFirstPage]);

  const loadMore = useCallback(async () => {
    if (!nextCursor || loadingMore) return;
    const mine = generation.current;
    setLoadingMore(true);
    try {
      const page = await api.get<TicketPage>(`/api/v1/tickets?${apiQuery(filtersRef.current, nextCursor, PAGE_SIZE)}`);
      if (mine !== generation.current) return;
      setTickets((current) => {
        const seen = new Set(current.map((ticket) => ticket.id));
        return [...current, ...page.tickets.filter((ticket) => !seen.has(ticket.id))];
      });
      setNextCursor(page.nextCursor);
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setLoadingMore(false);
    }
  }, [nextCursor, loadingMore]);

  const flash = useCallback((id: number) => {
    setFlashed((current) => new Set(current).add(id));
    setTimeout(
      () =>
        setFlashed((current) => {
          const next = new Set(current);
          next.delete(id);
          return next;
        }),
      4_000,
    );
  }, []);

  const onEvent = useCallback(
    (event: TicketEvent) => {
      const current = filtersRef.current;
      const match = matchesFilters(event.ticket, current);
      if (match === undefined) {
        void fetchFirstPage(true);
      } else {
        setTickets((list) => {
          const index = list.findIndex((ticket) => ticket.id === event.ticket.id);
          if (index >= 0) {
            const next = [...list];
            next[index] = event.ticket;
            return next.sort(compareTickets(current.sort));
          }
          return match ? [...list, event.ticket].sort(compareTickets(current.sort)) : list;
        });
      }
      if (match !== false) {
        flash(event.ticket.id);
        announce(
          event.kind === 'created'
            ? t.tickets.newTicket(event.ticket.protocol)
            : t.tickets.updatedTicket(event.ticket.protocol),
        );
      }
    },
    [fetchFirstPage, flash],
  );
  const onReconnect = useCallback(() => void fetchFirstPage(true), [fetchFirstPage]);
  useTicketEvents(onEvent, onReconnect);

  const replace = useCallback((ticket: TicketSummary) => {
    setTickets((list) =>
      list.map((item) => (item.id === ticket.id ? ticket : item)).sort(compareTickets(filtersRef.current.sort)),
    );
  }, []);

  return {
    tickets,
    nextCursor,
    loading,
    loadingMore,
    error,
    flashed,
    loadMore: () => void loadMore(),
    reload: () => void fetchFirstPage(false),
    replace,
  };
}
