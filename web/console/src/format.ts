import { t } from './strings';

const dateTime = new Intl.DateTimeFormat('pt-BR', { dateStyle: 'short', timeStyle: 'short' });
const dateTimeLong = new Intl.DateTimeFormat('pt-BR', { dateStyle: 'short', timeStyle: 'medium' });

/** "20/11/2026 09:41" in the browser's time zone (the agent's). */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
}

/** With seconds, for the timeline, where several events share a minute. */
export function formatDateTimeSeconds(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTimeLong.format(date);
}

/** A field as the source sent it, readable whatever its JSON type. */
export function formatFieldValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return t.ticket.notInformed;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return value.toLocaleString('pt-BR');
  if (typeof value === 'boolean') return value ? 'Sim' : 'Não';
  return JSON.stringify(value);
}

/** "+5519998765432" → "+55 19 99876-5432"; anything else as it is. */
export function formatPhone(e164: string | null, raw: string): string {
  const match = e164 ? /^\+55(\d{2})(\d{4,5})(\d{4})$/.exec(e164) : null;
  if (match) return `+55 (${match[1]}) ${match[2]}-${match[3]}`;
  return e164 ?? raw;
}

export const messageStatusLabel = (status: string | null) =>
  status === null ? t.tickets.noMessage : (t.messageStatus[status] ?? status);
