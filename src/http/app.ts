import AjvCompiler from '@fastify/ajv-compiler';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import { authRoutes } from '../auth/routes.js';
import type { Config } from '../config.js';
import { consoleRoutes } from '../console/console-routes.js';
import type { Database } from '../db/database.js';
import { emailRoutes } from '../email/routes.js';
import { IngestLog } from '../ingest/ingest-log.js';
import { RecordWriter } from '../ingest/record-writer.js';
import { ingestRoutes } from '../ingest/routes.js';
import { messagingRoutes } from '../messaging/routes.js';
import { templateRoutes } from '../messaging/templates/routes.js';
import { healthRoutes } from '../ops/health-routes.js';
import { createMetrics } from '../ops/metrics.js';
import { createPortalDeps, type PortalOptions } from '../portal/portal-deps.js';
import { portalRoutes } from '../portal/portal-routes.js';
import { trackingLinkRoutes } from '../portal/revoke-routes.js';
import { portalSettingsRoutes } from '../portal/settings-routes.js';
import { procedureRoutes } from '../procedures/routes.js';
import { WorkspaceConfigCache } from '../procedures/workspace-config.js';
import { eventsRoute } from '../realtime/events-route.js';
import { RealtimeHub } from '../realtime/realtime-hub.js';
import { reportRoutes } from '../reports/report-routes.js';
import { PonteSimulator } from '../simulator/ponte-simulator.js';
import { sourceRoutes } from '../sources/routes.js';
import { SourceKeyResolver } from '../sources/source-keys.js';
import { surveyRoutes } from '../surveys/survey-routes.js';
import { ticketRoutes } from '../tickets/routes.js';
import { userRoutes } from '../users/routes.js';
import { whatsappWebhookRoutes } from '../webhooks/whatsapp-routes.js';
import type { AppContext } from './app-context.js';
import { installErrorHandler } from './error-handler.js';
import { loggerOptions, logResponses } from './logging.js';

export interface BuildAppOptions {
  config: Config;
  database: Database;
  /** Overrides the logger (tests pass false). */
  logger?: boolean;
  /** This process's dispatcher, woken after commits that queued messages (none: a worker elsewhere polls). */
  outbox?: { wake(): void };
  /** The simulator (tests pass one with their own delays); by default one is made. */
  simulator?: PonteSimulator;
  /** The customer pages' rate limits (the benchmark raises the per-address one: its load comes from one address). */
  portal?: PortalOptions;
}

/**
 * The whole HTTP application. Only the CLI's `start` listens; tests build the same app and
 * call it over `inject` or a real socket.
 */
export async function buildApp({
  config,
  database,
  logger,
  outbox,
  simulator,
  portal: portalOptions,
}: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger === false ? false : loggerOptions(config),
    bodyLimit: config.bodyLimitBytes,
    // Request ids for log correlation; a caller's x-request-id is kept.
    requestIdHeader: 'x-request-id',
    return503OnClosing: true,
    // Fastify's own per-request lines are off: src/http/logging.ts writes one line per request.
    logController: new LogController({ disableRequestLogging: true }),
    forceCloseConnections: 'idle',
  }).withTypeProvider<TypeBoxTypeProvider>();

  const ctx: AppContext = {
    config,
    database,
    metrics: createMetrics(),
    sourceKeys: new SourceKeyResolver(database.db),
    outbox: outbox ?? { wake() {} },
    simulator: simulator ?? new PonteSimulator(database, config.secretKey, config.simulatorUrl),
    realtime: new RealtimeHub(database, app.log),
    ingestLog: new IngestLog(database.db, app.log),
    workspaceConfig: new WorkspaceConfigCache(database),
    recordWriter: new RecordWriter(database),
  };
  await ctx.workspaceConfig.start();
  await ctx.realtime.start();
  app.addHook('onClose', async () => {
    await ctx.realtime.stop();
    await ctx.workspaceConfig.stop();
    await ctx.ingestLog.flush();
  });

  installErrorHandler(app);
  logResponses(app);
  // Query strings and path parameters arrive as text and are coerced to their schema's types;
  // bodies are JSON and are not: coercion would turn a `null` into 0 in a union like
  // `integer | null`, or "true" into true, accepting what the client did not send.
  const ajv = AjvCompiler();
  const coercing = ajv({}, { customOptions: {} });
  const strict = ajv({}, { customOptions: { coerceTypes: false } });
  app.setValidatorCompiler((route) => (route.httpPart === 'body' ? strict : coercing)(route));
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
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer', description: 'Chave de API da origem' },
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: 'ponte_session',
            description: 'Sessão do console (e x-csrf-token nas alterações)',
          },
        },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(async (scope) => healthRoutes(scope, ctx));
  await app.register(async (scope) => ingestRoutes(scope, ctx));
  await app.register(async (scope) => authRoutes(scope, ctx));
  await app.register(async (scope) => ticketRoutes(scope, ctx));
  await app.register(async (scope) => eventsRoute(scope, ctx));
  await app.register(async (scope) => procedureRoutes(scope, ctx));
  await app.register(async (scope) => templateRoutes(scope, ctx));
  await app.register(async (scope) => messagingRoutes(scope, ctx));
  await app.register(async (scope) => emailRoutes(scope, ctx));
  await app.register(async (scope) => sourceRoutes(scope, ctx));
  await app.register(async (scope) => userRoutes(scope, ctx));
  await app.register(async (scope) => whatsappWebhookRoutes(scope, ctx));
  await app.register(async (scope) => consoleRoutes(scope, ctx));
  const portal = createPortalDeps(database.db, app.log, portalOptions);
  app.addHook('onClose', async () => portal.linkEvents.flush());
  await app.register(async (scope) => portalRoutes(scope, ctx, portal));
  await app.register(async (scope) => surveyRoutes(scope, ctx, portal));
  await app.register(async (scope) => trackingLinkRoutes(scope, ctx));
  await app.register(async (scope) => portalSettingsRoutes(scope, ctx, portal));
  await app.register(async (scope) => reportRoutes(scope, ctx, portal));
  await ctx.simulator.loadTemplates();
  await ctx.simulator.register(app);
  // Once listening, the simulator and the dispatcher reach this process at its real address.
  app.addHook('onListen', async () => {
    const address = app.server.address();
    if (address && typeof address === 'object')
      ctx.simulator.setBaseUrl(`http://${loopbackOf(address.address)}:${address.port}`);
  });
  app.decorate('ponte', ctx);
  return app;
}

function loopbackOf(address: string): string {
  if (address === '0.0.0.0') return '127.0.0.1';
  if (address === '::') return '[::1]';
  return address.includes(':') ? `[${address}]` : address;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The app's context, for the process that built it (CLI start, tests). */
    ponte: AppContext;
  }
}
