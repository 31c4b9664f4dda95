import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setSourceMapping } from '../../src/sources/repository.js';
import { record, setupTestApp, type TestContext } from '../helpers/app.js';
import { ENGINES } from '../helpers/databases.js';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8'));
const mapping = (name: string) => readFileSync(new URL(`../../docs/mappings/${name}`, import.meta.url), 'utf8');

describe.each(ENGINES)('batch and raw events on %s', (engine) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await setupTestApp(engine);
  });
  afterAll(async () => t?.close());

  const post = (path: string, body: unknown) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/sources/${t.source.name}/${path}`,
      headers: { authorization: `Bearer ${t.source.apiKey}` },
      payload: body as object,
    });

  it('applies the valid items of a batch and reports each item as the single call would', async () => {
    const response = await post('records:batch', {
      records: [
        { externalId: 'B-1', ...record() },
        { externalId: 'B-2', ...record({ state: 'talvez' }) },
        { ...record() },
        { externalId: 'B-1', ...record() },
        { externalId: 'B-1', ...record({ status: 'mais nova', occurredAt: '2026-11-21T00:00:00Z' }) },
        'not an object',
      ],
    });
    expect(response.statusCode).toBe(200);
    const results = response.json().results as {
      index: number;
      status: number;
      error?: { field?: string };
      result?: { changed: boolean };
    }[];
    expect(results.map((r) => r.status)).toEqual([201, 400, 400, 200, 200, 400]);
    expect(results[1]!.error?.field).toBe('state');
    expect(results[2]!.error?.field).toBe('externalId');
    expect(results[3]!.result?.changed).toBe(false);
    expect(results[4]!.result?.changed).toBe(true);
  });

  it('refuses a batch over 1,000 records as a whole', async () => {
    const records = Array.from({ length: 1001 }, (_, i) => ({ externalId: `X-${i}`, ...record() }));
    const response = await post('records:batch', { records });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'batch_too_large', field: 'records' });
    const made = await t.database.db.selectFrom('tickets').select('id').where('external_id', 'like', 'X-%').execute();
    expect(made).toHaveLength(0);
  });

  it('accepts a batch of exactly 1,000 records', async () => {
    const records = Array.from({ length: 1000 }, (_, i) => ({ externalId: `K-${i}`, ...record() }));
    const response = await post('records:batch', { records });
    expect(response.statusCode).toBe(200);
    expect(response.json().results.every((r: { status: number }) => r.status === 201)).toBe(true);
  });

  it('422 for a raw event when the source has no mapping', async () => {
    const response = await post('events', fixture('os-assistencia-tecnica.json'));
    expect(response.statusCode).toBe(422);
    expect(response.json().code).toBe('mapping_missing');
  });

  it("turns the ERP's own payloads into the same ticket through the mapping, open then closed", async () => {
    await setSourceMapping(t.database.db, t.source.sourceId, mapping('os-assistencia-tecnica.jsonata'));
    const opened = await post('events', fixture('os-assistencia-tecnica.json'));
    expect(opened.statusCode).toBe(201);
    expect(opened.json()).toMatchObject({ externalId: 'OS-2026-004811', state: 'open', status: 'em análise' });
    const closed = await post('events', fixture('os-assistencia-tecnica-encerrada.json'));
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({
      externalId: 'OS-2026-004811',
      state: 'closed',
      status: 'finalizada',
      changed: true,
    });
    const view = await t.app.inject({
      method: 'GET',
      url: `/api/v1/sources/${t.source.name}/records/OS-2026-004811`,
      headers: { authorization: `Bearer ${t.source.apiKey}` },
    });
    expect(view.json().fields).toMatchObject({
      processNumber: 'PROC-118274',
      issuedAt: '20/11/2026',
      productDescription: 'Geladeira Frost Free 400L Inox',
      problem: 'Não gela na parte de baixo; barulho no compressor',
    });
  });

  it('422 naming the field the mapping could not produce', async () => {
    const payload = fixture('os-assistencia-tecnica.json');
    delete payload.cliente.nome;
    const response = await post('events', payload);
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ code: 'mapping_failed', field: 'customer.name' });
  });

  it('maps the logistics payload, critical flag and two phones included', async () => {
    await setSourceMapping(t.database.db, t.source.sourceId, mapping('processo-logistico.jsonata'));
    const response = await post('events', fixture('processo-logistico.json'));
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ externalId: 'LOG-77120', critical: true, status: 'AVARIA_NO_TRANSPORTE' });
  });
});
