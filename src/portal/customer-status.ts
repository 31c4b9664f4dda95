import type { LinkChannel, Ticket } from '../db/schema.js';
import { sentenceCase } from './formatting.js';

/**
 * What a customer reads about their ticket. The console's timeline speaks to agents ("registro
 * OS-1234 da origem erp", task names, masked phones, internal notes); the public page never
 * shows that text. It shows its own words, made from a short list of entry types and the
 * messages sent: anything not listed here (internal notes, task changes, failures, raw data)
 * stays off the page.
 */
export const CUSTOMER_STAGES = {
  received: {
    step: 1,
    title: 'Recebemos sua solicitação',
    detail: 'Seu chamado foi registrado. Em breve nossa equipe começa a cuidar dele.',
  },
  inProgress: { step: 2, title: 'Em andamento', detail: 'Nossa equipe está cuidando do seu chamado.' },
  done: { step: 3, title: 'Concluído', detail: 'Seu atendimento foi concluído.' },
} as const;
export type CustomerStage = keyof typeof CUSTOMER_STAGES;

export const STEP_LABELS = ['Recebido', 'Em andamento', 'Concluído'] as const;

/** Timeline types a customer may see (in their own words below); everything else is internal. */
export const PUBLIC_TIMELINE_TYPES = [
  'ticket_created',
  'record_updated',
  'ticket_closed',
  'ticket_reopened',
  'ticket_closed_by_task',
  'survey_answered',
  'survey_changed',
] as const;

export interface TimelineRow {
  type: string;
  data: string | null;
  created_at: number;
}

export interface SentMessageRow {
  channel: LinkChannel;
  sent_at: number;
  /** It carried the survey link (the closing message). */
  survey: boolean;
}

const SURVEY_SENT_TITLES = {
  whatsapp: 'Enviamos a pesquisa de satisfação pelo WhatsApp',
  email: 'Enviamos a pesquisa de satisfação por e-mail',
  unknown: 'Enviamos a pesquisa de satisfação',
} as const satisfies Record<LinkChannel, string>;

const MESSAGE_SENT_TITLES = {
  whatsapp: 'Enviamos uma mensagem para você pelo WhatsApp',
  email: 'Enviamos um e-mail para você',
  unknown: 'Enviamos uma mensagem para você',
} as const satisfies Record<LinkChannel, string>;

export interface PublicEvent {
  at: number;
  title: string;
  detail?: string;
}

function statusChange(data: string | null): string | null | undefined {
  if (data === null) return undefined;
  const parsed = JSON.parse(data) as { changes?: { status?: [string | null, string | null] } };
  return parsed.changes?.status?.[1];
}

function eventOf(row: TimelineRow): PublicEvent | undefined {
  const at = row.created_at;
  const status = statusChange(row.data);
  const step = status ? sentenceCase(status) : undefined;
  switch (row.type) {
    case 'ticket_created':
      return { at, title: 'Recebemos sua solicitação' };
    case 'record_updated':
      return step ? { at, title: 'Andamento atualizado', detail: step } : undefined;
    case 'ticket_closed':
    case 'ticket_closed_by_task':
      return { at, title: 'Atendimento concluído', ...(step ? { detail: step } : {}) };
    case 'ticket_reopened':
      return { at, title: 'Atendimento retomado', ...(step ? { detail: step } : {}) };
    case 'survey_answered':
      return { at, title: 'Você avaliou o atendimento', detail: 'Obrigado pela sua opinião!' };
    case 'survey_changed':
      return { at, title: 'Você alterou sua avaliação' };
    default:
      return undefined;
  }
}

/** Public events, newest first; a status that repeats in a row is shown once. */
export function publicEvents(rows: readonly TimelineRow[], messages: readonly SentMessageRow[]): PublicEvent[] {
  const events: PublicEvent[] = [];
  for (const row of rows) {
    const event = eventOf(row);
    if (event) events.push(event);
  }
  for (const message of messages) {
    const titles = message.survey ? SURVEY_SENT_TITLES : MESSAGE_SENT_TITLES;
    events.push({ at: message.sent_at, title: titles[message.channel] });
  }
  return events.sort((a, b) => b.at - a.at);
}

/** Closed is done; open is "in progress" once anything moved after the opening. */
export function customerStage(ticket: Pick<Ticket, 'state'>, rows: readonly TimelineRow[]): CustomerStage {
  if (ticket.state === 'closed') return 'done';
  const moved = rows.some(
    (row) => row.type === 'ticket_reopened' || (row.type === 'record_updated' && statusChange(row.data)),
  );
  return moved ? 'inProgress' : 'received';
}
