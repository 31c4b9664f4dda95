/**
 * What the simulator received, read over its own HTTP routes (docs/providers/simulator.md):
 * GET /simulator/phones gives each phone's message count and its last message's time, which is
 * the receive time when a phone got one message; the per-phone route gives every send with its
 * `at` and `callbackData` (Ponte's message id, echoed as biz_opaque_callback_data).
 */
export async function phoneSummaries(apiUrl) {
  const response = await fetch(`${apiUrl}/simulator/phones`);
  if (!response.ok) throw new Error(`GET /simulator/phones: HTTP ${response.status}`);
  return (await response.json()).phones;
}

/** Every send received: `{ phone, at, callbackData }`, fetched phone by phone, 16 at a time. */
export async function allSends(apiUrl, phones = undefined) {
  const list = phones ?? (await phoneSummaries(apiUrl)).map((summary) => summary.phone);
  const sends = [];
  let next = 0;
  const worker = async () => {
    while (next < list.length) {
      const phone = list[next++];
      const response = await fetch(`${apiUrl}/simulator/phones/${encodeURIComponent(phone)}/messages`);
      if (!response.ok) throw new Error(`GET messages of a phone: HTTP ${response.status}`);
      const { messages } = await response.json();
      for (const item of messages) {
        if (item.direction === 'outbound') sends.push({ phone, at: item.at, callbackData: item.callbackData });
      }
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  return sends;
}

/** Sends per distinct callback id: how many arrived, how many ids, and how many came more than once. */
export function countDistinct(sends) {
  const perId = new Map();
  for (const send of sends) perId.set(send.callbackData, (perId.get(send.callbackData) ?? 0) + 1);
  let duplicates = 0;
  for (const count of perId.values()) duplicates += count - 1;
  return { sends: sends.length, distinct: perId.size, duplicates };
}

/** The most sends in any window of `windowMs` (times in ms, any order). */
export function maxInWindow(times, windowMs = 1_000) {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let first = 0;
  for (let last = 0; last < sorted.length; last++) {
    while (sorted[last] - sorted[first] >= windowMs) first++;
    best = Math.max(best, last - first + 1);
  }
  return best;
}

/** Sends per second: over the whole run, and over its middle 90% (without start-up and tail). */
export function throughput(times) {
  const sorted = [...times].sort((a, b) => a - b);
  const n = sorted.length;
  const rate = (from, to) => (to - from) / ((sorted[to] - sorted[from]) / 1_000);
  return {
    overall: n > 1 ? rate(0, n - 1) : 0,
    steady: n > 20 ? rate(Math.floor(n * 0.05), Math.ceil(n * 0.95) - 1) : 0,
    seconds: n > 1 ? (sorted[n - 1] - sorted[0]) / 1_000 : 0,
  };
}

/** Nearest-rank percentile. */
export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
