import { setTimeout as sleep } from 'node:timers/promises';
import { expect, it } from 'vitest';
import { DEFAULT_BACKOFF } from '../../src/messaging/dispatcher/backoff.js';
import { ENGINES, type EngineName } from '../helpers/databases.js';
import { setupMessaging } from '../helpers/messaging.js';
import { ingestRecords, messageStatuses, simulatorPhones } from './reliability-helpers.js';

const OUTAGE_MS = 30_000;
const PER_BATCH = 100;
/** An operator's choice for a provider that comes back quickly: retries at most 5 s apart. */
const BACKOFF = { ...DEFAULT_BACKOFF, capMs: 5_000 };

/**
 * The provider answers every send with HTTP 503 for 30 s (the simulator's outage switch, Meta's
 * code 2 "temporarily unavailable"). Messages queued as it starts and halfway through keep
 * being retried with backoff, none fails (the give-up age is the default 24 h), and all go out,
 * once each, within a retry interval after it ends.
 */
it.concurrent.each(ENGINES)(
  'holds messages through a 30 s provider outage and sends them all after it, none failed (%s)',
  async (engine: EngineName) => {
    const m = await setupMessaging(engine, { backoff: BACKOFF });
    try {
      const outage = (on: boolean) =>
        fetch(`${m.baseUrl}/simulator/outage`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ on, status: 503 }),
        });
      expect((await outage(true)).status).toBe(200);
      const outageStarted = Date.now();
      await ingestRecords(m.baseUrl, m.demo, PER_BATCH, 'OUT', 0);
      await sleep(OUTAGE_MS / 2 - (Date.now() - outageStarted));
      await ingestRecords(m.baseUrl, m.demo, PER_BATCH, 'OUT', PER_BATCH);

      await sleep(OUTAGE_MS - (Date.now() - outageStarted));
      const during = await messageStatuses(m.database);
      const retriedDuring = await attemptsByOutcome(m.database);
      expect((await outage(false)).status).toBe(200);
      const outageEnded = Date.now();

      const total = 2 * PER_BATCH;
      let statuses = during;
      while (Date.now() - outageEnded < 60_000) {
        statuses = await messageStatuses(m.database);
        if ((statuses.sent ?? 0) + (statuses.delivered ?? 0) + (statuses.read ?? 0) === total) break;
        await sleep(100);
      }
      const allOutMs = Date.now() - outageEnded;
      const phones = await simulatorPhones(m.baseUrl);
      console.log(
        `queda de ${OUTAGE_MS / 1_000} s (${engine}): ao fim da queda ${JSON.stringify(during)}, ` +
          `${retriedDuring.retry ?? 0} tentativas recusadas (503); todas enviadas ${allOutMs} ms depois; ` +
          `${phones.reduce((sum, p) => sum + p.messageCount, 0)} envios recebidos`,
      );

      // While the provider was down nothing failed and nothing was sent: everything waited.
      expect(during.failed ?? 0).toBe(0);
      expect((during.queued ?? 0) + (during.sending ?? 0)).toBe(total);
      expect(retriedDuring.failed ?? 0).toBe(0);
      expect(retriedDuring.retry ?? 0).toBeGreaterThanOrEqual(total);
      // Afterwards every message went out, once, within about one retry interval.
      expect(statuses.failed ?? 0).toBe(0);
      expect((statuses.sent ?? 0) + (statuses.delivered ?? 0) + (statuses.read ?? 0)).toBe(total);
      expect(phones).toHaveLength(total);
      expect(phones.every((phone) => phone.messageCount === 1)).toBe(true);
      expect(allOutMs).toBeLessThan(BACKOFF.capMs + 20_000);
    } finally {
      await m.close();
    }
  },
  120_000,
);

async function attemptsByOutcome(
  database: Awaited<ReturnType<typeof setupMessaging>>['database'],
): Promise<Record<string, number>> {
  const rows = await database.db
    .selectFrom('message_attempts')
    .select((eb) => ['outcome', eb.fn.countAll().as('count')])
    .groupBy('outcome')
    .execute();
  return Object.fromEntries(rows.map((row) => [row.outcome, Number(row.count)]));
}
