/**
 * The requests every target receives: PUT /api/v1/sources/erp/records/<externalId> with a
 * ~600-byte record shaped like the fixed contract. Mostly new externalIds; about 20% repeat an
 * earlier one with a newer occurredAt (half of those also change the status, so Ponte takes
 * both its "unchanged" and its "updated" path). A seeded generator makes every target, and
 * every run, see the same sequence.
 */

export const SOURCE_NAME = 'erp';
export const REPEAT_SHARE = 0.2;

const STATUSES = ['Em análise técnica', 'Aguardando peça', 'Em reparo', 'Aguardando retirada'];
const PRODUCTS = [
  'Refrigerador Frost Free 480L Inox, modelo RF480X, número de série 8A7B6C5D4E',
  'Lavadora de roupas 12kg Branca, modelo LV12B, número de série 3F2E1D0C9B',
  'Micro-ondas 32L Espelhado, modelo MO32E, número de série 7K6J5H4G3F',
];
const PROBLEMS = [
  'O equipamento não gela no compartimento inferior e apresenta ruído intermitente no compressor.',
  'A centrifugação para no meio do ciclo e o painel exibe o código de erro E21 repetidas vezes.',
  'O prato giratório não gira e o aparelho desliga sozinho após alguns segundos de uso contínuo.',
];
const NAMES = ['Maria Aparecida dos Santos', 'José Carlos Ferreira', 'Ana Beatriz Oliveira Lima'];

/** mulberry32: small, fast, good enough to pick ids and statuses reproducibly. */
function seededRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function recordBody(n, status, occurredAtMs) {
  const pick = (list) => list[n % list.length];
  const phone = `(11) 9${8000 + (n % 2000)}-${String(n % 10_000).padStart(4, '0')}`;
  return JSON.stringify({
    state: 'open',
    status,
    occurredAt: new Date(occurredAtMs).toISOString(),
    customer: { name: pick(NAMES), phones: [phone], email: `cliente${n}@example.com.br` },
    fields: {
      processNumber: `PRC-2026-${String(n).padStart(7, '0')}`,
      issuedAt: '2026-11-18',
      productDescription: pick(PRODUCTS),
      problem: pick(PROBLEMS),
      branch: 'São Paulo - Centro',
      serviceType: 'Garantia',
      technician: 'João Pereira',
      warrantyUntil: '2027-11-18',
      priority: 'normal',
    },
  });
}

/** A fresh sequence of records: call `next()` once per request. */
export function createWorkload({ seed = 42, runTag = Date.now().toString(36) } = {}) {
  const random = seededRandom(seed);
  const statusOf = [];
  let requests = 0;
  const startMs = Date.parse('2026-11-20T12:00:00Z');
  return {
    stats: { requests: 0, repeats: 0 },
    next() {
      requests += 1;
      this.stats.requests = requests;
      let n;
      let statusIndex;
      if (statusOf.length > 0 && random() < REPEAT_SHARE) {
        n = Math.floor(random() * statusOf.length);
        // Half the repeats carry a new status (an update), half the same one (a confirmation).
        if (random() < 0.5) statusOf[n] = (statusOf[n] + 1) % STATUSES.length;
        statusIndex = statusOf[n];
        this.stats.repeats += 1;
      } else {
        n = statusOf.length;
        statusIndex = n % STATUSES.length;
        statusOf.push(statusIndex);
      }
      // One millisecond per request keeps each repeat newer than what it repeats.
      const body = recordBody(n, STATUSES[statusIndex], startMs + requests);
      return { externalId: `OS-${runTag}-${n}`, body };
    },
  };
}

/** autocannon's `requests` entry: a new URL and body for every request. */
export function autocannonRequests(workload, apiKey) {
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` };
  return [
    {
      method: 'PUT',
      setupRequest(request) {
        const { externalId, body } = workload.next();
        return {
          ...request,
          path: `/api/v1/sources/${SOURCE_NAME}/records/${encodeURIComponent(externalId)}`,
          headers,
          body,
        };
      },
    },
  ];
}
