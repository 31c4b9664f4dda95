import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import type { Config } from '../config.js';

/**
 * Public links carry their secret in the path (/t/<token>, /s/<token>); a log line must not.
 * Bodies and headers are never logged, so API keys and phone numbers stay out too.
 */
export function redactUrl(url: string): string {
  return url.replace(/^\/(t|s)\/[^/?#]+/, '/$1/[token]');
}

/**
 * One access-log line per request, written when the answer is sent (Fastify's default writes two,
 * and on the ingest path logging was a measurable share of the time).
 */
export function logResponses(app: FastifyInstance): void {
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        url: redactUrl(request.url),
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
      },
      'request',
    );
  });
}

export function loggerOptions(config: Pick<Config, 'logLevel'>): FastifyServerOptions['logger'] {
  return {
    level: config.logLevel,
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
    serializers: {
      req: (request: { method: string; url: string; ip?: string }) => ({
        method: request.method,
        url: redactUrl(request.url),
        ip: request.ip,
      }),
    },
  };
}
