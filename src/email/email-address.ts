/**
 * E-mail addresses as Ponte accepts them: one address, a local part and a domain with a dot, no
 * spaces or angle brackets (enough to refuse typos and header injection; the SMTP server decides
 * the rest and its refusal is recorded like a WhatsApp failure).
 */
const ADDRESS = /^[^\s@<>()",;:]{1,64}@[^\s@<>()",;:]+\.[^\s@<>()",;:]{2,}$/;

export function isEmailAddress(value: string): boolean {
  return value.length <= 254 && ADDRESS.test(value);
}

/** "maria.souza@example.com" → "m***a@example.com": logs and timelines never hold a whole address. */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 1) return '***';
  const local = address.slice(0, at);
  const shown = local.length <= 2 ? `${local[0]}***` : `${local[0]}***${local.at(-1)}`;
  return `${shown}${address.slice(at)}`;
}
