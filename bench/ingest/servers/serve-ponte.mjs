import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../../dist/config.js';
import { openDatabase } from '../../../dist/db/database.js';
import { migrateToLatest } from '../../../dist/db/migrate.js';
import { buildApp } from '../../../dist/http/app.js';
import { serve } from './serve.mjs';

/**
 * Ponte itself, as `ponte start` builds it (same config loader, same logger at LOG_LEVEL, all
 * checks on), over a fresh migrated database that `setUp` fills; `setUp` returns the API key
 * of the source the load is sent to (workload.mjs's SOURCE_NAME).
 */
export async function servePonte(setUp) {
  const config = loadConfig({
    DATABASE_URL: process.env.BENCH_DATABASE_URL,
    PONTE_SECRET_KEY: randomBytes(32).toString('hex'),
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    HOST: '127.0.0.1',
    PUBLIC_URL: 'https://ponte.example.com.br',
  });
  const database = openDatabase(config.database);
  await migrateToLatest(database);
  const apiKey = await setUp(database.db, config);
  const app = await buildApp({ config, database });
  await serve(app, { apiKey, close: () => database.close() });
}
