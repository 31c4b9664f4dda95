import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const HOST = fileURLToPath(new URL('./simulator-host.mjs', import.meta.url));

/** Starts simulator-host.mjs as a child; resolves with its URL once it listens. */
export function startSimulator(env, { execArgv = [] } = {}) {
  const child = fork(HOST, [], { env: { PATH: process.env.PATH ?? '', ...env }, execArgv, stdio: 'inherit' });
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('simulator: not ready after 30 s')), 30_000);
    child.once('exit', (code) => reject(new Error(`simulator: exited with ${code}`)));
    child.once('message', (message) => {
      clearTimeout(timer);
      resolve(message.url);
    });
  });
  return {
    child,
    ready,
    async sends() {
      const response = await fetch(`${await ready}/bench/sends`);
      const { sends } = await response.json();
      return sends.map(([phone, at, callbackData]) => ({ phone, at, callbackData }));
    },
    stop() {
      if (child.exitCode !== null) return Promise.resolve();
      return new Promise((resolve) => {
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.removeAllListeners('exit');
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.send({ type: 'stop' });
      });
    },
  };
}
