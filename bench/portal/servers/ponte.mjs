import { serve } from './serve.mjs';

const dist = (path) => new URL(`../../../dist/${path}`, import.meta.url).href;
const { openSqlite } = await import(dist('db/database.js'));
const { buildApp } = await import(dist('http/app.js'));

/**
 * Ponte as `ponte start` builds it (logger at LOG_LEVEL, info by default, every check), over the
 * seeded database. One change: all the load comes from 127.0.0.1, so the per-address survey
 * limit is raised (it is still counted on every post); the per-link limit stays as shipped.
 */
const path = process.env.BENCH_DB_PATH;
const database = openSqlite(path);
const config = {
  database: { engine: 'sqlite', path },
  port: 0,
  host: '127.0.0.1',
  publicUrl: 'http://127.0.0.1',
  logLevel: process.env.LOG_LEVEL ?? 'info',
  bodyLimitBytes: 256 * 1024,
  shutdownGraceMs: 5_000,
  secretKey: Buffer.from(process.env.BENCH_SECRET_KEY, 'hex'),
  simulatorUrl: undefined,
};
const app = await buildApp({
  config,
  database,
  portal: { limits: { surveyPostsPerIp: { limit: 1_000_000_000, windowMs: 60_000 } } },
});
await serve(app, async () => database.close());
