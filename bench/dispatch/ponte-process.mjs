import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const CLI = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

/**
 * `ponte start --role <role>` as its own process, as an operator runs it: the API (which also
 * serves the simulator and receives its webhooks) and the workers never share an event loop with
 * each other or with the load generator. Logs are read only to see when it is ready, and the
 * last lines are kept for an error message; the process still writes every line, as in production.
 */
export function startPonte(role, env, { execArgv = [] } = {}) {
  const child = spawn(process.execPath, [...execArgv, CLI, 'start', '--role', role], {
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let tail = '';
  const keep = (chunk) => {
    tail = (tail + chunk).slice(-8_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${role}: not ready after 60 s\n${tail}`)), 60_000);
    const onData = () => {
      const listening = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(tail);
      if (role !== 'worker' && listening) done(listening[1]);
      if (role === 'worker' && tail.includes('despachante de mensagens em execução')) done(undefined);
    };
    const done = (url) => {
      clearTimeout(timer);
      child.stdout.off('data', onData);
      child.off('exit', onExit);
      resolve(url);
    };
    const onExit = (code) => {
      clearTimeout(timer);
      reject(new Error(`${role}: exited with ${code} before it was ready\n${tail}`));
    };
    child.stdout.on('data', onData);
    child.on('exit', onExit);
  });
  return {
    child,
    ready,
    logs: () => tail,
    /** SIGTERM and wait (the process lets its sends finish); SIGKILL after 15 s. */
    stop() {
      if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
      return new Promise((resolve) => {
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      });
    },
  };
}
