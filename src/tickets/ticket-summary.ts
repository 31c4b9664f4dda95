import type { ExpressionBuilder, Kysely } from 'kysely';
import type { DB, Ticket } from '../db/schema.js';
import { formatProtocol } from './protocol.js';

/** A ticket as a row of the console's list, and as a live update. */
export interface TicketSummary {
  id: number;
  protocol: string;
  source: string;
  externalId: string;
  state: Ticket['state'];
  status: string | null;
  critical: boolean;
  pinned: boolean;
  customerName: string;
  processNumber: string | null;
  /** Status of the latest message (queued, sent, delivered, read, failed, not_sent), or null. */
  lastMessageStatus: string | null;
  /** The customer has no valid mobile, or the number is not on WhatsApp. */
  phoneProblem: boolean;
  createdAt: string;
  updatedAt: string;
}

export type SummaryRow = Ticket & {
  source_name: string;
  last_message_status: string | null;
  phone_problem: string | null;
};

/** Reasons that mean "this customer can't be reached by WhatsApp" (no mobile, not a WhatsApp number). */
export const PHONE_PROBLEM_REASONS = ['no_valid_phone', '131026'] as const;

/**
 * The reason of the ticket's latest message: a phone problem shows while the last attempt to
 * reach the customer failed for it, and clears once a message goes out after the phone is fixed.
 */
export function latestMessageReason(eb: ExpressionBuilder<DB & { t: DB['tickets'] }, 't'>) {
  return eb
    .selectFrom('messages as m')
    .select('m.reason')
    .whereRef('m.ticket_id', '=', 't.id')
    .orderBy('m.id', 'desc')
    .limit(1);
}

/** The list's extra columns, as correlated subqueries on the messages of each ticket. */
export function summaryColumns(eb: ExpressionBuilder<DB & { t: DB['tickets'] }, 't'>) {
  return [
    eb
      .selectFrom('messages as m')
      .select('m.status')
      .whereRef('m.ticket_id', '=', 't.id')
      .orderBy('m.id', 'desc')
      .limit(1)
      .as('last_message_status'),
    latestMessageReason(eb).as('phone_problem'),
  ] as const;
}

export function toTicketSummary(row: SummaryRow): TicketSummary {
  const fields = JSON.parse(row.fields) as Record<string, unknown>;
  return {
    id: row.id,
    protocol: formatProtocol(row.id, row.created_at),
    source: row.source_name,
    externalId: row.external_id,
    state: row.state,
    status: row.status,
    critical: row.critical === 1,
    pinned: row.pinned === 1,
    customerName: row.customer_name,
    processNumber: typeof fields.processNumber === 'string' ? fields.processNumber : null,
    lastMessageStatus: row.last_message_status,
    phoneProblem: (PHONE_PROBLEM_REASONS as readonly (string | null)[]).includes(row.phone_problem),
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

export async function loadTicketSummary(
  db: Kysely<DB>,
  workspaceId: number,
  ticketId: number,
): Promise<TicketSummary | undefined> {
  const row = await db
    .selectFrom('tickets as t')
    .innerJoin('sources', 'sources.id', 't.source_id')
    .selectAll('t')
    .select('sources.name as source_name')
    .select((eb) => summaryColumns(eb))
    .where('t.workspace_id', '=', workspaceId)
    .where('t.id', '=', ticketId)
    .executeTakeFirst();
  return row ? toTicketSummary(row as SummaryRow) : undefined;
}
