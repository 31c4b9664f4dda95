#!/usr/bin/env node
/**
 * The ingest benchmark: PUT /api/v1/sources/:source/records/:externalId under autocannon, for
 * Ponte and two references measured side by side in the same run (a bare Fastify server and a
 * minimal hand-written handler). Needs `npm run build` first (Ponte is imported from dist/).
 *
 *   node bench/ingest/run.mjs [--engine sqlite|postgres|both] [--duration 10] [--connections 50]
 *     [--warmup 3] [--rounds 1] [--targets bare,minimal,ponte] [--log-level info] [--cpu-prof]
 *
 * With --rounds N the targets are measured N times, interleaved (bare, minimal, ponte, bare, …),
 * and each reports its median round: on a shared machine that damps someone else's burst.
 * Each connection sends its next request when the answer arrives (a closed loop), so latency
 * is mostly queueing, p50 ≈ connections / throughput: judge a latency target with fewer
 * connections (autocannon's own rate limit sends each connection's quota in a burst per second).
 * ponte-demo (ponte over `ponte demo`'s workspace, which queues a WhatsApp per new ticket) is
 * a further target.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { createDatabase, dropDatabase, startPostgres } from '../lib/postgres.mjs';
import { startServer, stopServer } from './child-server.mjs';
import { processCpuMs, treeCpuMs } from './cpu.mjs';
import { printEngineTable, printSummary, ratios } from './report.mjs';
import { autocannonRequests, createWorkload, SOURCE_NAME } from './workload.mjs';

const { values: options } = parseArgs({
  options: {
    engine: { type: 'string', default: 'both' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    warmup: { type: 'string', default: '3' },
    rounds: { type: 'string', default: '1' },
    targets: { type: 'string', default: 'bare,minimal,ponte' },
    'log-level': { type: 'string', default: 'info' },
    'cpu-prof': { type: 'boolean', default: false },
  },
});
const engines = options.engine === 'both' ? ['sqlite', 'postgres'] : [options.engine];
if (!engines.every((e) => e === 'sqlite' || e === 'postgres')) throw new Error('--engine: sqlite, postgres or both');
const targetNames = options.targets.split(',');
const duration = Number(options.duration);
const warmup = Number(options.warmup);
const connections = Number(options.connections);
const rounds = Number(options.rounds);
const resultsDir = fileURLToPath(new URL('./results/', import.meta.url));
const stamp = new Date()
  .toISOString()
  .replace(/:/g, '-')
  .replace(/\.\d+Z$/, 'Z');
const runTag = Date.now().toString(36);

function load(port, apiKey, workload, seconds) {
  return autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    duration: seconds,
    timeout: 10,
    requests: autocannonRequests(workload, apiKey),
  });
}

/** One request outside the measurement, so a broken set-up fails loudly instead of as non-2xx. */
async function check(name, port, apiKey) {
  const { externalId, body } = createWorkload({ seed: 1, runTag: 'check' }).next();
  const response = await fetch(`http://127.0.0.1:${port}/api/v1/sources/${SOURCE_NAME}/records/${externalId}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
    body,
  });
  if (response.status !== 201 && response.status !== 200) {
    throw new Error(`${name}: check request answered ${response.status} ${await response.text()}`);
  }
}

/** CPU ms so far of the server, of PostgreSQL (when it is ours) and of autocannon (this process). */
function cpuSnapshot(server, postmasterPid) {
  const { user, system } = process.cpuUsage();
  return {
    server: processCpuMs(server.child.pid),
    postgres: postmasterPid === undefined ? undefined : treeCpuMs(postmasterPid),
    loadGenerator: (user + system) / 1000,
  };
}

function cpuPerRequestUs(before, after, requests) {
  const per = (key) =>
    before[key] === undefined || after[key] === undefined ? undefined : ((after[key] - before[key]) * 1000) / requests;
  return { server: per('server'), postgres: per('postgres'), loadGenerator: per('loadGenerator') };
}

async function measure(name, env, execArgv, postmasterPid) {
  const server = await startServer(name, env, execArgv);
  try {
    await check(name, server.port, server.apiKey);
    // Same seed for every target: each sees the same sequence of ids and repeats.
    const workload = createWorkload({ seed: 42, runTag });
    if (warmup > 0) await load(server.port, server.apiKey, workload, warmup);
    const before = cpuSnapshot(server, postmasterPid);
    const r = await load(server.port, server.apiKey, workload, duration);
    const after = cpuSnapshot(server, postmasterPid);
    return {
      requestsPerSecond: r.requests.average,
      latency: { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max },
      errors: r.errors + r.timeouts,
      non2xx: r.non2xx,
      total: r.requests.total,
      statusCodes: r.statusCodeStats,
      cpuPerRequestUs: cpuPerRequestUs(before, after, r.requests.total),
    };
  } finally {
    await stopServer(server);
  }
}

/** The round with the median req/s, with every round's req/s beside it. */
function medianRound(list) {
  const sorted = [...list].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond);
  const median = sorted[Math.floor((sorted.length - 1) / 2)];
  return list.length === 1 ? median : { ...median, roundsRequestsPerSecond: list.map((r) => r.requestsPerSecond) };
}

async function runEngine(engine) {
  const dir = mkdtempSync(join(tmpdir(), `ponte-bench-${engine}-`));
  const postgres = engine === 'postgres' ? await startPostgres() : undefined;
  const targets = {};
  const databases = [];
  // Each target writes into its own fresh database (a file, or a database on the cluster).
  const freshDatabase = async (name) => {
    if (engine === 'sqlite') return join(dir, `${name}.db`);
    const dbName = `ponte_bench_${name.replaceAll('-', '_')}`;
    databases.push(dbName);
    return createDatabase(postgres.adminUrl, dbName);
  };
  const samples = Object.fromEntries(targetNames.map((name) => [name, []]));
  try {
    for (let round = 1; round <= rounds; round += 1) {
      for (const name of targetNames) {
        const tag = rounds === 1 ? name : `${name}-r${round}`;
        let env = {};
        let execArgv = [];
        if (name === 'minimal') {
          const location = await freshDatabase(tag);
          env = engine === 'sqlite' ? { BENCH_DB_PATH: location } : { BENCH_DATABASE_URL: location };
        }
        // ponte-* are variants of Ponte (e.g. a driver experiment) served the same way.
        if (name === 'ponte' || name.startsWith('ponte-')) {
          const location = await freshDatabase(tag);
          env = {
            BENCH_DATABASE_URL: engine === 'sqlite' ? `sqlite:${location}` : location,
            LOG_LEVEL: options['log-level'],
          };
        }
        if (options['cpu-prof']) {
          const profiles = join(resultsDir, 'profiles');
          mkdirSync(profiles, { recursive: true });
          execArgv = [
            '--cpu-prof',
            `--cpu-prof-dir=${profiles}`,
            `--cpu-prof-name=${tag}-${engine}-${stamp}.cpuprofile`,
          ];
        }
        const script = name === 'minimal' ? `minimal-${engine}` : name;
        process.stderr.write(`${engine}: ${tag} (warm-up ${warmup} s, then ${duration} s)…\n`);
        samples[name].push(await measure(script, env, execArgv, postgres?.postmasterPid));
      }
    }
    for (const name of targetNames) targets[name] = medianRound(samples[name]);
  } finally {
    if (postgres) {
      for (const dbName of databases) await dropDatabase(postgres.adminUrl, dbName).catch(() => {});
      postgres.stop();
    }
    rmSync(dir, { recursive: true, force: true });
  }
  printEngineTable(engine, targets);
  return { targets, ratios: ratios(targets) };
}

/** Which code was measured: the commit, and whether src/ had uncommitted changes (dist/ is built from it). */
function sourceVersion() {
  try {
    const git = (...args) =>
      execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return { commit: git('rev-parse', '--short', 'HEAD'), srcChanged: git('status', '--porcelain', 'src') !== '' };
  } catch {
    return undefined;
  }
}

const results = {
  date: new Date().toISOString(),
  source: sourceVersion(),
  machine: {
    cpus: cpus().length,
    model: cpus()[0]?.model,
    node: process.version,
    platform: process.platform,
    // Other work on the machine shows here first: a load above the core count skews everything.
    loadAverageAtStart: loadavg()[0],
  },
  options: { duration, warmup, rounds, connections, targets: targetNames, logLevel: options['log-level'] },
  engines: {},
};
for (const engine of engines) results.engines[engine] = await runEngine(engine);
results.machine.loadAverageAtEnd = loadavg()[0];
mkdirSync(resultsDir, { recursive: true });
const file = join(resultsDir, `${stamp}.json`);
writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
printSummary(results);
console.log(`\nresults: ${file}`);
