import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, api, errorMessage } from '../api/client';
import { useTicketEvents } from '../api/live-events';
import type { TicketEvent, TicketScreenData } from '../api/types';

export type TicketLoad =
  | { status: 'loading' }
  | { status: 'not-found' }
  | { status: 'error'; message: string }
  | { status: 'ready'; data: TicketScreenData };

const PENDING = new Set(['queued', 'sending', 'sent']);
const POLL_MS = 2_000;
const POLL_WINDOW_MS = 10 * 60_000;

/**
 * One ticket with its timeline and messages, fetched again when a live event names it. While a
 * recent message still waits for its provider's answer it is also polled: delivery receipts change
 * the message, and this screen should show them as they land even if the event stream is down.
 */
export function useTicket(id: number): { load: TicketLoad; refresh(): Promise<void> } {
  const [load, setLoad] = useState<TicketLoad>({ status: 'loading' });
  const latest = useRef(0);

  const refresh = useCallback(async () => {
    const mine = ++latest.current;
    try {
      const data = await api.get<TicketScreenData>(`/api/v1/tickets/${id}`);
      if (mine === latest.current) setLoad({ status: 'ready', data });
    } catch (caught) {
      if (mine !== latest.current) return;
      if (caught instanceof ApiError && (caught.status === 404 || caught.status === 400))
        setLoad({ status: 'not-found' });
      else
        setLoad((current) =>
          current.status === 'ready' ? current : { status: 'error', message: errorMessage(caught) },
        );
    }
  }, [id]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const onEvent = useCallback(
    (event: TicketEvent) => {
      if (event.ticket.id === id) void refresh();
    },
    [id, refresh],
  );
  const onReconnect = useCallback(() => void refresh(), [refresh]);
  useTicketEvents(onEvent, onReconnect);

  const waiting =
    load.status === 'ready' &&
    load.data.messages.some(
      (message) => PENDING.has(message.status) && Date.now() - Date.parse(message.createdAt) < POLL_WINDOW_MS,
    );
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => void refresh(), POLL_MS);
    return () => clearInterval(timer);
  }, [waiting, refresh]);

  return { load, refresh };
}
