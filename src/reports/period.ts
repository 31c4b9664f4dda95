import { ApiError } from '../http/errors.js';

/**
 * A report's period: whole days in Brasília time, `from` and `to` both included. Brazil has had
 * no daylight saving time since 2019, so a day starts at 03:00 UTC (a period before 2019 may be
 * off by the hour DST moved). The span is capped so one request can't scan years of messages.
 */
export interface Period {
  from: string;
  to: string;
  /** Epoch ms of the first instant, and of the instant after the last (exclusive). */
  fromMs: number;
  toMs: number;
}

export const MAX_PERIOD_DAYS = 366;
export const DAY_MS = 86_400_000;
const BRASILIA_OFFSET = '-03:00';

function dayStart(date: string, field: 'from' | 'to'): number {
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(date) ? Date.parse(`${date}T00:00:00${BRASILIA_OFFSET}`) : Number.NaN;
  // Date.parse rolls 2026-02-30 over to March; a real date formats back to itself.
  if (Number.isNaN(ms) || brasiliaDate(ms) !== date) {
    throw new ApiError(
      'invalid_period',
      field,
      `Período inválido: ${field} deve ser uma data AAAA-MM-DD (recebido "${date}").`,
    );
  }
  return ms;
}

export function brasiliaDate(ms: number): string {
  return new Date(ms - 3 * 3_600_000).toISOString().slice(0, 10);
}

export function parsePeriod(from: string | undefined, to: string | undefined, now = Date.now()): Period {
  const toDate = to ?? brasiliaDate(now);
  const toMs = dayStart(toDate, 'to') + DAY_MS;
  const fromDate = from ?? brasiliaDate(toMs - 30 * DAY_MS);
  const fromMs = dayStart(fromDate, 'from');
  if (fromMs >= toMs)
    throw new ApiError('invalid_period', 'from', 'Período inválido: from deve ser anterior ou igual a to.');
  if (toMs - fromMs > MAX_PERIOD_DAYS * DAY_MS) {
    throw new ApiError('invalid_period', 'from', `Período inválido: no máximo ${MAX_PERIOD_DAYS} dias por relatório.`);
  }
  return { from: fromDate, to: toDate, fromMs, toMs };
}
