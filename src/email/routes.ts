import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { recordAudit } from '../audit/audit-log.js';
import { requireUser } from '../auth/require-user.js';
import type { EmailTemplate } from '../db/schema.js';
import type { AppContext } from '../http/app-context.js';
import { ApiError } from '../http/errors.js';
import { VARIABLES } from '../messaging/templates/variables.js';
import { findTicket } from '../tickets/repository.js';
import { isEmailAddress, maskEmail } from './email-address.js';
import { EmailSettingsError, emailSettingsView, loadEmailSettings, saveEmailSettings } from './email-settings.js';
import {
  checkEmailTemplate,
  createEmailTemplate,
  EmailTemplateError,
  type EmailTemplateInput,
  findEmailTemplate,
  listEmailTemplates,
  renderEmailTemplate,
  updateEmailTemplate,
} from './email-templates.js';
import { createSmtpTransport, sendEmail } from './smtp-transport.js';

const ErrorResponse = Type.Object({ code: Type.String(), message: Type.String(), field: Type.Optional(Type.String()) });
const Security = Type.Union([Type.Literal('tls'), Type.Literal('starttls'), Type.Literal('none')], {
  description: 'tls: TLS direto (porta 465); starttls: STARTTLS obrigatório (587); none: sem TLS (relay local)',
});
const SettingsView = Type.Object({
  configured: Type.Boolean(),
  host: Type.String(),
  port: Type.Integer(),
  security: Security,
  username: Type.String(),
  hasPassword: Type.Boolean({ description: 'A senha nunca é exibida; só se está salva' }),
  fromAddress: Type.String(),
  fromName: Type.String(),
});
const SettingsBody = Type.Object({
  host: Type.String({ minLength: 1, maxLength: 253 }),
  port: Type.Integer({ minimum: 1, maximum: 65_535 }),
  security: Security,
  username: Type.Optional(Type.Union([Type.String({ maxLength: 254 }), Type.Null()])),
  password: Type.Optional(
    Type.Union([Type.String({ maxLength: 500 }), Type.Null()], {
      description: 'Omitida: mantém a salva; null ou vazia: remove',
    }),
  ),
  fromAddress: Type.String({ minLength: 3, maxLength: 254 }),
  fromName: Type.String({ minLength: 1, maxLength: 120 }),
});
const TemplateBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 120 }),
  subject: Type.String({ minLength: 1, maxLength: 250 }),
  html: Type.String({ maxLength: 100_000 }),
  text: Type.String({ maxLength: 50_000 }),
});
const TemplateView = Type.Composite([TemplateBody, Type.Object({ id: Type.Integer(), updatedAt: Type.String() })]);

const templateView = (t: EmailTemplate) => ({
  id: t.id,
  name: t.name,
  subject: t.subject,
  html: t.html,
  text: t.text,
  updatedAt: new Date(t.updated_at).toISOString(),
});

/** Configurações > E-mail: the workspace's SMTP server, a test message, and the e-mail templates. */
export async function emailRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { db } = ctx.database;
  const common = { tags: ['email'], security: [{ session: [] }] };

  app.get(
    '/api/v1/email-settings',
    {
      schema: {
        ...common,
        summary: 'O servidor SMTP do workspace (sem a senha)',
        response: { 200: SettingsView, 403: ErrorResponse },
      },
    },
    async (request) => {
      const user = await requireUser(ctx, request, 'supervisor');
      return emailSettingsView(await loadEmailSettings(db, user.workspaceId));
    },
  );

  app.put(
    '/api/v1/email-settings',
    {
      schema: {
        ...common,
        summary: 'Configurar o SMTP; a senha é guardada cifrada',
        body: SettingsBody,
        response: { 200: SettingsView, 400: ErrorResponse, 403: ErrorResponse },
      },
    },
    async (request) => {
      const user = await requireUser(ctx, request, 'supervisor');
      const body = request.body as typeof SettingsBody.static;
      const before = emailSettingsView(await loadEmailSettings(db, user.workspaceId));
      let saved: Awaited<ReturnType<typeof saveEmailSettings>>;
      try {
        saved = await saveEmailSettings(db, ctx.config.secretKey, user.workspaceId, body);
      } catch (error) {
        if (error instanceof EmailSettingsError) throw new ApiError('invalid_body', error.field, error.message);
        throw error;
      }
      await ctx.workspaceConfig.invalidate(user.workspaceId);
      const after = emailSettingsView(saved);
      // The views carry no password: only whether one is saved.
      await recordAudit(db, {
        workspaceId: user.workspaceId,
        userId: user.userId,
        entity: 'email_settings',
        entityId: null,
        action: before.configured ? 'update' : 'create',
        before: before.configured ? before : undefined,
        after,
      });
      return after;
    },
  );

  app.post(
    '/api/v1/email-settings/test',
    {
      schema: {
        ...common,
        summary: 'Enviar um e-mail de teste com as configurações salvas',
        body: Type.Object({ to: Type.String({ minLength: 3, maxLength: 254 }) }),
        response: {
          200: Type.Object({ ok: Type.Boolean(), message: Type.String() }),
          400: ErrorResponse,
          403: ErrorResponse,
        },
      },
    },
    async (request) => {
      const user = await requireUser(ctx, request, 'supervisor');
      const to = (request.body as { to: string }).to.trim();
      if (!isEmailAddress(to)) throw new ApiError('invalid_body', 'to', 'Informe um e-mail válido para o teste.');
      const settings = await loadEmailSettings(db, user.workspaceId);
      if (!settings) throw new ApiError('invalid_body', undefined, 'Salve as configurações de SMTP antes de testar.');
      const transport = createSmtpTransport(settings, ctx.config.secretKey, { timeoutMs: 10_000 });
      try {
        const result = await sendEmail(transport, settings, {
          messageId: `test-${Date.now()}`,
          to,
          subject: 'Teste de e-mail do Ponte',
          text: `Este é um e-mail de teste enviado por ${user.name} pelo Ponte. Se chegou, o SMTP está configurado.`,
          html: '<p>Este é um e-mail de teste enviado pelo Ponte. Se chegou, o SMTP está configurado.</p>',
        });
        request.log.info({ to: maskEmail(to), ok: result.ok }, 'e-mail de teste');
        return result.ok
          ? { ok: true, message: `E-mail de teste aceito pelo servidor para ${maskEmail(to)}.` }
          : { ok: false, message: `O servidor não aceitou o e-mail: ${result.title} (${result.code}).` };
      } finally {
        transport.close();
      }
    },
  );

  app.get(
    '/api/v1/email-templates',
    {
      schema: {
        ...common,
        summary: 'Modelos de e-mail e as variáveis que podem usar',
        response: {
          200: Type.Object({
            templates: Type.Array(TemplateView),
            variables: Type.Array(Type.Object({ name: Type.String(), label: Type.String() })),
          }),
          403: ErrorResponse,
        },
      },
    },
    async (request) => {
      const user = await requireUser(ctx, request, 'supervisor');
      return {
        templates: (await listEmailTemplates(db, user.workspaceId)).map(templateView),
        variables: Object.entries(VARIABLES).map(([name, label]) => ({ name, label })),
      };
    },
  );

  const saveTemplate = async (
    request: FastifyRequest,
    id: number | undefined,
  ): Promise<ReturnType<typeof templateView>> => {
    const user = await requireUser(ctx, request, 'supervisor');
    const body = request.body as EmailTemplateInput;
    const before = id === undefined ? undefined : await findEmailTemplate(db, user.workspaceId, id);
    if (id !== undefined && !before) throw new ApiError('not_found', 'id', 'Modelo de e-mail não encontrado.');
    let saved: EmailTemplate | undefined;
    try {
      saved =
        id === undefined
          ? await createEmailTemplate(db, user.workspaceId, body)
          : await updateEmailTemplate(db, user.workspaceId, id, body);
    } catch (error) {
      if (error instanceof EmailTemplateError) throw new ApiError('invalid_template', error.field, error.message);
      if (/unique|duplicate/i.test((error as Error).message))
        throw new ApiError('conflict', 'name', 'Já existe um modelo de e-mail com este nome.');
      throw error;
    }
    if (!saved) throw new ApiError('not_found', 'id', 'Modelo de e-mail não encontrado.');
    await ctx.workspaceConfig.invalidate(user.workspaceId);
    await recordAudit(db, {
      workspaceId: user.workspaceId,
      userId: user.userId,
      entity: 'email_template',
      entityId: saved.id,
      action: before ? 'update' : 'create',
      before: before ? templateView(before) : undefined,
      after: templateView(saved),
    });
    return templateView(saved);
  };

  app.post(
    '/api/v1/email-templates',
    {
      schema: {
        ...common,
        summary: 'Criar um modelo de e-mail',
        body: TemplateBody,
        response: { 201: TemplateView, 400: ErrorResponse, 403: ErrorResponse, 409: ErrorResponse, 422: ErrorResponse },
      },
    },
    async (request, reply) => reply.code(201).send(await saveTemplate(request, undefined)),
  );

  app.put(
    '/api/v1/email-templates/:id',
    {
      schema: {
        ...common,
        summary: 'Alterar um modelo de e-mail (vale para os envios seguintes)',
        params: Type.Object({ id: Type.Integer() }),
        body: TemplateBody,
        response: { 200: TemplateView, 400: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 422: ErrorResponse },
      },
    },
    async (request) => saveTemplate(request, (request.params as { id: number }).id),
  );

  app.post(
    '/api/v1/email-templates/preview',
    {
      schema: {
        ...common,
        summary: 'O e-mail como sairia para um chamado real (o modelo ainda não salvo)',
        body: Type.Composite([Type.Omit(TemplateBody, ['name']), Type.Object({ ticketId: Type.Integer() })]),
        response: {
          200: Type.Object({
            subject: Type.String(),
            html: Type.String(),
            text: Type.String(),
            problems: Type.Array(Type.String()),
          }),
          403: ErrorResponse,
          404: ErrorResponse,
          422: ErrorResponse,
        },
      },
    },
    async (request) => {
      const user = await requireUser(ctx, request, 'supervisor');
      const body = request.body as Omit<EmailTemplateInput, 'name'> & { ticketId: number };
      try {
        // The same check as saving: the preview never shows what could not be saved.
        checkEmailTemplate({ name: 'prévia', ...body });
      } catch (error) {
        if (error instanceof EmailTemplateError) throw new ApiError('invalid_template', error.field, error.message);
        throw error;
      }
      const ticket = await findTicket(db, user.workspaceId, body.ticketId);
      if (!ticket) throw new ApiError('ticket_not_found', 'ticketId');
      return renderEmailTemplate(body, ticket, ctx.config.publicUrl);
    },
  );
}
