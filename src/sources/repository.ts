import type { Kysely } from 'kysely';
import type { DB, Source } from '../db/schema.js';

export async function findSource(db: Kysely<DB>, workspaceId: number, name: string): Promise<Source | undefined> {
  return db
    .selectFrom('sources')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('name', '=', name)
    .executeTakeFirst();
}

export async function createSource(db: Kysely<DB>, workspaceId: number, name: string, now = Date.now()) {
  return db
    .insertInto('sources')
    .values({ workspace_id: workspaceId, name, created_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function setSourceMapping(db: Kysely<DB>, sourceId: number, mapping: string | null) {
  await db.updateTable('sources').set({ mapping }).where('id', '=', sourceId).execute();
}

export async function setCriticalStatuses(db: Kysely<DB>, sourceId: number, statuses: readonly string[]) {
  await db
    .updateTable('sources')
    .set({ critical_statuses: JSON.stringify(statuses) })
    .where('id', '=', sourceId)
    .execute();
}

/** A source's name: letters, digits, dot, dash and underscore; it appears in URLs. */
export const SOURCE_NAME_PATTERN = /^[a-z0-9][a-z0-9._-]{0,62}$/;
