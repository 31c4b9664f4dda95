import { type Kysely, sql } from 'kysely';
import type { DB, Ticket } from '../db/schema.js';
import { parseProtocol } from './protocol.js';

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
  /** Protocol, process number or part of the customer's name. */
  q?: string;
}

export interface TicketPage {
  tickets: (Ticket & { source_name: string })[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/**
 * Newest first, keyset-paginated on id (a cursor is the last id seen, so a page costs the same
 * at any depth and new tickets do not shift the pages already read). Always within one workspace.
 */
export async function listTickets(
  db: Kysely<DB>,
  workspaceId: number,
  filters: TicketFilters,
  page: { limit: number; cursor?: string },
): Promise<TicketPage> {
  let query = db
    .selectFrom('tickets')
    .innerJoin('sources', 'sources.id', 'tickets.source_id')
    .selectAll('tickets')
    .select('sources.name as source_name')
    .where('tickets.workspace_id', '=', workspaceId);
  if (filters.state) query = query.where('tickets.state', '=', filters.state);
  if (filters.status) query = query.where('tickets.status', '=', filters.status);
  if (filters.critical !== undefined) query = query.where('tickets.critical', '=', filters.critical ? 1 : 0);
  if (filters.source) query = query.where('sources.name', '=', filters.source);
  const q = filters.q?.trim();
  if (q) {
    const protocol = parseProtocol(q);
    // LIKE patterns are bound parameters; the wildcards in the input are escaped.
    const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([
        ...(protocol ? [eb('tickets.id', '=', protocol.ticketId)] : []),
        eb('tickets.external_id', '=', q),
        eb(sql`lower(tickets.customer_name)`, 'like', sql`lower(${pattern}) escape '\\'`),
        eb(
          sql`tickets.fields`,
          'like',
          sql`${`%"processNumber":"${q.replace(/[\\%_"]/g, (c) => `\\${c}`)}"%`} escape '\\'`,
        ),
      ]),
    );
  }
  if (page.cursor) {
    const after = Number(page.cursor);
    if (Number.isInteger(after)) query = query.where('tickets.id', '<', after);
  }
  const rows = await query
    .orderBy('tickets.id', 'desc')
    .limit(page.limit + 1)
    .execute();
  const hasMore = rows.length > page.limit;
  const tickets = hasMore ? rows.slice(0, page.limit) : rows;
  return { tickets, nextCursor: hasMore ? String(tickets[tickets.length - 1]!.id) : null };
}
