/** The table and the summary the run prints; the same figures go to results/<date>.json. */
const TARGET_RATIO = 1.0;
const TARGET_P99_SQLITE_MS = 25;

export function ratios(targets) {
  const rps = (name) => targets[name]?.requestsPerSecond;
  const ratio = (a, b) => (rps(a) && rps(b) ? rps(a) / rps(b) : undefined);
  return { minimalOverBare: ratio('minimal', 'bare'), ponteOverMinimal: ratio('ponte', 'minimal') };
}

const fixed = (value, digits) => (value === undefined ? '—' : value.toFixed(digits));

export function printEngineTable(engine, targets) {
  const header = ['target', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'non-2xx', 'requests', 'CPU µs/req: server', 'pg'];
  const rows = Object.entries(targets).map(([name, r]) => [
    name,
    fixed(r.requestsPerSecond, 0),
    fixed(r.latency.p50, 1),
    fixed(r.latency.p99, 1),
    String(r.errors),
    String(r.non2xx),
    String(r.total),
    fixed(r.cpuPerRequestUs?.server, 0),
    fixed(r.cpuPerRequestUs?.postgres, 0),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(`\n${engine}`);
  console.log(line(header));
  for (const row of rows) console.log(line(row));
  for (const [name, r] of Object.entries(targets)) {
    if (r.roundsRequestsPerSecond) {
      console.log(`${name} req/s by round: ${r.roundsRequestsPerSecond.map((v) => v.toFixed(0)).join(', ')}`);
    }
  }
  const { minimalOverBare, ponteOverMinimal } = ratios(targets);
  console.log(`minimal/bare = ${fixed(minimalOverBare, 3)}   ponte/minimal = ${fixed(ponteOverMinimal, 3)}`);
}

export function printSummary(results) {
  const { cpus, loadAverageAtStart, loadAverageAtEnd } = results.machine;
  console.log(
    `\nsummary (${cpus} cores, 1-min load ${loadAverageAtStart.toFixed(1)} at start, ${loadAverageAtEnd.toFixed(1)} at end)`,
  );
  for (const [engine, { targets, ratios: r }] of Object.entries(results.engines)) {
    const checks = [`ponte/minimal ${fixed(r.ponteOverMinimal, 2)}× (target ≥ ${TARGET_RATIO.toFixed(1)}×)`];
    if (engine === 'sqlite' && targets.ponte) {
      checks.push(`ponte p99 ${fixed(targets.ponte.latency.p99, 1)} ms (target < ${TARGET_P99_SQLITE_MS} ms)`);
    }
    const met =
      r.ponteOverMinimal !== undefined &&
      r.ponteOverMinimal >= TARGET_RATIO &&
      (engine !== 'sqlite' || targets.ponte.latency.p99 < TARGET_P99_SQLITE_MS);
    console.log(
      `${engine.padEnd(8)} minimal/bare ${fixed(r.minimalOverBare, 3)}; ${checks.join('; ')}: ${met ? 'MET' : 'NOT MET'}`,
    );
  }
}
