import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { recordAudit } from '../audit/audit-log.js';
import { requireUser } from '../auth/require-user.js';
import type { AppContext } from '../http/app-context.js';
import { ApiError } from '../http/errors.js';
import { compileMapping, MappingSyntaxError, mapPayload } from '../ingest/mapping.js';
import { issueApiKey, listApiKeys, revokeApiKey } from './api-keys.js';
import { createSource, findSource, SOURCE_NAME_PATTERN, setCriticalStatuses, setSourceMapping } from './repository.js';

const ErrorResponse = Type.Object({ code: Type.String(), message: Type.String(), field: Type.Optional(Type.String()) });
const SourceParams = Type.Object({ source: Type.String({ maxLength: 63 }) });

const SourceView = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  mapping: Type.Union([Type.String(), Type.Null()]),
  criticalStatuses: Type.Array(Type.String()),
  keys: Type.Array(
    Type.Object({
      prefix: Type.String(),
      createdAt: Type.String(),
      revokedAt: Type.Union([Type.String(), Type.Null()]),
      lastUsedAt: Type.Union([Type.String(), Type.Null()], { description: 'Último uso, com precisão de um minuto' }),
    }),
  ),
  createdAt: Type.String(),
});

const SOURCE_NAME_RULE =
  'Use letras minúsculas, dígitos, “.”, “-” e “_” no nome da origem (ele aparece nas URLs), com até 63 caracteres.';
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * Configurações > Integrações over HTTP: sources, their API keys (shown once, listed by prefix,
 * revocable), the mapping of raw payloads with a "testar" that runs it on a sample, the
 * statuses that make a ticket critical, and the last events received with their result.
 */
export async function sourceRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { db } = ctx.database;

  const view = async (workspaceId: number, name: string) => {
    const source = await findSource(db, workspaceId, name);
    if (!source) throw new ApiError('source_not_found', 'source');
    const keys = await listApiKeys(db, workspaceId, name);
    return {
      id: source.id,
      name: source.name,
      mapping: source.mapping,
      criticalStatuses: JSON.parse(source.critical_statuses) as string[],
      keys: keys.map((k) => ({
        prefix: k.prefix,
        createdAt: iso(k.createdAt)!,
        revokedAt: iso(k.revokedAt),
        lastUsedAt: iso(k.lastUsedAt),
      })),
      createdAt: iso(source.created_at)!,
    };
  };

  app.get(
    '/api/v1/sources',
    {
      schema: {
        tags: ['sources'],
        summary: 'Origens do workspace',
        response: { 200: Type.Object({ sources: Type.Array(SourceView) }), 403: ErrorResponse },
      },
    },
    async (request) => {
      const user = await requireUser(ctx, request, 'supervisor');
      const rows = await db
        .selectFrom('sources')
        .select('name')
        .where('workspace_id', '=', user.workspaceId)
        .orderBy('name')
        .execute();
      const sources = [];
      for (const row of rows) sources.push(await view(user.workspaceId, row.name));
      return { sources };
    },
  );

  app.post(
    '/api/v1/sources',
    {
      schema: {
        tags: ['sources'],
        summary: 'Criar uma origem; a chave de API é exibida só nesta resposta',
        body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 63 }) }),
        response: {
          201: Type.Object({ source: SourceView, apiKey: Type.String() }),
          400: ErrorResponse,
          403: ErrorResponse,
          409: ErrorResponse,
        },
      },
      // The name's one rule, in pt-BR next to the field (the default validator would answer in English).
      validatorCompiler: () => (body: unknown) => {
        const name = (body as { name?: unknown } | null)?.name;
        return typeof name === 'string' && SOURCE_NAME_PATTERN.test(name.trim())
          ? { value: body }
          : { error: new ApiError('invalid_body', 'name', SOURCE_NAME_RULE) };
      },
    },
    async (request, reply) => {
      const user = await requireUser(ctx, request, 'supervisor');
      const name = (request.body as { name: string }).name.trim();
      const key = await db.transaction().execute(async (trx) => {
        if (await findSource(trx, user.workspaceId, name))
          throw new ApiError('conflict', 'name', `A origem “${name}” já existe.`);
        const source = await createSource(trx, user.workspaceId, name);
        await recordAudit(trx, {
          workspaceId: user.workspaceId,
          userId: user.userId,
          entity: 'source',
          entityId: source.id,
          action: 'create',
          after: { name },
        });
        return issueApiKey(trx, user.workspaceId, source.id);
      });
      return reply.status(201).send({ source: await view(user.workspaceId, name), apiKey: key.key });
    },
  );

  app.post(
    '/api/v1/sources/:source/keys',
    {
      schema: {
        tags: ['sources'],
        summary: 'Nova chave de API (exibida só nesta resposta)',
        params: SourceParams,
        response: {
          201: Type.Object({ apiKey: Type.String(), prefix: Type.String() }),
          403: ErrorResponse,
          404: ErrorResponse,
        },
      },
    },
    async (request, reply) => {
      const user = await requireUser(ctx, request, 'supervisor');
      const source = await findSource(db, user.workspaceId, (request.params as { source: string }).source);
      if (!source) throw new ApiError('source_not_found', 'source');
      const key = await db.transaction().execute(async (trx) => {
        const issued = await issueApiKey(trx, user.workspaceId, source.id);
        await recordAudit(trx, {
          workspaceId: user.workspaceId,
          userId: user.userId,
          entity: 'api_key',
          entityId: issued.prefix,
          action: 'create',
          after: { source: source.name },
        });
        return issued;
      });
      return reply.status(201).send({ apiKey: key.key, prefix: key.prefix });
    },
  );

  app.delete(
    '/api/v1/sources/:source/keys/:prefix',
    {
      schema: {
        tags: ['sources'],
        summary: 'Revogar uma chave de API',
        params: Type.Object({ source: Type.String({ maxLength: 63 }), prefix: Type.String({ maxLength: 20 }) }),
        response: { 204: Type.Null(), 403: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request, reply) => {
      const user = await requireUser(ctx, request, 'supervisor');
      const { prefix } = request.params as { source: string; prefix: string };
      const revoked = await db.transaction().execute(async (trx) => {
        const done = await revokeApiKey(trx, user.workspaceId, prefix);
        if (done)
          await recordAudit(trx, {
            workspaceId: user.workspaceId,
            userId: user.userId,
            entity: 'api_key',
            entityId: prefix,
            action: 'revoke',
          });
        return done;
      });
      if (!revoked) throw new ApiError('not_found', 'prefix', 'Chave não encontrada ou já revogada.');
      // This process forgets it at once; others within the key cache's few seconds.
      ctx.sourceKeys.clear();
      return reply.status(204).send();
    },
  );

  app.put(
    '/api/v1/sources/:source/mapping',
    {
      schema: {
        tags: ['sources'],
        summary: 'Salvar o mapeamento (JSONata) de payloads brutos; vazio remove',
        params: SourceParams,
        body: Type.Object({ mapping: Type.Union([Type.String({ maxLength: 20_000 }), Type.Null()]) }),
        response: { 200: SourceView, 403: ErrorResponse, 404: ErrorResponse, 422: ErrorResponse },
      },
    },
    async (request) => {
      const user = await requireUser(ctx, request, 'supervisor');
      const source = await findSource(db, user.workspaceId, (request.params as { source: string }).source);
      if (!source) throw new ApiError('source_not_found', 'source');
      const mapping = (request.body as { mapping: string | null }).mapping?.trim() || null;
      if (mapping !== null) {
        try {
          compileMapping(mapping);
        } catch (error) {
          if (error instanceof MappingSyntaxError)
            throw new ApiError('mapping_failed', 'mapping', `O mapeamento não compila: ${error.message}`);
          throw error;
        }
      }
      await db.transaction().execute(async (trx) => {
        await setSourceMapping(trx, source.id, mapping);
        await recordAudit(trx, {
          workspaceId: user.workspaceId,
          userId: user.userId,
          entity: 'source_mapping',
          entityId: source.id,
          action: 'update',
          before: source.mapping,
          after: mapping,
        });
      });
      return view(user.workspaceId, source.name);
    },
  );

  app.post(
    '/api/v1/sources/:source/mapping/test',
    {
      schema: {
        tags: ['sources'],
        summary: '“Testar”: roda um mapeamento num payload de exemplo e mostra o registro ou o erro',
        params: SourceParams,
        body: Type.Object({ mapping: Type.Optional(Type.String({ maxLength: 20_000 })), payload: Type.Unknown() }),
        response: {
          200: Type.Object({
            ok: Type.Boolean(),
            record: Type.Optional(Type.Unknown()),
            error: Type.Optional(ErrorResponse),
          }),
          403: ErrorResponse,
          404: ErrorResponse,
        },
      },
    },
    async (request) => {
      const user = await requireUser(ctx, request, 'supervisor');
      const source = await findSource(db, user.workspaceId, (request.params as { source: string }).source);
      if (!source) throw new ApiError('source_not_found', 'source');
      const body = request.body as { mapping?: string; payload: unknown };
      const mapping = body.mapping ?? source.mapping;
      if (!mapping)
        return { ok: false, error: { code: 'mapping_missing', message: 'Escreva um mapeamento para testar.' } };
      try {
        return { ok: true, record: await mapPayload(mapping, body.payload) };
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        return {
          ok: false,
          error: { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) },
        };
      }
    },
  );

  app.put(
    '/api/v1/sources/:source/critical-statuses',
    {
      schema: {
        tags: ['sources'],
        summary: 'Status da origem que marcam o chamado como crítico',
        params: SourceParams,
        body: Type.Object({ statuses: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 100 }) }),
        response: { 200: SourceView, 403: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) => {
      const user = await requireUser(ctx, request, 'supervisor');
      const source = await findSource(db, user.workspaceId, (request.params as { source: string }).source);
      if (!source) throw new ApiError('source_not_found', 'source');
      const statuses = [
        ...new Set((request.body as { statuses: string[] }).statuses.map((s) => s.trim()).filter(Boolean)),
      ];
      await db.transaction().execute(async (trx) => {
        await setCriticalStatuses(trx, source.id, statuses);
        await recordAudit(trx, {
          workspaceId: user.workspaceId,
          userId: user.userId,
          entity: 'source_critical_statuses',
          entityId: source.id,
          action: 'update',
          before: JSON.parse(source.critical_statuses),
          after: statuses,
        });
      });
      ctx.sourceKeys.clear();
      return view(user.workspaceId, source.name);
    },
  );

  app.get(
    '/api/v1/sources/:source/recent-events',
    {
      schema: {
        tags: ['sources'],
        summary: 'Últimos eventos recebidos da origem e o resultado de cada um',
        params: SourceParams,
        response: {
          200: Type.Object({
            events: Type.Array(
              Type.Object({
                externalId: Type.Union([Type.String(), Type.Null()]),
                result: Type.String({ description: 'created, updated, unchanged, stale or rejected' }),
                errorCode: Type.Union([Type.String(), Type.Null()]),
                field: Type.Union([Type.String(), Type.Null()]),
                message: Type.Union([Type.String(), Type.Null()]),
                at: Type.String(),
              }),
            ),
          }),
          403: ErrorResponse,
          404: ErrorResponse,
        },
      },
    },
    async (request) => {
      const user = await requireUser(ctx, request, 'supervisor');
      const source = await findSource(db, user.workspaceId, (request.params as { source: string }).source);
      if (!source) throw new ApiError('source_not_found', 'source');
      await ctx.ingestLog.flush();
      const rows = await db
        .selectFrom('ingest_events')
        .selectAll()
        .where('workspace_id', '=', user.workspaceId)
        .where('source_id', '=', source.id)
        .orderBy('id', 'desc')
        .limit(100)
        .execute();
      return {
        events: rows.map((r) => ({
          externalId: r.external_id,
          result: r.result,
          errorCode: r.error_code,
          field: r.error_field,
          message: r.message,
          at: new Date(r.at).toISOString(),
        })),
      };
    },
  );
}
