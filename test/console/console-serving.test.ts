import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_DIST, consoleRoutes } from '../../src/console/console-routes.js';
import type { AppContext } from '../../src/http/app-context.js';
import { setupTestApp, type TestContext } from '../helpers/app.js';

/** The budget for the console's first download (index.html and what it loads), compressed. */
const INITIAL_DOWNLOAD_BUDGET_BYTES = 300 * 1024;

describe('the console is served by the API process', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    // `npm test` builds first; a bare `vitest run` on a fresh clone needs `npm run build`.
    expect(existsSync(join(CONSOLE_DIST, 'index.html')), 'dist/web/console: run npm run build').toBe(true);
    ctx = await setupTestApp('sqlite');
  });
  afterAll(() => ctx?.close());

  const get = (url: string, headers: Record<string, string> = {}) => ctx.app.inject({ method: 'GET', url, headers });
  const initialAssets = (html: string) =>
    [...html.matchAll(/(?:src|href)="(\/app\/assets\/[^"]+)"/g)].map((m) => m[1]!);

  it('sends / to the console', async () => {
    const response = await get('/');
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe('/app/');
  });

  it('answers index.html, never cached and with a strict CSP, for the app and its client routes', async () => {
    for (const url of ['/app/', '/app/entrar', '/app/chamados', '/app/chamados/42', '/app/conta']) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.headers['content-security-policy']).toContain("script-src 'self'");
      expect(response.body).toContain('<div id="root">');
      expect(response.body).toContain('lang="pt-BR"');
    }
  });

  it('caches hashed assets for a year and sends them precompressed', async () => {
    const assets = initialAssets((await get('/app/')).body);
    expect(assets.length).toBeGreaterThanOrEqual(2);
    for (const asset of assets) {
      const response = await get(asset, { 'accept-encoding': 'gzip' });
      expect(response.statusCode, asset).toBe(200);
      expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(response.headers['content-encoding']).toBe('gzip');
      expect(response.headers.vary).toMatch(/accept-encoding/i);
    }
  });

  it('answers a missing asset with 404, not with the page', async () => {
    const response = await get('/app/assets/nao-existe-123.js');
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'not_found' });
  });

  it('keeps the API and its 404s as they were', async () => {
    expect((await get('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await get('/nada-aqui')).json()).toMatchObject({ code: 'not_found' });
  });

  it('keeps the initial download under 300 KB gzipped', async () => {
    const index = await get('/app/', { 'accept-encoding': 'gzip' });
    let total = index.rawPayload.length;
    const sizes: Record<string, number> = { 'index.html': index.rawPayload.length };
    for (const asset of initialAssets(index.body)) {
      const response = await get(asset, { 'accept-encoding': 'gzip' });
      sizes[asset] = response.rawPayload.length;
      total += response.rawPayload.length;
    }
    console.info(`console initial download, gzip: ${(total / 1024).toFixed(1)} KB`, sizes);
    expect(total).toBeLessThan(INITIAL_DOWNLOAD_BUDGET_BYTES);
  });
});

describe('a console rebuilt while the server runs', () => {
  it('serves the new files at once (files are looked up per request)', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ponte-console-'));
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><div id="root"></div>');
    const app = Fastify({ logger: false });
    await app.register(async (scope) => consoleRoutes(scope, {} as AppContext, root));
    writeFileSync(join(root, 'assets', 'index-novo.js'), 'console.log(1)');
    const asset = await app.inject({ method: 'GET', url: '/app/assets/index-novo.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect((await app.inject({ method: 'GET', url: '/app/conta' })).body).toContain('<div id="root">');
    expect((await app.inject({ method: 'GET', url: '/app' })).headers.location).toBe('/app/');
    await app.close();
    rmSync(root, { recursive: true, force: true });
  });
});

describe('a checkout whose console was not built', () => {
  it('still serves the API, and says in pt-BR how to build the console', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'ponte-console-'));
    const app = Fastify({ logger: false });
    await app.register(async (scope) => consoleRoutes(scope, {} as AppContext, empty));
    const response = await app.inject({ method: 'GET', url: '/app/chamados' });
    expect(response.statusCode).toBe(503);
    expect(response.body).toContain('npm run build');
    await app.close();
    rmSync(empty, { recursive: true, force: true });
  });
});

// The same text the build measured: keeps the test honest if Vite's output layout changes.
it('builds index.html that loads only hashed assets under /app/assets/', () => {
  const html = readFileSync(join(CONSOLE_DIST, 'index.html'), 'utf8');
  expect(html).toMatch(/<script type="module" crossorigin src="\/app\/assets\/index-[\w-]+\.js">/);
});
