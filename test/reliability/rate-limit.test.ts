import { expect, it } from 'vitest';
import { setProviderAccount } from '../../src/messaging/provider-accounts.js';
import { findWorkspaceBySlug } from '../../src/workspaces/repository.js';
import { testConfig } from '../helpers/app.js';
import { setupMessaging } from '../helpers/messaging.js';
import { ingestRecords, messageStatuses, mobile, simulatorPhones, simulatorSends } from './reliability-helpers.js';

const LIMIT = 20;
const MESSAGES = 100;

/**
 * The account's limit holds where the provider counts it, at arrival, even when some answers are
 * slow: the simulator stamps a `slow` send when it answers, so a limiter that only spaced the
 * departures would let those bunch up with the next second's sends.
 */
it('never lets more than the account limit reach the provider in any 1 s window, slow answers included', async () => {
  const m = await setupMessaging('sqlite');
  try {
    const workspace = (await findWorkspaceBySlug(m.database.db, m.demo.workspace))!;
    await setProviderAccount(m.database.db, testConfig(m.database).secretKey, workspace, {
      kind: 'simulator',
      rateLimitPerSecond: LIMIT,
    });
    for (let n = 0; n < MESSAGES; n += 3) {
      await fetch(`${m.baseUrl}/simulator/phones/${encodeURIComponent(mobile(n).e164)}/scenario`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ scenario: 'slow', delayMs: 400 }),
      });
    }
    await ingestRecords(m.baseUrl, m.demo, MESSAGES, 'RATE');
    const deadline = Date.now() + 60_000;
    let statuses = await messageStatuses(m.database);
    while ((statuses.queued ?? 0) + (statuses.sending ?? 0) > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      statuses = await messageStatuses(m.database);
    }
    const phones = (await simulatorPhones(m.baseUrl)).filter((p) => p.messageCount > 0);
    const times = (await Promise.all(phones.map((p) => simulatorSends(m.baseUrl, p.phone))))
      .flat()
      .map((send) => send.at)
      .sort((a, b) => a - b);
    let most = 0;
    for (let last = 0, first = 0; last < times.length; last++) {
      while (times[last]! - times[first]! >= 1_000) first++;
      most = Math.max(most, last - first + 1);
    }
    console.log(`limite ${LIMIT}/s: no máximo ${most} envios em 1 s no simulador, ${times.length} envios`);
    expect(times).toHaveLength(MESSAGES);
    expect(most).toBeLessThanOrEqual(LIMIT);
  } finally {
    await m.close();
  }
}, 90_000);
