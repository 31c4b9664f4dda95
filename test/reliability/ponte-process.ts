import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { CLI } from '../helpers/cli.js';

export interface PonteProcess {
  readonly child: ChildProcess;
  /** Resolves with the base URL once it answers (`api`, `all`), or once a worker runs. */
  readonly ready: Promise<string>;
  readonly exited: Promise<void>;
  logs(): string;
  /** SIGTERM, and wait until it exits (SIGKILL after 15 s). */
  stop(): Promise<void>;
}

/**
 * `ponte start --role <role>` from dist/, as an operator runs it. An API answers on a port
 * chosen here and is ready when /healthz answers (so it may log at `warn`); a worker is ready
 * when it logs that its dispatcher runs. The last lines of output are kept for error messages.
 */
export function startPonte(role: 'all' | 'api' | 'worker', env: Record<string, string>): PonteProcess {
  const port = role === 'worker' ? Promise.resolve(0) : freePort();
  let child!: ChildProcess;
  let tail = '';
  const spawned = port.then((chosen) => {
    child = spawn(process.execPath, [CLI, 'start', '--role', role], {
      env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: String(chosen), LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => {
      tail = (tail + chunk.toString()).slice(-10_000);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    return child;
  });
  const exited = spawned.then((c) => new Promise<void>((resolve) => c.once('exit', () => resolve())));
  const ready = spawned.then(async (c) => {
    const deadline = Date.now() + 60_000;
    const url = `http://127.0.0.1:${await port}`;
    for (;;) {
      if (c.exitCode !== null || c.signalCode !== null) throw new Error(`${role}: exited before it was ready\n${tail}`);
      if (Date.now() > deadline) throw new Error(`${role}: not ready after 60 s\n${tail}`);
      if (role === 'worker') {
        if (tail.includes('despachante de mensagens em execução')) return url;
      } else if (await answers(`${url}/healthz`)) {
        return url;
      }
      await sleep(50);
    }
  });
  // A rejection nobody awaits must not fail the run.
  ready.catch(() => {});
  const processHandle: PonteProcess = {
    get child() {
      return child;
    },
    ready,
    exited,
    logs: () => tail,
    async stop() {
      const c = await spawned;
      if (c.exitCode !== null || c.signalCode !== null) return;
      const timer = setTimeout(() => c.kill('SIGKILL'), 15_000);
      c.kill('SIGTERM');
      await exited;
      clearTimeout(timer);
    },
  };
  return processHandle;
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
