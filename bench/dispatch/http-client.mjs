import http from 'node:http';

/**
 * The load generator's client: node:http with keep-alive, not fetch. On this 2-core machine the
 * generator shares the CPU with the processes it measures, and fetch costs about three times as
 * much CPU per request.
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

export function request(url, { method = 'GET', headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const req = http.request(
      { host: target.hostname, port: target.port, path: target.pathname + target.search, method, headers, agent },
      (res) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
