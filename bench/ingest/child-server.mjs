import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Each server runs in its own process, so it never shares an event loop (or a core, on this
 * 2-core machine) with autocannon in the parent. It reports its port and API key over IPC.
 */
export function startServer(name, env, execArgv = []) {
  const script = fileURLToPath(new URL(`./servers/${name}.mjs`, import.meta.url));
  const child = fork(script, [], {
    env: { ...process.env, ...env },
    execArgv,
    // Ponte logs each request to stdout, as in production; the cost stays, the text is dropped.
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name}: not ready after 60 s`)), 60_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name}: exited with code ${code} before it was ready`));
    });
    child.once('message', (message) => {
      clearTimeout(timer);
      if (message?.type === 'ready') resolve({ child, port: message.port, apiKey: message.apiKey });
      else reject(new Error(`${name}: unexpected message ${JSON.stringify(message)}`));
    });
  });
}

/** Asks the child to close (so a CPU profile is written) and waits; kills it after 15 s. */
export function stopServer({ child }) {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.removeAllListeners('exit');
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.send({ type: 'stop' });
  });
}
