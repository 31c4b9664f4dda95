import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../http/app-context.js';

/** Liveness, readiness (the database answers) and Prometheus metrics. */
export async function healthRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const hide = { schema: { hide: true } };
  app.get('/healthz', hide, async () => ({ status: 'ok' }));
  app.get('/readyz', hide, async (request, reply) => {
    try {
      await ctx.database.ping();
      return { status: 'ready' };
    } catch (error) {
      request.log.warn({ err: error }, 'database not ready');
      return reply.status(503).send({ status: 'unavailable' });
    }
  });
  app.get('/metrics', hide, async (_request, reply) => {
    reply.header('content-type', ctx.metrics.registry.contentType);
    return ctx.metrics.registry.metrics();
  });
}
