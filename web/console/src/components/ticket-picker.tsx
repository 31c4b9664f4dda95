import { useEffect, useState } from 'react';
import { api, errorMessage } from '../api/client';
import { t } from '../strings';
import { Field } from './form-field';

/** A ticket as a preview's picker lists it. */
export interface TicketOption {
  id: number;
  protocol: string;
  customerName: string;
  status: string | null;
}

const SEARCH_DELAY_MS = 300;

/**
 * The latest tickets, or those matching what the supervisor typed (protocol, code, process number,
 * customer), for a preview; the first one is chosen until the supervisor picks another.
 */
export function useTicketSearch() {
  const [query, setQuery] = useState('');
  const [list, setList] = useState<TicketOption[]>([]);
  const [selected, setSelected] = useState<number | undefined>();
  const [error, setError] = useState<string | undefined>();
  /** The answer to the unfiltered search came back empty: the workspace has no ticket yet. */
  const [workspaceEmpty, setWorkspaceEmpty] = useState(false);
  const [loaded, setLoaded] = useState(false);
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
          setLoaded(true);
          if (!q) setWorkspaceEmpty(page.tickets.length === 0);
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
  return { query, setQuery, list, selected, setSelected, error, loaded, workspaceEmpty };
}

/**
 * "Buscar chamado" and the real ticket a preview is rendered for (the caller wraps them). Before the
 * workspace's first ticket there is nothing to search or choose: it says so instead.
 */
export function TicketPicker({ tickets }: { tickets: ReturnType<typeof useTicketSearch> }) {
  const s = t.settings.ticketPicker;
  const chosen = tickets.list.find((ticket) => ticket.id === tickets.selected);
  if (tickets.workspaceEmpty && !tickets.error) {
    return (
      <p className="ticket-picker-empty" data-testid="ticket-picker-empty">
        {s.workspaceEmpty}
      </p>
    );
  }
  return (
    <>
      <Field label={s.search} hint={s.searchHint}>
        <input type="search" value={tickets.query} onChange={(event) => tickets.setQuery(event.target.value)} />
      </Field>
      {tickets.loaded && tickets.list.length === 0 && !tickets.error ? (
        <p className="ticket-picker-empty" role="status">
          {s.noTickets}
        </p>
      ) : (
        <Field label={s.ticket} error={tickets.error}>
          <select
            value={tickets.selected ?? ''}
            title={chosen ? s.ticketOption(chosen.protocol, chosen.customerName, chosen.status) : undefined}
            disabled={tickets.list.length === 0}
            onChange={(event) => tickets.setSelected(Number(event.target.value) || undefined)}
          >
            {tickets.list.length === 0 ? <option value="">{tickets.loaded ? '' : s.loading}</option> : null}
            {tickets.list.map((ticket) => (
              <option key={ticket.id} value={ticket.id}>
                {s.ticketOption(ticket.protocol, ticket.customerName, ticket.status)}
              </option>
            ))}
          </select>
        </Field>
      )}
    </>
  );
}
