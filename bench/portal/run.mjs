/**
 * The customer pages under load, on SQLite with a million tickets (npm run build first):
 *
 *   node bench/portal/run.mjs [--tickets 1000000] [--duration 10] [--warmup 3] [--connections 10]
 *     [--survey-connections 50]
 *     [--rounds 1] [--scenarios tracking,survey] [--cpu-prof]
 *
 * - tracking: GET /t/{token}?c=w over distinct tokens, Ponte against a bare Fastify answering a
 *   fixed JSON on the same route (target: Ponte ≥ 35% of bare's req/s, p99 < 20 ms);
 * - survey: POST /s/{token} with a valid form (a distinct closed ticket per request), Ponte against
 *   a minimal Fastify + better-sqlite3 insert handler (target: Ponte ≥ 1.0× minimal).
 * Each server runs in its own child process; autocannon drives it from this one. With --rounds N
 * the targets alternate N times and each keeps its median round.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { processCpuMs } from '../ingest/cpu.mjs';
import { startServer, stopServer } from './child-server.mjs';
import { ensureSeeded, readTokens } from './seed.mjs';

const { values: options } = parseArgs({
  options: {
    tickets: { type: 'string', default: '1000000' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '10' },
    'survey-connections': { type: 'string', default: '50' },
    rounds: { type: 'string', default: '1' },
    scenarios: { type: 'string', default: 'tracking,survey' },
    'cpu-prof': { type: 'boolean', default: false },
  },
});
const count = Number(options.tickets);
const duration = Number(options.duration);
const warmup = Number(options.warmup);
const trackingConnections = Number(options.connections);
const surveyConnections = Number(options['survey-connections']);
const rounds = Number(options.rounds);
const scenarios = options.scenarios.split(',');
const resultsDir = new URL('./results/', import.meta.url).pathname;
const dbPath = `${resultsDir}portal-${count}.db`;
const log = (line) => process.stderr.write(`${line}\n`);

mkdirSync(resultsDir, { recursive: true });
await ensureSeeded(dbPath, count, log);
const secretKey = randomBytes(32).toString('hex');
const { FormTokens } = await import(new URL('../../dist/surveys/form-token.js', import.meta.url).href);
const formTokens = new FormTokens(Buffer.from(secretKey, 'hex'));

/** Tokens in a random order, the same order for every target of a round. */
function shuffled(list, seed) {
  const out = list.filter(Boolean);
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
const allTokens = shuffled(readTokens(dbPath, 'tokens'), 7);
const closedTokens = shuffled(readTokens(dbPath, 'closed'), 11);

function load(port, requestFor, seconds, connections) {
  let next = 0;
  return autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    duration: seconds,
    requests: [{ setupRequest: (request) => ({ ...request, ...requestFor(next++) }) }],
  });
}

/** Runs a target: start its server, warm up, measure, stop. */
async function measure(name, server, requestFor, connections, before = () => {}) {
  before();
  const execArgv =
    options['cpu-prof'] && server === 'ponte' ? ['--cpu-prof', '--cpu-prof-dir', `${resultsDir}profiles`] : [];
  const started = await startServer(server, { BENCH_DB_PATH: dbPath, BENCH_SECRET_KEY: secretKey }, execArgv);
  try {
    // Warm-up and measurement continue one sequence: no token is asked twice.
    let offset = 0;
    const shifted = (i) => requestFor(i + offset);
    if (warmup > 0) offset = (await load(started.port, requestFor, warmup, connections)).requests.total + connections;
    const cpuBefore = processCpuMs(started.child.pid);
    const r = await load(started.port, shifted, duration, connections);
    const cpuAfter = processCpuMs(started.child.pid);
    return {
      name,
      connections,
      requestsPerSecond: r.requests.average,
      total: r.requests.total,
      p50: r.latency.p50,
      p99: r.latency.p99,
      errors: r.errors + r.timeouts,
      non2xx: r.non2xx,
      statusCodes: r.statusCodeStats,
      serverCpuUsPerRequest: cpuBefore === undefined ? undefined : ((cpuAfter - cpuBefore) * 1000) / r.requests.total,
    };
  } finally {
    await stopServer(started);
  }
}

function withDb(work) {
  const db = new Database(dbPath);
  try {
    return work(db);
  } finally {
    db.close();
  }
}
// Opens and answers from an earlier target or run are cleared, so every request is a first.
const clearOpens = () => withDb((db) => db.exec('delete from link_events'));
const clearAnswers = () =>
  withDb((db) => {
    db.exec('drop table if exists bench_minimal_answers');
    db.exec("delete from timeline_entries where type in ('survey_answered', 'survey_changed')");
    db.exec('delete from survey_answers; delete from link_events');
  });

const tracking = (i) => ({ method: 'GET', path: `/t/${allTokens[i % allTokens.length]}?c=w` });
const comment = encodeURIComponent('Atendimento rápido, técnico educado.');
const survey = (i) => {
  const token = closedTokens[i % closedTokens.length];
  return {
    method: 'POST',
    path: `/s/${token}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `form_token=${formTokens.issue(token)}&c=w&csat=${(i % 5) + 1}&comment=${comment}`,
  };
};

const median = (list) => {
  const sorted = [...list].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond);
  return { ...sorted[Math.floor(sorted.length / 2)], roundsRequestsPerSecond: list.map((r) => r.requestsPerSecond) };
};

const loadStart = loadavg()[0];
const runs = { tracking: { bare: [], ponte: [] }, survey: { minimal: [], ponte: [] } };
for (let round = 1; round <= rounds; round++) {
  if (scenarios.includes('tracking')) {
    log(`round ${round}: tracking page, bare Fastify…`);
    runs.tracking.bare.push(await measure('bare', 'bare', tracking, trackingConnections));
    log(`round ${round}: tracking page, Ponte…`);
    runs.tracking.ponte.push(await measure('ponte', 'ponte', tracking, trackingConnections, clearOpens));
  }
  if (scenarios.includes('survey')) {
    log(`round ${round}: survey POST, minimal handler…`);
    runs.survey.minimal.push(await measure('minimal', 'minimal-survey', survey, surveyConnections, clearAnswers));
    log(`round ${round}: survey POST, Ponte…`);
    runs.survey.ponte.push(await measure('ponte', 'ponte', survey, surveyConnections, clearAnswers));
  }
}

const result = {
  date: new Date().toISOString(),
  node: process.version,
  tickets: count,
  duration,
  warmup,
  connections: { tracking: trackingConnections, survey: surveyConnections },
  rounds,
  loadAverage: { start: loadStart, end: loadavg()[0] },
  tracking: scenarios.includes('tracking')
    ? { bare: median(runs.tracking.bare), ponte: median(runs.tracking.ponte) }
    : undefined,
  survey: scenarios.includes('survey')
    ? { minimal: median(runs.survey.minimal), ponte: median(runs.survey.ponte) }
    : undefined,
};
if (result.tracking)
  result.tracking.ratio = result.tracking.ponte.requestsPerSecond / result.tracking.bare.requestsPerSecond;
if (result.survey)
  result.survey.ratio = result.survey.ponte.requestsPerSecond / result.survey.minimal.requestsPerSecond;
writeFileSync(`${resultsDir}${result.date.replace(/[:.]/g, '-')}.json`, JSON.stringify(result, null, 2));

const row = (scenario, r) =>
  `${scenario.padEnd(9)} ${r.name.padEnd(8)} c=${String(r.connections).padEnd(3)} ${r.requestsPerSecond.toFixed(0).padStart(7)} req/s  p50 ${String(r.p50).padStart(4)} ms  p99 ${String(r.p99).padStart(4)} ms  errors ${r.errors}  non-2xx ${r.non2xx}  server CPU ${r.serverCpuUsPerRequest?.toFixed(0) ?? '?'} µs/req  codes ${Object.keys(r.statusCodes).join(',')}`;
if (result.tracking) {
  log(row('tracking', result.tracking.bare));
  log(row('tracking', result.tracking.ponte));
  log(
    `tracking: Ponte / bare = ${result.tracking.ratio.toFixed(2)} (target ≥ 0.35), Ponte p99 ${result.tracking.ponte.p99} ms (target < 20)`,
  );
}
if (result.survey) {
  log(row('survey', result.survey.minimal));
  log(row('survey', result.survey.ponte));
  log(`survey: Ponte / minimal = ${result.survey.ratio.toFixed(2)} (target ≥ 1.0)`);
}
log(`load average ${loadStart.toFixed(1)} → ${result.loadAverage.end.toFixed(1)}`);
