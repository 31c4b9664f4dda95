import { createHash, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { randomToken } from '../shared/random-token.js';

/**
 * API keys look like `pk_<prefix>_<secret>`: the prefix (8 random characters) is public and
 * shown in listings; the secret (32 random bytes) is shown once. Only SHA-256 of the whole key
 * is stored: with 256 random bits a slow hash adds nothing, and the hot path stays cheap.
 */
export interface IssuedApiKey {
  id: number;
  prefix: string;
  /** The whole key, to be shown once and never again. */
  key: string;
}

const KEY_PATTERN = /^pk_([A-Za-z0-9_-]{8})_([A-Za-z0-9_-]{43})$/;

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export function parseApiKey(key: string): { prefix: string } | undefined {
  const match = KEY_PATTERN.exec(key);
  return match ? { prefix: match[1]! } : undefined;
}

export function apiKeyMatches(key: string, storedHash: string): boolean {
  const actual = Buffer.from(hashApiKey(key), 'hex');
  const expected = Buffer.from(storedHash, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

export async function issueApiKey(
  db: Kysely<DB>,
  workspaceId: number,
  sourceId: number,
  now = Date.now(),
): Promise<IssuedApiKey> {
  const prefix = randomToken(6);
  const key = `pk_${prefix}_${randomToken(32)}`;
  const row = await db
    .insertInto('api_keys')
    .values({ workspace_id: workspaceId, source_id: sourceId, prefix, secret_hash: hashApiKey(key), created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, prefix, key };
}

export interface ApiKeyListing {
  prefix: string;
  source: string;
  createdAt: number;
  revokedAt: number | null;
  lastUsedAt: number | null;
}

export async function listApiKeys(db: Kysely<DB>, workspaceId: number, sourceName?: string): Promise<ApiKeyListing[]> {
  let query = db
    .selectFrom('api_keys')
    .innerJoin('sources', 'sources.id', 'api_keys.source_id')
    .where('api_keys.workspace_id', '=', workspaceId)
    .select([
      'api_keys.prefix',
      'sources.name as source',
      'api_keys.created_at as createdAt',
      'api_keys.revoked_at as revokedAt',
      'api_keys.last_used_at as lastUsedAt',
    ])
    .orderBy('api_keys.id');
  if (sourceName !== undefined) query = query.where('sources.name', '=', sourceName);
  return query.execute();
}

/** Revokes by prefix within a workspace; false when no such key (or already revoked). */
export async function revokeApiKey(db: Kysely<DB>, workspaceId: number, prefix: string, now = Date.now()) {
  const result = await db
    .updateTable('api_keys')
    .set({ revoked_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('prefix', '=', prefix)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
