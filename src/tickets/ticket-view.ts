import type { Ticket } from '../db/schema.js';
import type { StoredPhone } from '../messaging/phones.js';
import { formatProtocol } from './protocol.js';

/** The ticket as the API shows it: protocol derived, JSON parsed, times ISO, flags boolean. */
export interface TicketView {
  id: number;
  protocol: string;
  externalId: string;
  state: Ticket['state'];
  status: string | null;
  critical: boolean;
  fields: Record<string, unknown>;
  customer: { name: string; email: string | null; phones: StoredPhone[] };
  trackingUrl: string;
  lastEventAt: string;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

export function trackingUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/t/${token}`;
}

export function toTicketView(ticket: Ticket, publicUrl: string): TicketView {
  return {
    id: ticket.id,
    protocol: formatProtocol(ticket.id, ticket.created_at),
    externalId: ticket.external_id,
    state: ticket.state,
    status: ticket.status,
    critical: ticket.critical === 1,
    fields: JSON.parse(ticket.fields) as Record<string, unknown>,
    customer: {
      name: ticket.customer_name,
      email: ticket.customer_email,
      phones: JSON.parse(ticket.customer_phones) as StoredPhone[],
    },
    trackingUrl: trackingUrl(publicUrl, ticket.tracking_token),
    lastEventAt: new Date(ticket.last_event_at).toISOString(),
    createdAt: new Date(ticket.created_at).toISOString(),
    updatedAt: new Date(ticket.updated_at).toISOString(),
    closedAt: ticket.closed_at === null ? null : new Date(ticket.closed_at).toISOString(),
  };
}
