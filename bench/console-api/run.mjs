/**
 * The agents' console API under load, on SQLite with a million tickets (npm run build first):
 *
 *   node bench/console-api/run.mjs [--tickets 1000000] [--duration 10] [--warmup 3] [--connections 10]
 *     [--rounds 1] [--scenarios open-first-page,deep-page,…] [--explain]
 *
 * The database is bench/portal's seeded file (seed.mjs; made once, reused), brought to Ponte's
 * latest migrations, with a supervisor signed in through POST /api/v1/auth/login; every request
 * carries that session cookie, as the console's do. Ponte runs in a child process
 * (bench/portal/servers/ponte.mjs: buildApp from dist/ as `ponte start` builds it); autocannon
 * drives it from this process. Target: p95 < 100 ms for every scenario. With --explain the
 * query plan of each list scenario's SQL is printed and saved too.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { processCpuMs } from '../ingest/cpu.mjs';
import { startServer, stopServer } from '../portal/child-server.mjs';
import { ensureSeeded } from '../portal/seed.mjs';

const dist = (path) => new URL(`../../dist/${path}`, import.meta.url).href;
const SCENARIOS = [
  'open-first-page',
  'deep-page',
  'status',
  'critical',
  'search-protocol',
  'search-name',
  'search-phone',
  'ticket-screen',
];
const TARGET_P95_MS = 100;
const SLOW_AMOUNT = 30;
const SUPERVISOR = { email: 'supervisor@bench.local', password: 'bench-console-supervisor' };

const { values: options } = parseArgs({
  options: {
    tickets: { type: 'string', default: '1000000' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '1' },
    scenarios: { type: 'string', default: SCENARIOS.join(',') },
    explain: { type: 'boolean', default: false },
  },
});
const count = Number(options.tickets);
const duration = Number(options.duration);
const warmup = Number(options.warmup);
const connections = Number(options.connections);
const rounds = Number(options.rounds);
const scenarios = options.scenarios.split(',');
for (const name of scenarios) if (!SCENARIOS.includes(name)) throw new Error(`unknown scenario ${name}`);
const resultsDir = new URL('./results/', import.meta.url).pathname;
const dbPath = new URL(`../portal/results/portal-${count}.db`, import.meta.url).pathname;
const log = (line) => process.stderr.write(`${line}\n`);

mkdirSync(resultsDir, { recursive: true });
const seeded = await ensureSeeded(dbPath, count, log);
const workspaceId = seeded.workspaceId;

// The seeded file may predate a migration: bring it up to date as `ponte migrate` would.
{
  const { openSqlite } = await import(dist('db/database.js'));
  const { migrateToLatest } = await import(dist('db/migrate.js'));
  const ponte = openSqlite(dbPath);
  const { error } = await migrateToLatest(ponte);
  await ponte.close();
  if (error) throw error;
}

// A supervisor of the seeded workspace, with a known password (made or reset on every run).
{
  const { hashPassword } = await import(dist('auth/passwords.js'));
  const hash = await hashPassword(SUPERVISOR.password);
  withDb((db) =>
    db
      .prepare(`insert into users (workspace_id, email, name, role, password_hash, created_at)
        values (?, ?, 'Supervisor Bench', 'supervisor', ?, ?)
        on conflict (workspace_id, email) do update set role = 'supervisor', password_hash = excluded.password_hash,
          disabled_at = null, failed_logins = 0, locked_until = null`)
      .run(workspaceId, SUPERVISOR.email, hash, Date.now()),
  );
}

function withDb(work) {
  const db = new Database(dbPath);
  try {
    return work(db);
  } finally {
    db.close();
  }
}

/** A small seeded generator, so every target and round asks the same sequence. */
function random(seed) {
  let s = seed;
  return (n) => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s % n;
  };
}

// The values each scenario varies over, read from the seeded file.
const { formatProtocol } = await import(dist('tickets/protocol.js'));
const SAMPLE = 2_000;
const values = withDb((db) => {
  const pick = random(17);
  const maxId = db.prepare('select max(id) as id from tickets where workspace_id = ?').get(workspaceId).id;
  const sample = db.prepare('select id, created_at, customer_name, customer_phones from tickets where id = ?');
  const tickets = [];
  while (tickets.length < SAMPLE) {
    const row = sample.get(1 + pick(maxId));
    if (row) tickets.push(row);
  }
  // Deep pages: cursors of real pages 15% to 85% into the open tickets (105,000 to 595,000 of a million), in
  // the list's own order (the console asks sort=updated), as the previous page's last row makes them.
  const open = db
    .prepare(`select pinned, updated_at, id from tickets where workspace_id = ? and state = 'open'
      order by pinned desc, updated_at desc, id desc`)
    .raw()
    .all(workspaceId);
  const cursors = [];
  for (let n = 0; n < SAMPLE; n++) {
    const [pinned, updatedAt, id] = open[Math.floor(open.length * (0.15 + (0.7 * pick(1_000)) / 1_000))];
    cursors.push({ cursor: `${pinned}.${updatedAt}.${id}`, depth: null });
  }
  const statuses = db
    .prepare('select status, count(*) as n from tickets where workspace_id = ? group by status order by n desc')
    .all(workspaceId);
  return { maxId, tickets, cursors, statuses, openCount: open.length };
});

const phoneAsTyped = (e164) => {
  // +5511910012345 → (11) 91001-2345, as an agent copies it from a form.
  const national = e164.replace(/^\+55/, '');
  return `(${national.slice(0, 2)}) ${national.slice(2, -4)}-${national.slice(-4)}`;
};
const list = (query) => `/api/v1/tickets?${new URLSearchParams({ ...query, sort: 'updated', limit: '50' })}`;
const nth = (array, i) => array[i % array.length];

/** Each scenario: the path of its i-th request, and what one of its answers should hold. */
const paths = {
  'open-first-page': () => list({ state: 'open' }),
  'deep-page': (i) => list({ state: 'open', cursor: nth(values.cursors, i).cursor }),
  status: (i) => list({ status: nth(values.statuses, i).status }),
  critical: () => list({ critical: 'true' }),
  'search-protocol': (i) => {
    const t = nth(values.tickets, i);
    return list({ q: formatProtocol(t.id, t.created_at) });
  },
  'search-name': (i) => list({ q: nth(values.tickets, i).customer_name.split(' ').slice(0, 2).join(' ') }),
  'search-phone': (i) => list({ q: phoneAsTyped(JSON.parse(nth(values.tickets, i).customer_phones)[0].e164) }),
  'ticket-screen': (i) => `/api/v1/tickets/${nth(values.tickets, i).id}`,
};
const describe = {
  'open-first-page': 'GET /api/v1/tickets?state=open&sort=updated&limit=50',
  'deep-page': 'the same with a keyset cursor 15% to 85% into the open tickets',
  status: `status=<one of ${values.statuses.length} statuses>&sort=updated&limit=50`,
  critical: 'critical=true&sort=updated&limit=50',
  'search-protocol': 'q=<protocol of a random ticket, 20260101-000123>',
  'search-name': 'q=<first two words of a random customer name, "Cliente 123456">',
  'search-phone': 'q=<a random customer phone as typed, "(11) 91012-3456">',
  'ticket-screen': 'GET /api/v1/tickets/<random id>',
};

/** One request's answer, to check a scenario does what it says before it is loaded. */
async function check(port, cookie, name) {
  const response = await fetch(`http://127.0.0.1:${port}${paths[name](0)}`, { headers: { cookie } });
  const body = await response.json();
  if (response.status !== 200) throw new Error(`${name}: ${response.status} ${JSON.stringify(body)}`);
  const t = values.tickets[0];
  const found = name === 'ticket-screen' ? [body.ticket] : body.tickets;
  const has = (id) => found.some((row) => row.id === id);
  const expected = {
    'search-protocol': () => has(t.id),
    'search-name': () => {
      const q = new URL(paths[name](0), 'http://x').searchParams.get('q').toLowerCase();
      return found.length > 0 && found.every((row) => row.customerName.toLowerCase().includes(q));
    },
    'search-phone': () => has(t.id),
    'ticket-screen': () => has(t.id),
    critical: () => found.length > 0 && found.every((row) => row.critical),
    status: () => found.length > 0 && found.every((row) => row.status === values.statuses[0].status),
    'deep-page': () => found.length === 50 && found[0].id < Number(values.cursors[0].cursor.split('.')[2]),
    'open-first-page': () => found.length === 50 && found.every((row) => row.state === 'open'),
  }[name];
  if (!expected()) throw new Error(`${name}: unexpected answer ${JSON.stringify(body).slice(0, 500)}`);
  return name === 'ticket-screen' ? 1 : found.length;
}

function percentile(sorted, p) {
  if (sorted.length === 0) return undefined;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** autocannon for `seconds`, each request the next path; latencies kept to take p95 (autocannon has none). */
async function load(port, cookie, pathFor, start, seconds, amount) {
  let next = start;
  const latencies = [];
  const instance = autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    ...(amount ? { amount } : { duration: seconds }),
    // A full scan of a million rows takes seconds under load: wait for it rather than count it lost.
    timeout: 120,
    headers: { cookie },
    requests: [
      {
        setupRequest: (request) => ({
          ...request,
          method: 'GET',
          path: pathFor(next++),
          headers: { ...request.headers, cookie },
        }),
      },
    ],
  });
  instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
  const result = await instance;
  latencies.sort((a, b) => a - b);
  return { result, latencies, next };
}

/**
 * Waits until the server is idle (under 10% of a core over half a second): autocannon stops at
 * the end of its time without waiting for answers in flight, and a slow scenario's last queries
 * would otherwise run on into the next one.
 */
async function settle(childPid) {
  for (let i = 0; i < 240; i++) {
    const before = processCpuMs(childPid);
    if (before === undefined) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
    if (processCpuMs(childPid) - before < 50) return;
  }
}

async function measure(port, cookie, childPid, name) {
  await settle(childPid);
  const rows = await check(port, cookie, name);
  // Warm-up and measurement continue one sequence: no value is asked twice in a row.
  let next = 1;
  let warmed = Number.POSITIVE_INFINITY;
  if (warmup > 0) {
    const w = await load(port, cookie, paths[name], next, warmup);
    next = w.next;
    warmed = w.latencies.length;
  }
  await settle(childPid);
  // A scenario so slow that the warm-up saw fewer than two answers per connection would give
  // none in 10 s: it is measured over SLOW_AMOUNT requests instead, however long they take.
  const amount = warmed < 2 * connections ? SLOW_AMOUNT : undefined;
  const cpuBefore = processCpuMs(childPid);
  const { result: r, latencies } = await load(port, cookie, paths[name], next, duration, amount);
  const cpuAfter = processCpuMs(childPid);
  const p95 = percentile(latencies, 95);
  return {
    name,
    request: describe[name],
    rowsInFirstAnswer: rows,
    connections,
    measuredOver: amount ? `${amount} requests (${r.duration} s)` : `${duration} s`,
    requestsPerSecond: amount ? r.requests.total / r.duration : r.requests.average,
    total: r.requests.total,
    p50: percentile(latencies, 50),
    p95,
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1],
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
    statusCodes: r.statusCodeStats,
    serverCpuUsPerRequest:
      cpuBefore === undefined || r.requests.total === 0
        ? undefined
        : ((cpuAfter - cpuBefore) * 1000) / r.requests.total,
    targetMet: p95 < TARGET_P95_MS && r.errors + r.timeouts + r.non2xx === 0,
  };
}

/** The SQL Kysely sends for each list scenario's first request, and SQLite's plan for it. */
async function explainPlans() {
  const { openSqlite } = await import(dist('db/database.js'));
  const { listTickets } = await import(dist('tickets/repository.js'));
  const ponte = openSqlite(dbPath);
  const captured = [];
  const { db } = ponte;
  // Each list query is run once in process through a plugin that keeps its tree, then compiled
  // to the exact SQL and parameters the server sends.
  const plans = {};
  try {
    for (const name of scenarios) {
      if (name === 'ticket-screen') continue;
      const url = new URL(paths[name](0), 'http://x');
      const q = Object.fromEntries(url.searchParams);
      const filters = {
        state: q.state,
        status: q.status,
        critical: q.critical === undefined ? undefined : q.critical === 'true',
        q: q.q,
      };
      const logging = db.withPlugin({
        transformQuery: (args) => {
          captured.push(args.node);
          return args.node;
        },
        transformResult: async (args) => args.result,
      });
      captured.length = 0;
      const started = process.hrtime.bigint();
      await listTickets(logging, workspaceId, filters, { limit: 50, cursor: q.cursor, sort: 'updated' });
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const compiled = logging.getExecutor().compileQuery(captured[0], { queryId: 'explain' });
      const plan = withDb((raw) =>
        raw
          .prepare(`explain query plan ${compiled.sql}`)
          .all(...compiled.parameters)
          .map((row) => `${'  '.repeat(row.parent === 0 ? 0 : 1)}${row.detail}`),
      );
      plans[name] = { sql: compiled.sql, parameters: compiled.parameters, plan, msInProcess: ms };
    }
  } finally {
    await ponte.close();
  }
  return plans;
}

const loadStart = loadavg();
const secretKey = randomBytes(32).toString('hex');
const runs = Object.fromEntries(scenarios.map((name) => [name, []]));
for (let round = 1; round <= rounds; round++) {
  const server = await startServer('ponte', { BENCH_DB_PATH: dbPath, BENCH_SECRET_KEY: secretKey });
  try {
    const response = await fetch(`http://127.0.0.1:${server.port}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...SUPERVISOR, workspace: 'bench' }),
    });
    if (response.status !== 200) throw new Error(`sign-in: ${response.status} ${await response.text()}`);
    const cookie = response.headers.get('set-cookie').split(';')[0];
    for (const name of scenarios) {
      log(`round ${round}: ${name}…`);
      const r = await measure(server.port, cookie, server.child.pid, name);
      runs[name].push(r);
      log(`  ${row(r)}`);
    }
  } finally {
    await stopServer(server);
  }
}

/** Each scenario's median round by p95. */
const median = (list) => {
  const sorted = [...list].sort((a, b) => a.p95 - b.p95);
  return { ...sorted[Math.floor(sorted.length / 2)], roundsP95: list.map((r) => r.p95) };
};
function row(r) {
  const ms = (value) => (value === undefined ? '?' : value.toFixed(1)).padStart(7);
  return `${r.name.padEnd(16)} ${r.requestsPerSecond.toFixed(0).padStart(6)} req/s  p50 ${ms(r.p50)}  p95 ${ms(r.p95)}  p99 ${ms(r.p99)} ms  errors ${r.errors}  non-2xx ${r.non2xx}  server CPU ${r.serverCpuUsPerRequest?.toFixed(0) ?? '?'} µs/req  ${r.targetMet ? 'met' : 'MISSED'}${r.measuredOver.includes('requests') ? `  (over ${r.measuredOver})` : ''}`;
}

const result = {
  date: new Date().toISOString(),
  node: process.version,
  tickets: count,
  openTickets: values.openCount,
  statuses: values.statuses,
  duration,
  warmup,
  connections,
  rounds,
  targetP95Ms: TARGET_P95_MS,
  loadAverage: { start: loadStart, end: loadavg() },
  scenarios: Object.fromEntries(scenarios.map((name) => [name, median(runs[name])])),
};
if (options.explain) result.plans = await explainPlans();
writeFileSync(`${resultsDir}${result.date.replace(/[:.]/g, '-')}.json`, JSON.stringify(result, null, 2));

log('');
log(`scenario (medians of ${rounds} round(s), ${connections} connections, ${duration} s)`);
for (const name of scenarios) log(row(result.scenarios[name]));
log(`target p95 < ${TARGET_P95_MS} ms`);
log(
  `load average ${loadStart.map((n) => n.toFixed(2)).join(' ')} → ${result.loadAverage.end.map((n) => n.toFixed(2)).join(' ')}`,
);
if (result.plans) {
  for (const [name, { plan, msInProcess }] of Object.entries(result.plans)) {
    log(`\n${name} (${msInProcess.toFixed(1)} ms in process):\n  ${plan.join('\n  ')}`);
  }
}
