import nodemailer, { type Transporter } from 'nodemailer';
import type { EmailSettings } from '../db/schema.js';
import type { SendResult } from '../messaging/providers/provider.js';
import { emailPassword } from './email-settings.js';

export interface OutgoingEmail {
  /** Ponte's message id, sent as a header so a bounce can be traced back to the message. */
  messageId: string;
  to: string;
  subject: string;
  html: string;
  text: string;
}

export interface SmtpOptions {
  /** Connection, greeting and socket timeouts. */
  timeoutMs?: number;
  /** Keep connections open and reuse them (the dispatcher); a one-off test opens one and closes it. */
  pool?: boolean;
}

/** A nodemailer transport for the workspace's SMTP server. */
export function createSmtpTransport(
  settings: EmailSettings,
  secretKey: Buffer,
  options: SmtpOptions = {},
): Transporter {
  const password = emailPassword(settings, secretKey);
  const timeout = options.timeoutMs ?? 10_000;
  return nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.security === 'tls',
    requireTLS: settings.security === 'starttls',
    ignoreTLS: settings.security === 'none',
    ...(settings.username ? { auth: { user: settings.username, pass: password ?? '' } } : {}),
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    ...(options.pool ? { pool: true, maxConnections: 3, maxMessages: 500 } : {}),
  });
}

/** Sends one e-mail and states the outcome the way the WhatsApp providers do. */
export async function sendEmail(
  transport: Transporter,
  settings: EmailSettings,
  email: OutgoingEmail,
): Promise<SendResult> {
  try {
    const info = await transport.sendMail({
      from: { name: settings.from_name, address: settings.from_address },
      to: email.to,
      subject: email.subject,
      html: email.html,
      text: email.text,
      headers: { 'X-Ponte-Message-Id': email.messageId },
    });
    if ((info.rejected?.length ?? 0) > 0) {
      return { ok: false, retryable: false, code: 'smtp_rejected', title: 'o servidor recusou o destinatário' };
    }
    return { ok: true, providerMessageId: info.messageId || `smtp:${email.messageId}` };
  } catch (error) {
    return classifySmtpError(error);
  }
}

interface SmtpError extends Error {
  code?: string;
  responseCode?: number;
  response?: string;
  command?: string;
}

/**
 * An SMTP failure as a send result. A 5xx answer is final (the address does not exist, the
 * message was refused: the synchronous bounce); a 4xx answer, a timeout or a lost connection is
 * tried again later; a refused login or TLS handshake is final until the settings change.
 */
export function classifySmtpError(error: unknown): SendResult {
  const e = error as SmtpError;
  const detail = (e.response ?? e.message ?? String(error)).slice(0, 2048);
  if (typeof e.responseCode === 'number') {
    const permanent = e.responseCode >= 500;
    return {
      ok: false,
      retryable: !permanent,
      code: `smtp_${e.responseCode}`,
      title:
        e.code === 'EAUTH'
          ? 'usuário ou senha do SMTP recusados'
          : permanent
            ? `o servidor de e-mail recusou a mensagem${e.command === 'RCPT TO' ? ' para este destinatário' : ''}`
            : 'o servidor de e-mail pediu para tentar mais tarde',
      detail,
    };
  }
  if (e.code === 'EAUTH')
    return { ok: false, retryable: false, code: 'smtp_auth', title: 'usuário ou senha do SMTP recusados', detail };
  if (e.code === 'ETLS' || (e.code === 'ESOCKET' && /certificate|tls|ssl/i.test(detail))) {
    return {
      ok: false,
      retryable: false,
      code: 'smtp_tls',
      title: 'falha na negociação TLS com o servidor de e-mail',
      detail,
    };
  }
  if (e.code === 'EENVELOPE')
    return { ok: false, retryable: false, code: 'smtp_envelope', title: 'endereço de e-mail recusado', detail };
  return {
    ok: false,
    retryable: true,
    code: e.code === 'ETIMEDOUT' ? 'timeout' : 'network',
    title: 'o servidor de e-mail não respondeu',
    detail,
  };
}
