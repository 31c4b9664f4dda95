import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { requireUser } from '../auth/require-user.js';
import type { AppContext } from '../http/app-context.js';
import { ApiError } from '../http/errors.js';

const ErrorResponse = Type.Object({ code: Type.String(), message: Type.String(), field: Type.Optional(Type.String()) });

const HistoryEntry = Type.Object({
  id: Type.Integer(),
  action: Type.String({ description: 'create or update' }),
  at: Type.String({ format: 'date-time' }),
  user: Type.Union([Type.Object({ name: Type.String(), email: Type.String() }), Type.Null()]),
  before: Type.Unknown({ description: 'The procedure as it was (null on create)' }),
  after: Type.Unknown({ description: 'The procedure as it was saved' }),
});

/**
 * "Histórico de alterações" of one procedure: its entries of the audit log (who, when, before,
 * after), newest first. The log itself is written by the save, in the save's transaction.
 */
export async function procedureHistoryRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { db } = ctx.database;

  app.get(
    '/api/v1/procedures/:id/history',
    {
      schema: {
        tags: ['procedures'],
        summary: 'Histórico de alterações de um procedimento (quem, quando, antes, depois)',
        params: Type.Object({ id: Type.Integer() }),
        querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })) }),
        response: {
          200: Type.Object({ entries: Type.Array(HistoryEntry) }),
          401: ErrorResponse,
          403: ErrorResponse,
          404: ErrorResponse,
        },
      },
    },
    async (request) => {
      const user = await requireUser(ctx, request, 'supervisor');
      const { id } = request.params as { id: number };
      const limit = (request.query as { limit?: number }).limit ?? 20;
      const procedure = await db
        .selectFrom('procedures')
        .select('id')
        .where('id', '=', id)
        .where('workspace_id', '=', user.workspaceId)
        .executeTakeFirst();
      if (!procedure) throw new ApiError('not_found', 'id', 'Procedimento não encontrado.');
      const rows = await db
        .selectFrom('audit_log')
        .leftJoin('users', 'users.id', 'audit_log.user_id')
        .select([
          'audit_log.id',
          'audit_log.action',
          'audit_log.at',
          'audit_log.before',
          'audit_log.after',
          'users.name as userName',
          'users.email as userEmail',
        ])
        .where('audit_log.workspace_id', '=', user.workspaceId)
        .where('audit_log.entity', '=', 'procedure')
        .where('audit_log.entity_id', '=', String(id))
        .orderBy('audit_log.id', 'desc')
        .limit(limit)
        .execute();
      return {
        entries: rows.map((row) => ({
          id: row.id,
          action: row.action,
          at: new Date(row.at).toISOString(),
          user: row.userName === null ? null : { name: row.userName, email: row.userEmail ?? '' },
          before: row.before === null ? null : (JSON.parse(row.before) as unknown),
          after: row.after === null ? null : (JSON.parse(row.after) as unknown),
        })),
      };
    },
  );
}
