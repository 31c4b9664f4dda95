import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, expect, it } from 'vitest';
import { seedDemo } from '../../src/demo/seed-demo.js';
import { DISPATCHER_DEFAULTS } from '../../src/messaging/dispatcher/dispatcher.js';
import { setProviderAccount } from '../../src/messaging/provider-accounts.js';
import { findWorkspaceBySlug } from '../../src/workspaces/repository.js';
import { createTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { type PonteProcess, startPonte } from './ponte-process.js';
import { ingestRecords, messageStatuses, simulatorPhones, simulatorSends } from './reliability-helpers.js';

const MESSAGES = 5_000;
const KILLS = 5;

let database: TestDatabase | undefined;
const processes: PonteProcess[] = [];
afterAll(async () => {
  for (const process of processes.reverse()) await process.stop();
  await database?.drop();
});

/**
 * A worker process killed with SIGKILL at random moments while it drains 5,000 messages on
 * PostgreSQL, restarted each time: every message goes out (its lease expires and another worker
 * takes it over), and a send can only repeat if it reached the provider and the worker died
 * before recording it, so duplicates are bounded by what a worker has in flight at once.
 */
it('loses no message when the worker is killed with SIGKILL mid-run, and repeats at most what it had in flight', async () => {
  const started = Date.now();
  database = await createTestDatabase('postgres');
  const secretKey = randomBytes(32);
  const demo = await seedDemo(database.db, secretKey);
  const workspace = (await findWorkspaceBySlug(database.db, demo.workspace))!;
  await setProviderAccount(database.db, secretKey, workspace, { kind: 'simulator', rateLimitPerSecond: 1_000 });
  const env = { DATABASE_URL: database.url, PONTE_SECRET_KEY: secretKey.toString('hex') };

  // The API serves the simulator and receives its webhooks (logging only warnings: 20,000 requests).
  const api = startPonte('api', { ...env, LOG_LEVEL: 'warn' });
  processes.push(api);
  const apiUrl = await api.ready;
  const workerEnv = { ...env, PONTE_SIMULATOR_URL: apiUrl };

  // Records arrive while the workers run and die: the run is ingest and sends together.
  let ingestDone = false;
  const ingested = ingestRecords(apiUrl, demo, MESSAGES, 'KILL').finally(() => {
    ingestDone = true;
  });
  const kills: { afterMs: number; holding: number; pending: number }[] = [];
  let worker = startPonte('worker', workerEnv);
  processes.push(worker);
  await worker.ready;
  while (kills.length < KILLS) {
    const afterMs = Math.round(300 + Math.random() * 1_500);
    await sleep(afterMs);
    const statuses = await messageStatuses(database);
    const pending = (statuses.queued ?? 0) + (statuses.sending ?? 0);
    if (pending === 0 && ingestDone) break;
    if (pending === 0) continue;
    const holding = await heldBy(database, worker.child.pid!);
    worker.child.kill('SIGKILL');
    await worker.exited;
    kills.push({ afterMs, holding, pending });
    worker = startPonte('worker', workerEnv);
    processes.push(worker);
    await worker.ready;
  }
  await ingested;
  const killsDoneS = (Date.now() - started) / 1_000;

  // The killed workers' leases expire (at most leaseMs after the kill) and are taken over.
  const deadline = Date.now() + 180_000;
  let statuses = await messageStatuses(database);
  while ((statuses.queued ?? 0) + (statuses.sending ?? 0) > 0 && Date.now() < deadline) {
    await sleep(500);
    statuses = await messageStatuses(database);
  }
  const drainedS = (Date.now() - started) / 1_000;
  const phones = await simulatorPhones(apiUrl);
  const sends = phones.reduce((sum, phone) => sum + phone.messageCount, 0);
  // One message per phone here, so only a phone that got more than one can hold a repeated callback id.
  let duplicates = 0;
  for (const { phone } of phones.filter((p) => p.messageCount > 1)) {
    const ids = (await simulatorSends(apiUrl, phone)).map((send) => send.callbackData);
    duplicates += ids.length - new Set(ids).size;
  }
  const bound = kills.length * DISPATCHER_DEFAULTS.maxInFlight;
  console.log(
    `kill -9: ${kills.length} kills (${kills.map((k) => `após ${k.afterMs} ms, ${k.holding} em voo, ${k.pending} pendentes`).join('; ')}); ` +
      `${sends} envios ao simulador para ${MESSAGES} mensagens, ${duplicates} duplicados ` +
      `(limite ${bound}; em voo nas mortes: ${kills.reduce((sum, k) => sum + k.holding, 0)}); ` +
      `status ${JSON.stringify(statuses)}; mortes e ingestão até ${killsDoneS.toFixed(1)} s, fila vazia em ` +
      `${drainedS.toFixed(1)} s, total ${((Date.now() - started) / 1_000).toFixed(1)} s`,
  );

  // Not drained: say what is left and why (retry reason, attempts, when it is due), for whoever reads the failure.
  const left = await database.db
    .selectFrom('messages')
    .select(['id', 'status', 'attempts', 'reason', 'next_attempt_at', 'lease_until'])
    .where('status', 'in', ['queued', 'sending'])
    .limit(20)
    .execute();
  if (left.length > 0) {
    const now = Date.now();
    console.log(
      'não enviadas:',
      left.map((m) => ({
        ...m,
        dueInS: Math.round((Number(m.next_attempt_at) - now) / 1000),
        leaseEndsInS: m.lease_until === null ? null : Math.round((Number(m.lease_until) - now) / 1000),
      })),
    );
  }

  expect(kills.length).toBeGreaterThanOrEqual(4);
  const out = (statuses.sent ?? 0) + (statuses.delivered ?? 0) + (statuses.read ?? 0);
  expect(out).toBe(MESSAGES);
  expect(statuses.failed ?? 0).toBe(0);
  // Every message reached the provider: one phone each, none missing.
  expect(phones.length).toBe(MESSAGES);
  expect(duplicates).toBeLessThanOrEqual(bound);
}, 300_000);

/** Messages the worker with this pid holds (its owner id starts with the pid). */
async function heldBy(database: TestDatabase, pid: number): Promise<number> {
  const row = await database.db
    .selectFrom('messages')
    .select((eb) => eb.fn.countAll().as('count'))
    .where('status', '=', 'sending')
    .where('lease_owner', 'like', `${pid}:%`)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
