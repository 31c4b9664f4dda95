import type { FastifyInstance } from 'fastify';
import { requireUser } from '../auth/require-user.js';
import type { AppContext } from '../http/app-context.js';

const HEARTBEAT_MS = 15_000;

/**
 * `GET /api/v1/events`: server-sent events for the console. Each `ticket` event carries the
 * ticket's list row; a comment line every 15 s keeps proxies from closing an idle stream.
 */
export async function eventsRoute(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const open = new Set<() => void>();
  // On shutdown, end the streams so the server can close (browsers reconnect by themselves).
  app.addHook('preClose', async () => {
    for (const end of open) end();
  });
  app.get(
    '/api/v1/events',
    {
      schema: { tags: ['tickets'], summary: 'Eventos em tempo real (text/event-stream): chamados criados e alterados' },
    },
    async (request, reply) => {
      const user = await requireUser(ctx, request);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        // Nginx and friends buffer responses unless told not to.
        'x-accel-buffering': 'no',
      });
      res.write(': conectado\n\n');
      const unsubscribe = ctx.realtime.subscribe(user.workspaceId, (event) => {
        res.write(`event: ticket\ndata: ${JSON.stringify(event)}\n\n`);
      });
      const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
      const close = () => {
        clearInterval(heartbeat);
        unsubscribe();
        open.delete(end);
      };
      const end = () => {
        close();
        res.end();
      };
      open.add(end);
      request.raw.on('close', close);
    },
  );
}
