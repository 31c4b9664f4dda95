import { useCallback, useEffect, useMemo, useRef } from 'react';
import { api, errorMessage } from '../api/client';
import type { TicketSummary } from '../api/types';
import { announce } from '../components/announcer';
import { usePageTitle } from '../components/use-page-title';
import { navigate, paths, useLocation } from '../routing/router';
import { t } from '../strings';
import { TicketFilterBar } from './ticket-filter-bar';
import { filtersFromSearch, filtersToSearch, isFiltered, type TicketFilters } from './ticket-filters';
import { TicketTable } from './ticket-table';
import { useTicketList } from './use-ticket-list';

export function TicketListScreen() {
  usePageTitle(t.tickets.title);
  const { search } = useLocation();
  const searchKey = search.toString();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the query string is the filters' identity.
  const filters = useMemo(() => filtersFromSearch(search), [searchKey]);
  const list = useTicketList(filters);

  const onChange = useCallback(
    (next: TicketFilters) => navigate(paths.tickets(filtersToSearch(next).toString()), { replace: true }),
    [],
  );

  const togglePin = useCallback(
    async (ticket: TicketSummary) => {
      const pinned = !ticket.pinned;
      try {
        list.replace(await api.put<TicketSummary>(`/api/v1/tickets/${ticket.id}/pin`, { pinned }));
        announce(pinned ? t.ticket.pinnedNotice : t.ticket.unpinnedNotice);
      } catch (caught) {
        announce(errorMessage(caught));
      }
    },
    [list.replace],
  );

  const statuses = useMemo(() => distinct(list.tickets.map((ticket) => ticket.status)), [list.tickets]);
  const sources = useMemo(() => distinct(list.tickets.map((ticket) => ticket.source)), [list.tickets]);

  return (
    <div className="page page-tickets">
      <div className="page-header">
        <h1>{t.tickets.title}</h1>
        <p className="muted" aria-live="off">
          {list.loading ? t.loading : t.tickets.count(list.tickets.length)}
        </p>
      </div>
      <TicketFilterBar filters={filters} onChange={onChange} statuses={statuses} sources={sources} />
      {list.error ? (
        <div className="alert alert-danger" role="alert">
          {list.error}{' '}
          <button type="button" className="button button-link" onClick={list.reload}>
            {t.retry}
          </button>
        </div>
      ) : null}
      <div className="table-wrap" aria-busy={list.loading}>
        <TicketTable tickets={list.tickets} flashed={list.flashed} onTogglePin={(ticket) => void togglePin(ticket)} />
        {!list.loading && list.tickets.length === 0 ? (
          <p className="empty">{isFiltered(filters) ? t.tickets.emptyFiltered : t.tickets.empty}</p>
        ) : null}
      </div>
      <LoadMore hasMore={list.nextCursor !== null} loading={list.loadingMore} onLoad={list.loadMore} />
    </div>
  );
}

/** "Carregar mais" for keyboards, and the same loading on its own when the button scrolls into view. */
function LoadMore({ hasMore, loading, onLoad }: { hasMore: boolean; loading: boolean; onLoad(): void }) {
  const ref = useRef<HTMLDivElement>(null);
  const onLoadRef = useRef(onLoad);
  onLoadRef.current = onLoad;
  useEffect(() => {
    const element = ref.current;
    if (!element || !hasMore) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) onLoadRef.current();
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [hasMore]);
  return (
    <div className="load-more" ref={ref}>
      {hasMore ? (
        <button type="button" className="button button-secondary" onClick={onLoad} disabled={loading}>
          {loading ? t.tickets.loadingMore : t.tickets.loadMore}
        </button>
      ) : null}
    </div>
  );
}

function distinct(values: (string | null)[]): string[] {
  return [...new Set(values.filter((value): value is string => Boolean(value)))].sort((a, b) => a.localeCompare(b));
}
