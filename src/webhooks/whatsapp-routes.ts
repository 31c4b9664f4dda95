import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../http/app-context.js';
import { ApiError } from '../http/errors.js';
import { buildProvider, hashVerifyToken } from '../messaging/provider-accounts.js';
import { cloudWebhookPhoneNumberIds } from '../messaging/providers/cloud/webhook-phone-numbers.js';
import { applyWebhook } from './apply-webhook.js';

/** Which account kinds each webhook URL serves: the simulator signs like Meta does. */
const KINDS_BY_ROUTE = { cloud: ['cloud', 'simulator'], plinx: ['plinx'] } as const;
type RouteProvider = keyof typeof KINDS_BY_ROUTE;

/**
 * `GET|POST /webhooks/whatsapp/cloud` (fixed contract) and `/webhooks/whatsapp/plinx`. The
 * body's signature is checked against the raw bytes with the app secret of the account the
 * webhook names, before anything is applied; a bad signature gets 401 and changes nothing.
 */
export async function whatsappWebhookRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  // The signature covers the exact bytes Meta sent: keep them next to the parsed body.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer', bodyLimit: 3 * 1024 * 1024 },
    (_req, body, done) => {
      try {
        done(null, { raw: body as Buffer, json: JSON.parse((body as Buffer).toString('utf8')) as unknown });
      } catch {
        done(new ApiError('invalid_json'), undefined);
      }
    },
  );

  const params = Type.Object({ provider: Type.Union([Type.Literal('cloud'), Type.Literal('plinx')]) });

  app.get(
    '/webhooks/whatsapp/:provider',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'Verificação do webhook (hub.mode, hub.verify_token, hub.challenge)',
        params,
        querystring: Type.Record(Type.String(), Type.String()),
      },
    },
    async (request, reply) => {
      const { provider } = request.params as { provider: RouteProvider };
      const query = request.query as Record<string, string | undefined>;
      const token = query['hub.verify_token'];
      const account = token
        ? await ctx.database.db
            .selectFrom('provider_accounts')
            .selectAll()
            .where('verify_token_hash', '=', hashVerifyToken(token))
            .executeTakeFirst()
        : undefined;
      const challenge =
        account && (KINDS_BY_ROUTE[provider] as readonly string[]).includes(account.kind)
          ? buildProvider(account, ctx.config.secretKey, ctx.simulator).verifyHandshake(query)
          : undefined;
      if (challenge === undefined)
        return reply.status(403).send({ code: 'forbidden', message: 'Token de verificação inválido.' });
      return reply.type('text/plain').send(challenge);
    },
  );

  app.post(
    '/webhooks/whatsapp/:provider',
    { schema: { tags: ['webhooks'], summary: 'Status de mensagens e mensagens recebidas', params } },
    async (request, reply) => {
      const { provider } = request.params as { provider: RouteProvider };
      const { raw, json } = request.body as { raw: Buffer; json: unknown };
      const phoneNumberIds = cloudWebhookPhoneNumberIds(json);
      const accounts = [];
      for (const id of phoneNumberIds) {
        const account = await ctx.database.db
          .selectFrom('provider_accounts')
          .selectAll()
          .where('phone_number_id', '=', id)
          .executeTakeFirst();
        if (!account || !(KINDS_BY_ROUTE[provider] as readonly string[]).includes(account.kind)) {
          request.log.warn({ phoneNumberId: id }, 'webhook de número não configurado em nenhum workspace');
          continue;
        }
        const built = buildProvider(account, ctx.config.secretKey, ctx.simulator);
        if (!built.verifySignature(raw, request.headers)) {
          throw new ApiError('invalid_signature');
        }
        accounts.push({ account, provider: built });
      }
      for (const { account, provider: built } of accounts) {
        const applied = await applyWebhook(
          ctx.database.db,
          account.workspace_id,
          built.parseWebhook(json),
          request.log,
          { engine: ctx.database.engine, publicUrl: ctx.config.publicUrl },
        );
        // A failure may have queued an e-mail fallback: the in-process dispatcher sends it now.
        if (applied.statuses > 0) ctx.outbox.wake();
        for (const ticketId of applied.ticketIds) {
          ctx.realtime.ticketChanged({ workspaceId: account.workspace_id, ticketId, kind: 'updated' });
        }
      }
      return reply.status(200).send({ received: true });
    },
  );
}
