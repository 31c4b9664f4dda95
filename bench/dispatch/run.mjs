#!/usr/bin/env node
/**
 * The dispatch benchmark (the messaging issue's performance requirements), against the built app
 * in dist/ (`npm run bench:dispatch` builds first). Each scenario starts its own processes and
 * database (a throwaway PostgreSQL cluster, or the server BENCH_POSTGRES_URL names):
 *
 *   throughput   (a) 20,000 queued, limit 1,000/s: sends/s at the simulator, % of the limit
 *   window       (b) 2,000 queued, limit 80/s: the most sends in any 1 s window (must be ≤ 80)
 *   latency      (c) 200 PUT/s: simulator receive time − PUT response time, p50/p99
 *   two-workers  (d) PostgreSQL, 2 worker processes, 10,000 queued: sends at the simulator,
 *                distinct callback ids, duplicates
 *
 *   node bench/dispatch/run.mjs [--scenarios throughput,window,latency,two-workers]
 *     [--engine sqlite|postgres|both] [--messages 20000] [--window-messages 2000]
 *     [--latency-seconds 30] [--latency-rate 200] [--latency-webhooks on|off|both]
 *     [--two-worker-messages 10000] [--webhooks] [--cpu-prof]
 *
 * The simulator runs in a process of its own (simulator-host.mjs), as Meta would. --webhooks
 * makes it post its status webhooks (3 per send) to the API process in (a), (b) and (d) too;
 * in (c) --latency-webhooks chooses (both by default: the full loop, and the event-to-provider
 * path alone). Results go to bench/dispatch/results/.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startPostgres } from '../lib/postgres.mjs';
import { runDrain } from './scenarios/drain.mjs';
import { runLatency } from './scenarios/latency.mjs';

const { values: options } = parseArgs({
  options: {
    scenarios: { type: 'string', default: 'throughput,window,latency,two-workers' },
    engine: { type: 'string', default: 'both' },
    messages: { type: 'string', default: '20000' },
    'window-messages': { type: 'string', default: '2000' },
    'latency-seconds': { type: 'string', default: '30' },
    'latency-rate': { type: 'string', default: '200' },
    'latency-webhooks': { type: 'string', default: 'both' },
    'two-worker-messages': { type: 'string', default: '10000' },
    webhooks: { type: 'boolean', default: false },
    'cpu-prof': { type: 'boolean', default: false },
  },
});
const scenarios = options.scenarios.split(',');
const engines = options.engine === 'both' ? ['sqlite', 'postgres'] : [options.engine];
const resultsDir = fileURLToPath(new URL('./results/', import.meta.url));
const stamp = new Date()
  .toISOString()
  .replace(/:/g, '-')
  .replace(/\.\d+Z$/, 'Z');
const execArgv = options['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${resultsDir}profiles/${stamp}`] : [];
const webhooks = options.webhooks;

const postgres = engines.includes('postgres') || scenarios.includes('two-workers') ? await startPostgres() : undefined;
const results = [];
const report = (result) => {
  results.push(result);
  console.log(JSON.stringify(result));
};
try {
  console.log(
    `# ${stamp} · ${cpus().length} CPUs · load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  );
  for (const engine of engines) {
    if (scenarios.includes('throughput')) {
      const messages = Number(options.messages);
      report(
        await runDrain({ engine, postgres, label: 'throughput', messages, ratePerSecond: 1_000, webhooks, execArgv }),
      );
    }
    if (scenarios.includes('window')) {
      const messages = Number(options['window-messages']);
      report(await runDrain({ engine, postgres, label: 'window', messages, ratePerSecond: 80, webhooks, execArgv }));
    }
    if (scenarios.includes('latency')) {
      const modes = { on: [true], off: [false], both: [true, false] }[options['latency-webhooks']];
      for (const withWebhooks of modes) {
        report(
          await runLatency({
            engine,
            postgres,
            perSecond: Number(options['latency-rate']),
            seconds: Number(options['latency-seconds']),
            webhooks: withWebhooks,
            execArgv,
          }),
        );
      }
    }
  }
  if (scenarios.includes('two-workers')) {
    const messages = Number(options['two-worker-messages']);
    report(
      await runDrain({
        engine: 'postgres',
        postgres,
        label: 'two-workers',
        messages,
        ratePerSecond: 1_000,
        workers: 2,
        webhooks,
        execArgv,
      }),
    );
  }
} finally {
  postgres?.stop();
}

console.log('\nResumo');
for (const r of results) {
  if (r.scenario === 'throughput') {
    console.log(
      `  (a) ${r.engine}: ${r.sendsPerSecond}/s = ${r.percentOfLimit}% de 1000/s (estável ${r.steadyPercentOfLimit}%), ${r.sends} envios, máx. ${r.maxIn1sWindow} em 1 s; CPU por envio ${JSON.stringify(r.cpuMsPerSend)} ms`,
    );
  } else if (r.scenario === 'window') {
    console.log(
      `  (b) ${r.engine}: máx. ${r.maxIn1sWindow} envios em qualquer janela de 1 s (limite 80), ${r.sendsPerSecond}/s`,
    );
  } else if (r.scenario === 'event-to-provider') {
    console.log(
      `  (c) ${r.engine}, webhooks ${r.webhooks ? 'ligados' : 'desligados'}: p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms (${r.counted} eventos a ${r.eventsPerSecond}/s; PUT p50 ${r.putP50Ms} ms)`,
    );
  } else {
    console.log(
      `  (d) ${r.workers} workers: ${r.sends} envios, ${r.distinct} ids distintos, ${r.duplicates} duplicados (${r.messages} mensagens), máx. ${r.maxIn1sWindow} em 1 s`,
    );
  }
}
mkdirSync(resultsDir, { recursive: true });
writeFileSync(`${resultsDir}${stamp}.json`, `${JSON.stringify({ stamp, loadavg: loadavg(), results }, null, 2)}\n`);
