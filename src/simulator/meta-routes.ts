import { timingSafeEqual } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { checkAgainstTemplate, checkSendRequest } from './check-send-request.js';
import { metaError, newWamid } from './meta-payloads.js';
import { isNamedTemplate, renderBody, renderButtons } from './render-template.js';
import { type DeliverySettings, startStatusFlow } from './simulated-delivery.js';
import type { SimulatedOutbound } from './simulator-store.js';

export interface MetaRoutesSettings {
  delivery: DeliverySettings;
  /** The exact token sends must carry; any non-empty Bearer token when undefined. */
  accessToken?: string;
  slowMs: number;
}

const hidden = { schema: { hide: true } };

/** The slice of Meta's Graph API that Ponte calls: send a template, list templates. */
export function metaRoutes(app: FastifyInstance, settings: MetaRoutesSettings): void {
  const { store } = settings.delivery;
  const signal = settings.delivery.signal;

  app.post('/:version/:phoneNumberId/messages', hidden, async (request, reply) => {
    if (refuseDuringOutage(reply) || refuseBadToken(request, reply)) return reply;
    const checked = checkSendRequest(request.body);
    if (!checked.ok) return reply.status(checked.httpStatus).send(checked.body);
    const { phoneNumberId } = request.params as { phoneNumberId: string };
    const template = store.template(checked.request.templateName, checked.request.language, phoneNumberId);
    if (store.validatesTemplates) {
      const againstTemplate = checkAgainstTemplate(checked.request, template);
      if (!againstTemplate.ok) return reply.status(againstTemplate.httpStatus).send(againstTemplate.body);
    }
    const send = checked.request;
    const phone = `+${send.waId}`;

    const { scenario, delayMs } = store.takeScenario(phone);
    switch (scenario) {
      case 'rate_limited':
        return reply
          .status(429)
          .header('retry-after', '1')
          .send(metaError(130429, 'Rate limit hit', 'Cloud API message throughput has been reached.'));
      case 'outage':
        return reply
          .status(503)
          .send(metaError(131016, 'Service unavailable', 'A service is temporarily unavailable.'));
      case 'not_on_whatsapp_sync':
        return reply.status(400).send(metaError(131026, 'Message undeliverable', 'Message Undeliverable.'));
      case 'slow':
        // The message is accepted even if the client gave up meanwhile: the ambiguous outcome
        // (sent, but the caller saw a timeout) that a real provider produces too.
        await sleep(delayMs ?? settings.slowMs, undefined, { signal });
        break;
      default:
        break;
    }

    const rendered = template
      ? { text: renderBody(template.body, send.body), ...renderButtons(template, send) }
      : { quickReplies: [...send.quickReplyPayloads.values()].map((payload) => ({ text: payload, payload })) };
    const message: SimulatedOutbound = {
      direction: 'outbound',
      wamid: newWamid(),
      phoneNumberId,
      templateName: send.templateName,
      language: send.language,
      parameters: send.body,
      ...rendered,
      ...(send.callbackData === undefined ? {} : { callbackData: send.callbackData }),
      at: Date.now(),
      status: 'accepted',
    };
    store.recordOutbound(phone, message);
    const flow = scenario === 'not_on_whatsapp' || scenario === 'out_of_order' ? scenario : 'delivered';
    startStatusFlow(settings.delivery, phone, message, flow);
    return reply.send({
      messaging_product: 'whatsapp',
      contacts: [{ input: send.input, wa_id: send.waId }],
      messages: [{ id: message.wamid }],
    });
  });

  app.get('/:version/:wabaId/message_templates', hidden, async (request, reply) => {
    if (refuseDuringOutage(reply) || refuseBadToken(request, reply)) return reply;
    const query = request.query as { limit?: string; after?: string };
    const limit = Math.min(Math.max(Number(query.limit) || 25, 1), 100);
    const start = query.after ? Number(Buffer.from(query.after, 'base64url').toString('utf8')) || 0 : 0;
    const all = store.templates((request.params as { wabaId: string }).wabaId);
    const page = all.slice(start, start + limit);
    const cursor = (index: number) => Buffer.from(String(index), 'utf8').toString('base64url');
    // Graph's `next` is an absolute URL carrying every query parameter but the new cursor.
    const next = new URL(request.url, `${request.protocol}://${request.host}`);
    next.searchParams.set('after', cursor(start + limit));
    return reply.send({
      data: page.map((template, index) => ({
        name: template.name,
        parameter_format: isNamedTemplate(template.body) ? 'NAMED' : 'POSITIONAL',
        components: [
          { type: 'BODY', text: template.body },
          ...(template.buttons.length > 0 ? [{ type: 'BUTTONS', buttons: template.buttons }] : []),
        ],
        language: template.language,
        status: template.status,
        category: template.category,
        id: String(1_000_000 + start + index),
      })),
      paging: {
        cursors: { before: cursor(start), after: cursor(start + page.length) },
        ...(start + limit < all.length ? { next: next.toString() } : {}),
      },
    });
  });

  function refuseDuringOutage(reply: FastifyReply): boolean {
    const outage = store.outage;
    if (!outage.on) return false;
    const body =
      outage.status === 429
        ? metaError(130429, 'Rate limit hit', 'Cloud API message throughput has been reached.')
        : outage.status === 500
          ? metaError(131000, 'Something went wrong', 'Message failed to send due to an unknown error.')
          : metaError(2, 'Service temporarily unavailable', 'Temporary due to downtime or due to being overloaded.');
    if (outage.status === 429) reply.header('retry-after', '1');
    reply.status(outage.status).send(body);
    return true;
  }

  function refuseBadToken(request: FastifyRequest, reply: FastifyReply): boolean {
    const match = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '');
    const token = match?.[1];
    if (token !== undefined && (settings.accessToken === undefined || sameText(token, settings.accessToken))) {
      return false;
    }
    reply
      .status(401)
      .send(
        token === undefined
          ? metaError(2500, 'An active access token must be used to query information about the current user.')
          : metaError(190, 'Invalid OAuth access token - Cannot parse access token'),
      );
    return true;
  }
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
