/**
 * The child side of the benchmark: listen on a free port, tell the parent (over IPC) where and
 * with which API key, and on "stop" close cleanly and exit, so `--cpu-prof` gets to write its
 * profile (a signal would kill the process before it does).
 */
export async function serve(app, { apiKey = 'none', close = async () => {} } = {}) {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address();
  process.on('message', async (message) => {
    if (message?.type !== 'stop') return;
    await app.close();
    await close();
    process.exit(0);
  });
  process.send({ type: 'ready', port, apiKey });
}

/** The answer both references give: about the size of Ponte's (id, protocol, state, tracking URL). */
export function recordResult(id, externalId, status) {
  return {
    id,
    protocol: `20261120-${String(id).padStart(6, '0')}`,
    source: 'erp',
    externalId,
    state: 'open',
    status,
    critical: false,
    trackingUrl: `http://127.0.0.1/t/${String(id).padStart(22, '0')}`,
    applied: true,
    changed: true,
  };
}
