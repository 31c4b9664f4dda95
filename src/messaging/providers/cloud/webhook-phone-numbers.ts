import { isRecord } from './http.js';
import type { CloudWebhookPayload } from './wire-types.js';

/**
 * The business phone numbers a Cloud-format webhook speaks for (`value.metadata.phone_number_id`).
 * One URL serves every workspace: this names the account whose app secret must have signed it,
 * so it is read before the signature is checked, and trusted only after.
 */
export function cloudWebhookPhoneNumberIds(body: unknown): string[] {
  if (!isRecord(body)) return [];
  const ids = new Set<string>();
  for (const entry of (body as CloudWebhookPayload).entry ?? []) {
    for (const change of entry?.changes ?? []) {
      const id = change?.value?.metadata?.phone_number_id;
      if (typeof id === 'string' && id !== '') ids.add(id);
    }
  }
  return [...ids];
}
