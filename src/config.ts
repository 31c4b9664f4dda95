import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * The process configuration: read once from the environment, validated, frozen.
 * A bad value stops the process with one line naming the variable and what it expected
 * (ConfigError's message is printed as is by the CLI).
 */
export type DatabaseTarget =
  | { readonly engine: 'sqlite'; readonly path: string }
  | { readonly engine: 'postgres'; readonly url: string };

export interface Config {
  readonly database: DatabaseTarget;
  readonly port: number;
  readonly host: string;
  /** Base of every link sent to a customer, without a trailing slash. */
  readonly publicUrl: string;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Largest request body accepted, in bytes. */
  readonly bodyLimitBytes: number;
  /** How long in-flight requests get to finish on SIGTERM before the process exits anyway. */
  readonly shutdownGraceMs: number;
  /** 32-byte key for secrets at rest (provider credentials, SMTP passwords). */
  readonly secretKey: Buffer;
  /**
   * Where the built-in simulator answers (PONTE_SIMULATOR_URL), for worker processes that don't
   * serve it themselves; unset: this process's own address once it listens.
   */
  readonly simulatorUrl: string | undefined;
  /**
   * Port of the simulator's e-mail inbox, an SMTP server on 127.0.0.1 that `ponte start` runs
   * beside the API (PONTE_SIMULATOR_SMTP_PORT, 2525 by default; 0 turns it off). loadConfig
   * always sets it; a config built by hand (the tests' apps) leaves it out, which is off too.
   */
  readonly simulatorSmtpPort?: number;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

type Env = Readonly<Record<string, string | undefined>>;

export const DEFAULT_SQLITE_PATH = './data/ponte.db';

export function parseDatabaseUrl(value: string | undefined): DatabaseTarget {
  if (value === undefined || value.trim() === '') {
    return { engine: 'sqlite', path: DEFAULT_SQLITE_PATH };
  }
  if (value.startsWith('sqlite:')) {
    const path = value.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (path === '') throw new ConfigError('DATABASE_URL: expected sqlite:<path>, got an empty path');
    return { engine: 'sqlite', path };
  }
  if (/^postgres(ql)?:\/\//.test(value)) {
    try {
      new URL(value);
    } catch {
      throw new ConfigError('DATABASE_URL: expected a valid postgres:// URL');
    }
    return { engine: 'postgres', url: value };
  }
  throw new ConfigError('DATABASE_URL: expected postgres://…, sqlite:<path> or unset (SQLite at ./data/ponte.db)');
}

function parsePort(value: string | undefined): number {
  if (value === undefined || value === '') return 3000;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT: expected an integer from 0 to 65535, got "${value}"`);
  }
  return port;
}

function parseSimulatorSmtpPort(value: string | undefined): number {
  if (value === undefined || value === '') return 2525;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) {
    throw new ConfigError(`PONTE_SIMULATOR_SMTP_PORT: expected an integer from 0 (off) to 65535, got "${value}"`);
  }
  return port;
}

function parsePublicUrl(value: string | undefined, host: string, port: number): string {
  const raw = value && value !== '' ? value : `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`PUBLIC_URL: expected an absolute http(s) URL, got "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`PUBLIC_URL: expected an http:// or https:// URL, got "${raw}"`);
  }
  return raw.replace(/\/+$/, '');
}

function parseOptionalUrl(name: string, value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  try {
    new URL(value);
  } catch {
    throw new ConfigError(`${name}: expected an absolute http(s) URL, got "${value}"`);
  }
  return value.replace(/\/+$/, '');
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function parseLogLevel(value: string | undefined): Config['logLevel'] {
  if (value === undefined || value === '') return 'info';
  if ((LOG_LEVELS as readonly string[]).includes(value)) return value as Config['logLevel'];
  throw new ConfigError(`LOG_LEVEL: expected one of ${LOG_LEVELS.join(', ')}, got "${value}"`);
}

/**
 * PONTE_SECRET_KEY (64 hex chars or base64 of 32 bytes). On the embedded default, when unset,
 * a key is generated into the data folder on first start, so a fresh install works with no set-up;
 * on PostgreSQL it must be given, since every process must share it.
 */
function loadSecretKey(value: string | undefined, database: DatabaseTarget): Buffer {
  if (value !== undefined && value !== '') {
    const key = /^[0-9a-f]{64}$/i.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
    if (key.length !== 32) {
      throw new ConfigError('PONTE_SECRET_KEY: expected 32 bytes as 64 hex characters or base64');
    }
    return key;
  }
  if (database.engine === 'postgres') {
    throw new ConfigError(
      'PONTE_SECRET_KEY: required with PostgreSQL (32 bytes as 64 hex characters); generate one with `openssl rand -hex 32`',
    );
  }
  const keyPath = resolve(dirname(database.path === ':memory:' ? DEFAULT_SQLITE_PATH : database.path), 'secret.key');
  if (existsSync(keyPath)) return Buffer.from(readFileSync(keyPath, 'utf8').trim(), 'hex');
  mkdirSync(dirname(keyPath), { recursive: true });
  const key = randomBytes(32);
  writeFileSync(keyPath, `${key.toString('hex')}\n`, { mode: 0o600 });
  return key;
}

export function loadConfig(env: Env = process.env): Config {
  const database = parseDatabaseUrl(env.DATABASE_URL);
  const port = parsePort(env.PORT);
  const host = env.HOST && env.HOST !== '' ? env.HOST : '127.0.0.1';
  return Object.freeze({
    database,
    port,
    host,
    publicUrl: parsePublicUrl(env.PUBLIC_URL, host, port),
    logLevel: parseLogLevel(env.LOG_LEVEL),
    bodyLimitBytes: 256 * 1024,
    shutdownGraceMs: 10_000,
    secretKey: loadSecretKey(env.PONTE_SECRET_KEY, database),
    simulatorUrl: parseOptionalUrl('PONTE_SIMULATOR_URL', env.PONTE_SIMULATOR_URL),
    simulatorSmtpPort: parseSimulatorSmtpPort(env.PONTE_SIMULATOR_SMTP_PORT),
  });
}
