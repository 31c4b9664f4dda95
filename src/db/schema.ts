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
  /** The customer pages' branding and survey texts; null: the pt-BR default (src/portal/branding.ts). */
  logo_url: ColumnType<string | null, string | null | undefined, string | null>;
  brand_color: ColumnType<string | null, string | null | undefined, string | null>;
  csat_question: ColumnType<string | null, string | null | undefined, string | null>;
  comment_question: ColumnType<string | null, string | null | undefined, string | null>;
  nps_enabled: ColumnType<Flag, Flag | undefined, Flag>;
  nps_question: ColumnType<string | null, string | null | undefined, string | null>;
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
  failed_logins: ColumnType<number, number | undefined, number>;
  locked_until: EpochMs | null;
}

export interface SessionsTable {
  id: string;
  user_id: number;
  workspace_id: number;
  csrf_token: string;
  created_at: EpochMs;
  expires_at: EpochMs;
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
  /** Written at most once a minute per key (see SourceKeyResolver). */
  last_used_at: ColumnType<EpochMs | null, EpochMs | null | undefined, EpochMs | null>;
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
  /** The procedure task the ticket is in, and how many times it entered one (idempotency of sends). */
  current_task_id: ColumnType<number | null, number | null | undefined, number | null>;
  task_entries: ColumnType<number, number | undefined, number>;
  /** Set when a supervisor revoked the tracking link: /t/ and /s/ answer 404 for it. */
  tracking_revoked_at: ColumnType<EpochMs | null, EpochMs | null | undefined, EpochMs | null>;
  pinned: ColumnType<Flag, Flag | undefined, Flag>;
  /** The phones as the source last sent them (JSON); null until the first event after 0005. */
  source_customer_phones: ColumnType<JsonText | null, JsonText | null | undefined, JsonText | null>;
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

export type ProviderKind = 'cloud' | 'plinx' | 'simulator';

export interface ProviderAccountsTable {
  id: Id;
  workspace_id: number;
  kind: ProviderKind;
  settings: JsonText;
  /** Encrypted JSON (see src/shared/secret-box.ts). */
  secrets: string;
  phone_number_id: string;
  verify_token_hash: string;
  rate_limit_per_second: number;
  created_at: EpochMs;
  updated_at: EpochMs;
}

export interface TemplatesTable {
  id: Id;
  workspace_id: number;
  name: string;
  language: string;
  category: string;
  body: string;
  button_url: string | null;
  quick_replies: ColumnType<JsonText, JsonText | undefined, JsonText>;
  status: string;
  synced_at: EpochMs | null;
  created_at: EpochMs;
  updated_at: EpochMs;
}

export type EmailSecurity = 'tls' | 'starttls' | 'none';

export interface EmailSettingsTable {
  id: Id;
  workspace_id: number;
  host: string;
  port: number;
  security: EmailSecurity;
  username: string | null;
  /** Encrypted (see src/shared/secret-box.ts). */
  password_secret: string | null;
  from_address: string;
  from_name: string;
  created_at: EpochMs;
  updated_at: EpochMs;
}

export interface EmailTemplatesTable {
  id: Id;
  workspace_id: number;
  name: string;
  subject: string;
  html: string;
  text: string;
  created_at: EpochMs;
  updated_at: EpochMs;
}

export interface ProceduresTable {
  id: Id;
  workspace_id: number;
  name: string;
  created_at: EpochMs;
  updated_at: EpochMs;
}

export interface ProcedureTasksTable {
  id: Id;
  workspace_id: number;
  procedure_id: number;
  position: number;
  name: string;
  send_whatsapp: ColumnType<Flag, Flag | undefined, Flag>;
  whatsapp_template_id: number | null;
  whatsapp_bindings: ColumnType<JsonText, JsonText | undefined, JsonText>;
  send_email: ColumnType<Flag, Flag | undefined, Flag>;
  email_fallback: ColumnType<Flag, Flag | undefined, Flag>;
  email_template_id: ColumnType<number | null, number | null | undefined, number | null>;
  notify_team: ColumnType<Flag, Flag | undefined, Flag>;
  close_ticket: ColumnType<Flag, Flag | undefined, Flag>;
  resend_on_reentry: ColumnType<Flag, Flag | undefined, Flag>;
  created_at: EpochMs;
  updated_at: EpochMs;
}

export interface StatusMappingsTable {
  id: Id;
  workspace_id: number;
  source_id: number;
  match_state: 'open' | 'closed' | null;
  /** Upper-cased source status, or null to match by state alone. */
  match_status: string | null;
  task_id: number;
}

export type MessageStatus = 'queued' | 'sending' | 'sent' | 'delivered' | 'read' | 'failed' | 'not_sent';

export interface MessagesTable {
  id: Id;
  workspace_id: number;
  ticket_id: number;
  task_id: number | null;
  channel: 'whatsapp' | 'email';
  template_name: string | null;
  language: string | null;
  recipient: string | null;
  content: JsonText;
  status: MessageStatus;
  reason: string | null;
  error_title: string | null;
  provider_account_id: number | null;
  provider_message_id: string | null;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: EpochMs;
  lease_owner: string | null;
  lease_until: EpochMs | null;
  idempotency_key: string;
  created_at: EpochMs;
  updated_at: EpochMs;
  sent_at: EpochMs | null;
  delivered_at: EpochMs | null;
  read_at: EpochMs | null;
  failed_at: EpochMs | null;
}

export interface MessageAttemptsTable {
  id: Id;
  message_id: number;
  workspace_id: number;
  at: EpochMs;
  latency_ms: number;
  outcome: 'sent' | 'retry' | 'failed';
  provider_message_id: string | null;
  error_code: string | null;
  error_title: string | null;
  http_status: number | null;
  detail: string | null;
}

export interface PhoneStatusesTable {
  workspace_id: number;
  phone: string;
  not_whatsapp_at: EpochMs | null;
  opted_out_at: EpochMs | null;
  updated_at: EpochMs;
}

export interface InboundMessagesTable {
  id: Id;
  workspace_id: number;
  provider_message_id: string;
  ticket_id: number | null;
  sender: string;
  text: string;
  button_payload: string | null;
  received_at: EpochMs;
}

export type LinkChannel = 'whatsapp' | 'email' | 'unknown';

export interface SurveyAnswersTable {
  id: Id;
  workspace_id: number;
  ticket_id: number;
  csat: number;
  nps: number | null;
  comment: string | null;
  channel: LinkChannel;
  form_issued_at: EpochMs;
  changes: ColumnType<number, number | undefined, number>;
  created_at: EpochMs;
  updated_at: EpochMs;
}

export interface LinkEventsTable {
  workspace_id: number;
  ticket_id: number;
  kind: 'tracking_opened' | 'survey_opened';
  channel: LinkChannel;
  first_at: EpochMs;
}

export interface AuditLogTable {
  id: Id;
  workspace_id: number;
  user_id: number | null;
  /** procedure, status_mappings, template, whatsapp_provider, source, api_key, user… */
  entity: string;
  entity_id: string | null;
  action: string;
  before: JsonText | null;
  after: JsonText | null;
  at: EpochMs;
}

export interface UserInvitesTable {
  id: Id;
  workspace_id: number;
  email: string;
  role: 'admin' | 'supervisor' | 'agent';
  /** SHA-256 of the invitation link's token. */
  token_hash: string;
  created_by: number | null;
  expires_at: EpochMs;
  accepted_at: EpochMs | null;
  created_at: EpochMs;
}

export interface IngestEventsTable {
  id: Id;
  workspace_id: number;
  source_id: number;
  external_id: string | null;
  result: 'created' | 'updated' | 'unchanged' | 'stale' | 'rejected';
  error_code: string | null;
  error_field: string | null;
  message: string | null;
  at: EpochMs;
}

export interface DB {
  workspaces: WorkspacesTable;
  users: UsersTable;
  sources: SourcesTable;
  api_keys: ApiKeysTable;
  tickets: TicketsTable;
  timeline_entries: TimelineEntriesTable;
  import_runs: ImportRunsTable;
  provider_accounts: ProviderAccountsTable;
  templates: TemplatesTable;
  procedures: ProceduresTable;
  procedure_tasks: ProcedureTasksTable;
  status_mappings: StatusMappingsTable;
  messages: MessagesTable;
  message_attempts: MessageAttemptsTable;
  phone_statuses: PhoneStatusesTable;
  inbound_messages: InboundMessagesTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  user_invites: UserInvitesTable;
  ingest_events: IngestEventsTable;
  survey_answers: SurveyAnswersTable;
  link_events: LinkEventsTable;
  email_settings: EmailSettingsTable;
  email_templates: EmailTemplatesTable;
}

export type Workspace = Selectable<WorkspacesTable>;
export type Source = Selectable<SourcesTable>;
export type ApiKey = Selectable<ApiKeysTable>;
export type Ticket = Selectable<TicketsTable>;
export type NewTicket = Insertable<TicketsTable>;
export type TicketUpdate = Updateable<TicketsTable>;
export type TimelineEntry = Selectable<TimelineEntriesTable>;
export type User = Selectable<UsersTable>;
export type ProviderAccount = Selectable<ProviderAccountsTable>;
export type Template = Selectable<TemplatesTable>;
export type Procedure = Selectable<ProceduresTable>;
export type ProcedureTask = Selectable<ProcedureTasksTable>;
export type Message = Selectable<MessagesTable>;
export type EmailSettings = Selectable<EmailSettingsTable>;
export type EmailTemplate = Selectable<EmailTemplatesTable>;
export type SurveyAnswer = Selectable<SurveyAnswersTable>;
