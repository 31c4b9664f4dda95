import { type Kysely, type Migration, type MigrationResultSet, Migrator } from 'kysely';
import type { Database } from './database.js';
import type { Engine } from './engine.js';
import * as foundation from './migrations/0001-foundation.js';
import * as messaging from './migrations/0002-messaging.js';
import * as sessions from './migrations/0003-sessions.js';
import * as portal from './migrations/0004-portal.js';
import * as ticketConsole from './migrations/0005-ticket-console.js';
import * as administration from './migrations/0006-administration.js';
import * as email from './migrations/0007-email.js';
import * as apiKeyUsage from './migrations/0008-api-key-usage.js';

type EngineMigration = { up(db: Kysely<unknown>, engine: Engine): Promise<void> };

/**
 * Migrations are listed here rather than read from a folder, so the compiled build and the
 * tests (which run the TypeScript sources) see the same set in the same order.
 */
const migrations: Record<string, EngineMigration> = {
  '0001-foundation': foundation,
  '0002-messaging': messaging,
  '0003-sessions': sessions,
  '0004-portal': portal,
  '0005-ticket-console': ticketConsole,
  '0006-administration': administration,
  '0007-email': email,
  '0008-api-key-usage': apiKeyUsage,
};

export async function migrateToLatest(database: Database): Promise<MigrationResultSet> {
  const provider = {
    async getMigrations(): Promise<Record<string, Migration>> {
      return Object.fromEntries(
        Object.entries(migrations).map(([name, m]) => [
          name,
          { up: (db: Kysely<unknown>) => m.up(db, database.engine) },
        ]),
      );
    },
  };
  const migrator = new Migrator({
    db: database.db,
    provider,
    migrationTableName: 'ponte_migrations',
    migrationLockTableName: 'ponte_migrations_lock',
  });
  const result = await migrator.migrateToLatest();
  if (result.error) throw new Error('migration failed', { cause: result.error });
  return result;
}
