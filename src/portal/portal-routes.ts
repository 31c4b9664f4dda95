import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../http/app-context.js';
import { customerStage, publicEvents } from './customer-status.js';
import { channelFromQuery } from './link-channel.js';
import { messagePage, notFoundPage, sendPage } from './page-layout.js';
import type { PortalDeps } from './portal-deps.js';
import { renderTrackingPage } from './tracking-page.js';
import { findTicketByToken, listPublicHistory } from './tracking-repository.js';

export const PublicLinkParams = Type.Object({ token: Type.String({ description: 'O segredo do link (128 bits)' }) });
export const PublicLinkQuery = Type.Object({
  c: Type.Optional(Type.Unknown({ description: 'Canal por onde o link foi enviado: w (WhatsApp), e (e-mail)' })),
});

/**
 * An unknown or revoked link: a friendly 404, the same for both so a revoked link reveals
 * nothing. Misses are counted per address; past the limit, a 429 (tokens can't be guessed, but
 * trying costs the trier).
 */
export function replyUnknownLink(deps: PortalDeps, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const wait = deps.limiters.unknownLinksPerIp.hit(request.ip);
  if (wait > 0) return replyTooManyRequests(reply, wait);
  return sendPage(reply, 404, notFoundPage());
}

export function replyTooManyRequests(reply: FastifyReply, waitMs: number): FastifyReply {
  const minutes = Math.max(1, Math.ceil(waitMs / 60_000));
  reply.header('retry-after', String(Math.ceil(waitMs / 1000)));
  return sendPage(
    reply,
    429,
    messagePage(
      'Muitas tentativas',
      `Recebemos muitas tentativas seguidas deste aparelho ou rede. Aguarde ${minutes} ${minutes === 1 ? 'minuto' : 'minutos'} e tente de novo.`,
    ),
  );
}

/** The tracking page: GET /t/{token}, server-rendered pt-BR HTML. */
export async function portalRoutes(app: FastifyInstance, ctx: AppContext, deps: PortalDeps): Promise<void> {
  const { db } = ctx.database;
  app.get(
    '/t/:token',
    {
      schema: {
        tags: ['portal'],
        summary: 'Página de acompanhamento do chamado (HTML, pt-BR); 404 amigável para link desconhecido ou revogado',
        params: PublicLinkParams,
        querystring: PublicLinkQuery,
        produces: ['text/html'],
      },
    },
    async (request, reply) => {
      const { token } = request.params as { token: string };
      // The answer only matters once the ticket is closed (the survey card).
      const ticket = await findTicketByToken(db, deps.branding, token, { withAnswer: (t) => t.state === 'closed' });
      if (!ticket) return replyUnknownLink(deps, request, reply);
      const now = Date.now();
      const channel = channelFromQuery((request.query as { c?: unknown }).c);
      deps.linkEvents.record({
        workspace_id: ticket.workspace_id,
        ticket_id: ticket.id,
        kind: 'tracking_opened',
        channel,
        first_at: now,
      });
      const { entries, messages } = await listPublicHistory(db, ticket.workspace_id, ticket.id, token);
      const page = renderTrackingPage({
        ticket,
        token,
        channel,
        stage: customerStage(ticket, entries),
        events: publicEvents(entries, messages),
        now,
      });
      return sendPage(reply, 200, page);
    },
  );
}
