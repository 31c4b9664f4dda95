import { cpuMs, cpuPerSend } from '../cpu.mjs';
import { startPonte } from '../ponte-process.mjs';
import { countDistinct, maxInWindow, throughput } from '../receipts.mjs';
import { startSimulator } from '../simulator-process.mjs';
import { ingestBatches, prepareDatabase, waitUntilSent } from '../workload.mjs';

/**
 * (a), (b) and (d): `messages` are queued first, ingested through a `--role api` process (so
 * each is written by its ticket's transaction, and nothing goes out while the queue fills);
 * then `workers` × `ponte start --role worker` drain them at the account's rate limit into the
 * simulator, which runs in a process of its own as Meta would (simulator-host.mjs). With
 * `webhooks`, the simulator posts its signed status webhooks (sent, delivered, read) to the API
 * process, which applies them; without, it only answers the sends.
 *
 * Measured at the simulator: its receive times give the send rate and the most sends in any
 * 1 s window; callback ids (Ponte's message ids) give exactly-once. A phone gets several
 * messages when there are more than `phones` (10,000 sends apart, so the 1 s pace per
 * recipient never holds one back).
 */
export async function runDrain({
  engine,
  postgres,
  label,
  messages,
  ratePerSecond,
  workers = 1,
  webhooks = false,
  phones = 10_000,
  execArgv = [],
}) {
  const data = await prepareDatabase(engine, postgres, `bench_${label.replace(/\W/g, '_')}`, ratePerSecond);
  const started = [];
  try {
    const api = startPonte('api', data.env);
    started.push(api);
    const apiUrl = await api.ready;
    const seedStarted = performance.now();
    await ingestBatches(apiUrl, data.demo, messages, { prefix: label, phoneOf: (n) => n % phones });
    const seedSeconds = (performance.now() - seedStarted) / 1_000;

    const simulator = startSimulator({
      PONTE_SECRET_KEY: data.env.PONTE_SECRET_KEY,
      ...(webhooks ? { WEBHOOK_URL: `${apiUrl}/webhooks/whatsapp/cloud` } : {}),
    });
    started.push(simulator);
    const simulatorUrl = await simulator.ready;
    const drainStarted = Date.now();
    const pool = Array.from({ length: workers }, () =>
      startPonte('worker', { ...data.env, PONTE_SIMULATOR_URL: simulatorUrl }, { execArgv }),
    );
    started.push(...pool);
    await Promise.all(pool.map((worker) => worker.ready));
    const snapshot = () => ({
      worker: pool.reduce((sum, worker) => sum + (cpuMs(worker.child.pid) ?? Number.NaN), 0),
      simulator: cpuMs(simulator.child.pid),
      api: cpuMs(api.child.pid),
    });
    const cpuBefore = snapshot();
    const statuses = await waitUntilSent(data.database, messages, 60_000 + (messages / ratePerSecond) * 10_000);
    const cpuAfter = snapshot();
    const drainSeconds = (Date.now() - drainStarted) / 1_000;
    // Late duplicates would come from a lease taken over after the queue looked empty: wait a little.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const sends = await simulator.sends();
    const times = sends.map((send) => send.at);
    const rate = throughput(times);
    return {
      scenario: label,
      engine,
      workers,
      webhooks,
      messages,
      ratePerSecond,
      seedSeconds: round(seedSeconds, 1),
      drainSecondsWithStart: round(drainSeconds, 1),
      statuses,
      ...countDistinct(sends),
      sendsPerSecond: round(rate.overall, 1),
      steadySendsPerSecond: round(rate.steady, 1),
      percentOfLimit: round((100 * rate.overall) / ratePerSecond, 1),
      steadyPercentOfLimit: round((100 * rate.steady) / ratePerSecond, 1),
      maxIn1sWindow: maxInWindow(times),
      // Includes the workers' start-up; the API's share is the status webhooks it applies.
      cpuMsPerSend: cpuPerSend(cpuBefore, cpuAfter, messages),
    };
  } finally {
    for (const process of started.reverse()) await process.stop();
    await data.drop();
  }
}

export function round(value, digits) {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
