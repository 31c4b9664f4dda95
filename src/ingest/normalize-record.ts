import { ApiError } from '../http/errors.js';
import { normalizePhone, type StoredPhone } from '../messaging/phones.js';
import type { RecordInput } from './record-schema.js';

export type FieldValue = string | number | boolean | null;

/** A validated record in the form the ticket stores: times in ms, phones normalised, JSON canonical. */
export interface NormalizedRecord {
  state: 'open' | 'closed';
  status: string | null;
  occurredAtMs: number;
  /** The source's explicit flag; undefined when it did not say. */
  critical: boolean | undefined;
  customerName: string;
  customerEmail: string | null;
  phones: StoredPhone[];
  /** JSON of `phones`, as stored. */
  phonesJson: string;
  /** JSON of the fields with keys sorted, so equal fields are equal text. */
  fieldsJson: string;
}

// An offset is required: "2026-11-20T09:41:07" would be read in the server's zone, which is a guess.
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

export function parseOccurredAt(value: string): number {
  const ms = ISO_DATE_TIME.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new ApiError(
      'invalid_body',
      'occurredAt',
      'occurredAt deve ser uma data-hora ISO 8601 com fuso, por exemplo 2026-11-20T09:41:07-03:00.',
    );
  }
  return ms;
}

export function canonicalJson(fields: Readonly<Record<string, FieldValue>>): string {
  const sorted: Record<string, FieldValue> = {};
  for (const key of Object.keys(fields).sort()) sorted[key] = fields[key] as FieldValue;
  return JSON.stringify(sorted);
}

export function normalizeRecord(input: RecordInput): NormalizedRecord {
  const phones = input.customer.phones.filter((raw) => raw.trim() !== '').map(normalizePhone);
  const email = input.customer.email?.trim();
  return {
    state: input.state,
    status: input.status?.trim() || null,
    occurredAtMs: parseOccurredAt(input.occurredAt),
    critical: input.critical,
    customerName: input.customer.name.trim(),
    customerEmail: email ? email : null,
    phones,
    phonesJson: JSON.stringify(phones),
    fieldsJson: canonicalJson(input.fields),
  };
}
