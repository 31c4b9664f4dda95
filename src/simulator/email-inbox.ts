import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { parseEmail } from './parse-email.js';

/** An e-mail the simulator's inbox received, as the page and GET /simulator/emails show it. */
export interface SimulatedEmail {
  /** Increasing from 1 while the process runs. */
  id: number;
  /** The From header, decoded (the envelope sender when the message has none). */
  from: string;
  /** The envelope recipients: who the e-mail was really delivered to. */
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** When it arrived, epoch ms. */
  at: number;
}

/** The few pino methods the inbox logs with. */
export interface InboxLogger {
  info(object: object, message: string): void;
  warn(object: object, message: string): void;
}

export const INBOX_HOST = '127.0.0.1';
const DEFAULT_LIMIT = 200;
/** Larger messages are refused (552): the inbox keeps e-mails in memory. */
const MAX_MESSAGE_BYTES = 2 * 1024 * 1024;

/**
 * The simulator's e-mail inbox: a real SMTP server (the `smtp-server` package) on 127.0.0.1 that
 * accepts any recipient without authentication or TLS and keeps the last e-mails in memory, so a
 * workspace whose SMTP points at it (the demo's does) shows its e-mails on /simulator with no
 * external service. Only on the loopback: it would otherwise be an open relay's inbox for anyone.
 */
export class EmailInbox {
  readonly #limit: number;
  #emails: SimulatedEmail[] = [];
  #nextId = 1;
  #server: SMTPServer | undefined;
  #port: number | undefined;

  constructor(options: { limit?: number } = {}) {
    this.#limit = options.limit ?? DEFAULT_LIMIT;
  }

  /** The port it listens on; undefined while it does not. */
  get port(): number | undefined {
    return this.#port;
  }

  /** Newest first. */
  list(): SimulatedEmail[] {
    return [...this.#emails].reverse();
  }

  clear(): void {
    this.#emails = [];
  }

  /** Keeps one raw message (what the SMTP server does on DATA); the oldest go beyond the limit. */
  receive(raw: Buffer | string, envelope: { mailFrom?: string; rcptTo: string[] }, at = Date.now()): SimulatedEmail {
    const parsed = parseEmail(raw);
    const email: SimulatedEmail = {
      id: this.#nextId++,
      from: parsed.from || envelope.mailFrom || '',
      to: envelope.rcptTo,
      subject: parsed.subject,
      text: parsed.text,
      html: parsed.html,
      at,
    };
    this.#emails.push(email);
    if (this.#emails.length > this.#limit) this.#emails.splice(0, this.#emails.length - this.#limit);
    return email;
  }

  /** Starts the SMTP server on 127.0.0.1 (port 0: one the OS picks); resolves with its port. */
  async listen(port: number, log: InboxLogger): Promise<number> {
    if (this.#server) throw new Error('the e-mail inbox is already listening');
    const server = new SMTPServer({
      secure: false,
      // Plain SMTP with no login: nodemailer with security "none" talks to it as to any relay.
      disabledCommands: ['STARTTLS', 'AUTH'],
      authOptional: true,
      hideSTARTTLS: true,
      disableReverseLookup: true,
      banner: 'Ponte: caixa de e-mail do simulador',
      size: MAX_MESSAGE_BYTES,
      // The dispatcher's pooled connections stay open; shutting down must not wait 30 s for them.
      closeTimeout: 1_000,
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('error', (error: Error) => callback(error));
        stream.on('end', () => {
          if (stream.sizeExceeded) {
            callback(Object.assign(new Error('Message too large for the simulator inbox'), { responseCode: 552 }));
            return;
          }
          const rcptTo = session.envelope.rcptTo.map((recipient) => recipient.address);
          const mailFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined;
          const email = this.receive(Buffer.concat(chunks), { rcptTo, ...(mailFrom ? { mailFrom } : {}) });
          // Domains only: logs never hold a customer's address.
          log.info(
            { emailId: email.id, recipients: rcptTo.length, domains: [...new Set(rcptTo.map(domainOf))] },
            'simulador: e-mail recebido (veja em /simulator)',
          );
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      const failed = (error: Error) => reject(error);
      server.once('error', failed);
      server.listen(port, INBOX_HOST, () => {
        server.off('error', failed);
        resolve();
      });
    });
    // After listening, a client's broken connection is no reason to stop the process.
    server.on('error', (error: Error & { code?: string }) =>
      log.warn({ code: error.code }, 'simulador: erro numa conexão SMTP da caixa de e-mail'),
    );
    this.#server = server;
    this.#port = (server.server.address() as AddressInfo).port;
    return this.#port;
  }

  /** Stops taking connections; open ones are closed within a second. */
  async close(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    this.#server = undefined;
    this.#port = undefined;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

function domainOf(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 0 ? '?' : address.slice(at + 1).toLowerCase();
}
