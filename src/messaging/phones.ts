import { type PhoneNumber, parsePhoneNumberFromString } from 'libphonenumber-js/max';

export interface StoredPhone {
  /** As the source sent it. */
  raw: string;
  /** E.164 when it parses as a valid number (BR is the default region), else null. */
  e164: string | null;
}

/**
 * Brazil added a ninth digit (a leading 9) to every mobile number between 2012 and 2016. Old
 * registrations still hold 8-digit mobiles ("(19) 8876-5432"): a 10-digit national number whose
 * subscriber part starts with 6–9 is a mobile missing its 9, and is tried again with it.
 */
function withNinthDigit(parsed: PhoneNumber): PhoneNumber | undefined {
  const national = parsed.nationalNumber;
  if (parsed.country !== 'BR' || national.length !== 10 || !/^[6-9]$/.test(national[2]!)) return undefined;
  const fixed = parsePhoneNumberFromString(`+55${national.slice(0, 2)}9${national.slice(2)}`);
  return fixed?.isValid() && fixed.getType() === 'MOBILE' ? fixed : undefined;
}

function parse(raw: string): PhoneNumber | undefined {
  const parsed = parsePhoneNumberFromString(raw, 'BR');
  if (parsed === undefined) return undefined;
  if (parsed.isValid()) return parsed;
  return withNinthDigit(parsed);
}

// Parsing is the dearest step of normalising a record, and the same phones come back with
// every event of a record: remember the last few thousand answers.
const normalized = new Map<string, string | null>();

/** Parses a phone as Brazilian unless it carries a country code; punctuation and trunk prefixes are fine. */
export function normalizePhone(raw: string): StoredPhone {
  let e164 = normalized.get(raw);
  if (e164 === undefined) {
    e164 = parse(raw)?.number ?? null;
    if (normalized.size >= 5_000) normalized.clear();
    normalized.set(raw, e164);
  }
  return { raw, e164 };
}

/** Only mobiles can receive WhatsApp here; fixed lines (and unknown types) cannot. */
export function isMobile(e164: string): boolean {
  const type = parsePhoneNumberFromString(e164)?.getType();
  return type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE';
}

/**
 * WhatsApp ids (`wa_id`, webhook `from` and `recipient_id`) are digits without "+", and for
 * some Brazilian accounts still lack the ninth digit: normalise to the E.164 Ponte stored.
 */
export function fromWhatsAppId(waId: string): string {
  const digits = waId.replace(/\D/g, '');
  return normalizePhone(`+${digits}`).e164 ?? `+${digits}`;
}

/**
 * "+5519998765432" → "+5519*****5432": enough for a person to recognise, never the whole number.
 * Used wherever a phone leaves the ticket screen: logs, message listings, public pages.
 */
export function maskPhone(phone: string): string {
  const visibleHead = Math.max(0, Math.min(5, phone.length - 8));
  const hidden = Math.max(0, phone.length - visibleHead - 4);
  return `${phone.slice(0, visibleHead)}${'*'.repeat(hidden)}${phone.slice(-4)}`;
}
