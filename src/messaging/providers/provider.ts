/**
 * The one small interface every WhatsApp provider implements (Meta Cloud API, Plinx, and the
 * built-in simulator through the Cloud adapter). Wire formats stay inside each provider's folder;
 * the dispatcher and the webhook route only see these types.
 */

/** A template (HSM) message ready to go out: variables already rendered to text. */
export interface OutgoingTemplateMessage {
  /** Ponte's message id; travels as `biz_opaque_callback_data` and comes back on status webhooks. */
  messageId: string;
  /** Recipient in E.164, e.g. +5519998765432. */
  to: string;
  templateName: string;
  /** Meta language code, e.g. pt_BR. */
  language: string;
  /** Body parameters in order ({{1}}, {{2}}, …) or by name ({{customer_name}}). */
  bodyParameters: { name?: string; text: string }[];
  /** Dynamic suffix of the template's URL button (index 0), when it has one. */
  urlButtonSuffix?: string;
}

/** Closed set of outcomes for one send attempt. */
export type SendResult =
  | { ok: true; providerMessageId: string }
  | {
      ok: false;
      /** Retry later (network, 5xx, throughput) or give up (bad number, bad template, auth). */
      retryable: boolean;
      /** Provider's error code as text (e.g. "131026"), or "network", "http_503", "timeout". */
      code: string;
      /** Provider's short title, e.g. "Message undeliverable". */
      title: string;
      /** The recipient is not a WhatsApp user (Cloud API 131026 or the BSP's equivalent). */
      notOnWhatsApp?: boolean;
      httpStatus?: number;
      /** From Retry-After, when the provider said how long to wait. */
      retryAfterMs?: number;
      /** Raw response body, truncated to 2 KB, for the attempt log. */
      detail?: string;
    };

export type DeliveryStatus = 'sent' | 'delivered' | 'read' | 'failed';

export interface StatusUpdate {
  providerMessageId: string;
  /** Ponte's message id when the provider echoed biz_opaque_callback_data. */
  messageId?: string;
  status: DeliveryStatus;
  /** Epoch ms from the provider's timestamp. */
  at: number;
  recipient: string;
  error?: { code: string; title: string; notOnWhatsApp: boolean };
}

export interface InboundMessage {
  providerMessageId: string;
  /** Sender in E.164. */
  from: string;
  at: number;
  /** Free text, or the title of a quick-reply button. */
  text: string;
  /** Payload of a quick-reply button, when the customer tapped one. */
  buttonPayload?: string;
  /** The provider message id the customer replied to, when given. */
  replyTo?: string;
}

export interface WebhookBatch {
  statuses: StatusUpdate[];
  inbound: InboundMessage[];
}

export interface ProviderTemplate {
  name: string;
  language: string;
  /** APPROVED, PENDING, REJECTED, PAUSED, DISABLED… as the provider says it. */
  status: string;
  category: string;
  /** Text of the BODY component, with its {{…}} placeholders. */
  body: string;
}

export interface WhatsAppProvider {
  readonly kind: 'cloud' | 'plinx';
  send(message: OutgoingTemplateMessage, signal?: AbortSignal): Promise<SendResult>;
  /** Checks the webhook's signature against the raw body, in constant time. */
  verifySignature(rawBody: Buffer, headers: Record<string, string | string[] | undefined>): boolean;
  /** Answers Meta's GET verify handshake: the challenge to echo, or undefined to refuse. */
  verifyHandshake(query: Record<string, string | undefined>): string | undefined;
  parseWebhook(body: unknown): WebhookBatch;
  listTemplates(): Promise<ProviderTemplate[]>;
}

/** Credentials per provider kind; secrets are decrypted only to build a provider. */
export interface CloudCredentials {
  kind: 'cloud';
  /** Default https://graph.facebook.com; the simulator or any Cloud-API-compatible server otherwise. */
  baseUrl: string;
  apiVersion: string;
  phoneNumberId: string;
  wabaId: string;
  accessToken: string;
  appSecret: string;
  verifyToken: string;
}

export interface PlinxCredentials {
  kind: 'plinx';
  baseUrl: string;
  apiVersion: string;
  phoneNumberId: string;
  wabaId: string;
  accessToken: string;
  appSecret: string;
  verifyToken: string;
}

export type ProviderCredentials = CloudCredentials | PlinxCredentials;
