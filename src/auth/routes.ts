import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../http/app-context.js';
import { ApiError } from '../http/errors.js';
import { readCookie, serializeCookie } from './cookies.js';
import { requireUser } from './require-user.js';
import { changePassword, login, logout, SESSION_COOKIE, SESSION_TTL_MS } from './sessions.js';

export const SessionUserSchema = Type.Object({
  userId: Type.Integer(),
  workspaceId: Type.Integer(),
  workspaceSlug: Type.String(),
  workspaceName: Type.String(),
  email: Type.String(),
  name: Type.String(),
  role: Type.Union([Type.Literal('admin'), Type.Literal('supervisor'), Type.Literal('agent')]),
  csrfToken: Type.String({ description: 'Send back in x-csrf-token on every state-changing call' }),
});

const ErrorResponse = Type.Object({ code: Type.String(), message: Type.String(), field: Type.Optional(Type.String()) });

/** Console sign-in: an HttpOnly session cookie (Secure behind HTTPS, SameSite=Lax) and a CSRF token. */
export async function authRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const secure = ctx.config.publicUrl.startsWith('https://');

  app.post(
    '/api/v1/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Entrar no console',
        body: Type.Object({
          email: Type.String({ minLength: 3, maxLength: 254 }),
          password: Type.String({ minLength: 1, maxLength: 200 }),
          workspace: Type.Optional(Type.String({ maxLength: 48 })),
        }),
        response: { 200: SessionUserSchema, 400: ErrorResponse, 401: ErrorResponse, 429: ErrorResponse },
      },
    },
    async (request, reply) => {
      const result = await login(
        ctx.database.db,
        request.body as { email: string; password: string; workspace?: string },
      );
      if (!result.ok) {
        // A constant pause on every failure makes guessing slow even before the lock.
        await new Promise((resolve) => setTimeout(resolve, 300));
        if (result.reason === 'locked') {
          reply.header('retry-after', Math.ceil((result.retryAfterMs ?? 0) / 1000));
          throw new ApiError('account_locked');
        }
        throw new ApiError(result.reason === 'ambiguous' ? 'ambiguous_login' : 'invalid_credentials');
      }
      reply.header(
        'set-cookie',
        serializeCookie(SESSION_COOKIE, result.token, { secure, maxAgeSeconds: SESSION_TTL_MS / 1000 }),
      );
      return result.user;
    },
  );

  app.post(
    '/api/v1/auth/logout',
    { schema: { tags: ['auth'], summary: 'Sair', response: { 204: Type.Null() } } },
    async (request, reply) => {
      const token = readCookie(request.headers.cookie, SESSION_COOKIE);
      if (token) {
        await requireUser(ctx, request);
        await logout(ctx.database.db, token);
      }
      reply.header('set-cookie', serializeCookie(SESSION_COOKIE, '', { secure, maxAgeSeconds: 0 }));
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/v1/auth/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'Quem está conectado',
        response: { 200: SessionUserSchema, 401: ErrorResponse },
      },
    },
    async (request) => requireUser(ctx, request),
  );

  app.post(
    '/api/v1/auth/password',
    {
      schema: {
        tags: ['auth'],
        summary: 'Trocar a própria senha',
        body: Type.Object({
          currentPassword: Type.String({ minLength: 1, maxLength: 200 }),
          newPassword: Type.String({ minLength: 10, maxLength: 200, description: 'Pelo menos 10 caracteres' }),
        }),
        response: { 204: Type.Null(), 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse },
      },
    },
    async (request, reply) => {
      const user = await requireUser(ctx, request);
      const body = request.body as { currentPassword: string; newPassword: string };
      const token = readCookie(request.headers.cookie, SESSION_COOKIE)!;
      if (!(await changePassword(ctx.database.db, user.userId, body.currentPassword, body.newPassword, token))) {
        throw new ApiError('invalid_credentials', 'currentPassword', 'A senha atual não confere.');
      }
      return reply.status(204).send();
    },
  );
}
