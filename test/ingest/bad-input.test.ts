import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSource, record, setupTestApp, type TestContext } from '../helpers/app.js';
import { ENGINES } from '../helpers/databases.js';

describe.each(ENGINES)('ingest rejects bad input with a stable code and the field, on %s', (engine) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await setupTestApp(engine);
  });
  afterAll(async () => t?.close());

  const put = (
    body: unknown,
    options: { key?: string | null; source?: string; contentType?: string; id?: string } = {},
  ) =>
    t.app.inject({
      method: 'PUT',
      url: `/api/v1/sources/${options.source ?? t.source.name}/records/${options.id ?? 'OS-BAD'}`,
      headers: {
        ...(options.key === null ? {} : { authorization: `Bearer ${options.key ?? t.source.apiKey}` }),
        'content-type': options.contentType ?? 'application/json',
      },
      payload: typeof body === 'string' ? body : JSON.stringify(body),
    });

  const ticketCount = async () =>
    Number(
      (
        await t.database.db
          .selectFrom('tickets')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it.each([
    ['a missing customer name', record({ customer: { phones: [] } }), 'customer.name'],
    ['a bad state', record({ state: 'pending' }), 'state'],
    ['an occurredAt without offset', record({ occurredAt: '2026-11-20 09:41' }), 'occurredAt'],
    ['a phone that is not text', record({ customer: { name: 'A', phones: [5511] } }), 'customer.phones[0]'],
    ['an unknown top-level property', { ...record(), extra: 1 }, 'extra'],
    ['a nested object as a field value', record({ fields: { problem: { a: 1 } } }), 'fields.problem'],
  ])('400 invalid_body for %s, naming %s', async (_name, body, field) => {
    const before = await ticketCount();
    const response = await put(body);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'invalid_body', field });
    expect(response.json().message).toMatch(/\S/);
    expect(await ticketCount()).toBe(before);
  });

  it('400 invalid_json for a body that is not JSON', async () => {
    const response = await put('{nope');
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('invalid_json');
  });

  it('401 without a key or with a wrong or revoked one', async () => {
    expect((await put(record(), { key: null })).statusCode).toBe(401);
    const wrong = await put(record(), { key: `pk_AAAAAAAA_${'A'.repeat(43)}` });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().code).toBe('unauthorized');
    const tampered = `${t.source.apiKey.slice(0, -1)}${t.source.apiKey.endsWith('A') ? 'B' : 'A'}`;
    expect((await put(record(), { key: tampered })).statusCode).toBe(401);
  });

  it('403 for a key of another source of the workspace, 404 for an unknown source', async () => {
    const other = await createTestSource(t.database, 'acme', 'logistica');
    const forbidden = await put(record(), { key: other.apiKey });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().code).toBe('forbidden_source');
    const unknown = await put(record(), { source: 'nao-existe' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('source_not_found');
  });

  it('does not let a key of workspace B see a record of workspace A', async () => {
    await put(record(), { id: 'OS-A' });
    const b = await createTestSource(t.database, 'outra-empresa', 'erp');
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/v1/sources/erp/records/OS-A',
      headers: { authorization: `Bearer ${b.apiKey}` },
    });
    expect(response.statusCode).toBe(404);
    // Same external id in workspace B makes B's own ticket, never touches A's.
    const created = await put(record({ status: 'de B' }), { key: b.apiKey, id: 'OS-A' });
    expect(created.statusCode).toBe(201);
  });

  it('413 for a body over 256 KB', async () => {
    const response = await put(
      record({
        fields: {
          problem: 'x'.repeat(9000),
          ...Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`f${i}`, 'y'.repeat(7000)])),
        },
      }),
    );
    expect(response.statusCode).toBe(413);
    expect(response.json().code).toBe('body_too_large');
  });

  it('415 for a body that is not JSON by its content type', async () => {
    const response = await put('state=open', { contentType: 'application/x-www-form-urlencoded' });
    expect(response.statusCode).toBe(415);
    expect(response.json().code).toBe('unsupported_media_type');
    expect((await put('hello', { contentType: 'text/plain' })).statusCode).toBe(415);
  });

  it('writes nothing when the transaction fails half-way', async () => {
    // The timeline insert fails after the ticket insert: the ticket must not remain.
    const { applyRecord } = await import('../../src/ingest/apply-record.js');
    const { normalizeRecord } = await import('../../src/ingest/normalize-record.js');
    const before = await ticketCount();
    const source = {
      workspaceId: t.source.workspaceId,
      sourceId: t.source.sourceId,
      sourceName: 'erp',
      criticalStatuses: new Set<string>(),
    };
    await expect(
      t.database.db.transaction().execute(async (trx) => {
        await applyRecord(
          trx,
          { engine: t.database.engine, publicUrl: '' },
          source,
          'OS-HALF',
          normalizeRecord(record() as never),
        );
        throw new Error('crash after the ticket and its timeline were written');
      }),
    ).rejects.toThrow('crash after');
    expect(await ticketCount()).toBe(before);
    const entries = await t.database.db
      .selectFrom('timeline_entries')
      .select('id')
      .where('text', 'like', '%OS-HALF%')
      .execute();
    expect(entries).toHaveLength(0);
  });
});
