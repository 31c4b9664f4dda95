import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireUser } from '../auth/require-user.js';
import type { AppContext } from '../http/app-context.js';
import { ApiError } from '../http/errors.js';
import { MessageViewSchema } from '../ingest/source-record-view.js';
import { listTicketMessages } from '../messaging/message-view.js';
import { findTicket, listTickets, type TicketFilters, type TicketSort } from './repository.js';
import { addNote, describePhones, editCustomer, resendWhatsApp } from './ticket-actions.js';
import { toTicketSummary } from './ticket-summary.js';
import { toTicketView } from './ticket-view.js';
import { listTimeline } from './timeline.js';

const ErrorResponse = Type.Object({ code: Type.String(), message: Type.String(), field: Type.Optional(Type.String()) });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const TicketSummarySchema = Type.Object({
  id: Type.Integer(),
  protocol: Type.String(),
  source: Type.String(),
  externalId: Type.String(),
  state: Type.Union([Type.Literal('open'), Type.Literal('closed')]),
  status: Nullable(Type.String()),
  critical: Type.Boolean(),
  pinned: Type.Boolean(),
  customerName: Type.String(),
  processNumber: Nullable(Type.String()),
  lastMessageStatus: Nullable(Type.String()),
  phoneProblem: Type.Boolean({ description: 'No valid mobile, or the number is not on WhatsApp' }),
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

const PhoneView = Type.Object({
  raw: Type.String(),
  e164: Nullable(Type.String()),
  mobile: Type.Boolean(),
  whatsapp: Type.Union([Type.Literal('unknown'), Type.Literal('no')]),
  optedOut: Type.Boolean(),
});

const TicketDetail = Type.Object({
  ticket: Type.Object({
    id: Type.Integer(),
    protocol: Type.String(),
    source: Type.String(),
    externalId: Type.String(),
    state: Type.Union([Type.Literal('open'), Type.Literal('closed')]),
    status: Nullable(Type.String()),
    critical: Type.Boolean(),
    pinned: Type.Boolean(),
    currentTask: Type.Union([Type.Object({ id: Type.Integer(), name: Type.String() }), Type.Null()]),
    fields: Type.Record(Type.String(), Type.Unknown()),
    customer: Type.Object({ name: Type.String(), email: Nullable(Type.String()), phones: Type.Array(PhoneView) }),
    trackingUrl: Type.String(),
    lastEventAt: Type.String(),
    createdAt: Type.String(),
    updatedAt: Type.String(),
    closedAt: Nullable(Type.String()),
  }),
  timeline: Type.Array(TimelineEntry, { description: 'Newest first' }),
  messages: Type.Array(MessageViewSchema),
});

const IdParams = Type.Object({ id: Type.Integer() });

/** The console's tickets: list, screen, and what an agent does on it; always within the user's workspace. */
export async function ticketRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { db } = ctx.database;

  const loadOwned = async (request: FastifyRequest, minimum: 'agent' | 'supervisor' = 'agent') => {
    const user = await requireUser(ctx, request, minimum);
    const ticket = await findTicket(db, user.workspaceId, (request.params as { id: number }).id);
    if (!ticket) throw new ApiError('ticket_not_found');
    return { user, ticket };
  };

  const detail = async (workspaceId: number, id: number) => {
    const ticket = (await findTicket(db, workspaceId, id))!;
    const [timeline, messages, source, task, phones] = await Promise.all([
      listTimeline(db, workspaceId, id, 'desc'),
      listTicketMessages(db, workspaceId, id),
      db.selectFrom('sources').select('name').where('id', '=', ticket.source_id).executeTakeFirstOrThrow(),
      ticket.current_task_id === null
        ? undefined
        : db
            .selectFrom('procedure_tasks')
            .select(['id', 'name'])
            .where('id', '=', ticket.current_task_id)
            .executeTakeFirst(),
      describePhones(db, ticket),
    ]);
    const view = toTicketView(ticket, ctx.config.publicUrl);
    return {
      ticket: {
        ...view,
        source: source.name,
        pinned: ticket.pinned === 1,
        currentTask: task ?? null,
        customer: { ...view.customer, phones },
      },
      timeline,
      messages,
    };
  };

  const changed = (workspaceId: number, ticketId: number) =>
    ctx.realtime.ticketChanged({ workspaceId, ticketId, kind: 'updated' });

  app.get(
    '/api/v1/tickets',
    {
      schema: {
        tags: ['tickets'],
        summary: 'Chamados do workspace: fixados primeiro, depois os mais novos; filtros e paginação por cursor',
        querystring: Type.Object({
          state: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('closed')])),
          status: Type.Optional(Type.String({ maxLength: 200 })),
          critical: Type.Optional(Type.Boolean()),
          source: Type.Optional(Type.String({ maxLength: 63 })),
          q: Type.Optional(
            Type.String({
              maxLength: 200,
              description: 'Protocolo, código, número do processo, nome ou telefone do cliente',
            }),
          ),
          messageFailed: Type.Optional(Type.Boolean()),
          noValidPhone: Type.Optional(Type.Boolean()),
          sort: Type.Optional(Type.Union([Type.Literal('created'), Type.Literal('updated')], { default: 'created' })),
          cursor: Type.Optional(Type.String({ maxLength: 60 })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
        }),
        response: {
          200: Type.Object({ tickets: Type.Array(TicketSummarySchema), nextCursor: Nullable(Type.String()) }),
          401: ErrorResponse,
        },
      },
    },
    async (request) => {
      const user = await requireUser(ctx, request);
      const {
        cursor,
        limit = 50,
        sort,
        ...filters
      } = request.query as TicketFilters & {
        cursor?: string;
        limit?: number;
        sort?: TicketSort;
      };
      const page = await listTickets(db, user.workspaceId, filters, { limit, cursor, sort });
      return { tickets: page.tickets.map(toTicketSummary), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/api/v1/tickets/:id',
    {
      schema: {
        tags: ['tickets'],
        summary: 'O chamado com cliente, tarefa atual, timeline (mais recente primeiro) e mensagens',
        params: IdParams,
        response: { 200: TicketDetail, 401: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) => {
      const { user, ticket } = await loadOwned(request);
      return detail(user.workspaceId, ticket.id);
    },
  );

  app.put(
    '/api/v1/tickets/:id/customer',
    {
      schema: {
        tags: ['tickets'],
        summary: 'Corrigir os dados do cliente (telefones, e-mail, nome)',
        params: IdParams,
        body: Type.Object({
          name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
          email: Type.Optional(Type.Union([Type.String({ maxLength: 254 }), Type.Null()])),
          phones: Type.Array(Type.String({ maxLength: 40 }), { maxItems: 10 }),
        }),
        response: { 200: TicketDetail, 400: ErrorResponse, 401: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) => {
      const { user, ticket } = await loadOwned(request);
      await editCustomer(db, ticket, user, request.body as { name?: string; email?: string | null; phones: string[] });
      changed(user.workspaceId, ticket.id);
      return detail(user.workspaceId, ticket.id);
    },
  );

  app.post(
    '/api/v1/tickets/:id/resend',
    {
      schema: {
        tags: ['tickets'],
        summary: 'Reenviar a mensagem de WhatsApp da tarefa atual (após corrigir o telefone)',
        params: IdParams,
        response: {
          200: Type.Object({ queued: Type.Boolean(), reason: Type.Optional(Type.String()) }),
          401: ErrorResponse,
          404: ErrorResponse,
        },
      },
    },
    async (request) => {
      const { user, ticket } = await loadOwned(request);
      const result = await resendWhatsApp(db, ctx.database.engine, ctx.config.publicUrl, ticket, user);
      if (result.queued) ctx.outbox.wake();
      changed(user.workspaceId, ticket.id);
      return result;
    },
  );

  app.post(
    '/api/v1/tickets/:id/notes',
    {
      schema: {
        tags: ['tickets'],
        summary: 'Nota interna (nunca chega ao cliente)',
        params: IdParams,
        body: Type.Object({ text: Type.String({ minLength: 1, maxLength: 4000 }) }),
        response: { 201: TimelineEntry, 400: ErrorResponse, 401: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request, reply) => {
      const { user, ticket } = await loadOwned(request);
      await addNote(db, ticket, user, (request.body as { text: string }).text.trim());
      changed(user.workspaceId, ticket.id);
      const [entry] = await listTimeline(db, user.workspaceId, ticket.id, 'desc');
      return reply.status(201).send(entry);
    },
  );

  app.put(
    '/api/v1/tickets/:id/pin',
    {
      schema: {
        tags: ['tickets'],
        summary: 'Fixar o chamado no topo da lista (para todo o workspace)',
        params: IdParams,
        body: Type.Object({ pinned: Type.Boolean() }),
        response: { 200: TicketSummarySchema, 401: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) => {
      const { user, ticket } = await loadOwned(request);
      await db
        .updateTable('tickets')
        .set({ pinned: (request.body as { pinned: boolean }).pinned ? 1 : 0 })
        .where('id', '=', ticket.id)
        .where('workspace_id', '=', user.workspaceId)
        .execute();
      changed(user.workspaceId, ticket.id);
      const page = await listTickets(db, user.workspaceId, { q: ticket.external_id }, { limit: 200 });
      return toTicketSummary(page.tickets.find((t) => t.id === ticket.id)!);
    },
  );
}
