import { createHash, createHmac } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB, ProviderAccount, ProviderKind } from '../db/schema.js';
import { randomToken } from '../shared/random-token.js';
import { openJson, sealJson } from '../shared/secret-box.js';
import { createCloudProvider, META_GRAPH_BASE_URL } from './providers/cloud/cloud-provider.js';
import { createPlinxProvider } from './providers/plinx/plinx-provider.js';
import type { ProviderCredentials, WhatsAppProvider } from './providers/provider.js';

/** The non-secret settings of an account, stored as JSON. */
export interface ProviderSettings {
  baseUrl: string;
  apiVersion: string;
  phoneNumberId: string;
  wabaId: string;
}

export interface ProviderSecrets {
  accessToken: string;
  appSecret: string;
  verifyToken: string;
}

export interface ProviderInput {
  kind: ProviderKind;
  baseUrl?: string;
  apiVersion?: string;
  phoneNumberId?: string;
  wabaId?: string;
  accessToken?: string;
  appSecret?: string;
  verifyToken?: string;
  rateLimitPerSecond?: number;
}

export class ProviderInputError extends Error {
  override readonly name = 'ProviderInputError';
}

export const DEFAULT_RATE_LIMIT_PER_SECOND = 80;
export const DEFAULT_API_VERSION = 'v21.0';

export function hashVerifyToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * The simulator signs its webhooks and checks its bearer token with secrets derived from
 * PONTE_SECRET_KEY: every process of a deployment agrees on them without storing them.
 */
export function simulatorSecrets(secretKey: Buffer): ProviderSecrets {
  const derive = (label: string) =>
    createHmac('sha256', secretKey).update(`ponte-simulator:${label}`).digest('base64url');
  return { accessToken: derive('access-token'), appSecret: derive('app-secret'), verifyToken: derive('verify-token') };
}

/**
 * Sets the workspace's WhatsApp provider (one per workspace). Omitted secrets keep their stored
 * value, so a supervisor can change the rate limit without retyping the token.
 */
export async function setProviderAccount(
  db: Kysely<DB>,
  secretKey: Buffer,
  workspace: { id: number; slug: string },
  input: ProviderInput,
  now = Date.now(),
): Promise<ProviderAccount> {
  const existing = await db
    .selectFrom('provider_accounts')
    .selectAll()
    .where('workspace_id', '=', workspace.id)
    .executeTakeFirst();
  const previousSecrets =
    existing && existing.kind === input.kind ? openJson<ProviderSecrets>(secretKey, existing.secrets) : undefined;
  const previousSettings =
    existing && existing.kind === input.kind ? (JSON.parse(existing.settings) as ProviderSettings) : undefined;
  const rate = input.rateLimitPerSecond ?? existing?.rate_limit_per_second ?? DEFAULT_RATE_LIMIT_PER_SECOND;
  if (!Number.isInteger(rate) || rate < 1 || rate > 10_000) {
    throw new ProviderInputError('--rate-limit: esperado um inteiro de 1 a 10000 mensagens por segundo');
  }
  let settings: ProviderSettings;
  let secrets: ProviderSecrets;
  if (input.kind === 'simulator') {
    settings = {
      baseUrl: '',
      apiVersion: DEFAULT_API_VERSION,
      phoneNumberId: `sim-${workspace.slug}`,
      wabaId: `sim-waba-${workspace.slug}`,
    };
    secrets = simulatorSecrets(secretKey);
  } else {
    settings = {
      baseUrl: input.baseUrl ?? previousSettings?.baseUrl ?? (input.kind === 'cloud' ? META_GRAPH_BASE_URL : ''),
      apiVersion: input.apiVersion ?? previousSettings?.apiVersion ?? DEFAULT_API_VERSION,
      phoneNumberId: input.phoneNumberId ?? previousSettings?.phoneNumberId ?? '',
      wabaId: input.wabaId ?? previousSettings?.wabaId ?? '',
    };
    secrets = {
      accessToken: input.accessToken ?? previousSecrets?.accessToken ?? '',
      appSecret: input.appSecret ?? previousSecrets?.appSecret ?? '',
      verifyToken: input.verifyToken ?? previousSecrets?.verifyToken ?? randomToken(18),
    };
    const missing = [
      ['--base-url', settings.baseUrl],
      ['--phone-number-id', settings.phoneNumberId],
      ['--waba-id', settings.wabaId],
      ['--access-token', secrets.accessToken],
      ['--app-secret', secrets.appSecret],
    ].filter(([, value]) => !value);
    if (missing.length > 0) throw new ProviderInputError(`faltam: ${missing.map(([name]) => name).join(', ')}`);
    try {
      new URL(settings.baseUrl);
    } catch {
      throw new ProviderInputError(`--base-url: URL inválida "${settings.baseUrl}"`);
    }
  }
  const values = {
    kind: input.kind,
    settings: JSON.stringify(settings),
    secrets: sealJson(secretKey, secrets),
    phone_number_id: settings.phoneNumberId,
    verify_token_hash: hashVerifyToken(secrets.verifyToken),
    rate_limit_per_second: rate,
    updated_at: now,
  };
  if (existing) {
    return db
      .updateTable('provider_accounts')
      .set(values)
      .where('id', '=', existing.id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }
  return db
    .insertInto('provider_accounts')
    .values({ ...values, workspace_id: workspace.id, created_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function findProviderAccount(db: Kysely<DB>, workspaceId: number) {
  return db.selectFrom('provider_accounts').selectAll().where('workspace_id', '=', workspaceId).executeTakeFirst();
}

export function accountSecrets(account: ProviderAccount, secretKey: Buffer): ProviderSecrets {
  return openJson<ProviderSecrets>(secretKey, account.secrets);
}

/** Where the built-in simulator answers, as seen from this process (set once the server listens). */
export interface SimulatorLocation {
  baseUrl(): string | undefined;
}

/**
 * Builds the provider of an account: credentials are decrypted only here. A simulator account
 * is the real Cloud API adapter pointed at the built-in simulator's routes.
 */
export function buildProvider(
  account: ProviderAccount,
  secretKey: Buffer,
  simulator: SimulatorLocation,
  options: { timeoutMs?: number } = {},
): WhatsAppProvider {
  const settings = JSON.parse(account.settings) as ProviderSettings;
  const secrets = accountSecrets(account, secretKey);
  if (account.kind === 'simulator') {
    const base = simulator.baseUrl();
    if (!base) throw new Error('the simulator is the provider but its address is unknown');
    return createCloudProvider({ kind: 'cloud', ...settings, ...secrets, baseUrl: `${base}/simulator` }, options);
  }
  const credentials = { kind: account.kind, ...settings, ...secrets } as ProviderCredentials;
  return credentials.kind === 'plinx'
    ? createPlinxProvider(credentials, options)
    : createCloudProvider(credentials, options);
}
