import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import { ingestRoutes } from '../ingest/routes.js';
import { healthRoutes } from '../ops/health-routes.js';
import { createMetrics } from '../ops/metrics.js';
import { SourceKeyResolver } from '../sources/source-keys.js';
import type { AppContext } from './app-context.js';
import { installErrorHandler } from './error-handler.js';
import { loggerOptions } from './logging.js';

export interface BuildAppOptions {
  config: Config;
  database: Database;
  /** Overrides the logger (tests pass false). */
  logger?: boolean;
}

/**
 * The whole HTTP application. Only the CLI's `start` listens; tests build the same app and
 * call it over `inject` or a real socket.
 */
export async function buildApp({ config, database, logger }: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger === false ? false : loggerOptions(config),
    bodyLimit: config.bodyLimitBytes,
    // Request ids for log correlation; a caller's x-request-id is kept.
    requestIdHeader: 'x-request-id',
    return503OnClosing: true,
    forceCloseConnections: 'idle',
  }).withTypeProvider<TypeBoxTypeProvider>();

  const ctx: AppContext = {
    config,
    database,
    metrics: createMetrics(),
    sourceKeys: new SourceKeyResolver(database.db),
  };

  installErrorHandler(app);
  // Fastify parses text/plain by default; the API speaks only JSON (415 otherwise).
  app.removeContentTypeParser('text/plain');

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Ponte API',
        version: '1',
        description: 'Eventos de ERP e logística viram chamados; o cliente é avisado pelo WhatsApp.',
      },
      components: {
        securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'Chave de API da origem' } },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(async (scope) => healthRoutes(scope, ctx));
  await app.register(async (scope) => ingestRoutes(scope, ctx));
  return app;
}
