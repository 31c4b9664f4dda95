import { loadConfig } from '../../config.js';
import { openDatabase } from '../../db/database.js';
import { migrateToLatest } from '../../db/migrate.js';
import { buildApp } from '../../http/app.js';
import { UsageError } from '../output.js';

export const ROLES = ['all', 'api', 'worker'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Migrates, then serves. On SIGTERM/SIGINT the server stops accepting connections, lets the
 * requests in flight finish (up to shutdownGraceMs), closes the database and exits.
 */
export async function startCommand(role: string): Promise<void> {
  if (!(ROLES as readonly string[]).includes(role)) {
    throw new UsageError(`--role: esperado ${ROLES.join(', ')}, recebido "${role}"`);
  }
  const config = loadConfig();
  const database = openDatabase(config.database);
  await migrateToLatest(database);
  const app = await buildApp({ config, database });
  // The dispatcher (role worker) arrives with the messaging capability; until then every role serves HTTP.
  await app.listen({ port: config.port, host: config.host });
  app.log.info(
    { engine: database.engine.name, role, publicUrl: config.publicUrl },
    `Ponte pronta em http://${config.host}:${config.port} (console em /app, API em /docs)`,
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'encerrando: aguardando as requisições em andamento');
    const timer = setTimeout(() => {
      app.log.error('encerramento excedeu o prazo; saindo mesmo assim');
      process.exit(1);
    }, config.shutdownGraceMs);
    timer.unref();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}
