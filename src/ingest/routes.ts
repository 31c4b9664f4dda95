import { type TSchema, Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../http/app-context.js';
import { ApiError } from '../http/errors.js';
import { compileValidator } from '../http/validation.js';
import { listTicketMessages } from '../messaging/message-view.js';
import { findSource } from '../sources/repository.js';
import { findTicketByRecord } from '../tickets/repository.js';
import { toTicketView } from '../tickets/ticket-view.js';
import { listTimeline } from '../tickets/timeline.js';
import { authenticateSource } from './authenticate.js';
import { ingestBatch, ingestRecord, ingestValidRecord, rejected } from './ingest-service.js';
import { mapPayload } from './mapping.js';
import {
  BatchBody,
  BatchResult,
  ErrorResponse,
  RecordInput,
  RecordParams,
  RecordResult,
  SourceName,
} from './record-schema.js';
import { SourceRecordView } from './source-record-view.js';

const security = [{ apiKey: [] }];
const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };

/**
 * The source system's API: records in (one, a batch, or the source's own payload through its
 * mapping) and a record's ticket out. Every call is authenticated by the source's API key.
 */
export async function ingestRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const observe = (route: string) => ctx.metrics.ingestDuration.startTimer({ route });

  app.put(
    '/api/v1/sources/:source/records/:externalId',
    {
      schema: {
        tags: ['ingest'],
        summary: 'Cria ou atualiza o chamado de um registro da origem',
        security,
        params: RecordParams,
        // Validated by ingestRecord (the same validator as batch items and mapped payloads).
        body: RecordInput,
        response: { 200: RecordResult, 201: RecordResult, ...errors, 413: ErrorResponse, 415: ErrorResponse },
      },
      // The body is validated inside ingestRecord, by the validator every other way in shares.
      validatorCompiler: ({ schema, httpPart }) =>
        httpPart === 'body' ? () => true : compileValidator(schema as unknown as TSchema, 'invalid_parameter'),
    },
    async (request, reply) => {
      const done = observe('put_record');
      const { source: sourceName, externalId } = request.params as { source: string; externalId: string };
      const source = await authenticateSource(ctx, request, sourceName);
      const { status, result } = await ingestRecord(ctx, source, externalId, request.body);
      done();
      return reply.status(status).send(result);
    },
  );

  app.get(
    '/api/v1/sources/:source/records/:externalId',
    {
      schema: {
        tags: ['ingest'],
        summary: 'O chamado de um registro, como a origem o vê, com sua timeline e mensagens',
        security,
        params: RecordParams,
        response: { 200: SourceRecordView, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) => {
      const { source: sourceName, externalId } = request.params as { source: string; externalId: string };
      const source = await authenticateSource(ctx, request, sourceName);
      const { db } = ctx.database;
      const ticket = await findTicketByRecord(db, source.workspaceId, source.sourceId, externalId);
      if (ticket === undefined) throw new ApiError('record_not_found', 'externalId');
      const [timeline, messages] = await Promise.all([
        listTimeline(db, source.workspaceId, ticket.id),
        listTicketMessages(db, source.workspaceId, ticket.id),
      ]);
      return {
        ...toTicketView(ticket, ctx.config.publicUrl),
        source: source.sourceName,
        timeline: timeline.map(({ type, text, at }) => ({ type, text, at })),
        messages,
      };
    },
  );

  app.post(
    '/api/v1/sources/:source/records::batch',
    {
      bodyLimit: 4 * 1024 * 1024,
      schema: {
        tags: ['ingest'],
        summary: 'Até 1.000 registros de uma vez; um resultado por item, na ordem enviada',
        security,
        params: Type.Object({ source: SourceName }),
        body: BatchBody,
        response: { 200: BatchResult, ...errors, 413: ErrorResponse, 415: ErrorResponse },
      },
    },
    async (request) => {
      const done = observe('batch');
      const { source: sourceName } = request.params as { source: string };
      const source = await authenticateSource(ctx, request, sourceName);
      const results = await ingestBatch(ctx, source, (request.body as { records: unknown[] }).records);
      done();
      return { results };
    },
  );

  app.post(
    '/api/v1/sources/:source/events',
    {
      schema: {
        tags: ['ingest'],
        summary: 'Recebe o payload próprio do ERP e o transforma em registro pelo mapeamento da origem',
        security,
        params: Type.Object({ source: SourceName }),
        body: Type.Unknown({ description: "The source system's own JSON" }),
        response: {
          200: RecordResult,
          201: RecordResult,
          ...errors,
          413: ErrorResponse,
          415: ErrorResponse,
          422: ErrorResponse,
        },
      },
    },
    async (request, reply) => {
      const done = observe('event');
      const { source: sourceName } = request.params as { source: string };
      const source = await authenticateSource(ctx, request, sourceName);
      const row = await findSource(ctx.database.db, source.workspaceId, source.sourceName);
      if (!row?.mapping) throw new ApiError('mapping_missing');
      let mapped: Awaited<ReturnType<typeof mapPayload>>;
      try {
        mapped = await mapPayload(row.mapping, request.body);
      } catch (error) {
        throw error instanceof ApiError ? rejected(ctx, source, null, error) : error;
      }
      const { externalId, ...record } = mapped;
      const { status, result } = await ingestValidRecord(ctx, source, externalId, record);
      done();
      return reply.status(status).send(result);
    },
  );
}
