#!/usr/bin/env node
/**
 * The import benchmark: generates N NDJSON batch items (~600 bytes each, ~20% of them repeats of
 * an earlier record: half identical, half a newer event) and times the real command,
 * `node dist/cli/main.js import … --json`, on a fresh SQLite database, reporting records/s,
 * seconds and the command's peak RSS. Needs `npm run build` first.
 *
 *   node bench/import/run.mjs [--records 1000000] [--keep] [--cpu-prof]
 *
 * The generated file is cached in bench/import/results/ (by record count) and reused.
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values: options } = parseArgs({
  options: {
    records: { type: 'string', default: '1000000' },
    keep: { type: 'boolean', default: false },
    'cpu-prof': { type: 'boolean', default: false },
  },
});
const count = Number(options.records);
const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = join(root, 'dist/cli/main.js');
const resultsDir = fileURLToPath(new URL('./results/', import.meta.url));
if (!existsSync(cli)) throw new Error('dist/cli/main.js not found: run `npm run build` first');
mkdirSync(resultsDir, { recursive: true });

/** Deterministic, so every run imports the same file. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = Math.imul(state ^ (state >>> 15), 1 | state);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const STATUSES = ['em análise', 'aguardando peça', 'em reparo', 'aguardando retirada', 'finalizada'];
const PRODUCTS = [
  'Geladeira Frost Free 400L Inox',
  'Lava e Seca 11kg',
  'Micro-ondas 30L',
  'Fogão 5 bocas',
  'Ar-condicionado 12000 BTU',
];
const PROBLEMS = [
  'Não gela na parte de baixo',
  'Não centrifuga e faz barulho',
  'Painel não acende',
  'Forno não aquece',
  'Pingando água',
];

function item(id, version) {
  const minute = version * 90;
  return {
    externalId: `OS-${String(id).padStart(8, '0')}`,
    state: version >= 2 ? 'closed' : 'open',
    status: STATUSES[(id + version) % STATUSES.length],
    occurredAt: new Date(Date.UTC(2026, 10, 1) + id * 1000 + minute * 60_000).toISOString(),
    customer: {
      name: `Cliente ${id} da Silva Pereira`,
      phones: [`(19) 9${String(80000000 + (id % 9999999)).slice(0, 4)}-${String(id % 10000).padStart(4, '0')}`],
      email: `cliente${id}@example.com.br`,
    },
    fields: {
      processNumber: `PROC-${100000 + id}`,
      issuedAt: '20/11/2026',
      productDescription: PRODUCTS[id % PRODUCTS.length],
      problem: `${PROBLEMS[(id + version) % PROBLEMS.length]}; cliente relata o defeito desde a compra e pede visita técnica no período da manhã, de preferência antes das 10h, pois trabalha à tarde.`,
      serialNumber: `SN${(id * 7919).toString(36).toUpperCase().padStart(10, '0')}`,
      branch: `Filial ${(id % 40) + 1}`,
    },
  };
}

async function generate(path) {
  const pick = (() => {
    const next = random(42);
    return (n) => Math.floor(next() * n);
  })();
  const versions = [];
  const partial = `${path}.partial`;
  const out = createWriteStream(partial);
  const write = (text) => (out.write(text) ? undefined : new Promise((resolve) => out.once('drain', resolve)));
  for (let i = 0; i < count; i += 1) {
    let line;
    if (versions.length > 0 && pick(10) < 2) {
      const id = pick(versions.length);
      // Half of the repeats are the same event again (unchanged), half a newer one (updated).
      if (pick(2) === 0) line = item(id, versions[id]);
      else line = item(id, ++versions[id]);
    } else {
      line = item(versions.length, 0);
      versions.push(0);
    }
    await write(`${JSON.stringify(line)}\n`);
  }
  await new Promise((resolve, reject) => out.end((error) => (error ? reject(error) : resolve())));
  renameSync(partial, path);
}

const dataFile = join(resultsDir, `records-${count}.ndjson`);
if (!existsSync(dataFile)) {
  const started = performance.now();
  await generate(dataFile);
  console.error(`gerado ${dataFile} em ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

const dir = mkdtempSync(join(tmpdir(), 'ponte-bench-import-'));
const env = { PATH: process.env.PATH ?? '', DATABASE_URL: `sqlite:${join(dir, 'ponte.db')}`, LOG_LEVEL: 'warn' };
const ponte = (args) => {
  const result = spawnSync(process.execPath, [cli, ...args], { env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`ponte ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
};
ponte(['workspace', 'create', 'bench', '--name', 'Bench', '--admin-email', 'admin@bench.test', '--json']);
ponte(['source', 'create', 'bench', 'erp', '--json']);

// GNU time reports the child's peak RSS (its max resident set, in KB) on the last line of stderr.
const profileDir = join(resultsDir, 'cpu-prof');
const nodeFlags = options['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
const command = [
  process.execPath,
  ...nodeFlags,
  cli,
  'import',
  dataFile,
  '--workspace',
  'bench',
  '--source',
  'erp',
  '--json',
];
const useTime = existsSync('/usr/bin/time');
const child = spawn(
  useTime ? '/usr/bin/time' : command[0],
  useTime ? ['-f', 'peak-rss-kb=%M cpu-seconds=%U+%S', ...command] : command.slice(1),
  {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  },
);
let stdout = '';
let stderr = '';
child.stdout.on('data', (chunk) => {
  stdout += chunk;
});
child.stderr.on('data', (chunk) => {
  stderr += chunk;
  process.stderr.write(chunk);
});
const code = await new Promise((resolve) => child.on('exit', resolve));
if (code !== 0) throw new Error(`import failed (${code})`);

const summary = JSON.parse(stdout);
const peakRssMb = useTime ? Number(/peak-rss-kb=(\d+)/.exec(stderr)?.[1]) / 1024 : Number.NaN;
// CPU time says what the import costs even when other processes share the cores (wall time does not).
const cpu = /cpu-seconds=([\d.]+)\+([\d.]+)/.exec(stderr);
const cpuSeconds = cpu ? Number(cpu[1]) + Number(cpu[2]) : Number.NaN;
const result = {
  date: new Date().toISOString(),
  node: process.version,
  engine: 'sqlite',
  records: summary.records,
  fileMb: Math.round(statSync(dataFile).size / 1024 / 1024),
  seconds: summary.seconds,
  recordsPerSecond: Math.round(summary.records / summary.seconds),
  cpuSeconds,
  recordsPerCpuSecond: Math.round(summary.records / cpuSeconds),
  peakRssMb: Math.round(peakRssMb),
  outcomes: {
    created: summary.created,
    updated: summary.updated,
    unchanged: summary.unchanged,
    stale: summary.stale,
    rejected: summary.rejected,
  },
  databaseMb: Math.round(statSync(join(dir, 'ponte.db')).size / 1024 / 1024),
};
console.log(JSON.stringify(result, null, 2));
console.log(
  `${result.records} registros em ${result.seconds} s: ${result.recordsPerSecond} registros/s ` +
    `(${result.recordsPerCpuSecond} por segundo de CPU), pico de RSS ${result.peakRssMb} MB`,
);
writeFileSync(
  join(resultsDir, `import-${result.date.replace(/[:.]/g, '-')}.json`),
  `${JSON.stringify(result, null, 2)}\n`,
);
if (options.keep) console.error(`banco mantido em ${dir}`);
else rmSync(dir, { recursive: true, force: true });
