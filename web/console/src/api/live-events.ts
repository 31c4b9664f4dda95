import { useEffect, useSyncExternalStore } from 'react';
import type { TicketEvent } from './types';

export type LiveStatus = 'connecting' | 'connected' | 'reconnecting';

type TicketListener = (event: TicketEvent) => void;
type ReconnectListener = () => void;

const MAX_BACKOFF_MS = 30_000;

/**
 * One EventSource on GET /api/v1/events for the whole console, shared by every screen.
 * The browser retries a dropped stream by itself, but gives up for good when the server answers
 * with an error (a restart behind a proxy, a 503 while closing): then we open a new one with
 * backoff. After any reconnection, listeners are told so they can fetch what they missed.
 */
class LiveEvents {
  private source: EventSource | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private backoffMs = 1_000;
  private everConnected = false;
  private running = false;
  private status: LiveStatus = 'connecting';
  private readonly ticketListeners = new Set<TicketListener>();
  private readonly reconnectListeners = new Set<ReconnectListener>();
  private readonly statusListeners = new Set<() => void>();
  /** Called when the stream was refused because the session ended. */
  onSignedOut: (() => void) | undefined;

  start(): void {
    this.running = true;
    if (this.source) return;
    this.open();
  }

  stop(): void {
    this.running = false;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.source?.close();
    this.source = undefined;
    this.everConnected = false;
    this.setStatus('connecting');
  }

  onTicket(listener: TicketListener): () => void {
    this.ticketListeners.add(listener);
    return () => this.ticketListeners.delete(listener);
  }

  onReconnect(listener: ReconnectListener): () => void {
    this.reconnectListeners.add(listener);
    return () => this.reconnectListeners.delete(listener);
  }

  subscribeStatus = (listener: () => void): (() => void) => {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  };

  getStatus = (): LiveStatus => this.status;

  private open(): void {
    const source = new EventSource('/api/v1/events', { withCredentials: true });
    this.source = source;
    source.addEventListener('open', () => {
      this.backoffMs = 1_000;
      this.setStatus('connected');
      if (this.everConnected) for (const listener of this.reconnectListeners) listener();
      this.everConnected = true;
    });
    source.addEventListener('ticket', (message) => {
      let event: TicketEvent;
      try {
        event = JSON.parse((message as MessageEvent<string>).data) as TicketEvent;
      } catch {
        return;
      }
      for (const listener of this.ticketListeners) listener(event);
    });
    source.addEventListener('error', () => {
      if (this.source !== source) return;
      this.setStatus('reconnecting');
      if (source.readyState !== EventSource.CLOSED) return;
      source.close();
      this.source = undefined;
      this.retryTimer = setTimeout(() => void this.retry(), this.backoffMs);
      this.backoffMs = Math.min(this.backoffMs * 2, MAX_BACKOFF_MS);
    });
  }

  /** An EventSource does not say why it was refused: ask whether the session is still there. */
  private async retry(): Promise<void> {
    const response = await fetch('/api/v1/auth/me', { credentials: 'same-origin' }).catch(() => undefined);
    if (!this.running || this.source) return;
    if (response?.status === 401) {
      this.onSignedOut?.();
      return;
    }
    this.open();
  }

  private setStatus(status: LiveStatus): void {
    if (this.status === status) return;
    this.status = status;
    for (const listener of this.statusListeners) listener();
  }
}

export const liveEvents = new LiveEvents();

export function useLiveStatus(): LiveStatus {
  return useSyncExternalStore(liveEvents.subscribeStatus, liveEvents.getStatus);
}

/** Calls `onEvent` for every ticket event while the component is mounted. */
export function useTicketEvents(onEvent: TicketListener, onReconnect?: ReconnectListener): void {
  useEffect(() => liveEvents.onTicket(onEvent), [onEvent]);
  useEffect(() => (onReconnect ? liveEvents.onReconnect(onReconnect) : undefined), [onReconnect]);
}
