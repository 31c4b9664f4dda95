import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.js';

export interface AuditEntry {
  workspaceId: number;
  userId: number | null;
  entity: string;
  entityId: string | number | null;
  action: 'create' | 'update' | 'delete' | 'revoke' | 'invite';
  before?: unknown;
  after?: unknown;
}

/**
 * Who changed what configuration, when, from what to what: written in the change's own
 * transaction so the log never misses a change nor records one that rolled back. Secrets are
 * never passed here (callers pass views without them).
 */
export async function recordAudit(db: Kysely<DB> | Transaction<DB>, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      workspace_id: entry.workspaceId,
      user_id: entry.userId,
      entity: entry.entity,
      entity_id: entry.entityId === null ? null : String(entry.entityId),
      action: entry.action,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
      at: Date.now(),
    })
    .execute();
}

export async function listAudit(db: Kysely<DB>, workspaceId: number, limit: number, beforeId?: number) {
  let query = db
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.user_id')
    .select([
      'audit_log.id',
      'audit_log.entity',
      'audit_log.entity_id as entityId',
      'audit_log.action',
      'audit_log.before',
      'audit_log.after',
      'audit_log.at',
      'users.name as userName',
      'users.email as userEmail',
    ])
    .where('audit_log.workspace_id', '=', workspaceId);
  if (beforeId !== undefined) query = query.where('audit_log.id', '<', beforeId);
  const rows = await query.orderBy('audit_log.id', 'desc').limit(limit).execute();
  return rows.map((row) => ({
    ...row,
    before: row.before === null ? null : (JSON.parse(row.before) as unknown),
    after: row.after === null ? null : (JSON.parse(row.after) as unknown),
    at: new Date(row.at).toISOString(),
  }));
}
