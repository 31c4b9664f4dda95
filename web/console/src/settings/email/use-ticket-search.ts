import { useEffect, useState } from 'react';
import { api, errorMessage } from '../../api/client';
import type { TicketOption } from './email-types';

const SEARCH_DELAY_MS = 300;

/**
 * The latest tickets, or those matching what the supervisor typed (protocol, code, process number,
 * customer), for the preview; the first one is chosen until the supervisor picks another.
 */
export function useTicketSearch() {
  const [query, setQuery] = useState('');
  const [list, setList] = useState<TicketOption[]>([]);
  const [selected, setSelected] = useState<number | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    let cancelled = false;
    const q = query.trim();
    const timer = setTimeout(
      async () => {
        try {
          const page = await api.get<{ tickets: TicketOption[] }>(
            `/api/v1/tickets?limit=20${q ? `&q=${encodeURIComponent(q)}` : ''}`,
          );
          if (cancelled) return;
          setError(undefined);
          setList(page.tickets);
          setSelected((current) =>
            page.tickets.some((ticket) => ticket.id === current) ? current : page.tickets[0]?.id,
          );
        } catch (caught) {
          if (!cancelled) setError(errorMessage(caught));
        }
      },
      q ? SEARCH_DELAY_MS : 0,
    );
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [query]);
  return { query, setQuery, list, selected, setSelected, error };
}
