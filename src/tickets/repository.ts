import { type Kysely, sql } from 'kysely';
import type { DB, Ticket } from '../db/schema.js';
import { parseProtocol } from './protocol.js';
import { latestMessageReason, PHONE_PROBLEM_REASONS, type SummaryRow, summaryColumns } from './ticket-summary.js';

export async function findTicketByRecord(
  db: Kysely<DB>,
  workspaceId: number,
  sourceId: number,
  externalId: string,
): Promise<Ticket | undefined> {
  return db
    .selectFrom('tickets')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('source_id', '=', sourceId)
    .where('external_id', '=', externalId)
    .executeTakeFirst();
}

export async function findTicket(db: Kysely<DB>, workspaceId: number, ticketId: number): Promise<Ticket | undefined> {
  return db
    .selectFrom('tickets')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', ticketId)
    .executeTakeFirst();
}

export interface TicketFilters {
  state?: Ticket['state'];
  status?: string;
  critical?: boolean;
  /** Source name. */
  source?: string;
  /** Protocol, external code, process number, part of the customer's name, or a phone. */
  q?: string;
  /** Some WhatsApp of the ticket failed. */
  messageFailed?: boolean;
  /** The customer had no valid mobile (or it is not on WhatsApp). */
  noValidPhone?: boolean;
}

export type TicketSort = 'created' | 'updated';

export interface TicketPage {
  tickets: SummaryRow[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

const escapeLike = (text: string) => text.replace(/[\\%_"]/g, (c) => `\\${c}`);

/**
 * Pinned tickets first, then newest (by creation or last change), keyset-paginated: a cursor is
 * the (pinned, sort value, id) of the last row seen, so a page costs the same at any depth and new
 * tickets do not shift the pages already read. Always within one workspace.
 */
export async function listTickets(
  db: Kysely<DB>,
  workspaceId: number,
  filters: TicketFilters,
  page: { limit: number; cursor?: string; sort?: TicketSort },
): Promise<TicketPage> {
  const sortColumn = page.sort === 'updated' ? 't.updated_at' : 't.id';
  let query = db
    .selectFrom('tickets as t')
    .innerJoin('sources', 'sources.id', 't.source_id')
    .selectAll('t')
    .select('sources.name as source_name')
    .select((eb) => summaryColumns(eb))
    .where('t.workspace_id', '=', workspaceId);
  if (filters.state) query = query.where('t.state', '=', filters.state);
  if (filters.status) query = query.where('t.status', '=', filters.status);
  if (filters.critical !== undefined) query = query.where('t.critical', '=', filters.critical ? 1 : 0);
  if (filters.source) query = query.where('sources.name', '=', filters.source);
  if (filters.messageFailed) {
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('messages as f')
          .select('f.id')
          .whereRef('f.ticket_id', '=', 't.id')
          .where('f.status', '=', 'failed'),
      ),
    );
  }
  if (filters.noValidPhone) {
    query = query.where((eb) => eb(latestMessageReason(eb), 'in', PHONE_PROBLEM_REASONS));
  }
  const q = filters.q?.trim();
  if (q) {
    const protocol = parseProtocol(q);
    const digits = q.replace(/\D/g, '');
    // LIKE patterns are bound parameters; the wildcards in the input are escaped.
    // A protocol names one ticket: looked up by id alone, an index seek (in an OR with the
    // LIKEs below, every search read the whole workspace — bench/console-api).
    query = query.where((eb) =>
      protocol
        ? eb('t.id', '=', protocol.ticketId)
        : eb.or([
            eb('t.external_id', '=', q),
            eb(sql`lower(t.customer_name)`, 'like', sql`lower(${`%${escapeLike(q)}%`}) escape '\\'`),
            eb(sql`t.fields`, 'like', sql`${`%"processNumber":"${escapeLike(q)}"%`} escape '\\'`),
            ...(digits.length >= 8 ? [eb(sql`t.customer_phones`, 'like', sql`${`%${digits}%`}`)] : []),
          ]),
    );
  }
  const cursor = parseCursor(page.cursor);
  if (cursor) {
    // One row-value comparison, which both engines turn into a seek on the (workspace, pinned,
    // sort, id) index; the equivalent OR of three terms made a deep page scan everything before it.
    query = query.where((eb) =>
      eb(eb.refTuple('t.pinned', sortColumn, 't.id'), '<', eb.tuple(cursor.pinned, cursor.value, cursor.id)),
    );
  }
  const rows = (await query
    .orderBy('t.pinned', 'desc')
    .orderBy(sortColumn, 'desc')
    .orderBy('t.id', 'desc')
    .limit(page.limit + 1)
    .execute()) as SummaryRow[];
  const hasMore = rows.length > page.limit;
  const tickets = hasMore ? rows.slice(0, page.limit) : rows;
  const last = tickets[tickets.length - 1];
  return {
    tickets,
    nextCursor:
      hasMore && last ? [last.pinned, page.sort === 'updated' ? last.updated_at : last.id, last.id].join('.') : null,
  };
}

function parseCursor(cursor: string | undefined): { pinned: 0 | 1; value: number; id: number } | undefined {
  const match = cursor ? /^([01])\.(\d+)\.(\d+)$/.exec(cursor) : null;
  return match ? { pinned: match[1] === '1' ? 1 : 0, value: Number(match[2]), id: Number(match[3]) } : undefined;
}
