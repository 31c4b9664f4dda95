import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { recordAudit } from '../../audit/audit-log.js';
import { requireUser } from '../../auth/require-user.js';
import type { Template } from '../../db/schema.js';
import type { AppContext } from '../../http/app-context.js';
import { ApiError } from '../../http/errors.js';
import { findTicket } from '../../tickets/repository.js';
import { buildProvider, findProviderAccount } from '../provider-accounts.js';
import { sendTestMessage, TestSendInputError, testSendSamples } from '../test-send.js';
import { placeholdersOf } from './placeholders.js';
import { renderTemplate } from './render.js';
import {
  applyTemplateSync,
  createTemplate,
  listTemplates,
  type TemplateInput,
  TemplateInputError,
  validateTemplate,
} from './repository.js';
import { VARIABLES } from './variables.js';

const ErrorResponse = Type.Object({ code: Type.String(), message: Type.String(), field: Type.Optional(Type.String()) });

const TemplateSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  language: Type.String(),
  category: Type.String(),
  body: Type.String(),
  buttonUrl: Type.Union([Type.String(), Type.Null()]),
  quickReplies: Type.Array(Type.String()),
  placeholders: Type.Array(Type.String()),
  status: Type.String({ description: 'APPROVED, PENDING, REJECTED, PAUSED… as the provider says' }),
  syncedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

const TestSendOutcome = Type.Object({
  ok: Type.Boolean(),
  to: Type.String({ description: 'O telefone mascarado' }),
  text: Type.String({ description: 'O corpo como foi enviado' }),
  buttonUrl: Type.Optional(Type.String()),
  providerMessageId: Type.Optional(Type.String()),
  code: Type.Optional(Type.String({ description: 'Código de erro do provedor' })),
  retryable: Type.Optional(Type.Boolean()),
  message: Type.Optional(Type.String({ description: 'O motivo da recusa, em pt-BR' })),
});

const TemplateBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 512 }),
  language: Type.Optional(Type.String({ maxLength: 10 })),
  category: Type.Optional(Type.String({ maxLength: 20 })),
  body: Type.String({ minLength: 1, maxLength: 1024 }),
  buttonUrl: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
  quickReplies: Type.Optional(Type.Array(Type.String({ maxLength: 25 }), { maxItems: 10 })),
});

function toView(t: Template) {
  return {
    id: t.id,
    name: t.name,
    language: t.language,
    category: t.category,
    body: t.body,
    buttonUrl: t.button_url,
    quickReplies: JSON.parse(t.quick_replies) as string[],
    placeholders: placeholdersOf(t.body),
    status: t.status,
    syncedAt: t.synced_at === null ? null : new Date(t.synced_at).toISOString(),
  };
}

/** A template of the workspace, or a 404 naming the id. */
async function templateOf(db: AppContext['database']['db'], workspaceId: number, id: number): Promise<Template> {
  const template = await db
    .selectFrom('templates')
    .selectAll()
    .where('id', '=', id)
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  if (!template) throw new ApiError('not_found', 'id', 'Modelo não encontrado.');
  return template;
}

function asApiError(error: unknown): never {
  if (error instanceof TemplateInputError)
    throw new ApiError('invalid_template', error.field, `Modelo inválido: ${error.message}.`);
  throw error;
}

/** Templates (HSM): list, create, edit, sync from the provider, and a preview on a real ticket. */
export async function templateRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { db } = ctx.database;

  app.get(
    '/api/v1/templates',
    {
      schema: {
        tags: ['templates'],
        summary: 'Modelos (HSM) do workspace e as variáveis disponíveis',
        response: {
          200: Type.Object({
            templates: Type.Array(TemplateSchema),
            variables: Type.Array(Type.Object({ name: Type.String(), label: Type.String() })),
          }),
          401: ErrorResponse,
        },
      },
    },
    async (request) => {
      const user = await requireUser(ctx, request, 'supervisor');
      return {
        templates: (await listTemplates(db, user.workspaceId)).map(toView),
        variables: Object.entries(VARIABLES).map(([name, label]) => ({ name, label })),
      };
    },
  );

  app.post(
    '/api/v1/templates',
    {
      schema: {
        tags: ['templates'],
        summary: 'Criar um modelo',
        body: TemplateBody,
        response: {
          201: TemplateSchema,
          400: ErrorResponse,
          403: ErrorResponse,
          409: ErrorResponse,
          422: ErrorResponse,
        },
      },
    },
    async (request, reply) => {
      const user = await requireUser(ctx, request, 'supervisor');
      const input = request.body as TemplateInput;
      let valid: ReturnType<typeof validateTemplate>;
      try {
        valid = validateTemplate(input);
      } catch (error) {
        asApiError(error);
      }
      const duplicate = await db
        .selectFrom('templates')
        .select('id')
        .where('workspace_id', '=', user.workspaceId)
        .where('name', '=', valid.name)
        .where('language', '=', valid.language)
        .executeTakeFirst();
      if (duplicate) throw new ApiError('conflict', 'name', `Já existe o modelo “${valid.name}” em ${valid.language}.`);
      const account = await findProviderAccount(db, user.workspaceId);
      // The simulator approves at once; Meta and Plinx approve on their side, seen at the next sync.
      const status = account?.kind === 'simulator' ? 'APPROVED' : 'PENDING';
      const created = await db.transaction().execute(async (trx) => {
        const template = await createTemplate(trx, user.workspaceId, valid, status);
        await recordAudit(trx, {
          workspaceId: user.workspaceId,
          userId: user.userId,
          entity: 'template',
          entityId: template.id,
          action: 'create',
          after: toView(template),
        });
        return template;
      });
      if (account?.kind === 'simulator') ctx.simulator.registerTemplate(created, account);
      await ctx.workspaceConfig.invalidate(user.workspaceId);
      return reply.status(201).send(toView(created));
    },
  );

  app.put(
    '/api/v1/templates/:id',
    {
      schema: {
        tags: ['templates'],
        summary: 'Editar um modelo',
        params: Type.Object({ id: Type.Integer() }),
        body: TemplateBody,
        response: {
          200: TemplateSchema,
          400: ErrorResponse,
          403: ErrorResponse,
          404: ErrorResponse,
          422: ErrorResponse,
        },
      },
    },
    async (request) => {
      const user = await requireUser(ctx, request, 'supervisor');
      const { id } = request.params as { id: number };
      let valid: ReturnType<typeof validateTemplate>;
      try {
        valid = validateTemplate(request.body as TemplateInput);
      } catch (error) {
        asApiError(error);
      }
      const account = await findProviderAccount(db, user.workspaceId);
      const before = await db
        .selectFrom('templates')
        .selectAll()
        .where('id', '=', id)
        .where('workspace_id', '=', user.workspaceId)
        .executeTakeFirst();
      const updated = await db
        .updateTable('templates')
        .set({
          name: valid.name,
          language: valid.language,
          category: valid.category,
          body: valid.body,
          button_url: valid.buttonUrl,
          quick_replies: JSON.stringify(valid.quickReplies),
          // An edited template must be approved again by the provider (the simulator approves at once).
          status: account?.kind === 'simulator' ? 'APPROVED' : 'PENDING',
          updated_at: Date.now(),
        })
        .where('id', '=', id)
        .where('workspace_id', '=', user.workspaceId)
        .returningAll()
        .executeTakeFirst();
      if (!updated || !before) throw new ApiError('not_found', 'id', 'Modelo não encontrado.');
      await recordAudit(db, {
        workspaceId: user.workspaceId,
        userId: user.userId,
        entity: 'template',
        entityId: id,
        action: 'update',
        before: toView(before),
        after: toView(updated),
      });
      if (account?.kind === 'simulator') ctx.simulator.registerTemplate(updated, account);
      await ctx.workspaceConfig.invalidate(user.workspaceId);
      return toView(updated);
    },
  );

  app.post(
    '/api/v1/templates/sync',
    {
      schema: {
        tags: ['templates'],
        summary: 'Sincronizar nomes e status de aprovação com o provedor',
        response: {
          200: Type.Object({ updated: Type.Integer(), added: Type.Integer() }),
          403: ErrorResponse,
          422: ErrorResponse,
          502: ErrorResponse,
        },
      },
    },
    async (request) => {
      const user = await requireUser(ctx, request, 'supervisor');
      const account = await findProviderAccount(db, user.workspaceId);
      if (!account)
        throw new ApiError('invalid_template', undefined, 'Configure o provedor de WhatsApp antes de sincronizar.');
      let remote: Awaited<ReturnType<ReturnType<typeof buildProvider>['listTemplates']>>;
      try {
        remote = await buildProvider(account, ctx.config.secretKey, ctx.simulator).listTemplates();
      } catch (error) {
        request.log.warn({ err: error }, 'sincronização de modelos falhou');
        throw new ApiError('provider_unavailable', undefined, `O provedor não respondeu: ${(error as Error).message}`);
      }
      const synced = await applyTemplateSync(db, user.workspaceId, remote);
      await recordAudit(db, {
        workspaceId: user.workspaceId,
        userId: user.userId,
        entity: 'template_sync',
        entityId: null,
        action: 'update',
        after: { provider: account.kind, ...synced },
      });
      await ctx.workspaceConfig.invalidate(user.workspaceId);
      return synced;
    },
  );

  app.post(
    '/api/v1/templates/:id/preview',
    {
      schema: {
        tags: ['templates'],
        summary: 'A mensagem como sairia para um chamado real, com avisos de variáveis sem dado',
        params: Type.Object({ id: Type.Integer() }),
        body: Type.Object({
          ticketId: Type.Integer(),
          bindings: Type.Optional(Type.Record(Type.String({ maxLength: 100 }), Type.String({ maxLength: 120 }))),
        }),
        response: {
          200: Type.Object({
            text: Type.String(),
            buttonUrl: Type.Optional(Type.String()),
            quickReplies: Type.Array(Type.String()),
            problems: Type.Array(Type.String()),
            approved: Type.Boolean(),
          }),
          404: ErrorResponse,
        },
      },
    },
    async (request) => {
      const user = await requireUser(ctx, request, 'supervisor');
      const { id } = request.params as { id: number };
      const body = request.body as { ticketId: number; bindings?: Record<string, string> };
      const template = await db
        .selectFrom('templates')
        .selectAll()
        .where('id', '=', id)
        .where('workspace_id', '=', user.workspaceId)
        .executeTakeFirst();
      if (!template) throw new ApiError('not_found', 'id', 'Modelo não encontrado.');
      const ticket = await findTicket(db, user.workspaceId, body.ticketId);
      if (!ticket) throw new ApiError('ticket_not_found', 'ticketId');
      const rendered = renderTemplate(template, body.bindings ?? {}, ticket, ctx.config.publicUrl);
      const approved = template.status === 'APPROVED';
      return {
        text: rendered.text,
        ...(rendered.buttonUrl ? { buttonUrl: rendered.buttonUrl } : {}),
        quickReplies: rendered.quickReplies,
        problems: approved
          ? rendered.problems
          : [...rendered.problems, `O modelo não está aprovado (status ${template.status}): não será enviado.`],
        approved,
      };
    },
  );

  app.get(
    '/api/v1/templates/:id/test-send',
    {
      schema: {
        tags: ['templates'],
        summary: 'Valores de exemplo para o envio de teste de um modelo',
        params: Type.Object({ id: Type.Integer() }),
        response: {
          200: Type.Object({
            values: Type.Record(Type.String(), Type.String()),
            buttonSuffix: Type.Optional(Type.String()),
          }),
          403: ErrorResponse,
          404: ErrorResponse,
        },
      },
    },
    async (request) => {
      const user = await requireUser(ctx, request, 'supervisor');
      const template = await templateOf(db, user.workspaceId, (request.params as { id: number }).id);
      return testSendSamples(db, template, ctx.config.publicUrl);
    },
  );

  app.post(
    '/api/v1/templates/:id/test-send',
    {
      schema: {
        tags: ['templates'],
        summary: 'Enviar o modelo a um telefone, para testar (não cria chamado nem mensagem)',
        description:
          'Envia pelo provedor configurado, com os valores informados ou de exemplo. Responde 200 com ok=false e o motivo quando o provedor recusa.',
        params: Type.Object({ id: Type.Integer() }),
        body: Type.Object({
          phone: Type.String({ minLength: 1, maxLength: 40 }),
          values: Type.Optional(Type.Record(Type.String({ maxLength: 100 }), Type.String({ maxLength: 200 }))),
          buttonSuffix: Type.Optional(Type.String({ maxLength: 500 })),
        }),
        response: {
          200: TestSendOutcome,
          400: ErrorResponse,
          403: ErrorResponse,
          404: ErrorResponse,
          422: ErrorResponse,
        },
      },
    },
    async (request) => {
      const user = await requireUser(ctx, request, 'supervisor');
      const template = await templateOf(db, user.workspaceId, (request.params as { id: number }).id);
      const account = await findProviderAccount(db, user.workspaceId);
      if (!account)
        throw new ApiError('invalid_template', undefined, 'Configure o provedor de WhatsApp antes de enviar um teste.');
      if (template.status !== 'APPROVED') {
        throw new ApiError(
          'invalid_template',
          'templateId',
          `O modelo não está aprovado (status ${template.status}): o provedor recusaria o envio. Sincronize ou aguarde a aprovação.`,
        );
      }
      let outcome: Awaited<ReturnType<typeof sendTestMessage>>;
      try {
        outcome = await sendTestMessage(
          {
            db,
            account,
            secretKey: ctx.config.secretKey,
            simulator: ctx.simulator,
            publicUrl: ctx.config.publicUrl,
            log: request.log,
          },
          template,
          request.body as { phone: string; values?: Record<string, string>; buttonSuffix?: string },
        );
      } catch (error) {
        if (error instanceof TestSendInputError) throw new ApiError('invalid_body', error.field, error.message);
        throw error;
      }
      // A test send changes no configuration, but it does write to a customer's phone: the log says who did it.
      await recordAudit(db, {
        workspaceId: user.workspaceId,
        userId: user.userId,
        entity: 'template_test_send',
        entityId: template.id,
        action: 'create',
        after: {
          template: template.name,
          language: template.language,
          to: outcome.to,
          ok: outcome.ok,
          ...(outcome.ok ? { providerMessageId: outcome.providerMessageId } : { code: outcome.code }),
        },
      });
      return outcome;
    },
  );
}
