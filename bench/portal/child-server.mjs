import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Each server in its own process, so it never shares an event loop with autocannon. */
export function startServer(name, env, execArgv = []) {
  const script = fileURLToPath(new URL(`./servers/${name}.mjs`, import.meta.url));
  // Ponte logs each request to stdout, as in production: the cost stays, the text is dropped.
  const child = fork(script, [], {
    env: { ...process.env, ...env },
    execArgv,
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name}: not ready after 120 s`)), 120_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name}: exited with code ${code} before it was ready`));
    });
    child.once('message', (message) => {
      clearTimeout(timer);
      if (message?.type === 'ready') resolve({ child, port: message.port });
      else reject(new Error(`${name}: unexpected message ${JSON.stringify(message)}`));
    });
  });
}

export function stopServer({ child }) {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.removeAllListeners('exit');
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.send({ type: 'stop' });
  });
}
