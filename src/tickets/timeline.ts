import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.js';

/**
 * The timeline is append-only: entries are added in the same transaction as the change they
 * describe and never edited. Each has a machine `type`, the pt-BR `text` a person reads, and
 * optional structured `data`. Other features add their own types.
 */
export const TIMELINE_TYPES = {
  ticketCreated: 'ticket_created',
  recordUpdated: 'record_updated',
  ticketClosed: 'ticket_closed',
  ticketReopened: 'ticket_reopened',
} as const;

export interface NewTimelineEntry {
  workspaceId: number;
  ticketId: number;
  type: string;
  text: string;
  data?: unknown;
  at: number;
}

export async function appendTimelineEntry(trx: Transaction<DB>, entry: NewTimelineEntry): Promise<void> {
  await trx
    .insertInto('timeline_entries')
    .values({
      workspace_id: entry.workspaceId,
      ticket_id: entry.ticketId,
      type: entry.type,
      text: entry.text,
      data: entry.data === undefined ? null : JSON.stringify(entry.data),
      created_at: entry.at,
    })
    .execute();
}

/** Several entries in one statement: an event that opens a ticket, enters a task and queues a message writes three. */
export async function appendTimelineEntries(trx: Transaction<DB>, entries: readonly NewTimelineEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await trx
    .insertInto('timeline_entries')
    .values(
      entries.map((entry) => ({
        workspace_id: entry.workspaceId,
        ticket_id: entry.ticketId,
        type: entry.type,
        text: entry.text,
        data: entry.data === undefined ? null : JSON.stringify(entry.data),
        created_at: entry.at,
      })),
    )
    .execute();
}

export interface TimelineView {
  id: number;
  type: string;
  text: string;
  data: unknown;
  at: string;
}

/** A ticket's timeline, oldest first (or newest first for the console). */
export async function listTimeline(
  db: Kysely<DB>,
  workspaceId: number,
  ticketId: number,
  order: 'asc' | 'desc' = 'asc',
): Promise<TimelineView[]> {
  const rows = await db
    .selectFrom('timeline_entries')
    .select(['id', 'type', 'text', 'data', 'created_at'])
    .where('workspace_id', '=', workspaceId)
    .where('ticket_id', '=', ticketId)
    .orderBy('id', order)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    type: row.type,
    text: row.text,
    data: row.data === null ? null : JSON.parse(row.data),
    at: new Date(row.created_at).toISOString(),
  }));
}
