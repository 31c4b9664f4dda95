import type { Ticket } from '../../db/schema.js';
import { fieldLabel } from '../../tickets/field-labels.js';
import { formatProtocol } from '../../tickets/protocol.js';

/**
 * What a template's placeholder can be bound to. Fields of the ticket are `field.<key>`
 * (e.g. `field.processNumber`). Links carry the channel they went out on (`c=`), so opens and
 * answers are counted per channel; the token itself is the ticket's unguessable tracking token.
 */
export const VARIABLES = {
  customer_name: 'Nome do cliente',
  customer_first_name: 'Primeiro nome do cliente',
  protocol: 'Nº do protocolo',
  tracking_link: 'Link de acompanhamento',
  survey_link: 'Link da pesquisa de satisfação',
  status: 'Status na origem',
  external_id: 'Código no sistema de origem',
} as const;

export type Channel = 'whatsapp' | 'email';
const CHANNEL_CODE: Record<Channel, string> = { whatsapp: 'w', email: 'e' };

export function variableLabel(variable: string): string {
  if (variable in VARIABLES) return VARIABLES[variable as keyof typeof VARIABLES];
  if (variable.startsWith('field.')) return `Campo: ${fieldLabel(variable.slice('field.'.length))}`;
  return variable;
}

export function isKnownVariable(variable: string): boolean {
  return variable in VARIABLES || /^field\.[A-Za-z0-9_.-]{1,100}$/.test(variable);
}

export function trackingLink(publicUrl: string, token: string, channel: Channel): string {
  return `${publicUrl}/t/${token}?c=${CHANNEL_CODE[channel]}`;
}

export function surveyLink(publicUrl: string, token: string, channel: Channel): string {
  return `${publicUrl}/s/${token}?c=${CHANNEL_CODE[channel]}`;
}

/** The value of a variable for a ticket, or undefined when the ticket has none. */
export function resolveVariable(
  variable: string,
  ticket: Ticket,
  publicUrl: string,
  channel: Channel,
): string | undefined {
  switch (variable) {
    case 'customer_name':
      return ticket.customer_name;
    case 'customer_first_name':
      return ticket.customer_name.split(/\s+/)[0];
    case 'protocol':
      return formatProtocol(ticket.id, ticket.created_at);
    case 'tracking_link':
      return trackingLink(publicUrl, ticket.tracking_token, channel);
    case 'survey_link':
      return surveyLink(publicUrl, ticket.tracking_token, channel);
    case 'status':
      return ticket.status ?? undefined;
    case 'external_id':
      return ticket.external_id;
  }
  if (variable.startsWith('field.')) {
    const value = (JSON.parse(ticket.fields) as Record<string, unknown>)[variable.slice('field.'.length)];
    return value === null || value === undefined || value === '' ? undefined : String(value);
  }
  return undefined;
}
