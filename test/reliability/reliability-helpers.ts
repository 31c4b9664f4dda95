import type { DemoCredentials } from '../../src/demo/seed-demo.js';
import type { TestDatabase } from '../helpers/databases.js';

/** The n-th distinct Brazilian mobile, as an ERP writes it ((11) 97000-0000 onwards). */
export function mobile(n: number): { input: string; e164: string } {
  const digits = String(70_000_000 + n);
  return { input: `(11) 9${digits.slice(0, 4)}-${digits.slice(4)}`, e164: `+55119${digits}` };
}

/** `count` new open records through the batch API: each queues `abertura_chamado` to its own phone. */
export async function ingestRecords(
  baseUrl: string,
  demo: DemoCredentials,
  count: number,
  prefix: string,
  first = 0,
): Promise<void> {
  for (let start = first; start < first + count; start += 1_000) {
    const records = [];
    for (let n = start; n < Math.min(first + count, start + 1_000); n++) {
      records.push({
        externalId: `${prefix}-${n}`,
        state: 'open',
        status: 'em análise',
        occurredAt: new Date().toISOString(),
        customer: { name: `Cliente ${n}`, phones: [mobile(n).input] },
        fields: { processNumber: `PROC-${n}` },
      });
    }
    const response = await fetch(`${baseUrl}/api/v1/sources/${demo.source}/records:batch`, {
      method: 'POST',
      headers: { authorization: `Bearer ${demo.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ records }),
    });
    if (response.status !== 200) throw new Error(`batch: HTTP ${response.status} ${await response.text()}`);
    const { results } = (await response.json()) as { results: { status: number }[] };
    const refused = results.filter((result) => result.status !== 201);
    if (refused.length > 0) throw new Error(`batch: ${refused.length} records refused: ${JSON.stringify(refused[0])}`);
  }
}

export async function messageStatuses(database: TestDatabase): Promise<Record<string, number>> {
  const rows = await database.db
    .selectFrom('messages')
    .select((eb) => ['status', eb.fn.countAll().as('count')])
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((row) => [row.status, Number(row.count)]));
}

/** What the simulator received, per phone (GET /simulator/phones). */
export async function simulatorPhones(baseUrl: string): Promise<{ phone: string; messageCount: number }[]> {
  const response = await patientFetch(`${baseUrl}/simulator/phones`);
  return ((await response.json()) as { phones: { phone: string; messageCount: number }[] }).phones;
}

/**
 * A GET that waits out a busy server: right after a run the API may still be applying thousands
 * of status webhooks, and on a loaded machine a connection can time out meanwhile.
 */
async function patientFetch(url: string): Promise<Response> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 6; attempt++) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
      if (response.ok) return response;
      lastError = new Error(`GET ${url}: HTTP ${response.status}`);
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
  throw lastError;
}

/** The sends one phone received, with Ponte's message id (biz_opaque_callback_data). */
export async function simulatorSends(baseUrl: string, phone: string): Promise<{ at: number; callbackData?: string }[]> {
  const response = await patientFetch(`${baseUrl}/simulator/phones/${encodeURIComponent(phone)}/messages`);
  const { messages } = (await response.json()) as {
    messages: { direction: string; at: number; callbackData?: string }[];
  };
  return messages.filter((item) => item.direction === 'outbound');
}
