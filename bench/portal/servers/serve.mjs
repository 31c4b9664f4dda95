/**
 * The child side: listen on a free port, tell the parent over IPC, and on "stop" close cleanly
 * and exit (so the SQLite WAL is checkpointed and buffered writes are flushed).
 */
export async function serve(app, close = async () => {}) {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address();
  process.on('message', async (message) => {
    if (message?.type !== 'stop') return;
    await app.close();
    await close();
    process.exit(0);
  });
  process.send({ type: 'ready', port });
}
