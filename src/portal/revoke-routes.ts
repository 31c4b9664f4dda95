import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { requireUser } from '../auth/require-user.js';
import type { AppContext } from '../http/app-context.js';
import { ApiError } from '../http/errors.js';
import { randomToken } from '../shared/random-token.js';
import { trackingUrl } from '../tickets/ticket-view.js';
import { appendTimelineEntry } from '../tickets/timeline.js';

const ErrorResponse = Type.Object({ code: Type.String(), message: Type.String(), field: Type.Optional(Type.String()) });

export const TRACKING_TIMELINE_TYPES = {
  revoked: 'tracking_link_revoked',
  reissued: 'tracking_link_reissued',
} as const;

/**
 * A supervisor turns a ticket's public link off (a link forwarded to the wrong person, a
 * customer who asks). Both /t/ and /s/ answer the friendly 404 from then on. With `reissue`,
 * the ticket gets a new token instead, so later messages carry a working link while every link
 * already sent stays dead.
 */
export async function trackingLinkRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.post(
    '/api/v1/tickets/:id/tracking-link/revoke',
    {
      schema: {
        tags: ['tickets'],
        summary: 'Desativa o link público (acompanhamento e pesquisa) de um chamado; opcionalmente emite um novo',
        security: [{ session: [] }],
        params: Type.Object({ id: Type.Integer() }),
        // A query flag rather than a body: the plain call needs no body at all.
        querystring: Type.Object({
          reissue: Type.Optional(
            Type.Boolean({ description: 'Emite um novo link (os já enviados param de funcionar)' }),
          ),
        }),
        response: {
          200: Type.Object({
            revoked: Type.Boolean(),
            revokedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
            trackingUrl: Type.Union([Type.String(), Type.Null()]),
          }),
          401: ErrorResponse,
          403: ErrorResponse,
          404: ErrorResponse,
        },
      },
    },
    async (request) => {
      const user = await requireUser(ctx, request, 'supervisor');
      const { id } = request.params as { id: number };
      const reissue = (request.query as { reissue?: boolean }).reissue === true;
      const now = Date.now();
      return ctx.database.db.transaction().execute(async (trx) => {
        const token = reissue ? randomToken(16) : undefined;
        const updated = await trx
          .updateTable('tickets')
          .set(token ? { tracking_token: token, tracking_revoked_at: null } : { tracking_revoked_at: now })
          .where('workspace_id', '=', user.workspaceId)
          .where('id', '=', id)
          .returning(['id', 'tracking_token', 'tracking_revoked_at'])
          .executeTakeFirst();
        if (!updated) throw new ApiError('ticket_not_found');
        await appendTimelineEntry(trx, {
          workspaceId: user.workspaceId,
          ticketId: id,
          type: token ? TRACKING_TIMELINE_TYPES.reissued : TRACKING_TIMELINE_TYPES.revoked,
          text: token
            ? `Link de acompanhamento trocado por ${user.name}: os links já enviados deixaram de funcionar.`
            : `Link de acompanhamento e da pesquisa desativado por ${user.name}.`,
          data: { userId: user.userId },
          at: now,
        });
        return {
          revoked: true,
          revokedAt: updated.tracking_revoked_at === null ? null : new Date(updated.tracking_revoked_at).toISOString(),
          trackingUrl: token ? trackingUrl(ctx.config.publicUrl, token) : null,
        };
      });
    },
  );
}
