import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { BrandingColumns } from './branding.js';
import { prepareQuery } from './prepared-query.js';

const brandingOfWorkspace = prepareQuery((db, slot) =>
  db
    .selectFrom('workspaces')
    .select(['name', 'logo_url', 'brand_color', 'csat_question', 'comment_question', 'nps_enabled', 'nps_question'])
    .where('id', '=', slot(0)),
);

/**
 * Each workspace's look and survey texts, kept for a few seconds. Every page view needs them and
 * they change a few times a year; joining them into the ticket's query cost more than the
 * ticket itself (bench/portal). A change made through this process shows at once (`forget`);
 * one made through another API process shows within `ttlMs`.
 */
export class BrandingCache {
  readonly #entries = new Map<number, { value: BrandingColumns; at: number }>();

  constructor(
    private readonly ttlMs = 5_000,
    private readonly maxEntries = 10_000,
  ) {}

  async get(db: Kysely<DB>, workspaceId: number, now = Date.now()): Promise<BrandingColumns | undefined> {
    const entry = this.#entries.get(workspaceId);
    if (entry && now - entry.at < this.ttlMs) return entry.value;
    const [value] = await brandingOfWorkspace(db, workspaceId);
    if (value === undefined) return undefined;
    if (this.#entries.size >= this.maxEntries) this.#entries.clear();
    this.#entries.set(workspaceId, { value, at: now });
    return value;
  }

  forget(workspaceId: number): void {
    this.#entries.delete(workspaceId);
  }
}
