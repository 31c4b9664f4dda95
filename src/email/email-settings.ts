import type { Kysely } from 'kysely';
import type { DB, EmailSecurity, EmailSettings } from '../db/schema.js';
import { openJson, sealJson } from '../shared/secret-box.js';
import { isEmailAddress } from './email-address.js';

/** A workspace's SMTP server as a supervisor types it; an omitted password keeps the saved one. */
export interface EmailSettingsInput {
  host: string;
  port: number;
  security: EmailSecurity;
  username?: string | null;
  /** undefined keeps the saved password; null or '' removes it (a relay without authentication). */
  password?: string | null;
  fromAddress: string;
  fromName: string;
}

/** What the API shows: never the password, only whether one is saved. */
export interface EmailSettingsView {
  configured: boolean;
  host: string;
  port: number;
  security: EmailSecurity;
  username: string;
  hasPassword: boolean;
  fromAddress: string;
  fromName: string;
}

export class EmailSettingsError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

const HOST = /^[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$|^\[[0-9a-fA-F:.]+\]$/;

/** Refuses what cannot work before it is saved, with the field and a pt-BR reason. */
export function checkEmailSettings(input: EmailSettingsInput): void {
  if (!HOST.test(input.host.trim()))
    throw new EmailSettingsError('host', 'Informe o servidor SMTP, ex.: smtp.empresa.com.br.');
  if (!Number.isInteger(input.port) || input.port < 1 || input.port > 65_535)
    throw new EmailSettingsError('port', 'A porta vai de 1 a 65535 (em geral 587 com STARTTLS ou 465 com TLS).');
  if (!isEmailAddress(input.fromAddress.trim()))
    throw new EmailSettingsError(
      'fromAddress',
      'Informe um endereço de remetente válido, ex.: atendimento@empresa.com.br.',
    );
  if (input.fromName.trim() === '' || /[\r\n]/.test(input.fromName))
    throw new EmailSettingsError('fromName', 'Informe o nome do remetente, como o cliente o verá.');
  if (input.password && !input.username?.trim())
    throw new EmailSettingsError('username', 'Informe o usuário que acompanha a senha.');
}

export function loadEmailSettings(db: Kysely<DB>, workspaceId: number): Promise<EmailSettings | undefined> {
  return db.selectFrom('email_settings').selectAll().where('workspace_id', '=', workspaceId).executeTakeFirst();
}

export function emailSettingsView(row: EmailSettings | undefined): EmailSettingsView {
  return {
    configured: row !== undefined,
    host: row?.host ?? '',
    port: row?.port ?? 587,
    security: row?.security ?? 'starttls',
    username: row?.username ?? '',
    hasPassword: row?.password_secret != null,
    fromAddress: row?.from_address ?? '',
    fromName: row?.from_name ?? '',
  };
}

/** The saved password, decrypted only to open an SMTP connection. */
export function emailPassword(row: EmailSettings, secretKey: Buffer): string | undefined {
  return row.password_secret === null
    ? undefined
    : openJson<{ password: string }>(secretKey, row.password_secret).password;
}

/** Creates or replaces the workspace's SMTP settings (one row per workspace). */
export async function saveEmailSettings(
  db: Kysely<DB>,
  secretKey: Buffer,
  workspaceId: number,
  input: EmailSettingsInput,
  now = Date.now(),
): Promise<EmailSettings> {
  checkEmailSettings(input);
  const existing = await loadEmailSettings(db, workspaceId);
  const passwordSecret =
    input.password === undefined
      ? (existing?.password_secret ?? null)
      : input.password
        ? sealJson(secretKey, { password: input.password })
        : null;
  const values = {
    host: input.host.trim(),
    port: input.port,
    security: input.security,
    username: input.username?.trim() || null,
    password_secret: passwordSecret,
    from_address: input.fromAddress.trim(),
    from_name: input.fromName.trim(),
    // Strictly increasing: the dispatcher rebuilds its SMTP connection when this changes.
    updated_at: Math.max(now, (existing?.updated_at ?? 0) + 1),
  };
  return db
    .insertInto('email_settings')
    .values({ workspace_id: workspaceId, created_at: now, ...values })
    .onConflict((oc) => oc.column('workspace_id').doUpdateSet(values))
    .returningAll()
    .executeTakeFirstOrThrow();
}
