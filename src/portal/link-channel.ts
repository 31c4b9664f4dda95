import type { LinkChannel } from '../db/schema.js';

/**
 * The channel a link went out on travels in its query string (`?c=w`, see
 * src/messaging/templates/variables.ts), beside the token rather than inside it: the token stays
 * 128 random bits whatever the channel, and the same ticket's links differ only in `c`. Anything
 * else (no `c`, a typo, a link someone edited) counts as `unknown`. A new channel is a new code.
 */
export const CHANNEL_CODES = { w: 'whatsapp', e: 'email' } as const satisfies Record<string, LinkChannel>;

export const CHANNELS = ['whatsapp', 'email', 'unknown'] as const satisfies readonly LinkChannel[];

export const CHANNEL_LABELS = {
  whatsapp: 'WhatsApp',
  email: 'E-mail',
  unknown: 'Sem canal identificado',
} as const satisfies Record<LinkChannel, string>;

export function channelFromQuery(code: unknown): LinkChannel {
  return typeof code === 'string' && Object.hasOwn(CHANNEL_CODES, code)
    ? CHANNEL_CODES[code as keyof typeof CHANNEL_CODES]
    : 'unknown';
}

/** The `c` value that names a channel again on the next link (the survey button, a redirect). */
export function channelCode(channel: LinkChannel): string | undefined {
  for (const [code, name] of Object.entries(CHANNEL_CODES)) if (name === channel) return code;
  return undefined;
}

/** `?c=w`, or nothing when the channel is unknown. */
export function channelQuery(channel: LinkChannel): string {
  const code = channelCode(channel);
  return code ? `?c=${code}` : '';
}
