import { randomBytes } from 'node:crypto';

/**
 * What Meta's Cloud API puts on the wire, built from scratch on the server side. Deliberately not
 * shared with the Cloud adapter's wire types: the simulator is the independent counterpart the
 * adapter is tested against, so a mistake in one is not silently mirrored in the other.
 */

export interface MetaErrorBody {
  error: {
    message: string;
    type: string;
    code: number;
    error_data?: { messaging_product: 'whatsapp'; details: string };
    fbtrace_id: string;
  };
}

/** Graph API error: the title in `message` prefixed with "(#code)", the explanation in details. */
export function metaError(code: number, title: string, details?: string, type = 'OAuthException'): MetaErrorBody {
  return {
    error: {
      message: `(#${code}) ${title}`,
      type,
      code,
      ...(details === undefined ? {} : { error_data: { messaging_product: 'whatsapp' as const, details } }),
      fbtrace_id: randomBytes(12).toString('base64url'),
    },
  };
}

/** Real wamids are base64 of a protobuf, up to 128 characters; only the prefix matters to clients. */
export function newWamid(): string {
  return `wamid.${randomBytes(30).toString('base64')}`;
}

export function unixSeconds(ms: number): string {
  return String(Math.floor(ms / 1000));
}

export interface WebhookContext {
  wabaId: string;
  phoneNumberId: string;
  displayPhoneNumber: string;
}

function envelope(context: WebhookContext, value: Record<string, unknown>) {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: context.wabaId,
        changes: [
          {
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: context.displayPhoneNumber, phone_number_id: context.phoneNumberId },
              ...value,
            },
            field: 'messages',
          },
        ],
      },
    ],
  };
}

export interface StatusWebhookInput {
  wamid: string;
  status: 'sent' | 'delivered' | 'read' | 'failed';
  at: number;
  /** wa_id form: digits, no '+'. */
  recipientId: string;
  callbackData?: string;
  error?: { code: number; title: string; details: string };
}

export function statusWebhook(context: WebhookContext, input: StatusWebhookInput) {
  return envelope(context, {
    statuses: [
      {
        id: input.wamid,
        status: input.status,
        timestamp: unixSeconds(input.at),
        recipient_id: input.recipientId,
        // Meta echoes it only when the send set it. Its docs name sent/delivered/read; whether it
        // comes with `failed` is unconfirmed, and the simulator sends it there too.
        ...(input.callbackData === undefined ? {} : { biz_opaque_callback_data: input.callbackData }),
        // Since v24 `conversation` is omitted; `pricing` rides on the first of sent/delivered/read.
        ...(input.status === 'sent'
          ? { pricing: { billable: true, pricing_model: 'PMP', type: 'regular', category: 'utility' } }
          : {}),
        ...(input.error
          ? {
              errors: [
                {
                  code: input.error.code,
                  title: input.error.title,
                  message: input.error.title,
                  error_data: { details: input.error.details },
                  href: 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/',
                },
              ],
            }
          : {}),
      },
    ],
  });
}

export interface InboundWebhookInput {
  wamid: string;
  at: number;
  /** wa_id form: digits, no '+'. */
  from: string;
  profileName: string;
  text: string;
  /** A tapped quick-reply button of a template (type "button"); free text otherwise. */
  buttonPayload?: string;
  replyTo?: { wamid: string; from: string };
}

export function inboundWebhook(context: WebhookContext, input: InboundWebhookInput) {
  const content =
    input.buttonPayload === undefined
      ? { type: 'text', text: { body: input.text } }
      : { type: 'button', button: { payload: input.buttonPayload, text: input.text } };
  return envelope(context, {
    contacts: [{ profile: { name: input.profileName }, wa_id: input.from }],
    messages: [
      {
        // A quoted reply or a button tap carries the business message it answers.
        ...(input.replyTo ? { context: { from: input.replyTo.from, id: input.replyTo.wamid } } : {}),
        from: input.from,
        id: input.wamid,
        timestamp: unixSeconds(input.at),
        ...content,
      },
    ],
  });
}

/**
 * Meta signs "an escaped unicode version of the payload, with lowercase hex digits" (ä → \u00e4),
 * and sends that same text. Writing it that way makes a receiver that hashes re-serialised JSON
 * instead of the raw bytes fail here just as it would against Meta.
 */
export function serializeLikeMeta(payload: unknown): string {
  return JSON.stringify(payload).replace(
    /[\u007f-\uffff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
