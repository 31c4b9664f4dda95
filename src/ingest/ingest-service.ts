import type { AppContext } from '../http/app-context.js';
import { ApiError } from '../http/errors.js';
import { compileValidator } from '../http/validation.js';
import { formatProtocol } from '../tickets/protocol.js';
import { trackingUrl } from '../tickets/ticket-view.js';
import {
  type ApplyEnv,
  type ApplyResult,
  applyRecord,
  applyRecordInTransaction,
  type SourceContext,
} from './apply-record.js';
import { type NormalizedRecord, normalizeRecord } from './normalize-record.js';
import type { RecordInput as RecordInputType } from './record-schema.js';
import { BatchItem, ExternalId, RecordInput, type RecordResult } from './record-schema.js';

export const validateRecord = compileValidator(RecordInput);
const validateBatchItem = compileValidator(BatchItem);
const validateExternalId = compileValidator(ExternalId);

/** Read before the transaction: on SQLite a read beside the open transaction would wait for it. */
export async function applyEnv(ctx: AppContext, workspaceId: number): Promise<ApplyEnv> {
  return {
    engine: ctx.database.engine,
    publicUrl: ctx.config.publicUrl,
    config: await ctx.workspaceConfig.get(workspaceId),
  };
}

/** Counts an applied event (metrics) and notes it in the source's recent events. */
function observed(ctx: AppContext, source: SourceContext, externalId: string, outcome: ApplyResult['outcome']): void {
  ctx.metrics.ingestRecords.inc({ outcome });
  ctx.ingestLog.record({
    workspace_id: source.workspaceId,
    source_id: source.sourceId,
    external_id: externalId,
    result: outcome,
    error_code: null,
    error_field: null,
    message: null,
    at: Date.now(),
  });
}

/** Counts and notes a rejected event; returns the error to throw. */
export function rejected(ctx: AppContext, source: SourceContext, externalId: string | null, error: ApiError): ApiError {
  ctx.metrics.ingestRecords.inc({ outcome: 'rejected' });
  ctx.ingestLog.record({
    workspace_id: source.workspaceId,
    source_id: source.sourceId,
    external_id: externalId,
    result: 'rejected',
    error_code: error.code,
    error_field: error.field ?? null,
    message: error.message,
    at: Date.now(),
  });
  return error;
}

/** Tells open consoles, once the change is committed. */
function announce(ctx: AppContext, result: ApplyResult): void {
  if (result.outcome === 'created' || result.outcome === 'updated') {
    ctx.realtime.ticketChanged({
      workspaceId: result.ticket.workspace_id,
      ticketId: result.ticket.id,
      kind: result.outcome,
    });
  }
}

export function toRecordResult(ctx: AppContext, source: SourceContext, result: ApplyResult): RecordResult {
  const { ticket, outcome } = result;
  return {
    id: ticket.id,
    protocol: formatProtocol(ticket.id, ticket.created_at),
    source: source.sourceName,
    externalId: ticket.external_id,
    state: ticket.state,
    status: ticket.status,
    critical: ticket.critical === 1,
    trackingUrl: trackingUrl(ctx.config.publicUrl, ticket.tracking_token),
    applied: outcome !== 'stale',
    changed: outcome === 'created' || outcome === 'updated',
  };
}

/** Validates, normalises and applies one record in its own transaction; counts the outcome. */
export async function ingestRecord(
  ctx: AppContext,
  source: SourceContext,
  externalId: string,
  input: unknown,
): Promise<{ status: 200 | 201; result: RecordResult }> {
  const validated = validateRecord(input);
  if (!validated.ok) throw rejected(ctx, source, externalId, validated.error);
  return ingestValidRecord(ctx, source, externalId, validated.value);
}

export async function ingestValidRecord(
  ctx: AppContext,
  source: SourceContext,
  externalId: string,
  input: RecordInputType,
): Promise<{ status: 200 | 201; result: RecordResult }> {
  let record: ReturnType<typeof normalizeRecord>;
  try {
    record = normalizeRecord(input);
  } catch (error) {
    throw error instanceof ApiError ? rejected(ctx, source, externalId, error) : error;
  }
  const applied = await ctx.recordWriter.write({
    env: await applyEnv(ctx, source.workspaceId),
    source,
    externalId,
    record,
  });
  if (applied.queued > 0) ctx.outbox.wake();
  announce(ctx, applied);
  observed(ctx, source, externalId, applied.outcome);
  return { status: applied.outcome === 'created' ? 201 : 200, result: toRecordResult(ctx, source, applied) };
}

export interface BatchItemResult {
  index: number;
  status: number;
  externalId?: string;
  result?: RecordResult;
  error?: { code: string; message: string; field?: string };
}

function errorResult(index: number, externalId: unknown, error: ApiError): BatchItemResult {
  return {
    index,
    status: error.status,
    ...(typeof externalId === 'string' ? { externalId } : {}),
    error: { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) },
  };
}

/**
 * Items are validated one by one, so a bad item never blocks the others and each result reads
 * as the single call would have answered. The valid ones are applied in order in ONE
 * transaction (a round trip per statement instead of a commit per item); if that transaction
 * fails, the items are applied again each in its own transaction, so one failure stays alone.
 */
export async function ingestBatch(
  ctx: AppContext,
  source: SourceContext,
  items: unknown[],
): Promise<BatchItemResult[]> {
  if (items.length > 1000) throw new ApiError('batch_too_large', 'records');
  const results: BatchItemResult[] = new Array(items.length);
  const valid: { index: number; externalId: string; record: NormalizedRecord }[] = [];
  for (const [index, item] of items.entries()) {
    const externalId = (item as { externalId?: unknown } | null)?.externalId;
    try {
      if (!validateExternalId(externalId).ok) throw new ApiError('invalid_body', 'externalId');
      const validated = validateBatchItem(item);
      if (!validated.ok) throw validated.error;
      const { externalId: id, ...input } = validated.value;
      valid.push({ index, externalId: id, record: normalizeRecord(input) });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      rejected(ctx, source, typeof externalId === 'string' ? externalId : null, error);
      results[index] = errorResult(index, externalId, error);
    }
  }
  const { db } = ctx.database;
  const env = await applyEnv(ctx, source.workspaceId);
  let applied: ApplyResult[];
  try {
    applied = await db.transaction().execute(async (trx) => {
      const out: ApplyResult[] = [];
      for (const item of valid) out.push(await applyRecord(trx, env, source, item.externalId, item.record));
      return out;
    });
  } catch {
    applied = [];
    for (const item of valid) {
      applied.push(await applyRecordInTransaction(db, env, source, item.externalId, item.record));
    }
  }
  if (applied.some((result) => result.queued > 0)) ctx.outbox.wake();
  for (const result of applied) announce(ctx, result);
  for (const [i, item] of valid.entries()) {
    const result = applied[i]!;
    observed(ctx, source, item.externalId, result.outcome);
    results[item.index] = {
      index: item.index,
      status: result.outcome === 'created' ? 201 : 200,
      externalId: item.externalId,
      result: toRecordResult(ctx, source, result),
    };
  }
  return results;
}
