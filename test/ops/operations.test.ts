import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redactUrl } from '../../src/http/logging.js';
import { maskPhone } from '../../src/messaging/phones.js';
import { record, setupTestApp, type TestContext } from '../helpers/app.js';

describe('operations endpoints', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await setupTestApp('sqlite');
  });
  afterAll(async () => t?.close());

  it('answers /healthz and /readyz', async () => {
    expect((await t.app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    expect((await t.app.inject('/readyz')).json()).toEqual({ status: 'ready' });
  });

  it('counts ingest outcomes and latencies in /metrics', async () => {
    const put = (body: unknown) =>
      t.app.inject({
        method: 'PUT',
        url: '/api/v1/sources/erp/records/M-1',
        headers: { authorization: `Bearer ${t.source.apiKey}` },
        payload: body as object,
      });
    await put(record());
    await put(record());
    await put({});
    const metrics = (await t.app.inject('/metrics')).body;
    expect(metrics).toContain('ponte_ingest_records_total{outcome="created"} 1');
    expect(metrics).toContain('ponte_ingest_records_total{outcome="unchanged"} 1');
    expect(metrics).toContain('ponte_ingest_records_total{outcome="rejected"} 1');
    expect(metrics).toMatch(/ponte_ingest_request_duration_seconds_count\{route="put_record"\} 2/);
  });

  it('serves the OpenAPI document with the fixed contract, and a docs page', async () => {
    const spec = (await t.app.inject('/openapi.json')).json();
    expect(spec.openapi).toMatch(/^3\./);
    const put = spec.paths['/api/v1/sources/{source}/records/{externalId}'].put;
    expect(Object.keys(put.responses)).toEqual(
      expect.arrayContaining(['200', '201', '400', '401', '403', '404', '413', '415']),
    );
    expect(put.requestBody.content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['state', 'occurredAt', 'customer', 'fields']),
    );
    expect(spec.paths['/api/v1/sources/{source}/records:batch']).toBeDefined();
    expect(spec.paths['/api/v1/sources/{source}/events']).toBeDefined();
    const docs = await t.app.inject('/docs/');
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toMatch(/html/);
  });

  it('answers unknown routes with the JSON error shape', async () => {
    const response = await t.app.inject('/nada');
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ code: 'not_found', message: expect.any(String) });
  });
});

describe('what logs may show', () => {
  it('hides the token of public links', () => {
    expect(redactUrl('/t/r90nBuTl7kjOarXbhhgKpA')).toBe('/t/[token]');
    expect(redactUrl('/s/r90nBuTl7kjOarXbhhgKpA?c=w')).toBe('/s/[token]?c=w');
    expect(redactUrl('/api/v1/sources/erp/records/OS-1')).toBe('/api/v1/sources/erp/records/OS-1');
  });

  it('masks phones, keeping only enough to recognise them', () => {
    expect(maskPhone('+5519998765432')).toBe('+5519*****5432');
    expect(maskPhone('+552125550101')).toBe('+5521****0101');
  });
});
