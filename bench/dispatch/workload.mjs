import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDatabaseUrl } from '../../dist/config.js';
import { openDatabase } from '../../dist/db/database.js';
import { migrateToLatest } from '../../dist/db/migrate.js';
import { seedDemo } from '../../dist/demo/seed-demo.js';
import { setProviderAccount } from '../../dist/messaging/provider-accounts.js';
import { findWorkspaceBySlug } from '../../dist/workspaces/repository.js';
import { createDatabase, dropDatabase } from '../lib/postgres.mjs';

/**
 * The data every scenario starts from: a fresh database with the demo workspace (the simulator
 * as its provider, the `abertura_chamado` template on the opening task), the account's rate
 * limit set as an operator would (`ponte provider set … --rate-limit`), and records ingested
 * through the real API, so each message is queued by the same transaction as its ticket.
 */
export async function prepareDatabase(engine, postgres, name, ratePerSecond) {
  let url;
  let dropStorage;
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'ponte-dispatch-'));
    url = `sqlite:${join(dir, 'ponte.db')}`;
    dropStorage = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    url = await createDatabase(postgres.adminUrl, name);
    dropStorage = () => dropDatabase(postgres.adminUrl, name);
  }
  const secretKeyHex = randomBytes(32).toString('hex');
  const database = openDatabase(parseDatabaseUrl(url));
  await migrateToLatest(database);
  const demo = await seedDemo(database.db, Buffer.from(secretKeyHex, 'hex'));
  await setRateLimit(database, secretKeyHex, ratePerSecond);
  return {
    url,
    database,
    demo,
    env: { DATABASE_URL: url, PONTE_SECRET_KEY: secretKeyHex, PUBLIC_URL: 'https://ponte.example.com.br' },
    async drop() {
      await database.close();
      await dropStorage();
    },
  };
}

export async function setRateLimit(database, secretKeyHex, perSecond) {
  const workspace = await findWorkspaceBySlug(database.db, 'demo');
  await setProviderAccount(database.db, Buffer.from(secretKeyHex, 'hex'), workspace, {
    kind: 'simulator',
    rateLimitPerSecond: perSecond,
  });
}

/** The n-th distinct Brazilian mobile (São Paulo, 9th digit), as the ERP writes it and as E.164. */
export function mobile(n) {
  const digits = String(70_000_000 + n);
  return { input: `(11) 9${digits.slice(0, 4)}-${digits.slice(4)}`, e164: `+55119${digits}` };
}

export function recordOf(n, phoneIndex = n) {
  return {
    state: 'open',
    status: 'em análise',
    occurredAt: new Date().toISOString(),
    customer: { name: `Cliente ${n}`, phones: [mobile(phoneIndex).input] },
    fields: {
      processNumber: `PROC-${n}`,
      issuedAt: '20/11/2026',
      productDescription: 'Geladeira Frost Free 400L Inox',
      problem: 'Não gela na parte de baixo',
    },
  };
}

/** Ingests `count` new records through POST …/records:batch (1,000 per call, two calls at a time). */
export async function ingestBatches(baseUrl, demo, count, { prefix, phoneOf = (n) => n }) {
  const url = `${baseUrl}/api/v1/sources/${demo.source}/records:batch`;
  const starts = [];
  for (let start = 0; start < count; start += 1_000) starts.push(start);
  const next = async () => {
    for (let start = starts.shift(); start !== undefined; start = starts.shift()) await ingestOne(start);
  };
  const ingestOne = async (start) => {
    const records = [];
    for (let n = start; n < Math.min(count, start + 1_000); n++) {
      records.push({ externalId: `${prefix}-${n}`, ...recordOf(n, phoneOf(n)) });
    }
    const response = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${demo.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ records }),
    });
    if (response.status !== 200) throw new Error(`batch ingest: HTTP ${response.status} ${await response.text()}`);
    const { results } = await response.json();
    const bad = results.filter((result) => result.status !== 201);
    if (bad.length > 0) throw new Error(`batch ingest: ${bad.length} records not created: ${JSON.stringify(bad[0])}`);
  };
  await Promise.all([next(), next()]);
}

export async function statusCounts(database) {
  const rows = await database.db
    .selectFrom('messages')
    .select((eb) => ['status', eb.fn.countAll().as('count')])
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((row) => [row.status, Number(row.count)]));
}

/** Waits until no message is queued or being sent (and `expected` left the queue), or throws. */
export async function waitUntilSent(database, expected, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const counts = await statusCounts(database);
    const out = (counts.sent ?? 0) + (counts.delivered ?? 0) + (counts.read ?? 0);
    const pending = (counts.queued ?? 0) + (counts.sending ?? 0);
    if (pending === 0 && out + (counts.failed ?? 0) >= expected) return counts;
    if (Date.now() > deadline)
      throw new Error(`messages still pending after ${timeoutMs} ms: ${JSON.stringify(counts)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
