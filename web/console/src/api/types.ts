/** The shapes of Ponte's HTTP API as the console reads them (see /openapi.json). */

export type Role = 'admin' | 'supervisor' | 'agent';

export interface SessionUser {
  userId: number;
  workspaceId: number;
  workspaceSlug: string;
  workspaceName: string;
  email: string;
  name: string;
  role: Role;
  csrfToken: string;
}

export type TicketState = 'open' | 'closed';

export interface TicketSummary {
  id: number;
  protocol: string;
  source: string;
  externalId: string;
  state: TicketState;
  status: string | null;
  critical: boolean;
  customerName: string;
  processNumber: string | null;
  createdAt: string;
  updatedAt: string;
  pinned: boolean;
  lastMessageStatus: string | null;
  phoneProblem: boolean;
}

export interface TicketPage {
  tickets: TicketSummary[];
  nextCursor: string | null;
}

export interface Phone {
  raw: string;
  e164: string | null;
  mobile: boolean;
  whatsapp: 'unknown' | 'no';
  optedOut: boolean;
}

export interface TicketDetail {
  id: number;
  protocol: string;
  externalId: string;
  source: string;
  state: TicketState;
  status: string | null;
  critical: boolean;
  pinned: boolean;
  currentTask: { id: number; name: string } | null;
  fields: Record<string, unknown>;
  customer: { name: string; email: string | null; phones: Phone[] };
  trackingUrl: string;
  lastEventAt: string;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

export interface TimelineEntry {
  id: number;
  type: string;
  text: string;
  data: unknown;
  at: string;
}

export interface MessageView {
  id: number;
  channel: string;
  template: string | null;
  status: string;
  recipient: string | null;
  error: string | null;
  attempts: number;
  createdAt: string;
  sentAt: string | null;
  deliveredAt: string | null;
  readAt: string | null;
  failedAt: string | null;
}

export interface TicketScreenData {
  ticket: TicketDetail;
  timeline: TimelineEntry[];
  messages: MessageView[];
}

export interface TicketEvent {
  kind: 'created' | 'updated';
  ticket: TicketSummary;
}

export interface ResendResult {
  queued: boolean;
  reason?: string;
}
