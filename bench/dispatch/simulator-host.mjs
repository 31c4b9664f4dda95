/**
 * The WhatsApp provider of the dispatch benchmark, in a process of its own (as Meta is): the
 * real simulator routes from dist/simulator (Cloud API wire format, bearer token and template
 * checks, signed status webhooks), with a store sized for the run and one extra route that
 * hands the benchmark every send it received. Started by simulator-process.mjs.
 *
 *   PONTE_SECRET_KEY  the deployment's key (the simulator's token and app secret derive from it)
 *   WEBHOOK_URL       where status webhooks go (Ponte's /webhooks/whatsapp/cloud); unset: none,
 *                     statuses then change only in the simulator's memory
 */
import { EventEmitter } from 'node:events';
import Fastify from 'fastify';
import { DEMO_TEMPLATES } from '../../dist/demo/seed-demo.js';
import { simulatorSecrets } from '../../dist/messaging/provider-accounts.js';
import { simulatorRoutes } from '../../dist/simulator/simulator-routes.js';
import { SimulatorStore } from '../../dist/simulator/simulator-store.js';

// Every send's status flow waits on the app's closing signal: thousands at once are expected here.
EventEmitter.defaultMaxListeners = 0;
const secrets = simulatorSecrets(Buffer.from(process.env.PONTE_SECRET_KEY, 'hex'));
const store = new SimulatorStore({ maxPhones: 200_000, maxMessagesPerPhone: 20 });
for (const template of Object.values(DEMO_TEMPLATES)) {
  store.registerTemplate({ name: template.name, language: 'pt_BR', body: template.body, category: 'UTILITY' });
}
// Only errors: a webhook the API is too busy to take in time is retried, and says so at `warn`.
const app = Fastify({ logger: { level: 'error' } });
await app.register(simulatorRoutes, {
  prefix: '/simulator',
  store,
  webhookUrl: () => process.env.WEBHOOK_URL || undefined,
  appSecret: secrets.appSecret,
  accessToken: secrets.accessToken,
});
// Every send received, compact: [phone, at, callbackData] (one request instead of one per phone).
app.get('/bench/sends', async () => {
  const sends = [];
  for (const { phone } of store.phones()) {
    for (const item of store.conversation(phone)) {
      if (item.direction === 'outbound') sends.push([phone, item.at, item.callbackData]);
    }
  }
  return { sends };
});
await app.listen({ port: 0, host: '127.0.0.1' });
process.send?.({ type: 'ready', url: `http://127.0.0.1:${app.server.address().port}` });
process.on('message', async (message) => {
  if (message?.type !== 'stop') return;
  await app.close();
  process.exit(0);
});
