import { createHash } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { listAudit, recordAudit } from '../audit/audit-log.js';
import { hashPassword } from '../auth/passwords.js';
import { requireUser } from '../auth/require-user.js';
import type { User } from '../db/schema.js';
import type { AppContext } from '../http/app-context.js';
import { ApiError } from '../http/errors.js';
import { randomToken } from '../shared/random-token.js';
import { userFieldsValidator } from './user-input.js';

const ErrorResponse = Type.Object({ code: Type.String(), message: Type.String(), field: Type.Optional(Type.String()) });
const Role = Type.Union([Type.Literal('admin'), Type.Literal('supervisor'), Type.Literal('agent')]);
const INVITE_TTL_MS = 7 * 24 * 60 * 60_000;
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

type UserRole = 'admin' | 'supervisor' | 'agent';

const UserView = Type.Object({
  id: Type.Integer(),
  email: Type.String(),
  name: Type.String(),
  role: Role,
  active: Type.Boolean(),
  createdAt: Type.String(),
});

const toUserView = (u: User) => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
  active: u.disabled_at === null,
  createdAt: new Date(u.created_at).toISOString(),
});

/**
 * Usuários: admins list users, create one with an initial password, invite by a link that expires (the link is the only way in and is
 * shown once), change roles and deactivate (which ends the user's sessions). Plus the audit log.
 */
export async function userRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { db } = ctx.database;

  /** A person has one account per workspace: the e-mail is the sign-in. */
  const refuseTakenEmail = async (workspaceId: number, email: string) => {
    const existing = await db
      .selectFrom('users')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('email', '=', email)
      .executeTakeFirst();
    if (existing) throw new ApiError('conflict', 'email', 'Já existe um usuário com este e-mail.');
  };

  app.get(
    '/api/v1/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Usuários do workspace',
        response: { 200: Type.Object({ users: Type.Array(UserView) }), 403: ErrorResponse },
      },
    },
    async (request) => {
      const user = await requireUser(ctx, request, 'admin');
      const rows = await db
        .selectFrom('users')
        .selectAll()
        .where('workspace_id', '=', user.workspaceId)
        .orderBy('name')
        .execute();
      return { users: rows.map(toUserView) };
    },
  );

  app.post(
    '/api/v1/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Criar um usuário com uma senha inicial (que ele troca em Minha conta)',
        body: Type.Object({
          name: Type.String({ minLength: 1, maxLength: 120 }),
          email: Type.String({ minLength: 3, maxLength: 254, format: 'email' }),
          role: Role,
          password: Type.String({ minLength: 10, maxLength: 200 }),
        }),
        response: { 201: UserView, 400: ErrorResponse, 403: ErrorResponse, 409: ErrorResponse },
      },
      validatorCompiler: userFieldsValidator(['name', 'email', 'role', 'password']),
    },
    async (request, reply) => {
      const admin = await requireUser(ctx, request, 'admin');
      const body = request.body as { name: string; email: string; role: UserRole; password: string };
      const name = body.name.trim();
      const email = body.email.trim().toLowerCase();
      await refuseTakenEmail(admin.workspaceId, email);
      const passwordHash = await hashPassword(body.password);
      const created = await db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('users')
          .values({
            workspace_id: admin.workspaceId,
            email,
            name,
            role: body.role,
            password_hash: passwordHash,
            created_at: Date.now(),
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await recordAudit(trx, {
          workspaceId: admin.workspaceId,
          userId: admin.userId,
          entity: 'user',
          entityId: row.id,
          action: 'create',
          after: { email, name, role: body.role },
        });
        return row;
      });
      return reply.status(201).send(toUserView(created));
    },
  );

  app.post(
    '/api/v1/users/invites',
    {
      schema: {
        tags: ['users'],
        summary: 'Convidar um usuário: o link (exibido só agora) vale 7 dias',
        body: Type.Object({ email: Type.String({ minLength: 3, maxLength: 254, format: 'email' }), role: Role }),
        response: {
          201: Type.Object({ inviteUrl: Type.String(), expiresAt: Type.String() }),
          400: ErrorResponse,
          403: ErrorResponse,
          409: ErrorResponse,
        },
      },
      validatorCompiler: userFieldsValidator(['email', 'role']),
    },
    async (request, reply) => {
      const user = await requireUser(ctx, request, 'admin');
      const body = request.body as { email: string; role: UserRole };
      const email = body.email.trim().toLowerCase();
      await refuseTakenEmail(user.workspaceId, email);
      const token = randomToken(24);
      const now = Date.now();
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('user_invites')
          .values({
            workspace_id: user.workspaceId,
            email,
            role: body.role,
            token_hash: hashToken(token),
            created_by: user.userId,
            expires_at: now + INVITE_TTL_MS,
            created_at: now,
          })
          .execute();
        await recordAudit(trx, {
          workspaceId: user.workspaceId,
          userId: user.userId,
          entity: 'user',
          entityId: email,
          action: 'invite',
          after: { email, role: body.role },
        });
      });
      return reply.status(201).send({
        inviteUrl: `${ctx.config.publicUrl}/app/convite/${token}`,
        expiresAt: new Date(now + INVITE_TTL_MS).toISOString(),
      });
    },
  );

  app.post(
    '/api/v1/auth/invites/:token/accept',
    {
      schema: {
        tags: ['users'],
        summary: 'Aceitar um convite: define nome e senha',
        params: Type.Object({ token: Type.String({ maxLength: 64 }) }),
        body: Type.Object({
          name: Type.String({ minLength: 1, maxLength: 120 }),
          password: Type.String({ minLength: 10, maxLength: 200 }),
        }),
        response: {
          201: Type.Object({ email: Type.String(), workspace: Type.String() }),
          400: ErrorResponse,
          404: ErrorResponse,
          409: ErrorResponse,
        },
      },
      validatorCompiler: userFieldsValidator(['name', 'password']),
    },
    async (request, reply) => {
      const { token } = request.params as { token: string };
      const body = request.body as { name: string; password: string };
      const passwordHash = await hashPassword(body.password);
      const accepted = await db.transaction().execute(async (trx) => {
        const invite = await trx
          .selectFrom('user_invites')
          .selectAll()
          .where('token_hash', '=', hashToken(token))
          .executeTakeFirst();
        if (!invite || invite.accepted_at !== null || invite.expires_at < Date.now()) return undefined;
        // An admin may have created the account by hand after inviting: the invite then has nothing to add.
        const taken = await trx
          .selectFrom('users')
          .select('id')
          .where('workspace_id', '=', invite.workspace_id)
          .where('email', '=', invite.email)
          .executeTakeFirst();
        if (taken)
          throw new ApiError('conflict', 'token', 'Já existe uma conta com este e-mail: entre com ela no console.');
        const now = Date.now();
        await trx.updateTable('user_invites').set({ accepted_at: now }).where('id', '=', invite.id).execute();
        await trx
          .insertInto('users')
          .values({
            workspace_id: invite.workspace_id,
            email: invite.email,
            name: body.name.trim(),
            role: invite.role,
            password_hash: passwordHash,
            created_at: now,
          })
          .execute();
        const workspace = await trx
          .selectFrom('workspaces')
          .select('slug')
          .where('id', '=', invite.workspace_id)
          .executeTakeFirstOrThrow();
        return { email: invite.email, workspace: workspace.slug };
      });
      if (!accepted) throw new ApiError('not_found', 'token', 'Convite inválido, expirado ou já usado.');
      return reply.status(201).send(accepted);
    },
  );

  app.put(
    '/api/v1/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: 'Mudar o perfil ou desativar/reativar um usuário',
        params: Type.Object({ id: Type.Integer() }),
        body: Type.Object({ role: Type.Optional(Role), active: Type.Optional(Type.Boolean()) }),
        response: { 200: UserView, 400: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) => {
      const admin = await requireUser(ctx, request, 'admin');
      const { id } = request.params as { id: number };
      const body = request.body as { role?: UserRole; active?: boolean };
      if (id === admin.userId && (body.active === false || (body.role && body.role !== 'admin'))) {
        throw new ApiError('invalid_body', 'id', 'Você não pode desativar nem rebaixar a si mesmo.');
      }
      const updated = await db.transaction().execute(async (trx) => {
        const before = await trx
          .selectFrom('users')
          .selectAll()
          .where('id', '=', id)
          .where('workspace_id', '=', admin.workspaceId)
          .executeTakeFirst();
        if (!before) return undefined;
        const disabledAt =
          body.active === undefined ? before.disabled_at : body.active ? null : (before.disabled_at ?? Date.now());
        const after = await trx
          .updateTable('users')
          .set({ role: body.role ?? before.role, disabled_at: disabledAt })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirstOrThrow();
        if (disabledAt !== null) await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
        await recordAudit(trx, {
          workspaceId: admin.workspaceId,
          userId: admin.userId,
          entity: 'user',
          entityId: id,
          action: 'update',
          before: { role: before.role, active: before.disabled_at === null },
          after: { role: after.role, active: after.disabled_at === null },
        });
        return after;
      });
      if (!updated) throw new ApiError('not_found', 'id', 'Usuário não encontrado.');
      return toUserView(updated);
    },
  );

  app.get(
    '/api/v1/audit',
    {
      schema: {
        tags: ['users'],
        summary: 'Registro de alterações de configuração (quem, quando, antes, depois)',
        querystring: Type.Object({
          before: Type.Optional(Type.Integer()),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
        }),
        response: { 200: Type.Object({ entries: Type.Array(Type.Unknown()) }), 403: ErrorResponse },
      },
    },
    async (request) => {
      const user = await requireUser(ctx, request, 'supervisor');
      const q = request.query as { before?: number; limit?: number };
      return { entries: await listAudit(db, user.workspaceId, q.limit ?? 50, q.before) };
    },
  );
}
