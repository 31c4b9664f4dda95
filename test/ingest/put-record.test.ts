import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_URL, record, setupTestApp, type TestContext } from '../helpers/app.js';
import { ENGINES } from '../helpers/databases.js';

describe.each(ENGINES)('PUT /api/v1/sources/:source/records/:externalId on %s', (engine) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await setupTestApp(engine);
  });
  afterAll(async () => t?.close());

  const put = (externalId: string, body: unknown, key = t.source.apiKey, source = t.source.name) =>
    t.app.inject({
      method: 'PUT',
      url: `/api/v1/sources/${source}/records/${encodeURIComponent(externalId)}`,
      headers: { authorization: `Bearer ${key}` },
      payload: body as object,
    });
  const get = (externalId: string) =>
    t.app.inject({
      method: 'GET',
      url: `/api/v1/sources/${t.source.name}/records/${encodeURIComponent(externalId)}`,
      headers: { authorization: `Bearer ${t.source.apiKey}` },
    });
  const timelineOf = async (externalId: string) =>
    (await get(externalId)).json().timeline as { type: string; text: string }[];

  it('creates a ticket (201) with protocol, state, status and an unguessable tracking URL', async () => {
    const response = await put('OS-1', record());
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body).toMatchObject({
      source: 'erp',
      externalId: 'OS-1',
      state: 'open',
      status: 'em análise',
      applied: true,
      changed: true,
    });
    expect(body.protocol).toMatch(/^\d{8}-\d{6}$/);
    const token = body.trackingUrl.slice(`${PUBLIC_URL}/t/`.length);
    expect(body.trackingUrl.startsWith(`${PUBLIC_URL}/t/`)).toBe(true);
    expect(Buffer.from(token, 'base64url').length).toBeGreaterThanOrEqual(16);
  });

  it('answers the same event again with 200 and changes nothing, adding no timeline entry', async () => {
    await put('OS-2', record());
    const before = await timelineOf('OS-2');
    const again = await put('OS-2', record());
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ applied: true, changed: false });
    expect(await timelineOf('OS-2')).toEqual(before);
  });

  it('adds one pt-BR timeline entry naming what changed', async () => {
    await put('OS-3', record());
    const changed = await put(
      'OS-3',
      record({
        status: 'aguardando peça',
        occurredAt: '2026-11-21T10:00:00-03:00',
        fields: { ...record().fields, problem: 'Barulho' },
      }),
    );
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ status: 'aguardando peça', changed: true });
    const timeline = await timelineOf('OS-3');
    expect(timeline).toHaveLength(2);
    expect(timeline[1]).toMatchObject({ type: 'record_updated' });
    expect(timeline[1]!.text).toContain('Status alterado de “em análise” para “aguardando peça”.');
    expect(timeline[1]!.text).toContain('Campo atualizado: Problema.');
  });

  it('ignores an event older than the last one applied and says so', async () => {
    await put('OS-4', record({ status: 'novo', occurredAt: '2026-11-22T10:00:00Z' }));
    const stale = await put('OS-4', record({ status: 'velho', occurredAt: '2026-11-21T10:00:00Z' }));
    expect(stale.statusCode).toBe(200);
    expect(stale.json()).toMatchObject({ applied: false, changed: false, status: 'novo' });
    expect(await timelineOf('OS-4')).toHaveLength(1);
  });

  it('keeps a newer identical event as the watermark, so an older change stays stale', async () => {
    await put('OS-4b', record({ occurredAt: '2026-11-20T10:00:00Z' }));
    await put('OS-4b', record({ occurredAt: '2026-11-22T10:00:00Z' }));
    const older = await put('OS-4b', record({ status: 'intermediário', occurredAt: '2026-11-21T10:00:00Z' }));
    expect(older.json()).toMatchObject({ applied: false, status: 'em análise' });
  });

  it('closes the ticket by itself when the record closes, and reopens on a newer open', async () => {
    await put('OS-5', record());
    const closed = await put(
      'OS-5',
      record({ state: 'closed', status: 'finalizada', occurredAt: '2026-11-23T16:05:52-03:00' }),
    );
    expect(closed.json()).toMatchObject({ state: 'closed', status: 'finalizada' });
    const reopened = await put(
      'OS-5',
      record({ state: 'open', status: 'reaberta', occurredAt: '2026-11-24T08:00:00-03:00' }),
    );
    expect(reopened.json()).toMatchObject({ state: 'open', status: 'reaberta' });
    const types = (await timelineOf('OS-5')).map((e) => e.type);
    expect(types).toEqual(['ticket_created', 'ticket_closed', 'ticket_reopened']);
    const view = (await get('OS-5')).json();
    expect(view.closedAt).toBeNull();
  });

  it('marks a ticket critical when the source says so, or when its status is mapped as critical', async () => {
    const flagged = await put('OS-6', record({ critical: true }));
    expect(flagged.json().critical).toBe(true);
    await t.database.db
      .updateTable('sources')
      .set({ critical_statuses: JSON.stringify(['Avaria no Transporte']) })
      .where('id', '=', t.source.sourceId)
      .execute();
    // A key not seen before is resolved afresh (verified keys are cached for a few seconds).
    const { issueApiKey } = await import('../../src/sources/api-keys.js');
    const freshKey = await issueApiKey(t.database.db, t.source.workspaceId, t.source.sourceId);
    const byStatus = await put('OS-6b', record({ status: 'avaria no transporte' }), freshKey.key);
    expect(byStatus.json().critical).toBe(true);
    expect((await get('OS-6b')).json().timeline[0].text).toContain('Chamado marcado como crítico.');
  });

  it('stores phones as given and normalised to E.164 when they parse', async () => {
    await put(
      'OS-7',
      record({ customer: { name: 'João', phones: ['(19) 99876-5432', 'não sei', '+55 21 2555-0101'] } }),
    );
    const view = (await get('OS-7')).json();
    expect(view.customer.phones).toEqual([
      { raw: '(19) 99876-5432', e164: '+5519998765432' },
      { raw: 'não sei', e164: null },
      { raw: '+55 21 2555-0101', e164: '+552125550101' },
    ]);
  });

  it('makes exactly one ticket from concurrent first events of the same record', async () => {
    const responses = await Promise.all(Array.from({ length: 12 }, () => put('OS-RACE', record())));
    const statuses = responses.map((r) => r.statusCode).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(11);
    expect(new Set(responses.map((r) => r.json().id)).size).toBe(1);
    expect(await timelineOf('OS-RACE')).toHaveLength(1);
  });

  it('GET returns the ticket as the source sees it, timeline oldest first', async () => {
    await put('OS-8', record());
    const response = await get('OS-8');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({
      externalId: 'OS-8',
      state: 'open',
      critical: false,
      fields: { processNumber: 'PROC-118274', problem: 'Não gela na parte de baixo' },
      messages: [],
    });
    expect(body.timeline[0]).toMatchObject({ type: 'ticket_created' });
    expect(body.timeline[0].text).toBe('Chamado aberto a partir do registro OS-8 da origem erp (status “em análise”).');
    expect((await get('NOPE')).statusCode).toBe(404);
  });
});
