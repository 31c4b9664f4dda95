import { maskEmail } from '../email/email-address.js';
import { maskPhone } from './phones.js';

/**
 * The timeline entries of messages, in pt-BR. The text for a customer with no valid mobile is
 * fixed by the product (`Não possui telefone para envio de mensagem`): agents search for it.
 */
export const NO_PHONE_TEXT = 'Não possui telefone para envio de mensagem';

export const MESSAGE_TIMELINE_TYPES = {
  queued: 'message_queued',
  sent: 'message_sent',
  delivered: 'message_delivered',
  read: 'message_read',
  failed: 'message_failed',
  notSent: 'message_not_sent',
  noPhone: 'message_no_phone',
  optedOut: 'customer_opted_out',
  inbound: 'customer_message',
  taskEntered: 'task_entered',
  teamNotified: 'team_notified',
  closedByTask: 'ticket_closed_by_task',
} as const;

/** Reasons a message is recorded as not sent (closed set; reports group by them). */
export const NOT_SENT_REASONS = {
  no_valid_phone: NO_PHONE_TEXT,
  opted_out: 'o cliente pediu para não receber mensagens pelo WhatsApp',
  template_not_approved: 'o modelo não está aprovado no provedor',
  template_missing: 'a tarefa não tem modelo de mensagem',
  missing_variable: 'faltam dados para preencher o modelo',
  no_provider: 'nenhum provedor de WhatsApp está configurado',
  email_not_configured: 'o canal de e-mail ainda não está configurado',
  no_valid_email: 'o cliente não tem e-mail válido',
} as const;
export type NotSentReason = keyof typeof NOT_SENT_REASONS;

const name = (template: string | null) => (template ? `“${template}”` : '');

/** Which channel a message went out on, as the timeline names it. */
export type MessageChannel = 'whatsapp' | 'email';
const CHANNEL_LABEL: Record<MessageChannel, string> = { whatsapp: 'WhatsApp', email: 'E-mail' };

/** A recipient as the timeline may show it: a phone or an e-mail address, masked. */
export function maskRecipient(recipient: string, channel: MessageChannel = 'whatsapp'): string {
  return channel === 'email' ? maskEmail(recipient) : maskPhone(recipient);
}

export function queuedText(template: string, recipient: string, channel: MessageChannel = 'whatsapp'): string {
  return `${CHANNEL_LABEL[channel]} ${name(template)} na fila para ${maskRecipient(recipient, channel)}.`;
}

export function notSentText(
  template: string | null,
  reason: NotSentReason,
  detail?: string,
  channel: MessageChannel = 'whatsapp',
): string {
  if (reason === 'no_valid_phone') return NO_PHONE_TEXT;
  return `${CHANNEL_LABEL[channel]} ${name(template)} não enviado: ${NOT_SENT_REASONS[reason]}${detail ? ` (${detail})` : ''}.`;
}

export function sentText(
  template: string | null,
  recipient: string | null,
  channel: MessageChannel = 'whatsapp',
): string {
  return `${CHANNEL_LABEL[channel]} ${name(template)} enviado${recipient ? ` para ${maskRecipient(recipient, channel)}` : ''}.`;
}

export function deliveredText(template: string | null): string {
  return `WhatsApp ${name(template)} entregue ao cliente.`;
}

export function readText(template: string | null): string {
  return `WhatsApp ${name(template)} lido pelo cliente.`;
}

export function failedText(
  template: string | null,
  code: string,
  title: string,
  channel: MessageChannel = 'whatsapp',
): string {
  return `Falha no envio do ${CHANNEL_LABEL[channel]} ${name(template)}: ${title} (código ${code}).`;
}
