import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../http/app-context.js';
import { ApiError } from '../http/errors.js';
import { findSource } from '../sources/repository.js';
import type { SourceContext } from './apply-record.js';

/**
 * The source a request may write to: the API key must be valid (401) and belong to the source
 * named in the URL (403 when it names another source of the workspace, 404 when none).
 */
export async function authenticateSource(
  ctx: AppContext,
  request: FastifyRequest,
  sourceName: string,
): Promise<SourceContext> {
  const header = request.headers.authorization;
  const key = header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : undefined;
  const source = key ? await ctx.sourceKeys.resolve(key) : undefined;
  if (source === undefined) throw new ApiError('unauthorized', 'authorization');
  if (source.sourceName === sourceName) return source;
  const other = await findSource(ctx.database.db, source.workspaceId, sourceName);
  throw new ApiError(other ? 'forbidden_source' : 'source_not_found', 'source');
}
