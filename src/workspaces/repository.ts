import type { Kysely } from 'kysely';
import type { DB, Workspace } from '../db/schema.js';

export async function findWorkspaceBySlug(db: Kysely<DB>, slug: string): Promise<Workspace | undefined> {
  return db.selectFrom('workspaces').selectAll().where('slug', '=', slug).executeTakeFirst();
}

/** A workspace's slug: lower-case letters, digits and dashes, as in a URL. */
export const WORKSPACE_SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$/;
