import { readFileSync } from 'node:fs';

/**
 * CPU time (user + system, ms) a process has used so far, from /proc (Linux); undefined elsewhere.
 * Divided by the sends it made, it gives a figure the machine's other load barely moves, unlike
 * sends per second: on a shared 2-core machine that is the one to compare between runs.
 */
export function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

/** CPU ms per send of each named process between two snapshots. */
export function cpuPerSend(before, after, sends) {
  return Object.fromEntries(
    Object.keys(before)
      .filter((name) => before[name] !== undefined && after[name] !== undefined)
      .map((name) => [name, Math.round(((after[name] - before[name]) / sends) * 100) / 100]),
  );
}
