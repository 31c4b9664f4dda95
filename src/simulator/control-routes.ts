import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type EmailInbox, INBOX_HOST } from './email-inbox.js';
import { newWamid } from './meta-payloads.js';
import { SIMULATOR_SCENARIOS, type SimulatorScenario } from './scenarios.js';
import { type DeliverySettings, deliverReply } from './simulated-delivery.js';
import { renderSimulatorPage } from './simulator-page.js';
import { normalizeSimulatedPhone, type SimulatedOutbound } from './simulator-store.js';

const PhoneParams = Type.Object({ phone: Type.String({ minLength: 1, maxLength: 32 }) });
const ScenarioBody = Type.Object({
  scenario: Type.Unsafe<SimulatorScenario>({ type: 'string', enum: Object.keys(SIMULATOR_SCENARIOS) }),
  delayMs: Type.Optional(Type.Integer({ minimum: 0, maximum: 120_000 })),
  times: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
});
const ReplyBody = Type.Object({
  text: Type.Optional(Type.String({ maxLength: 4096 })),
  buttonPayload: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
  /** The page's buttons send the index of a quick reply of the last message. */
  quickReply: Type.Optional(Type.Integer({ minimum: 0, maximum: 9 })),
  /** Free text quoting the last message (WhatsApp's "reply"), which adds context.id. */
  replyToLast: Type.Optional(Type.Boolean()),
  profileName: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
});
const OutageBody = Type.Object({
  on: Type.Boolean(),
  status: Type.Optional(Type.Integer({ minimum: 400, maximum: 599 })),
});
const TemplateParams = Type.Object({ name: Type.String({ minLength: 1 }), language: Type.String({ minLength: 1 }) });
const TemplateBody = Type.Object({
  body: Type.String({ minLength: 1, maxLength: 1024 }),
  category: Type.Optional(Type.String()),
  status: Type.Optional(Type.String()),
  buttons: Type.Optional(
    Type.Array(
      Type.Object({
        type: Type.Union([Type.Literal('QUICK_REPLY'), Type.Literal('URL')]),
        text: Type.String({ minLength: 1, maxLength: 25 }),
        url: Type.Optional(Type.String()),
      }),
      { maxItems: 10 },
    ),
  ),
});

const EmailsResponse = Type.Object({
  smtp: Type.Object({
    listening: Type.Boolean(),
    host: Type.String(),
    port: Type.Union([Type.Integer(), Type.Null()]),
  }),
  emails: Type.Array(
    Type.Object({
      id: Type.Integer(),
      from: Type.String(),
      to: Type.Array(Type.String()),
      subject: Type.String(),
      text: Type.String(),
      html: Type.String(),
      at: Type.Integer({ description: 'epoch ms' }),
    }),
    { description: 'newest first' },
  ),
});

type ReplyInput = Static<typeof ReplyBody>;

export interface ControlRoutesSettings {
  delivery: DeliverySettings;
  timeZone: string;
  /** The e-mail inbox shown on the page and at /emails. */
  inbox?: EmailInbox;
}

/**
 * The simulator's own controls: the chat page, scenarios, customer replies, outage, templates,
 * and the e-mails of the inbox.
 */
export function controlRoutes(untyped: FastifyInstance, settings: ControlRoutesSettings): void {
  const app = untyped.withTypeProvider<TypeBoxTypeProvider>();
  const { store } = settings.delivery;
  const prefix = app.prefix;
  const isForm = (request: FastifyRequest) =>
    (request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
  // Forms post back here and land on the chat they came from (303: the browser GETs the page).
  const backToPage = (reply: FastifyReply, phone?: string) =>
    reply.redirect(`${prefix}/${phone ? `#p-${phone.slice(1)}` : ''}`, 303);
  const phoneOf = (request: FastifyRequest, reply: FastifyReply) => {
    const phone = normalizeSimulatedPhone((request.params as { phone: string }).phone);
    if (!phone) reply.status(400).send({ code: 'invalid_parameter', message: 'Telefone inválido.', field: 'phone' });
    return phone;
  };

  app.get('/', { schema: { hide: true } }, async (_request, reply) =>
    reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(renderSimulatorPage({ store, prefix, timeZone: settings.timeZone, inbox: settings.inbox })),
  );

  const { inbox } = settings;
  if (inbox) {
    app.get('/emails', { schema: { hide: true, response: { 200: EmailsResponse } } }, async (_request, reply) => {
      const port = inbox.port ?? null;
      return reply
        .header('cache-control', 'no-store')
        .send({ smtp: { listening: port !== null, host: INBOX_HOST, port }, emails: inbox.list() });
    });
    app.delete('/emails', { schema: { hide: true } }, async (_request, reply) => {
      inbox.clear();
      return reply.status(204).send();
    });
  }

  app.get('/phones', { schema: { hide: true } }, async () => ({ phones: store.phones(), outage: store.outage }));

  app.delete('/phones', { schema: { hide: true } }, async (_request, reply) => {
    store.clearPhones();
    return reply.status(204).send();
  });

  app.get('/phones/:phone/messages', { schema: { hide: true, params: PhoneParams } }, async (request, reply) => {
    const phone = phoneOf(request, reply);
    if (!phone) return reply;
    return { phone, scenario: store.scenarioOf(phone), messages: store.conversation(phone) };
  });

  const setScenario = async (request: FastifyRequest, reply: FastifyReply) => {
    const phone = phoneOf(request, reply);
    if (!phone) return reply;
    store.setScenario(phone, request.body as Static<typeof ScenarioBody>);
    return isForm(request) ? backToPage(reply, phone) : reply.send({ phone, ...store.scenarioOf(phone) });
  };
  const scenarioSchema = { hide: true, params: PhoneParams, body: ScenarioBody };
  app.put('/phones/:phone/scenario', { schema: scenarioSchema }, setScenario);
  app.post('/phones/:phone/scenario', { schema: scenarioSchema }, setScenario);

  app.post(
    '/phones/:phone/reply',
    { schema: { hide: true, params: PhoneParams, body: ReplyBody } },
    async (request, reply) => {
      const phone = phoneOf(request, reply);
      if (!phone) return reply;
      const input = request.body;
      const last = store.lastOutbound(phone);
      const button = quickReplyOf(input, last);
      const text = (input.text ?? '').trim() || button?.text || input.buttonPayload || '';
      if (!text) {
        if (isForm(request)) return backToPage(reply, phone);
        return reply
          .status(400)
          .send({ code: 'invalid_body', message: 'Informe o texto ou o botão da resposta.', field: 'text' });
      }
      const payload = button?.payload ?? input.buttonPayload;
      // A button always answers the message that carried it; free text quotes it only when asked.
      const replyTo = payload !== undefined || input.replyToLast ? last : undefined;
      const wamid = newWamid();
      const at = Date.now();
      store.recordInbound(phone, {
        direction: 'inbound',
        wamid,
        text,
        at,
        ...(payload === undefined ? {} : { buttonPayload: payload }),
        ...(replyTo ? { replyTo: replyTo.wamid } : {}),
      });
      const webhook = await deliverReply(settings.delivery, phone, {
        wamid,
        at,
        text,
        profileName: input.profileName ?? 'Cliente simulado',
        ...(payload === undefined ? {} : { buttonPayload: payload }),
        ...(replyTo ? { replyTo } : {}),
      });
      return isForm(request) ? backToPage(reply, phone) : reply.send({ id: wamid, webhook });
    },
  );

  const setOutage = async (request: FastifyRequest, reply: FastifyReply) => {
    store.setOutage(request.body as Static<typeof OutageBody>);
    return isForm(request) ? backToPage(reply) : reply.send(store.outage);
  };
  app.put('/outage', { schema: { hide: true, body: OutageBody } }, setOutage);
  app.post('/outage', { schema: { hide: true, body: OutageBody } }, setOutage);

  app.put(
    '/templates/:name/:language',
    { schema: { hide: true, params: TemplateParams, body: TemplateBody } },
    async (request) => {
      const { name, language } = request.params;
      return store.registerTemplate({ name, language, ...request.body });
    },
  );
}

/** The quick reply a reply refers to: by index (the page's buttons) or by payload (the API). */
function quickReplyOf(input: ReplyInput, last: SimulatedOutbound | undefined) {
  if (input.quickReply !== undefined) return last?.quickReplies[input.quickReply];
  if (input.buttonPayload !== undefined) {
    return last?.quickReplies.find((button) => button.payload === input.buttonPayload);
  }
  return undefined;
}
