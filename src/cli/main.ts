#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { ConfigError } from '../config.js';
import { demoCommand } from './commands/demo.js';
import { importCommand } from './commands/import.js';
import { migrateCommand } from './commands/migrate.js';
import { providerSetCommand } from './commands/provider.js';
import {
  sourceCreateCommand,
  sourceCriticalCommand,
  sourceKeyCommand,
  sourceMappingCommand,
} from './commands/source.js';
import { startCommand } from './commands/start.js';
import { workspaceCreateCommand } from './commands/workspace.js';
import { createOutput, UsageError } from './output.js';

const HELP = `Ponte: eventos de ERP e logística viram chamados; o cliente é avisado pelo WhatsApp.

Uso: ponte <comando> [opções] [--json]

  start [--role all|api|worker]        migra o banco e serve API, console e páginas públicas
  migrate                              atualiza o esquema do banco e sai
  demo                                 cria/atualiza o workspace de demonstração
  workspace create <slug> --name <nome> --admin-email <email>
  source create <workspace> <origem>   cria a origem e exibe sua chave de API uma vez
  source key create|list|revoke <workspace> [origem|prefixo]
  source mapping <workspace> <origem> --file <arquivo.jsonata>
  source critical <workspace> <origem> [STATUS …]
  import <arquivo.ndjson|arquivo.csv> --workspace <slug> --source <origem> [--restart]
  provider set <workspace> <cloud|plinx|simulator> [--base-url …] [--api-version …]
      [--phone-number-id …] [--waba-id …] [--access-token …] [--app-secret …]
      [--verify-token …] [--rate-limit <por segundo>]

Ambiente: DATABASE_URL (padrão: SQLite em ./data/ponte.db; sqlite:<caminho>; postgres://…),
PORT (3000), HOST (127.0.0.1), PUBLIC_URL (base dos links enviados a clientes), LOG_LEVEL,
PONTE_SECRET_KEY (obrigatória com PostgreSQL), PONTE_SIMULATOR_URL (workers: onde está o simulador).`;

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
      role: { type: 'string', default: 'all' },
      name: { type: 'string' },
      'admin-email': { type: 'string' },
      file: { type: 'string' },
      workspace: { type: 'string' },
      source: { type: 'string' },
      restart: { type: 'boolean', default: false },
      'base-url': { type: 'string' },
      'api-version': { type: 'string' },
      'phone-number-id': { type: 'string' },
      'waba-id': { type: 'string' },
      'access-token': { type: 'string' },
      'app-secret': { type: 'string' },
      'verify-token': { type: 'string' },
      'rate-limit': { type: 'string' },
    },
  });
  const out = createOutput(values.json);
  const [command, ...rest] = positionals;
  if (values.help || command === undefined || command === 'help') {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  switch (command) {
    case 'start':
      return startCommand(values.role);
    case 'migrate':
      return migrateCommand(out);
    case 'demo':
      return demoCommand(out);
    case 'workspace':
      if (rest[0] !== 'create') break;
      return workspaceCreateCommand(out, rest[1], { name: values.name, adminEmail: values['admin-email'] });
    case 'source':
      if (rest[0] === 'create') return sourceCreateCommand(out, rest[1], rest[2]);
      if (rest[0] === 'key') return sourceKeyCommand(out, rest[1], rest[2], rest[3], rest[4]);
      if (rest[0] === 'mapping') return sourceMappingCommand(out, rest[1], rest[2], values.file);
      if (rest[0] === 'critical') return sourceCriticalCommand(out, rest[1], rest[2], rest.slice(3));
      break;
    case 'provider':
      if (rest[0] !== 'set') break;
      return providerSetCommand(out, rest[1], rest[2], {
        baseUrl: values['base-url'],
        apiVersion: values['api-version'],
        phoneNumberId: values['phone-number-id'],
        wabaId: values['waba-id'],
        accessToken: values['access-token'],
        appSecret: values['app-secret'],
        verifyToken: values['verify-token'],
        rateLimit: values['rate-limit'],
      });
    case 'import':
      return importCommand(out, rest[0], {
        workspace: values.workspace,
        source: values.source,
        restart: values.restart,
      });
  }
  throw new UsageError(`comando desconhecido: ${positionals.join(' ')} (veja ponte --help)`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof UsageError) {
    process.stderr.write(`ponte: ${error.message}\n`);
    process.exit(error instanceof UsageError ? 2 : 1);
  }
  if (error instanceof TypeError && (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    process.stderr.write(`ponte: ${error.message} (veja ponte --help)\n`);
    process.exit(2);
  }
  process.stderr.write(`ponte: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
