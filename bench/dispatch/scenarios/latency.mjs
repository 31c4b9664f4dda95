import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '../../lib/postgres.mjs';
import { request } from '../http-client.mjs';
import { startPonte } from '../ponte-process.mjs';
import { percentile } from '../receipts.mjs';
import { startSimulator } from '../simulator-process.mjs';
import { mobile, prepareDatabase, recordOf, waitUntilSent } from '../workload.mjs';
import { round } from './drain.mjs';

/**
 * (c) Event to provider: PUTs at a steady `perSecond` (open loop: each leaves on its schedule,
 * whatever the previous ones are doing), each a new record whose opening task sends
 * `abertura_chamado` to a phone of its own. Latency = the simulator's receive time of that send
 * minus the moment the PUT's response arrived (both clocks are this machine's).
 *
 * Ponte runs as deployed: on SQLite one `--role all` process (the API wakes its own dispatcher),
 * on PostgreSQL `--role api` and `--role worker` (woken by NOTIFY). The provider is the simulator
 * in a process of its own, as Meta is, posting its three status webhooks per send back to the
 * API (unless `webhooks` is false). The first `warmupSeconds` are sent but not counted.
 */
export async function runLatency({
  engine,
  postgres,
  perSecond = 200,
  seconds = 30,
  warmupSeconds = 3,
  webhooks = true,
  execArgv = [],
}) {
  const data = await prepareDatabase(engine, postgres, 'bench_latency', 1_000);
  const started = [];
  try {
    // The API's port is chosen first: the simulator posts its webhooks there.
    const port = await freePort();
    const apiUrl = `http://127.0.0.1:${port}`;
    const simulator = startSimulator({
      PONTE_SECRET_KEY: data.env.PONTE_SECRET_KEY,
      ...(webhooks ? { WEBHOOK_URL: `${apiUrl}/webhooks/whatsapp/cloud` } : {}),
    });
    started.push(simulator);
    const env = { ...data.env, PORT: String(port), PONTE_SIMULATOR_URL: await simulator.ready };
    const api = startPonte(engine === 'sqlite' ? 'all' : 'api', env, { execArgv });
    started.push(api);
    await api.ready;
    if (engine !== 'sqlite') {
      const worker = startPonte('worker', env, { execArgv });
      started.push(worker);
      await worker.ready;
    }
    const headers = { authorization: `Bearer ${data.demo.apiKey}`, 'content-type': 'application/json' };
    const put = async (n) => {
      const body = JSON.stringify(recordOf(n));
      const requestAt = Date.now();
      const response = await request(`${apiUrl}/api/v1/sources/${data.demo.source}/records/LAT-${n}`, {
        method: 'PUT',
        headers,
        body,
      });
      const responseAt = Date.now();
      if (response.status !== 201) throw new Error(`PUT LAT-${n}: HTTP ${response.status} ${response.body}`);
      return { n, phone: mobile(n).e164, requestAt, responseAt };
    };

    const total = (warmupSeconds + seconds) * perSecond;
    const pending = [];
    const start = performance.now();
    for (let n = 0; n < total; n++) {
      const wait = start + (n * 1_000) / perSecond - performance.now();
      if (wait > 1) await sleep(wait);
      pending.push(put(n));
    }
    const offeredSeconds = (performance.now() - start) / 1_000;
    const puts = await Promise.all(pending);
    const statuses = await waitUntilSent(data.database, total, 300_000);
    const received = new Map();
    for (const send of await simulator.sends())
      received.set(send.phone, Math.min(send.at, received.get(send.phone) ?? Infinity));
    const counted = puts.slice(warmupSeconds * perSecond);
    const latencies = [];
    let missing = 0;
    for (const { phone, responseAt } of counted) {
      const at = received.get(phone);
      if (at === undefined) missing++;
      else latencies.push(at - responseAt);
    }
    const putMs = counted.map((p) => p.responseAt - p.requestAt);
    return {
      scenario: 'event-to-provider',
      engine,
      webhooks,
      eventsPerSecond: perSecond,
      offeredPerSecond: round(total / offeredSeconds, 1),
      counted: counted.length,
      missing,
      statuses,
      p50Ms: percentile(latencies, 50),
      p90Ms: percentile(latencies, 90),
      p99Ms: percentile(latencies, 99),
      maxMs: Math.max(...latencies),
      putP50Ms: percentile(putMs, 50),
      putP99Ms: percentile(putMs, 99),
    };
  } finally {
    for (const process of started.reverse()) await process.stop();
    await data.drop();
  }
}
