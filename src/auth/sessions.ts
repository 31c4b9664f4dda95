import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB, User } from '../db/schema.js';
import { randomToken } from '../shared/random-token.js';
import { hashPassword, verifyPassword } from './passwords.js';

export const SESSION_COOKIE = 'ponte_session';
export const SESSION_TTL_MS = 12 * 60 * 60_000;
/** After this many wrong passwords in a row, the account waits LOCK_MS before trying again. */
export const MAX_FAILED_LOGINS = 5;
export const LOCK_MS = 15 * 60_000;

export type Role = User['role'];

export interface SessionUser {
  userId: number;
  workspaceId: number;
  workspaceSlug: string;
  workspaceName: string;
  email: string;
  name: string;
  role: Role;
  csrfToken: string;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export type LoginResult =
  | { ok: true; token: string; user: SessionUser }
  | { ok: false; reason: 'invalid' | 'locked' | 'ambiguous'; retryAfterMs?: number };

/**
 * Signs a user in by e-mail and password (and workspace, when the same e-mail exists in more
 * than one). Wrong passwords count towards a lock; the answer never says whether the e-mail
 * exists. The password is checked even for an unknown e-mail, so timing does not tell either.
 */
export async function login(
  db: Kysely<DB>,
  input: { email: string; password: string; workspace?: string },
  now = Date.now(),
): Promise<LoginResult> {
  let query = db
    .selectFrom('users')
    .innerJoin('workspaces', 'workspaces.id', 'users.workspace_id')
    .selectAll('users')
    .select(['workspaces.slug as workspace_slug', 'workspaces.name as workspace_name'])
    .where('users.email', '=', input.email.trim().toLowerCase())
    .where('users.disabled_at', 'is', null);
  if (input.workspace) query = query.where('workspaces.slug', '=', input.workspace);
  const users = await query.execute();
  if (users.length > 1) return { ok: false, reason: 'ambiguous' };
  const user = users[0];
  if (user?.locked_until && user.locked_until > now) {
    return { ok: false, reason: 'locked', retryAfterMs: user.locked_until - now };
  }
  const valid = await verifyPassword(input.password, user?.password_hash ?? (await getDummyHash()));
  if (!user || !valid) {
    if (user) {
      const failed = user.failed_logins + 1;
      await db
        .updateTable('users')
        .set({ failed_logins: failed, locked_until: failed >= MAX_FAILED_LOGINS ? now + LOCK_MS : null })
        .where('id', '=', user.id)
        .execute();
    }
    return { ok: false, reason: 'invalid' };
  }
  if (user.failed_logins > 0 || user.locked_until !== null) {
    await db.updateTable('users').set({ failed_logins: 0, locked_until: null }).where('id', '=', user.id).execute();
  }
  const token = randomToken(32);
  const csrfToken = randomToken(16);
  await db
    .insertInto('sessions')
    .values({
      id: hashToken(token),
      user_id: user.id,
      workspace_id: user.workspace_id,
      csrf_token: csrfToken,
      created_at: now,
      expires_at: now + SESSION_TTL_MS,
    })
    .execute();
  return {
    ok: true,
    token,
    user: {
      userId: user.id,
      workspaceId: user.workspace_id,
      workspaceSlug: user.workspace_slug,
      workspaceName: user.workspace_name,
      email: user.email,
      name: user.name,
      role: user.role,
      csrfToken,
    },
  };
}

// A real scrypt hash of a random password, so unknown e-mails cost the same as wrong passwords.
let dummyHash: Promise<string> | undefined;
const getDummyHash = () => {
  dummyHash ??= hashPassword(randomToken(12));
  return dummyHash;
};

export async function findSession(db: Kysely<DB>, token: string, now = Date.now()): Promise<SessionUser | undefined> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .innerJoin('workspaces', 'workspaces.id', 'sessions.workspace_id')
    .select([
      'users.id as userId',
      'sessions.workspace_id as workspaceId',
      'workspaces.slug as workspaceSlug',
      'workspaces.name as workspaceName',
      'users.email',
      'users.name',
      'users.role',
      'users.disabled_at',
      'sessions.csrf_token as csrfToken',
    ])
    .where('sessions.id', '=', hashToken(token))
    .where('sessions.expires_at', '>', now)
    .executeTakeFirst();
  if (!row || row.disabled_at !== null) return undefined;
  const { disabled_at: _disabled, ...user } = row;
  return user;
}

export async function logout(db: Kysely<DB>, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', hashToken(token)).execute();
}

/** Changes a password after checking the current one; other sessions of the user end. */
export async function changePassword(
  db: Kysely<DB>,
  userId: number,
  current: string,
  next: string,
  keepToken: string,
): Promise<boolean> {
  const user = await db.selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirst();
  if (!user || !(await verifyPassword(current, user.password_hash))) return false;
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ password_hash: await hashPassword(next) })
      .where('id', '=', userId)
      .execute();
    await trx.deleteFrom('sessions').where('user_id', '=', userId).where('id', '!=', hashToken(keepToken)).execute();
  });
  return true;
}
