import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Transaction } from 'kysely';
import { recordAudit } from '../audit/audit-log.js';
import { requireUser } from '../auth/require-user.js';
import type { DB, ProcedureTask } from '../db/schema.js';
import type { AppContext } from '../http/app-context.js';
import { ApiError } from '../http/errors.js';
import { isKnownVariable } from '../messaging/templates/variables.js';
import { procedureHistoryRoutes } from './history-routes.js';
import { type TaskInput, taskColumns } from './repository.js';
import {
  normalizeMappings,
  replaceCriticalStatuses,
  replaceStatusMappings,
  type StatusMapping,
} from './status-routing.js';

const ErrorResponse = Type.Object({ code: Type.String(), message: Type.String(), field: Type.Optional(Type.String()) });

const TaskBody = Type.Object({
  id: Type.Optional(Type.Integer({ description: 'Omit for a new task' })),
  name: Type.String({ minLength: 1, maxLength: 120 }),
  sendWhatsapp: Type.Boolean({ description: 'Enviar WhatsApp via Plinx nesta etapa' }),
  templateId: Type.Union([Type.Integer(), Type.Null()]),
  bindings: Type.Record(Type.String({ maxLength: 40 }), Type.String({ maxLength: 120 }), {
    description: 'Placeholder → variable, e.g. {"1": "customer_name", "button": "tracking_link"}',
  }),
  sendEmail: Type.Boolean({ description: 'Enviar e-mail nesta etapa' }),
  emailFallback: Type.Boolean({ description: 'Usar e-mail quando não houver WhatsApp' }),
  emailTemplateId: Type.Optional(
    Type.Union([Type.Integer(), Type.Null()], { description: 'O modelo de e-mail (Configurações > E-mail)' }),
  ),
  notifyTeam: Type.Boolean(),
  closeTicket: Type.Boolean(),
  resendOnReentry: Type.Boolean({ description: 'Enviar de novo cada vez que o chamado voltar a esta tarefa' }),
});
type TaskBody = typeof TaskBody.static;

const TaskView = Type.Composite([TaskBody, Type.Object({ id: Type.Integer(), position: Type.Integer() })]);
const ProcedureView = Type.Object({ id: Type.Integer(), name: Type.String(), tasks: Type.Array(TaskView) });
const ProcedureBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 120 }),
  tasks: Type.Array(TaskBody, { maxItems: 50 }),
});

const MappingView = Type.Object({
  state: Type.Union([Type.Literal('open'), Type.Literal('closed'), Type.Null()]),
  status: Type.Union([Type.String({ maxLength: 200 }), Type.Null()]),
  taskId: Type.Integer(),
});

function taskView(task: ProcedureTask) {
  return {
    id: task.id,
    position: task.position,
    name: task.name,
    sendWhatsapp: task.send_whatsapp === 1,
    templateId: task.whatsapp_template_id,
    bindings: JSON.parse(task.whatsapp_bindings) as Record<string, string>,
    sendEmail: task.send_email === 1,
    emailFallback: task.email_fallback === 1,
    emailTemplateId: task.email_template_id,
    notifyTeam: task.notify_team === 1,
    closeTicket: task.close_ticket === 1,
    resendOnReentry: task.resend_on_reentry === 1,
  };
}

function toInput(task: TaskBody): TaskInput {
  return {
    name: task.name.trim(),
    sendWhatsapp: task.sendWhatsapp,
    whatsappTemplateId: task.templateId,
    whatsappBindings: task.bindings,
    sendEmail: task.sendEmail,
    emailFallback: task.emailFallback,
    emailTemplateId: task.emailTemplateId ?? null,
    notifyTeam: task.notifyTeam,
    closeTicket: task.closeTicket,
    resendOnReentry: task.resendOnReentry,
  };
}

/** Every task's template is the workspace's and every binding names a known variable. */
async function checkTasks(trx: Transaction<DB>, workspaceId: number, tasks: TaskBody[]): Promise<void> {
  for (const [index, task] of tasks.entries()) {
    if (task.sendWhatsapp && task.templateId === null) {
      throw new ApiError(
        'invalid_body',
        `tasks[${index}].templateId`,
        `Escolha o modelo de WhatsApp da tarefa “${task.name}”.`,
      );
    }
    if ((task.sendEmail || task.emailFallback) && (task.emailTemplateId ?? null) === null) {
      throw new ApiError(
        'invalid_body',
        `tasks[${index}].emailTemplateId`,
        `Escolha o modelo de e-mail da tarefa “${task.name}”.`,
      );
    }
    if (task.emailTemplateId != null) {
      const template = await trx
        .selectFrom('email_templates')
        .select('id')
        .where('id', '=', task.emailTemplateId)
        .where('workspace_id', '=', workspaceId)
        .executeTakeFirst();
      if (!template)
        throw new ApiError(
          'invalid_body',
          `tasks[${index}].emailTemplateId`,
          'Modelo de e-mail não encontrado neste workspace.',
        );
    }
    if (task.templateId !== null) {
      const template = await trx
        .selectFrom('templates')
        .select('id')
        .where('id', '=', task.templateId)
        .where('workspace_id', '=', workspaceId)
        .executeTakeFirst();
      if (!template)
        throw new ApiError('invalid_body', `tasks[${index}].templateId`, 'Modelo não encontrado neste workspace.');
    }
    for (const [placeholder, variable] of Object.entries(task.bindings)) {
      if (!isKnownVariable(variable)) {
        throw new ApiError(
          'invalid_body',
          `tasks[${index}].bindings.${placeholder}`,
          `Variável desconhecida: “${variable}”.`,
        );
      }
    }
  }
}

async function loadProcedure(trx: Transaction<DB> | AppContext['database']['db'], workspaceId: number, id: number) {
  const procedure = await trx
    .selectFrom('procedures')
    .selectAll()
    .where('id', '=', id)
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  if (!procedure) return undefined;
  const tasks = await trx
    .selectFrom('procedure_tasks')
    .selectAll()
    .where('procedure_id', '=', id)
    .orderBy('position')
    .execute();
  return { id: procedure.id, name: procedure.name, tasks: tasks.map(taskView) };
}

/**
 * Configurações > Procedimentos, over HTTP: procedures with ordered tasks and their actions, and
 * which task each source status (or state) leads to. A save applies to events that arrive after
 * it: the task is read inside each event's transaction.
 */
export async function procedureRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { db } = ctx.database;

  app.get(
    '/api/v1/procedures',
    {
      schema: {
        tags: ['procedures'],
        summary: 'Procedimentos e suas tarefas',
        response: { 200: Type.Object({ procedures: Type.Array(ProcedureView) }), 401: ErrorResponse },
      },
    },
    async (request) => {
      const user = await requireUser(ctx, request, 'supervisor');
      const rows = await db
        .selectFrom('procedures')
        .select('id')
        .where('workspace_id', '=', user.workspaceId)
        .orderBy('id')
        .execute();
      const procedures = [];
      for (const row of rows) procedures.push((await loadProcedure(db, user.workspaceId, row.id))!);
      return { procedures };
    },
  );

  app.get(
    '/api/v1/procedures/:id',
    {
      schema: {
        tags: ['procedures'],
        summary: 'Um procedimento e suas tarefas, na ordem',
        params: Type.Object({ id: Type.Integer() }),
        response: { 200: ProcedureView, 401: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) => {
      const user = await requireUser(ctx, request, 'supervisor');
      const procedure = await loadProcedure(db, user.workspaceId, (request.params as { id: number }).id);
      if (!procedure) throw new ApiError('not_found', 'id', 'Procedimento não encontrado.');
      return procedure;
    },
  );

  app.post(
    '/api/v1/procedures',
    {
      schema: {
        tags: ['procedures'],
        summary: 'Criar um procedimento com suas tarefas',
        body: ProcedureBody,
        response: { 201: ProcedureView, 400: ErrorResponse, 403: ErrorResponse },
      },
    },
    async (request, reply) => {
      const user = await requireUser(ctx, request, 'supervisor');
      const body = request.body as typeof ProcedureBody.static;
      const now = Date.now();
      const created = await db.transaction().execute(async (trx) => {
        await checkTasks(trx, user.workspaceId, body.tasks);
        const procedure = await trx
          .insertInto('procedures')
          .values({ workspace_id: user.workspaceId, name: body.name.trim(), created_at: now, updated_at: now })
          .returning('id')
          .executeTakeFirstOrThrow();
        for (const [position, task] of body.tasks.entries()) {
          await trx
            .insertInto('procedure_tasks')
            .values({
              workspace_id: user.workspaceId,
              procedure_id: procedure.id,
              position,
              ...taskColumns(toInput(task)),
              created_at: now,
              updated_at: now,
            })
            .execute();
        }
        const after = await loadProcedure(trx, user.workspaceId, procedure.id);
        await recordAudit(trx, {
          workspaceId: user.workspaceId,
          userId: user.userId,
          entity: 'procedure',
          entityId: procedure.id,
          action: 'create',
          after,
        });
        return after;
      });
      await ctx.workspaceConfig.invalidate(user.workspaceId);
      return reply.status(201).send(created);
    },
  );

  app.put(
    '/api/v1/procedures/:id',
    {
      schema: {
        tags: ['procedures'],
        summary: 'Salvar um procedimento: nome, tarefas (na ordem) e ações; tarefas omitidas são removidas',
        params: Type.Object({ id: Type.Integer() }),
        body: ProcedureBody,
        response: { 200: ProcedureView, 400: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) => {
      const user = await requireUser(ctx, request, 'supervisor');
      const { id } = request.params as { id: number };
      const body = request.body as typeof ProcedureBody.static;
      const now = Date.now();
      const saved = await db.transaction().execute(async (trx) => {
        const current = await loadProcedure(trx, user.workspaceId, id);
        if (!current) throw new ApiError('not_found', 'id', 'Procedimento não encontrado.');
        await checkTasks(trx, user.workspaceId, body.tasks);
        const kept = new Set(body.tasks.map((t) => t.id).filter((taskId): taskId is number => taskId !== undefined));
        for (const taskId of kept) {
          if (!current.tasks.some((t) => t.id === taskId)) {
            throw new ApiError('invalid_body', 'tasks', `A tarefa ${taskId} não pertence a este procedimento.`);
          }
        }
        const removed = current.tasks.filter((t) => !kept.has(t.id)).map((t) => t.id);
        if (removed.length > 0) {
          await trx.deleteFrom('status_mappings').where('task_id', 'in', removed).execute();
          await trx
            .updateTable('tickets')
            .set({ current_task_id: null })
            .where('current_task_id', 'in', removed)
            .execute();
          await trx.deleteFrom('procedure_tasks').where('id', 'in', removed).execute();
        }
        await trx
          .updateTable('procedures')
          .set({ name: body.name.trim(), updated_at: now })
          .where('id', '=', id)
          .execute();
        for (const [position, task] of body.tasks.entries()) {
          const columns = { position, ...taskColumns(toInput(task)), updated_at: now };
          if (task.id !== undefined) {
            await trx.updateTable('procedure_tasks').set(columns).where('id', '=', task.id).execute();
          } else {
            await trx
              .insertInto('procedure_tasks')
              .values({ workspace_id: user.workspaceId, procedure_id: id, ...columns, created_at: now })
              .execute();
          }
        }
        const after = (await loadProcedure(trx, user.workspaceId, id))!;
        await recordAudit(trx, {
          workspaceId: user.workspaceId,
          userId: user.userId,
          entity: 'procedure',
          entityId: id,
          action: 'update',
          before: current,
          after,
        });
        return after;
      });
      await ctx.workspaceConfig.invalidate(user.workspaceId);
      return saved;
    },
  );

  await procedureHistoryRoutes(app, ctx);

  app.get(
    '/api/v1/sources/:source/status-mappings',
    {
      schema: {
        tags: ['procedures'],
        summary: 'Para qual tarefa vai cada status (ou estado) da origem',
        params: Type.Object({ source: Type.String({ maxLength: 63 }) }),
        response: { 200: Type.Object({ mappings: Type.Array(MappingView) }), 401: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) => {
      const user = await requireUser(ctx, request, 'supervisor');
      const source = await requireSourceOf(ctx, user.workspaceId, (request.params as { source: string }).source);
      const rows = await db
        .selectFrom('status_mappings')
        .select(['match_state as state', 'match_status as status', 'task_id as taskId'])
        .where('workspace_id', '=', user.workspaceId)
        .where('source_id', '=', source.id)
        .orderBy('id')
        .execute();
      return { mappings: rows };
    },
  );

  app.put(
    '/api/v1/sources/:source/status-mappings',
    {
      schema: {
        tags: ['procedures'],
        summary: 'Substituir o mapeamento de status da origem para tarefas',
        params: Type.Object({ source: Type.String({ maxLength: 63 }) }),
        body: Type.Object({ mappings: Type.Array(MappingView, { maxItems: 500 }) }),
        response: {
          200: Type.Object({ mappings: Type.Array(MappingView) }),
          400: ErrorResponse,
          403: ErrorResponse,
          404: ErrorResponse,
        },
      },
    },
    async (request) => {
      const user = await requireUser(ctx, request, 'supervisor');
      const source = await requireSourceOf(ctx, user.workspaceId, (request.params as { source: string }).source);
      const normalized = normalizeMappings((request.body as { mappings: StatusMapping[] }).mappings);
      await db.transaction().execute((trx) => replaceStatusMappings(trx, user, source, normalized));
      await ctx.workspaceConfig.invalidate(user.workspaceId);
      return { mappings: normalized };
    },
  );

  app.put(
    '/api/v1/sources/:source/status-routing',
    {
      schema: {
        tags: ['procedures'],
        summary: 'Salvar de uma vez o mapeamento de status da origem para tarefas e os status críticos: tudo ou nada',
        params: Type.Object({ source: Type.String({ maxLength: 63 }) }),
        body: Type.Object({
          mappings: Type.Array(MappingView, { maxItems: 500 }),
          criticalStatuses: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 100 }),
        }),
        response: {
          200: Type.Object({ mappings: Type.Array(MappingView), criticalStatuses: Type.Array(Type.String()) }),
          400: ErrorResponse,
          403: ErrorResponse,
          404: ErrorResponse,
        },
      },
    },
    async (request) => {
      const user = await requireUser(ctx, request, 'supervisor');
      const source = await requireSourceOf(ctx, user.workspaceId, (request.params as { source: string }).source);
      const body = request.body as { mappings: StatusMapping[]; criticalStatuses: string[] };
      const normalized = normalizeMappings(body.mappings);
      const criticalStatuses = await db.transaction().execute(async (trx) => {
        await replaceStatusMappings(trx, user, source, normalized);
        return replaceCriticalStatuses(trx, user, source, body.criticalStatuses);
      });
      await ctx.workspaceConfig.invalidate(user.workspaceId);
      // Critical statuses are read with the source's key: this process forgets it at once.
      ctx.sourceKeys.clear();
      return { mappings: normalized, criticalStatuses };
    },
  );
}

async function requireSourceOf(ctx: AppContext, workspaceId: number, name: string) {
  const source = await ctx.database.db
    .selectFrom('sources')
    .select(['id', 'name'])
    .where('workspace_id', '=', workspaceId)
    .where('name', '=', name)
    .executeTakeFirst();
  if (!source) throw new ApiError('source_not_found', 'source');
  return source;
}
