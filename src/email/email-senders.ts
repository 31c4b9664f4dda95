import type { Kysely } from 'kysely';
import type { Transporter } from 'nodemailer';
import type { DB, EmailSettings, Message } from '../db/schema.js';
import type { SendResult } from '../messaging/providers/provider.js';
import { createSmtpTransport, sendEmail } from './smtp-transport.js';

interface WorkspaceSender {
  settings: EmailSettings;
  transport: Transporter;
  checkedAt: number;
}

/**
 * The dispatcher's side of the e-mail channel: one pooled SMTP connection set per workspace
 * (at most 3 connections, which is also how many e-mails of a workspace are in flight at once),
 * rebuilt when the supervisor saves new settings (checked at most every 2 s, like the WhatsApp
 * accounts).
 */
export class EmailSenders {
  readonly #senders = new Map<number, WorkspaceSender>();

  constructor(
    private readonly db: Kysely<DB>,
    private readonly secretKey: Buffer,
    private readonly timeoutMs: number,
  ) {}

  async send(message: Message): Promise<SendResult> {
    const sender = await this.#sender(message.workspace_id);
    if (!sender || message.recipient === null) {
      return {
        ok: false,
        retryable: false,
        code: 'email_not_configured',
        title: 'o canal de e-mail não está configurado',
      };
    }
    const content = JSON.parse(message.content) as { subject: string; html: string; text: string };
    return sendEmail(sender.transport, sender.settings, {
      messageId: String(message.id),
      to: message.recipient,
      ...content,
    });
  }

  close(): void {
    for (const sender of this.#senders.values()) sender.transport.close();
    this.#senders.clear();
  }

  async #sender(workspaceId: number): Promise<WorkspaceSender | undefined> {
    const cached = this.#senders.get(workspaceId);
    if (cached && Date.now() - cached.checkedAt < 2_000) return cached;
    const settings = await this.db
      .selectFrom('email_settings')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirst();
    if (cached && settings?.updated_at === cached.settings.updated_at) {
      cached.checkedAt = Date.now();
      return cached;
    }
    cached?.transport.close();
    this.#senders.delete(workspaceId);
    if (!settings) return undefined;
    const sender = {
      settings,
      transport: createSmtpTransport(settings, this.secretKey, { pool: true, timeoutMs: this.timeoutMs }),
      checkedAt: Date.now(),
    };
    this.#senders.set(workspaceId, sender);
    return sender;
  }
}
