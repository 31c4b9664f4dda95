import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time (user + system) of a process, and of a PostgreSQL postmaster with its backends, read
 * from /proc (Linux). On a 2-core machine the three parties (autocannon, the server, PostgreSQL)
 * compete for the same cores, so CPU per request says who pays for what better than req/s.
 * Elsewhere these return undefined and the run goes on without the CPU columns.
 */
let ticksPerSecond;
function ticks() {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

function readStat(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces: fields are counted after its closing ")".
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(fields[1]), cpuTicks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return undefined;
  }
}

/** CPU milliseconds used so far by `pid`, or undefined when /proc is not there. */
export function processCpuMs(pid) {
  const stat = readStat(pid);
  return stat && (stat.cpuTicks * 1000) / ticks();
}

/** CPU milliseconds used so far by `pid` and its live children (a postmaster and its backends). */
export function treeCpuMs(pid) {
  const root = readStat(pid);
  if (root === undefined) return undefined;
  let total = root.cpuTicks;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(entry);
    if (stat?.ppid === pid) total += stat.cpuTicks;
  }
  return (total * 1000) / ticks();
}
