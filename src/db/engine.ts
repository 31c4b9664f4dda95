import type { ColumnDefinitionBuilder, SelectQueryBuilder } from 'kysely';

/**
 * Everything that differs between SQLite and PostgreSQL, in one object (Kysely's adapter idea):
 * the rest of the code asks the engine instead of testing which one it is.
 */
export interface Engine {
  readonly name: 'sqlite' | 'postgres';
  /** Integer primary key that is never reused (SQLite AUTOINCREMENT, PostgreSQL identity). */
  identityColumn(col: ColumnDefinitionBuilder): ColumnDefinitionBuilder;
  /** Row lock for read-modify-write; SQLite has a single writer, so the transaction is the lock. */
  forUpdate<DB, TB extends keyof DB, O>(query: SelectQueryBuilder<DB, TB, O>): SelectQueryBuilder<DB, TB, O>;
  /**
   * Lock the rows a worker claims and skip those another worker holds. SQLite has one writer
   * (and one dispatcher per database), so the transaction alone is enough there.
   */
  forUpdateSkipLocked<DB, TB extends keyof DB, O>(query: SelectQueryBuilder<DB, TB, O>): SelectQueryBuilder<DB, TB, O>;
  /** Several processes may claim work at once (SKIP LOCKED, LISTEN/NOTIFY). */
  readonly multiProcess: boolean;
}

export const sqliteEngine: Engine = {
  name: 'sqlite',
  identityColumn: (col) => col.primaryKey().autoIncrement(),
  forUpdate: (query) => query,
  forUpdateSkipLocked: (query) => query,
  multiProcess: false,
};

export const postgresEngine: Engine = {
  name: 'postgres',
  identityColumn: (col) => col.primaryKey().generatedAlwaysAsIdentity(),
  forUpdate: (query) => query.forUpdate(),
  forUpdateSkipLocked: (query) => query.forUpdate().skipLocked(),
  multiProcess: true,
};
