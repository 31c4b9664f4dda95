import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { SourceContext } from '../ingest/apply-record.js';
import { apiKeyMatches, parseApiKey } from './api-keys.js';

const LAST_USED_PRECISION_MS = 60_000;

/**
 * Resolves an API key to the source it belongs to. Verified keys are remembered for `ttlMs`
 * so the hot path does not pay a lookup per request; a revocation or a change of the source's
 * critical statuses therefore takes effect within `ttlMs` in every process.
 */
export class SourceKeyResolver {
  readonly #cache = new Map<string, { source: SourceContext; expiresAt: number }>();

  constructor(
    private readonly db: Kysely<DB>,
    private readonly ttlMs = 5_000,
    private readonly capacity = 10_000,
  ) {}

  async resolve(key: string, now = Date.now()): Promise<SourceContext | undefined> {
    const cached = this.#cache.get(key);
    if (cached && cached.expiresAt > now) return cached.source;
    const parsed = parseApiKey(key);
    if (parsed === undefined) return undefined;
    const row = await this.db
      .selectFrom('api_keys')
      .innerJoin('sources', 'sources.id', 'api_keys.source_id')
      .select([
        'api_keys.id',
        'api_keys.last_used_at',
        'api_keys.secret_hash',
        'api_keys.revoked_at',
        'api_keys.workspace_id',
        'api_keys.source_id',
        'sources.name',
        'sources.critical_statuses',
      ])
      .where('api_keys.prefix', '=', parsed.prefix)
      .executeTakeFirst();
    if (row === undefined || row.revoked_at !== null || !apiKeyMatches(key, row.secret_hash)) {
      this.#cache.delete(key);
      return undefined;
    }
    const source: SourceContext = {
      workspaceId: row.workspace_id,
      sourceId: row.source_id,
      sourceName: row.name,
      criticalStatuses: new Set(
        (JSON.parse(row.critical_statuses) as string[]).map((s) => s.toLocaleUpperCase('pt-BR')),
      ),
    };
    // The verified path runs at most once per ttlMs per key; the write, at most once a minute, off
    // the request's way (a failed write only leaves the date older).
    if ((row.last_used_at ?? 0) <= now - LAST_USED_PRECISION_MS) {
      void this.db
        .updateTable('api_keys')
        .set({ last_used_at: now })
        .where('id', '=', row.id)
        .execute()
        .catch(() => undefined);
    }
    if (this.#cache.size >= this.capacity) this.#cache.clear();
    this.#cache.set(key, { source, expiresAt: now + this.ttlMs });
    return source;
  }

  /** Forgets every cached key, e.g. after a revocation in this process. */
  clear(): void {
    this.#cache.clear();
  }
}
