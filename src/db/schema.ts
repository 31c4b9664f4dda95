import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * The database as Kysely sees it, for both engines. One storage form per kind of value so the
 * engines agree (see README in this folder): times are epoch milliseconds (INTEGER / BIGINT),
 * booleans are 0/1 integers, structured values are JSON text.
 */
type Id = Generated<number>;
type EpochMs = number;
type Flag = 0 | 1;
type JsonText = string;

export interface WorkspacesTable {
  id: Id;
  slug: string;
  name: string;
  created_at: EpochMs;
}

export interface UsersTable {
  id: Id;
  workspace_id: number;
  email: string;
  name: string;
  role: 'admin' | 'supervisor' | 'agent';
  password_hash: string;
  created_at: EpochMs;
  disabled_at: EpochMs | null;
}

export interface SourcesTable {
  id: Id;
  workspace_id: number;
  name: string;
  /** JSONata expression turning the source's own payload into a record; null: no raw events. */
  mapping: string | null;
  /** JSON array of source statuses that mark a ticket critical. */
  critical_statuses: ColumnType<JsonText, JsonText | undefined, JsonText>;
  created_at: EpochMs;
}

export interface ApiKeysTable {
  id: Id;
  workspace_id: number;
  source_id: number;
  /** The public part of the key, shown in listings; unique. */
  prefix: string;
  /** SHA-256 of the whole key, hex. The key itself is never stored. */
  secret_hash: string;
  created_at: EpochMs;
  revoked_at: EpochMs | null;
}

export interface TicketsTable {
  id: Id;
  workspace_id: number;
  source_id: number;
  external_id: string;
  state: 'open' | 'closed';
  status: string | null;
  critical: Flag;
  fields: JsonText;
  customer_name: string;
  customer_email: string | null;
  /** JSON array of { raw, e164 } as received and, when it parses, normalised. */
  customer_phones: JsonText;
  /** Secret of the public tracking link (at least 128 random bits, base64url). */
  tracking_token: string;
  /** occurredAt of the last event applied; older events change nothing. */
  last_event_at: EpochMs;
  created_at: EpochMs;
  updated_at: EpochMs;
  closed_at: EpochMs | null;
}

export interface TimelineEntriesTable {
  id: Id;
  workspace_id: number;
  ticket_id: number;
  type: string;
  text: string;
  data: JsonText | null;
  created_at: EpochMs;
}

export interface ImportRunsTable {
  id: Id;
  workspace_id: number;
  source_id: number;
  /** Identifies the file: its name, size and modification time. */
  file_key: string;
  /** Byte offset up to which every record is applied. */
  position: number;
  records_done: number;
  finished_at: EpochMs | null;
  updated_at: EpochMs;
}

export interface DB {
  workspaces: WorkspacesTable;
  users: UsersTable;
  sources: SourcesTable;
  api_keys: ApiKeysTable;
  tickets: TicketsTable;
  timeline_entries: TimelineEntriesTable;
  import_runs: ImportRunsTable;
}

export type Workspace = Selectable<WorkspacesTable>;
export type Source = Selectable<SourcesTable>;
export type ApiKey = Selectable<ApiKeysTable>;
export type Ticket = Selectable<TicketsTable>;
export type NewTicket = Insertable<TicketsTable>;
export type TicketUpdate = Updateable<TicketsTable>;
export type TimelineEntry = Selectable<TimelineEntriesTable>;
export type User = Selectable<UsersTable>;
