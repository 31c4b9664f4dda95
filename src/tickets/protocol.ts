/**
 * The protocol number a customer and an agent quote: the ticket's opening date in Brasília time
 * and its id, e.g. 20261127-000123. Derived, not stored: ids are never reused (identity /
 * AUTOINCREMENT), so protocols are unique and never reused either, at no cost on the write path.
 */
const dateInBrasilia = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'America/Sao_Paulo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

export function formatProtocol(ticketId: number, createdAtMs: number): string {
  const date = dateInBrasilia.format(createdAtMs).replaceAll('-', '');
  return `${date}-${String(ticketId).padStart(6, '0')}`;
}

/** The ticket id a protocol names, or undefined when the text is not a protocol. */
export function parseProtocol(text: string): { ticketId: number; date: string } | undefined {
  const match = /^(\d{8})-?(\d{6,})$/.exec(text.trim());
  if (!match) return undefined;
  return { date: match[1]!, ticketId: Number(match[2]) };
}
