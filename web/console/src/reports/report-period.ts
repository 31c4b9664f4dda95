/**
 * The report's period lives in the URL so a link shows the same report to a colleague:
 * `?period=7` (the last 7 days, today included, relative to the day it is opened) or
 * `?from=2026-11-01&to=2026-11-20` (fixed dates). No query is the last 30 days, as the API's default.
 * Days are Brasília's, like the API's.
 */
export const PRESETS = [7, 30, 90] as const;
export type Preset = (typeof PRESETS)[number];
export const DEFAULT_PRESET: Preset = 30;

export type PeriodChoice = { kind: 'preset'; days: Preset } | { kind: 'custom'; from: string; to: string };

const DAY_MS = 86_400_000;

/** Today in Brasília (UTC−3, no daylight saving time since 2019). */
export function brasiliaToday(now = Date.now()): string {
  return new Date(now - 3 * 3_600_000).toISOString().slice(0, 10);
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function choiceFromSearch(search: URLSearchParams): PeriodChoice {
  const from = search.get('from');
  const to = search.get('to');
  if (from || to) return { kind: 'custom', from: from ?? '', to: to ?? '' };
  const days = Number(search.get('period'));
  return { kind: 'preset', days: PRESETS.find((preset) => preset === days) ?? DEFAULT_PRESET };
}

export function choiceToSearch(choice: PeriodChoice): string {
  const search = new URLSearchParams();
  if (choice.kind === 'custom') {
    search.set('from', choice.from);
    search.set('to', choice.to);
  } else if (choice.days !== DEFAULT_PRESET) {
    search.set('period', String(choice.days));
  }
  return search.toString();
}

/** The dates the API is asked for (always explicit, so the CSV covers exactly what is on screen). */
export function choiceDates(choice: PeriodChoice, today = brasiliaToday()): { from: string; to: string } {
  if (choice.kind === 'custom') return { from: choice.from, to: choice.to };
  return { from: addDays(today, -(choice.days - 1)), to: today };
}

export function apiQuery(dates: { from: string; to: string }): string {
  const search = new URLSearchParams();
  if (dates.from) search.set('from', dates.from);
  if (dates.to) search.set('to', dates.to);
  return search.toString();
}
