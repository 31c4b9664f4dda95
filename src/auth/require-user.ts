import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../http/app-context.js';
import { ApiError } from '../http/errors.js';
import { readCookie } from './cookies.js';
import { findSession, type Role, SESSION_COOKIE, type SessionUser } from './sessions.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Who may do what: agents work tickets; supervisors configure; admins also manage users. */
export const ROLES_ALLOWED = {
  agent: ['agent', 'supervisor', 'admin'],
  supervisor: ['supervisor', 'admin'],
  admin: ['admin'],
} as const satisfies Record<string, readonly Role[]>;

/**
 * The signed-in user of a console request, with at least `minimum`'s rights. A state-changing
 * call must also carry the session's CSRF token in `x-csrf-token`: the session cookie alone
 * (which a browser attaches to a cross-site form post) is not enough.
 */
export async function requireUser(
  ctx: AppContext,
  request: FastifyRequest,
  minimum: keyof typeof ROLES_ALLOWED = 'agent',
): Promise<SessionUser> {
  const token = readCookie(request.headers.cookie, SESSION_COOKIE);
  const user = token ? await findSession(ctx.database.db, token) : undefined;
  if (!user) throw new ApiError('not_signed_in');
  if (!SAFE_METHODS.has(request.method) && request.headers['x-csrf-token'] !== user.csrfToken) {
    throw new ApiError('csrf_failed');
  }
  if (!(ROLES_ALLOWED[minimum] as readonly Role[]).includes(user.role)) throw new ApiError('forbidden_role');
  return user;
}
