#!/usr/bin/env node
/**
 * Where a server's CPU time goes, from a V8 .cpuprofile (node --cpu-prof): self time by area
 * and the top functions. Native and builtin frames (no script URL: JSON.parse, a SQLite step,
 * a socket write) are charged to the area of the nearest JavaScript caller, so "driver" includes
 * the time spent inside better-sqlite3's C++ and "JSON" what the serializers call.
 *
 * `--last 10` keeps only the last 10 s of samples (the measured run, which ends just before the
 * server is stopped), leaving out start-up (module loading, migrations) and the warm-up.
 *
 *   node bench/ingest/profile-summary.mjs <file.cpuprofile> [--top 30] [--last 10]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: 'string', default: '30' }, last: { type: 'string' } },
});
if (positionals.length !== 1) throw new Error('usage: profile-summary.mjs <file.cpuprofile> [--top 30] [--last 10]');
const profile = JSON.parse(readFileSync(positionals[0], 'utf8'));

// First match wins: more specific paths before the general ones.
const AREAS = [
  ['Kysely: compile SQL', /kysely\/dist\/esm\/query-compiler\//],
  [
    'Kysely: execute/transaction',
    /kysely\/dist\/esm\/(query-executor|driver|dialect|kysely\.js|util\/(provide-controlled|deferred|stack))/,
  ],
  ['Kysely: build query', /kysely\/dist\/esm\//],
  ['driver: better-sqlite3', /better-sqlite3/],
  ['driver: pg', /node_modules\/(pg|pg-protocol|pg-pool|pg-types|postgres-)/],
  [
    'logging: pino',
    /node_modules\/(pino|sonic-boom|fast-redact|@pinojs|thread-stream|quick-format-unescaped|safe-stable-stringify)/,
  ],
  ['metrics: prom-client', /node_modules\/prom-client/],
  ['JSON/validation: typebox', /@sinclair\/typebox/],
  [
    'JSON/validation: parse & serialize',
    /node_modules\/(fast-json-stringify|secure-json-parse|ajv|fast-uri|json-schema-ref-resolver)/,
  ],
  ['phones: libphonenumber-js', /libphonenumber-js/],
  [
    'HTTP: Fastify',
    /node_modules\/(fastify|@fastify|find-my-way|avvio|light-my-request|fast-querystring|toad-cache|process-warning|rfdc)/,
  ],
  ['ours: dist/ingest', /\/dist\/ingest\//],
  ['ours: dist/db', /\/dist\/db\//],
  ['ours: dist/ (other)', /\/dist\//],
  ['Node: HTTP & net', /^node:(_http|http|net|internal\/(http|stream_base|streams|net|dns))/],
  ['Node: crypto', /^node:(crypto|internal\/crypto)/],
  ['Node: async & timers', /^node:internal\/(process\/task_queues|async_hooks|timers|process\/promises)|^node:timers/],
  ['Node: other', /^node:/],
];
const SPECIAL = { '(garbage collector)': 'GC', '(program)': 'V8/native (program)', '(idle)': 'idle' };

function areaOf(node, parentArea) {
  const { url, functionName } = node.callFrame;
  if (SPECIAL[functionName]) return SPECIAL[functionName];
  if (!url) return parentArea ?? 'V8/native (program)';
  for (const [area, pattern] of AREAS) if (pattern.test(url)) return area;
  return `other: ${url.replace(/^.*node_modules\//, '')}`;
}

const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parentOf = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);

// Self time per node from the sample stream, within the window asked for.
const windowStart = values.last === undefined ? -Infinity : profile.endTime - Number(values.last) * 1e6;
const selfUs = new Map();
let at = profile.startTime;
for (let i = 0; i < profile.samples.length; i += 1) {
  at += profile.timeDeltas[i] ?? 0;
  if (at < windowStart) continue;
  const id = profile.samples[i];
  selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
}

const areaCache = new Map();
function resolveArea(id) {
  if (areaCache.has(id)) return areaCache.get(id);
  const parent = parentOf.get(id);
  const area = areaOf(byId.get(id), parent === undefined ? undefined : resolveArea(parent));
  areaCache.set(id, area);
  return area;
}

const areas = new Map();
const functions = new Map();
let total = 0;
for (const [id, us] of selfUs) {
  const area = resolveArea(id);
  if (area === 'idle') continue;
  total += us;
  areas.set(area, (areas.get(area) ?? 0) + us);
  const { functionName, url, lineNumber } = byId.get(id).callFrame;
  const where = url ? `${url.replace(/^.*(node_modules\/|\/dist\/)/, '$1')}:${lineNumber + 1}` : '(native)';
  const key = `${functionName || '(anonymous)'}  ${where}  [${area}]`;
  functions.set(key, (functions.get(key) ?? 0) + us);
}

const idle = [...selfUs].filter(([id]) => resolveArea(id) === 'idle').reduce((sum, [, us]) => sum + us, 0);
const pct = (us) => `${((100 * us) / total).toFixed(1).padStart(5)}%`;
console.log(`busy ${(total / 1e6).toFixed(1)} s, idle ${(idle / 1e6).toFixed(1)} s\n\nself time by area`);
for (const [area, us] of [...areas].sort((a, b) => b[1] - a[1])) console.log(`${pct(us)}  ${area}`);
console.log(`\ntop ${values.top} functions by self time`);
for (const [key, us] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top))) {
  console.log(`${pct(us)}  ${key}`);
}
