import { randomBytes } from 'node:crypto';

/** An unguessable token: `bytes` random bytes as base64url (16 bytes = 128 bits = 22 characters). */
export function randomToken(bytes = 16): string {
  return randomBytes(bytes).toString('base64url');
}
