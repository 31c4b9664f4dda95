import type { AppContext } from '../http/app-context.js';
import { ApiError } from '../http/errors.js';
import { compileValidator } from '../http/validation.js';
import { formatProtocol } from '../tickets/protocol.js';
import { trackingUrl } from '../tickets/ticket-view.js';
import { type ApplyResult, applyRecordInTransaction, type SourceContext } from './apply-record.js';
import { normalizeRecord } from './normalize-record.js';
import type { RecordInput as RecordInputType } from './record-schema.js';
import { BatchItem, ExternalId, RecordInput, type RecordResult } from './record-schema.js';

export const validateRecord = compileValidator(RecordInput);
const validateBatchItem = compileValidator(BatchItem);
const validateExternalId = compileValidator(ExternalId);

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
  if (!validated.ok) {
    ctx.metrics.ingestRecords.inc({ outcome: 'rejected' });
    throw validated.error;
  }
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
    ctx.metrics.ingestRecords.inc({ outcome: 'rejected' });
    throw error;
  }
  const applied = await applyRecordInTransaction(ctx.database.db, ctx.database.engine, source, externalId, record);
  ctx.metrics.ingestRecords.inc({ outcome: applied.outcome });
  return { status: applied.outcome === 'created' ? 201 : 200, result: toRecordResult(ctx, source, applied) };
}

export interface BatchItemResult {
  index: number;
  status: number;
  externalId?: string;
  result?: RecordResult;
  error?: { code: string; message: string; field?: string };
}

/**
 * Each item is validated and applied on its own, in order, so one bad item never blocks the
 * others and the results read exactly as the single call would have answered.
 */
export async function ingestBatch(
  ctx: AppContext,
  source: SourceContext,
  items: unknown[],
): Promise<BatchItemResult[]> {
  if (items.length > 1000) throw new ApiError('batch_too_large', 'records');
  const results: BatchItemResult[] = [];
  for (const [index, item] of items.entries()) {
    const externalId = (item as { externalId?: unknown } | null)?.externalId;
    try {
      if (!validateExternalId(externalId).ok) throw new ApiError('invalid_body', 'externalId');
      const validated = validateBatchItem(item);
      if (!validated.ok) {
        ctx.metrics.ingestRecords.inc({ outcome: 'rejected' });
        throw validated.error;
      }
      const { externalId: id, ...record } = validated.value;
      const { status, result } = await ingestValidRecord(ctx, source, id, record);
      results.push({ index, status, externalId: id, result });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      results.push({
        index,
        status: error.status,
        ...(typeof externalId === 'string' ? { externalId } : {}),
        error: { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) },
      });
    }
  }
  return results;
}
