import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { requireUser } from '../auth/require-user.js';
import type { AppContext } from '../http/app-context.js';
import { ApiError } from '../http/errors.js';
import { MessageViewSchema } from '../ingest/source-record-view.js';
import { listTicketMessages } from '../messaging/message-view.js';
import { formatProtocol } from './protocol.js';
import { findTicket, listTickets } from './repository.js';
import { toTicketView } from './ticket-view.js';
import { listTimeline } from './timeline.js';

const ErrorResponse = Type.Object({ code: Type.String(), message: Type.String(), field: Type.Optional(Type.String()) });

const TicketSummary = Type.Object({
  id: Type.Integer(),
  protocol: Type.String(),
  source: Type.String(),
  externalId: Type.String(),
  state: Type.Union([Type.Literal('open'), Type.Literal('closed')]),
  status: Type.Union([Type.String(), Type.Null()]),
  critical: Type.Boolean(),
  customerName: Type.String(),
  processNumber: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

const TimelineEntry = Type.Object({
  id: Type.Integer(),
  type: Type.String(),
  text: Type.String(),
  data: Type.Unknown(),
  at: Type.String({ format: 'date-time' }),
});

/** The console's read side of tickets, always within the signed-in user's workspace. */
export async function ticketRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get(
    '/api/v1/tickets',
    {
      schema: {
        tags: ['tickets'],
        summary: 'Chamados do workspace, mais novos primeiro, com filtros e paginação por cursor',
        querystring: Type.Object({
          state: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('closed')])),
          status: Type.Optional(Type.String({ maxLength: 200 })),
          critical: Type.Optional(Type.Boolean()),
          source: Type.Optional(Type.String({ maxLength: 63 })),
          q: Type.Optional(
            Type.String({ maxLength: 200, description: 'Protocolo, número do processo ou nome do cliente' }),
          ),
          cursor: Type.Optional(Type.String({ pattern: '^[0-9]+$' })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
        }),
        response: {
          200: Type.Object({
            tickets: Type.Array(TicketSummary),
            nextCursor: Type.Union([Type.String(), Type.Null()]),
          }),
          401: ErrorResponse,
        },
      },
    },
    async (request) => {
      const user = await requireUser(ctx, request);
      const {
        cursor,
        limit = 50,
        ...filters
      } = request.query as {
        state?: 'open' | 'closed';
        status?: string;
        critical?: boolean;
        source?: string;
        q?: string;
        cursor?: string;
        limit?: number;
      };
      const page = await listTickets(ctx.database.db, user.workspaceId, filters, { limit, cursor });
      return {
        tickets: page.tickets.map((t) => {
          const fields = JSON.parse(t.fields) as Record<string, unknown>;
          return {
            id: t.id,
            protocol: formatProtocol(t.id, t.created_at),
            source: t.source_name,
            externalId: t.external_id,
            state: t.state,
            status: t.status,
            critical: t.critical === 1,
            customerName: t.customer_name,
            processNumber: typeof fields.processNumber === 'string' ? fields.processNumber : null,
            createdAt: new Date(t.created_at).toISOString(),
            updatedAt: new Date(t.updated_at).toISOString(),
          };
        }),
        nextCursor: page.nextCursor,
      };
    },
  );

  app.get(
    '/api/v1/tickets/:id',
    {
      schema: {
        tags: ['tickets'],
        summary: 'Um chamado com a timeline (mais recente primeiro) e as mensagens',
        params: Type.Object({ id: Type.Integer() }),
        response: {
          200: Type.Object({
            ticket: Type.Unknown(),
            timeline: Type.Array(TimelineEntry),
            messages: Type.Array(MessageViewSchema),
          }),
          401: ErrorResponse,
          404: ErrorResponse,
        },
      },
    },
    async (request) => {
      const user = await requireUser(ctx, request);
      const { id } = request.params as { id: number };
      const { db } = ctx.database;
      const ticket = await findTicket(db, user.workspaceId, id);
      if (!ticket) throw new ApiError('ticket_not_found');
      const [timeline, messages, source] = await Promise.all([
        listTimeline(db, user.workspaceId, id, 'desc'),
        listTicketMessages(db, user.workspaceId, id),
        db.selectFrom('sources').select('name').where('id', '=', ticket.source_id).executeTakeFirstOrThrow(),
      ]);
      return { ticket: { ...toTicketView(ticket, ctx.config.publicUrl), source: source.name }, timeline, messages };
    },
  );
}
