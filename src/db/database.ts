import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  type PostgresCursor,
  PostgresDialect,
  type PostgresPool,
  type PostgresPoolClient,
  type PostgresQueryResult,
  SqliteDialect,
} from 'kysely';
import pg from 'pg';
import type { DatabaseTarget } from '../config.js';
import { type Engine, postgresEngine, sqliteEngine } from './engine.js';
import type { DB } from './schema.js';

export interface Database {
  readonly db: Kysely<DB>;
  readonly engine: Engine;
  /**
   * Calls `onNotify` on each NOTIFY of `channel` (PostgreSQL, over a dedicated connection that
   * reconnects); undefined on SQLite, where there is one process. Resolves to a stop function.
   */
  listen?(channel: string, onNotify: (payload: string | undefined) => void): Promise<() => Promise<void>>;
  /** Cheap round trip for /readyz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * better-sqlite3 compiles a statement on every `prepare`; Kysely's driver prepares on every
 * query. Caching prepared statements by SQL text makes a repeated query cost only its execution.
 * Statements are bound per call, so reuse across queries is safe; the cache is bounded because
 * Kysely emits a distinct SQL text per IN-list length.
 */
function withStatementCache(database: SQLite.Database, capacity = 500): SQLite.Database {
  const cache = new Map<string, SQLite.Statement>();
  const prepare = database.prepare.bind(database);
  return new Proxy(database, {
    get(target, property, receiver) {
      if (property !== 'prepare') return Reflect.get(target, property, receiver);
      return (sql: string) => {
        let statement = cache.get(sql);
        if (statement === undefined) {
          statement = prepare(sql);
          if (cache.size >= capacity) cache.delete(cache.keys().next().value as string);
          cache.set(sql, statement);
        }
        return statement;
      };
    },
  });
}

/**
 * SQLite transactions start with BEGIN IMMEDIATE: a deferred transaction that reads and then
 * writes fails with SQLITE_BUSY (not retried by busy_timeout) when another process, such as
 * `ponte import` beside the server, wrote in between. Taking the write lock up front makes the
 * busy timeout apply instead.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  override createDriver(): Driver {
    const driver = super.createDriver();
    driver.beginTransaction = async (connection: DatabaseConnection) => {
      await connection.executeQuery(CompiledQuery.raw('begin immediate'));
    };
    return driver;
  }
}

export function openSqlite(path: string): Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  // WAL lets readers run beside the writer; NORMAL sync is durable across process crashes
  // (a power loss may lose the last commits, never corrupt); the busy timeout covers a CLI
  // import writing while the server runs.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<DB>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite) }) });
  return {
    db,
    engine: sqliteEngine,
    async ping() {
      sqlite.prepare('select 1').get();
    },
    close: () => db.destroy(),
  };
}

/**
 * PostgreSQL parses, analyses and plans an unnamed statement on every execution. Kysely emits
 * the same SQL text for the same query shape (values travel as parameters), so naming each
 * distinct text lets every connection parse it once and afterwards only bind and execute it:
 * the same round trips, less work on the server (about a fifth of its CPU per ingested record
 * in bench/ingest). Names are bounded, since Kysely emits a distinct text per IN-list length;
 * texts past the bound run unnamed, as before. Statements without parameters (BEGIN, COMMIT)
 * keep the one-message simple protocol.
 *
 * A named statement outlives DDL: when a migration (a newer process, in a rolling deploy)
 * changes the columns a `select *` or `returning *` yields, its next execution fails with
 * "cached plan must not change result type" (SQLSTATE 0A000). The text then gets a fresh name,
 * so it is parsed again: outside a transaction the query is retried at once and nobody sees
 * the error; inside one the transaction has already failed, so the error goes up as any other
 * (once per connection and statement, during that deploy). Behind PgBouncer in transaction
 * mode, named statements need its max_prepared_statements (1.21+).
 */
class StatementNames {
  readonly #names = new Map<string, string>();
  #next = 0;

  constructor(private readonly capacity: number) {}

  nameOf(sql: string): string | undefined {
    let name = this.#names.get(sql);
    if (name === undefined && this.#names.size < this.capacity) {
      name = this.#fresh();
      this.#names.set(sql, name);
    }
    return name;
  }

  /** The statement prepared under the current name no longer fits its tables. */
  retire(sql: string): void {
    if (this.#names.has(sql)) this.#names.set(sql, this.#fresh());
  }

  #fresh(): string {
    this.#next += 1;
    return `ponte_${this.#next}`;
  }
}

function isStalePlan(error: unknown): boolean {
  const { code, message } = error as { code?: unknown; message?: unknown };
  return code === '0A000' && typeof message === 'string' && message.includes('cached plan must not change result type');
}

class NamedStatementClient implements PostgresPoolClient {
  /** Whether a failed statement can be retried: Kysely sends these exact texts to the client. */
  #inTransaction = false;

  constructor(
    private readonly client: pg.PoolClient,
    private readonly names: StatementNames,
  ) {}

  query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>>;
  query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
  query<R>(
    sqlOrCursor: string | PostgresCursor<R>,
    parameters?: ReadonlyArray<unknown>,
  ): Promise<PostgresQueryResult<R>> | PostgresCursor<R> {
    const client = this.client as unknown as PostgresPoolClient;
    if (typeof sqlOrCursor !== 'string') return client.query(sqlOrCursor);
    if (!parameters || parameters.length === 0) {
      if (sqlOrCursor === 'begin' || sqlOrCursor.startsWith('start transaction')) this.#inTransaction = true;
      else if (sqlOrCursor === 'commit' || sqlOrCursor === 'rollback') this.#inTransaction = false;
      return client.query<R>(sqlOrCursor, parameters ?? []);
    }
    return this.#named<R>(sqlOrCursor, parameters as unknown[], !this.#inTransaction);
  }

  async #named<R>(sql: string, values: unknown[], mayRetry: boolean): Promise<PostgresQueryResult<R>> {
    const name = this.names.nameOf(sql);
    const query = name === undefined ? { text: sql, values } : { name, text: sql, values };
    try {
      return (await this.client.query(query)) as unknown as PostgresQueryResult<R>;
    } catch (error) {
      if (!isStalePlan(error)) throw error;
      this.names.retire(sql);
      if (!mayRetry) throw error;
      return this.#named(sql, values, false);
    }
  }

  release(destroy?: boolean): void {
    this.#inTransaction = false;
    this.client.release(destroy);
  }
}

/** The pool as Kysely sees it, each client naming its statements; one wrapper per pg client. */
function withNamedStatements(pool: pg.Pool, capacity = 500): PostgresPool {
  const names = new StatementNames(capacity);
  const wrappers = new WeakMap<pg.PoolClient, NamedStatementClient>();
  return {
    async connect() {
      const client = await pool.connect();
      let wrapper = wrappers.get(client);
      if (wrapper === undefined) {
        wrapper = new NamedStatementClient(client, names);
        wrappers.set(client, wrapper);
      }
      return wrapper;
    },
    end: () => pool.end(),
  };
}

export function openPostgres(url: string, options: { max?: number } = {}): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    // BIGINT columns hold epoch milliseconds and ids: both fit a JS number.
    types: {
      getTypeParser: (oid: number, format?: 'text' | 'binary') =>
        oid === 20 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format),
    } as pg.CustomTypesConfig,
  });
  // An idle pooled connection that the server drops (restart, failover, admin termination) emits
  // 'error' on the pool; unheard, that event would crash the process. The pool discards the
  // connection and the next query opens a new one, so there is nothing more to do here.
  pool.on('error', () => {});
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: withNamedStatements(pool) }) });
  return {
    db,
    engine: postgresEngine,
    listen: (channel, onNotify) => listenPostgres(url, channel, onNotify),
    async ping() {
      await pool.query('select 1');
    },
    close: () => db.destroy(),
  };
}

export function openDatabase(target: DatabaseTarget): Database {
  return target.engine === 'sqlite' ? openSqlite(target.path) : openPostgres(target.url);
}

/**
 * LISTEN on a connection of its own (a pooled one would be handed to other queries). If the
 * connection drops, it reconnects after a second and nudges once, since notifications sent
 * meanwhile are lost; the dispatcher's polling covers the gap anyway.
 */
async function listenPostgres(
  url: string,
  channel: string,
  onNotify: (payload: string | undefined) => void,
): Promise<() => Promise<void>> {
  let stopped = false;
  let client: pg.Client | undefined;
  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: url });
    next.on('notification', (message) => {
      if (message.channel === channel) onNotify(message.payload);
    });
    next.on('error', () => {
      void next.end().catch(() => {});
      if (!stopped)
        setTimeout(
          () =>
            void connect().then(
              () => onNotify(undefined),
              () => {},
            ),
          1_000,
        ).unref();
    });
    await next.connect();
    // The channel is a constant of ours, never input: identifiers can't be bound parameters.
    await next.query(`listen ${pg.escapeIdentifier(channel)}`);
    client = next;
  };
  await connect();
  return async () => {
    stopped = true;
    await client?.end().catch(() => {});
  };
}
