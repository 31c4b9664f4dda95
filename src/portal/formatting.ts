/** Dates as a customer in Brazil reads them. Formatters are built once: constructing one is slow. */
const DATE_TIME = new Intl.DateTimeFormat('pt-BR', {
  timeZone: 'America/Sao_Paulo',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const DATE = new Intl.DateTimeFormat('pt-BR', {
  timeZone: 'America/Sao_Paulo',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});

/**
 * Brazil has had no daylight saving time since February 2019: from then on Brasília is UTC−3
 * all year, and a date is plain arithmetic (Intl's formatToParts costs more than the rest of a
 * timeline row). Older instants go through Intl, which knows the old DST rules.
 */
const FIXED_OFFSET_SINCE = Date.parse('2019-03-01T00:00:00Z');
const two = (n: number) => (n < 10 ? `0${n}` : String(n));

/** "27/11/2026 às 14:03" (Brasília time). */
export function formatDateTime(ms: number): string {
  if (ms >= FIXED_OFFSET_SINCE) {
    const d = new Date(ms - 3 * 3_600_000);
    return `${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} às ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
  }
  const parts = DATE_TIME.formatToParts(ms);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('day')}/${get('month')}/${get('year')} às ${get('hour')}:${get('minute')}`;
}

export function formatDate(ms: number): string {
  return DATE.format(ms);
}

/** ERP statuses often arrive in capitals ("AGUARDANDO PEÇA"): "Aguardando peça". */
export function sentenceCase(text: string): string {
  const trimmed = text.trim();
  const lower = trimmed === trimmed.toLocaleUpperCase('pt-BR') ? trimmed.toLocaleLowerCase('pt-BR') : trimmed;
  return lower.charAt(0).toLocaleUpperCase('pt-BR') + lower.slice(1);
}

/** "Maria Aparecida de Souza" → "Maria". */
export function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] ?? '';
}
