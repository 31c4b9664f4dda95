import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { recordAudit } from '../audit/audit-log.js';
import { requireUser } from '../auth/require-user.js';
import type { MessageStatus } from '../db/schema.js';
import type { AppContext } from '../http/app-context.js';
import { ApiError } from '../http/errors.js';
import { MessageViewSchema } from '../ingest/source-record-view.js';
import { toMessageView } from './message-view.js';
import {
  accountSecrets,
  findProviderAccount,
  type ProviderInput,
  ProviderInputError,
  type ProviderSettings,
  setProviderAccount,
} from './provider-accounts.js';
import { checkProviderConnection } from './provider-check.js';
import { checkProviderInput, ProviderFieldError } from './provider-input-check.js';

const ErrorResponse = Type.Object({ code: Type.String(), message: Type.String(), field: Type.Optional(Type.String()) });
const STATUSES = ['queued', 'sending', 'sent', 'delivered', 'read', 'failed', 'not_sent'] as const;

const ProviderView = Type.Object({
  kind: Type.Union([Type.Literal('cloud'), Type.Literal('plinx'), Type.Literal('simulator'), Type.Null()]),
  baseUrl: Type.String(),
  apiVersion: Type.String(),
  phoneNumberId: Type.String(),
  wabaId: Type.String(),
  rateLimitPerSecond: Type.Integer(),
  webhookUrl: Type.String({ description: 'To paste in the provider’s panel' }),
  verifyToken: Type.String({ description: 'To paste in the provider’s panel' }),
  hasAccessToken: Type.Boolean(),
  hasAppSecret: Type.Boolean(),
});

/** Every message of the workspace (the audit), and the WhatsApp provider's settings. */
export async function messagingRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { db } = ctx.database;

  app.get(
    '/api/v1/messages',
    {
      schema: {
        tags: ['messages'],
        summary: 'Mensagens enviadas ou com falha no workspace, mais novas primeiro',
        querystring: Type.Object({
          status: Type.Optional(Type.Union(STATUSES.map((s) => Type.Literal(s)))),
          reason: Type.Optional(Type.String({ maxLength: 60, description: 'no_valid_phone, opted_out, 131026…' })),
          from: Type.Optional(Type.String({ format: 'date-time' })),
          to: Type.Optional(Type.String({ format: 'date-time' })),
          ticketId: Type.Optional(Type.Integer()),
          cursor: Type.Optional(Type.String({ pattern: '^[0-9]+$' })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
        }),
        response: {
          200: Type.Object({
            messages: Type.Array(
              Type.Composite([
                MessageViewSchema,
                Type.Object({ ticketId: Type.Integer(), reason: Type.Union([Type.String(), Type.Null()]) }),
              ]),
            ),
            nextCursor: Type.Union([Type.String(), Type.Null()]),
          }),
          401: ErrorResponse,
        },
      },
    },
    async (request) => {
      const user = await requireUser(ctx, request);
      const q = request.query as {
        status?: MessageStatus;
        reason?: string;
        from?: string;
        to?: string;
        ticketId?: number;
        cursor?: string;
        limit?: number;
      };
      const limit = q.limit ?? 100;
      let query = db.selectFrom('messages').selectAll().where('workspace_id', '=', user.workspaceId);
      if (q.status) query = query.where('status', '=', q.status);
      if (q.reason) query = query.where('reason', '=', q.reason);
      if (q.from) query = query.where('created_at', '>=', Date.parse(q.from));
      if (q.to) query = query.where('created_at', '<', Date.parse(q.to));
      if (q.ticketId !== undefined) query = query.where('ticket_id', '=', q.ticketId);
      if (q.cursor) query = query.where('id', '<', Number(q.cursor));
      const rows = await query
        .orderBy('id', 'desc')
        .limit(limit + 1)
        .execute();
      const page = rows.slice(0, limit);
      return {
        messages: page.map((m) => ({ ...toMessageView(m), ticketId: m.ticket_id, reason: m.reason })),
        nextCursor: rows.length > limit ? String(page[page.length - 1]!.id) : null,
      };
    },
  );

  const providerView = async (workspaceId: number) => {
    const account = await findProviderAccount(db, workspaceId);
    const settings = account ? (JSON.parse(account.settings) as ProviderSettings) : undefined;
    const secrets = account ? accountSecrets(account, ctx.config.secretKey) : undefined;
    return {
      kind: account?.kind ?? null,
      baseUrl: settings?.baseUrl ?? '',
      apiVersion: settings?.apiVersion ?? '',
      phoneNumberId: settings?.phoneNumberId ?? '',
      wabaId: settings?.wabaId ?? '',
      rateLimitPerSecond: account?.rate_limit_per_second ?? 80,
      webhookUrl: `${ctx.config.publicUrl}/webhooks/whatsapp/${account?.kind === 'plinx' ? 'plinx' : 'cloud'}`,
      verifyToken: secrets?.verifyToken ?? '',
      hasAccessToken: Boolean(secrets?.accessToken),
      hasAppSecret: Boolean(secrets?.appSecret),
    };
  };

  app.get(
    '/api/v1/whatsapp-provider',
    {
      schema: {
        tags: ['messages'],
        summary: 'O provedor de WhatsApp (segredos nunca são exibidos)',
        response: { 200: ProviderView, 403: ErrorResponse },
      },
    },
    async (request) => providerView((await requireUser(ctx, request, 'supervisor')).workspaceId),
  );

  app.put(
    '/api/v1/whatsapp-provider',
    {
      schema: {
        tags: ['messages'],
        summary: 'Configurar o provedor; segredos omitidos mantêm o valor salvo',
        body: Type.Object({
          kind: Type.Union([Type.Literal('cloud'), Type.Literal('plinx'), Type.Literal('simulator')]),
          baseUrl: Type.Optional(Type.String({ maxLength: 500 })),
          apiVersion: Type.Optional(Type.String({ maxLength: 10 })),
          phoneNumberId: Type.Optional(Type.String({ maxLength: 64 })),
          wabaId: Type.Optional(Type.String({ maxLength: 64 })),
          accessToken: Type.Optional(Type.String({ maxLength: 1000 })),
          appSecret: Type.Optional(Type.String({ maxLength: 200 })),
          verifyToken: Type.Optional(Type.String({ maxLength: 200 })),
          rateLimitPerSecond: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
        }),
        response: { 200: ProviderView, 400: ErrorResponse, 403: ErrorResponse },
      },
    },
    async (request) => {
      const user = await requireUser(ctx, request, 'supervisor');
      const before = await providerView(user.workspaceId);
      try {
        const input = Object.fromEntries(
          Object.entries(request.body as ProviderInput).filter(([, v]) => v !== ''),
        ) as ProviderInput;
        checkProviderInput(input, await findProviderAccount(db, user.workspaceId), ctx.config.secretKey);
        await setProviderAccount(db, ctx.config.secretKey, { id: user.workspaceId, slug: user.workspaceSlug }, input);
      } catch (error) {
        if (error instanceof ProviderFieldError) throw new ApiError('invalid_body', error.field, error.message);
        if (error instanceof ProviderInputError)
          throw new ApiError('invalid_body', undefined, `Provedor: ${error.message}.`);
        throw error;
      }
      if ((request.body as ProviderInput).kind === 'simulator') await ctx.simulator.loadTemplates();
      await ctx.workspaceConfig.invalidate(user.workspaceId);
      const after = await providerView(user.workspaceId);
      // The views carry no secrets: only whether each is set.
      await recordAudit(db, {
        workspaceId: user.workspaceId,
        userId: user.userId,
        entity: 'whatsapp_provider',
        entityId: null,
        action: 'update',
        before,
        after,
      });
      return after;
    },
  );

  app.post(
    '/api/v1/whatsapp-provider/test',
    {
      schema: {
        tags: ['messages'],
        summary: 'Testar a conexão com o provedor usando as credenciais salvas (lista os modelos; não envia nada)',
        response: {
          200: Type.Object({
            ok: Type.Boolean(),
            message: Type.String({ description: 'O resultado ou o motivo da falha, em pt-BR' }),
            templates: Type.Optional(Type.Integer({ description: 'Quantos modelos o provedor listou' })),
          }),
          403: ErrorResponse,
          422: ErrorResponse,
        },
      },
    },
    async (request) => {
      const user = await requireUser(ctx, request, 'supervisor');
      const account = await findProviderAccount(db, user.workspaceId);
      if (!account)
        throw new ApiError('invalid_body', 'kind', 'Escolha e salve um provedor antes de testar a conexão.');
      const result = await checkProviderConnection(account, ctx.config.secretKey, ctx.simulator);
      if (!result.ok)
        request.log.warn({ kind: account.kind, reason: result.message }, 'teste de conexão do provedor falhou');
      // Nothing changes, but who tried which credentials when is worth keeping next to the changes.
      await recordAudit(db, {
        workspaceId: user.workspaceId,
        userId: user.userId,
        entity: 'whatsapp_provider_check',
        entityId: null,
        action: 'create',
        after: { kind: account.kind, ...result },
      });
      return result;
    },
  );
}
