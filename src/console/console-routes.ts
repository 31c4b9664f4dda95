import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppContext } from '../http/app-context.js';
import { ApiError } from '../http/errors.js';

/**
 * The built console (Vite's output). This file runs from src/console (tests, tsx) and from
 * dist/console (the installed build), both two levels below the project root.
 */
export const CONSOLE_DIST = fileURLToPath(new URL('../../dist/web/console/', import.meta.url));

const PREFIX = '/app/';
const ASSETS = `${PREFIX}assets/`;

/**
 * Only this origin's scripts, styles and API: the console renders text from ERPs and customers,
 * so an injected script would have nowhere to load from or send to.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

/**
 * Serves the console at /app/: hashed assets cached for a year (their name changes with their
 * content), index.html never cached (it names the current assets) and answered for every client
 * route (/app/chamados/42 is the single-page app's to resolve). `/` leads to the console.
 */
export async function consoleRoutes(app: FastifyInstance, _ctx: AppContext, root = CONSOLE_DIST): Promise<void> {
  app.get('/', { schema: { hide: true } }, (_request, reply) => reply.redirect(PREFIX, 302));
  app.get('/app', { schema: { hide: true } }, (_request, reply) => reply.redirect(PREFIX, 301));

  if (!existsSync(join(root, 'index.html'))) {
    // A checkout that skipped the build still serves the API; the console says what is missing.
    const notBuilt = (_request: unknown, reply: FastifyReply) =>
      reply
        .status(503)
        .header('cache-control', 'no-store')
        .type('text/html; charset=utf-8')
        .send(
          '<!doctype html><html lang="pt-BR"><meta charset="utf-8"><title>Ponte</title>' +
            '<p>O console ainda não foi compilado. Rode <code>npm run build</code> e reinicie o Ponte.</p></html>',
        );
    app.get(PREFIX, { schema: { hide: true } }, notBuilt);
    app.get(`${PREFIX}*`, { schema: { hide: true } }, notBuilt);
    return;
  }

  // Its own scope under /app, so the not-found handler below answers only for the console.
  await app.register(
    async (scope) => {
      await scope.register(fastifyStatic, {
        root,
        prefix: '/',
        // Files are looked up on each request, so a rebuild while the server runs is served at once.
        wildcard: true,
        index: ['index.html'],
        // The build writes .br and .gz beside each asset: sent as is, no compression per request.
        preCompressed: true,
        cacheControl: false,
        setHeaders(reply, path) {
          if (path.startsWith(join(root, 'assets'))) {
            reply.header('cache-control', 'public, max-age=31536000, immutable');
          } else {
            reply.header('cache-control', 'no-cache');
            reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
          }
          reply.header('x-content-type-options', 'nosniff');
          reply.header('referrer-policy', 'same-origin');
        },
      });
      // Any other path under /app/ is a client route (/app/chamados/42): the page resolves it.
      scope.setNotFoundHandler((request, reply) => {
        // A missing script or stylesheet is a 404, not the page: the browser would run HTML as JS.
        if (request.url.startsWith(ASSETS) || (request.method !== 'GET' && request.method !== 'HEAD')) {
          throw new ApiError('not_found');
        }
        return reply.sendFile('index.html');
      });
    },
    { prefix: '/app' },
  );
}
