import type { TicketOption as PickedTicket } from '../../components/ticket-picker';
/** The shapes of the procedures, templates and routing APIs as this screen reads them (see /openapi.json). */

export interface TaskFields {
  name: string;
  sendWhatsapp: boolean;
  templateId: number | null;
  /** Placeholder → variable, e.g. {"1": "customer_name", "button": "tracking_link"}. */
  bindings: Record<string, string>;
  sendEmail: boolean;
  emailFallback: boolean;
  emailTemplateId: number | null;
  notifyTeam: boolean;
  closeTicket: boolean;
  resendOnReentry: boolean;
}

export interface SavedTask extends TaskFields {
  id: number;
  position: number;
}

export interface Procedure {
  id: number;
  name: string;
  tasks: SavedTask[];
}

/** A task being edited: `key` identifies it on screen (new tasks have no id until saved). */
export interface DraftTask extends TaskFields {
  key: string;
  id?: number;
}

export interface DraftProcedure {
  id?: number;
  name: string;
  tasks: DraftTask[];
}

/** The WhatsApp templates as GET /api/v1/templates lists them, and the variables they can use. */
export type { TemplateView as WhatsappTemplate, Variable } from '../templates/template-types';

export interface EmailTemplate {
  id: number;
  name: string;
  subject: string;
}

export interface Source {
  id: number;
  name: string;
  criticalStatuses: string[];
}

export type MatchState = 'open' | 'closed' | null;

export interface StatusMapping {
  state: MatchState;
  status: string | null;
  taskId: number;
}

export interface Preview {
  text: string;
  buttonUrl?: string;
  quickReplies: string[];
  problems: string[];
  approved: boolean;
}

export interface TicketOption extends PickedTicket {
  source: string;
}

export interface HistoryEntry {
  id: number;
  action: string;
  at: string;
  user: { name: string; email: string } | null;
  before: Procedure | null;
  after: Procedure | null;
}
