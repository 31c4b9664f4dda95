import { loadConfig } from '../../config.js';
import { openDatabase } from '../../db/database.js';
import { migrateToLatest } from '../../db/migrate.js';
import { buildApp } from '../../http/app.js';
import { Dispatcher } from '../../messaging/dispatcher/dispatcher.js';
import type { InboxLogger } from '../../simulator/email-inbox.js';
import { PonteSimulator } from '../../simulator/ponte-simulator.js';
import { UsageError } from '../output.js';

export const ROLES = ['all', 'api', 'worker'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Migrates, then runs its role: `all` serves HTTP and dispatches messages (the embedded default);
 * `api` only serves HTTP and `worker` only dispatches (a scaled-out set-up on PostgreSQL, where
 * NOTIFY wakes the workers; on SQLite use `all`). On SIGTERM/SIGINT it stops taking work, lets
 * requests and sends in flight finish (up to shutdownGraceMs), closes the database and exits.
 * `all` and `api` also run the simulator's e-mail inbox (SMTP on 127.0.0.1, PONTE_SIMULATOR_SMTP_PORT).
 */
export async function startCommand(role: string): Promise<void> {
  if (!(ROLES as readonly string[]).includes(role)) {
    throw new UsageError(`--role: esperado ${ROLES.join(', ')}, recebido "${role}"`);
  }
  const config = loadConfig();
  const database = openDatabase(config.database);
  await migrateToLatest(database);

  // A worker reaches the simulator of the API processes (PONTE_SIMULATOR_URL, or HOST:PORT).
  const simulator = new PonteSimulator(
    database,
    config.secretKey,
    config.simulatorUrl ?? (role === 'worker' ? `http://${config.host}:${config.port}` : undefined),
  );
  const app = await buildApp({
    config,
    database,
    simulator,
    outbox: { wake: () => dispatcher?.wake() },
  });
  const dispatcher =
    role === 'api'
      ? undefined
      : new Dispatcher({
          database,
          secretKey: config.secretKey,
          simulator,
          logger: app.log,
          publicUrl: config.publicUrl,
        });

  // Signals are handled from here on: one that comes while the server is still starting (Node's
  // default would kill it, resetting requests already accepted) waits for the start to finish,
  // then shuts down as usual.
  let started: Promise<void> = Promise.resolve();
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'encerrando: aguardando as requisições e envios em andamento');
    const timer = setTimeout(() => {
      app.log.error('encerramento excedeu o prazo; saindo mesmo assim');
      process.exit(1);
    }, config.shutdownGraceMs);
    timer.unref();
    await started.catch(() => undefined);
    // Sends in flight finish first: with the simulator, their answers come from this very server.
    await dispatcher?.stop();
    await simulator.inbox.close();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  started = (async () => {
    if (role !== 'worker') {
      await app.listen({ port: config.port, host: config.host });
      app.log.info(
        { engine: database.engine.name, role, publicUrl: config.publicUrl },
        `Ponte pronta em http://${config.host}:${config.port} (console em /app, API em /docs, simulador em /simulator)`,
      );
      await startEmailInbox(simulator, config.simulatorSmtpPort ?? 0, app.log);
    }
    await dispatcher?.start();
    if (role === 'worker')
      app.log.info({ engine: database.engine.name, role }, 'Ponte: despachante de mensagens em execução');
  })();
  await started;
}

/**
 * The simulator's SMTP inbox, unless PONTE_SIMULATOR_SMTP_PORT is 0. A port already taken (another
 * Ponte on the same machine) leaves the server running without it: the inbox is a convenience,
 * not a reason to refuse traffic; the warning says what to change.
 */
async function startEmailInbox(simulator: PonteSimulator, port: number, log: InboxLogger): Promise<void> {
  if (port === 0) return;
  try {
    const listening = await simulator.inbox.listen(port, log);
    log.info({ port: listening }, `simulador de e-mail: caixa SMTP em 127.0.0.1:${listening} (e-mails em /simulator)`);
  } catch (error) {
    const code = (error as { code?: string }).code;
    log.warn(
      { port, code },
      `simulador de e-mail desligado: a porta ${port} não pôde ser aberta (${code ?? 'erro'}); escolha outra em PONTE_SIMULATOR_SMTP_PORT ou 0 para desligar`,
    );
  }
}
