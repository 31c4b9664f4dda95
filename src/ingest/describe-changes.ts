import type { Ticket } from '../db/schema.js';
import { fieldLabel } from '../tickets/field-labels.js';
import { TIMELINE_TYPES } from '../tickets/timeline.js';
import type { NormalizedRecord } from './normalize-record.js';

export interface TicketChanges {
  state?: [Ticket['state'], Ticket['state']];
  status?: [string | null, string | null];
  critical?: [boolean, boolean];
  fields?: string[];
  customer?: boolean;
}

export function diffTicket(ticket: Ticket, record: NormalizedRecord, critical: boolean): TicketChanges | undefined {
  const changes: TicketChanges = {};
  if (ticket.state !== record.state) changes.state = [ticket.state, record.state];
  if (ticket.status !== record.status) changes.status = [ticket.status, record.status];
  if (Boolean(ticket.critical) !== critical) changes.critical = [Boolean(ticket.critical), critical];
  if (ticket.fields !== record.fieldsJson) changes.fields = changedFieldKeys(ticket.fields, record.fieldsJson);
  if (
    ticket.customer_name !== record.customerName ||
    ticket.customer_email !== record.customerEmail ||
    sourcePhonesChanged(ticket, record)
  ) {
    changes.customer = true;
  }
  return Object.keys(changes).length === 0 ? undefined : changes;
}

/**
 * Phones are compared with what the source sent last, not with the ticket's current phones: an
 * agent may have fixed a number in the console, and the fix stays until the source's own changes.
 */
export function sourcePhonesChanged(ticket: Ticket, record: NormalizedRecord): boolean {
  return (ticket.source_customer_phones ?? ticket.customer_phones) !== record.phonesJson;
}

function changedFieldKeys(beforeJson: string, afterJson: string): string[] {
  const before = JSON.parse(beforeJson) as Record<string, unknown>;
  const after = JSON.parse(afterJson) as Record<string, unknown>;
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key])).sort();
}

const quote = (value: string | null) => (value === null ? '(vazio)' : `“${value}”`);

/** One timeline entry for one applied event: its type follows the most significant change. */
export function describeChanges(changes: TicketChanges): { type: string; text: string } {
  const sentences: string[] = [];
  let type: string = TIMELINE_TYPES.recordUpdated;
  if (changes.state?.[1] === 'closed') {
    type = TIMELINE_TYPES.ticketClosed;
    sentences.push('Chamado encerrado automaticamente: o registro foi finalizado no sistema de origem.');
  } else if (changes.state?.[1] === 'open') {
    type = TIMELINE_TYPES.ticketReopened;
    sentences.push('Chamado reaberto: o registro voltou a ficar aberto no sistema de origem.');
  }
  if (changes.status) {
    sentences.push(`Status alterado de ${quote(changes.status[0])} para ${quote(changes.status[1])}.`);
  }
  if (changes.critical) {
    sentences.push(changes.critical[1] ? 'Chamado marcado como crítico.' : 'Chamado deixou de ser crítico.');
  }
  if (changes.fields && changes.fields.length > 0) {
    const labels = changes.fields.map(fieldLabel);
    sentences.push(`${labels.length === 1 ? 'Campo atualizado' : 'Campos atualizados'}: ${labels.join(', ')}.`);
  }
  if (changes.customer) sentences.push('Dados do cliente atualizados.');
  return { type, text: sentences.join(' ') };
}

export function describeCreation(
  externalId: string,
  source: string,
  record: NormalizedRecord,
  critical: boolean,
): { type: string; text: string } {
  const parts = [`Chamado aberto a partir do registro ${externalId} da origem ${source}`];
  if (record.status) parts[0] += ` (status ${quote(record.status)})`;
  parts[0] += '.';
  if (record.state === 'closed') parts.push('O registro já chegou encerrado; o chamado foi encerrado junto.');
  if (critical) parts.push('Chamado marcado como crítico.');
  return { type: TIMELINE_TYPES.ticketCreated, text: parts.join(' ') };
}
