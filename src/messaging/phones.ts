import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

export interface StoredPhone {
  /** As the source sent it. */
  raw: string;
  /** E.164 when it parses as a possible number (BR is the default region), else null. */
  e164: string | null;
}

/**
 * Parses a phone as Brazilian unless it carries a country code. Brazilian sources write phones
 * every way: "(19) 99876-5432", "19998765432", "+55 19 99876-5432", "055 19 …"; libphonenumber
 * handles the national trunk prefix and punctuation.
 */
export function normalizePhone(raw: string): StoredPhone {
  const parsed = parsePhoneNumberFromString(raw, 'BR');
  return { raw, e164: parsed?.isValid() ? parsed.number : null };
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
