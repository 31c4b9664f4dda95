/**
 * GET /api/v1/reports/summary as the console reads it (the server's schema is
 * src/reports/report-schema.ts; definitions in docs/reports.md).
 */
export type ReportChannel = 'whatsapp' | 'email' | 'unknown';

export interface MessageCount {
  channel: ReportChannel;
  status: string;
  count: number;
}

export interface Report {
  period: { from: string; to: string; timeZone: string };
  tickets: { opened: number; closed: number };
  messages: MessageCount[];
  failures: { channel: ReportChannel; status: 'failed' | 'not_sent'; reason: string; label: string; count: number }[];
  surveys: {
    channel: ReportChannel;
    sent: number;
    opened: number;
    answered: number;
    responseRate: number | null;
    openRate: number | null;
  }[];
  links: { channel: ReportChannel; trackingOpened: number; surveyOpened: number }[];
  csat: {
    answers: number;
    average: number | null;
    distribution: Record<'1' | '2' | '3' | '4' | '5', number>;
    byChannel: { channel: ReportChannel; answers: number; average: number | null }[];
  };
  nps: { answers: number; score: number | null; promoters: number; passives: number; detractors: number };
  daily: { date: string; ticketsOpened: number; ticketsClosed: number; messages: MessageCount[] }[];
}

/** The channels a message goes out on, always both shown, side by side, even when one is zero. */
export const SENDING_CHANNELS = ['whatsapp', 'email'] as const;

/** The reason the dispatcher records when a ticket has no phone to send to (src/messaging). */
export const NO_VALID_PHONE = 'no_valid_phone';

/** "2026-11-20" → "20/11/2026" (a calendar day: no time zone to shift it). */
export function formatDay(date: string): string {
  const [year, month, day] = date.split('-');
  return `${day}/${month}/${year}`;
}

/** "2026-11-20" → "20/11", for a chart's axis. */
export function formatShortDay(date: string): string {
  const [, month, day] = date.split('-');
  return `${day}/${month}`;
}
