import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyRecordInTransaction, type SourceContext } from '../../src/ingest/apply-record.js';
import { normalizeRecord } from '../../src/ingest/normalize-record.js';
import { formatProtocol } from '../../src/tickets/protocol.js';
import { listTickets } from '../../src/tickets/repository.js';
import { createTestSource, record } from '../helpers/app.js';
import { createTestDatabase, ENGINES, type TestDatabase } from '../helpers/databases.js';

describe.each(ENGINES)('listTickets on %s', (engine) => {
  let database: TestDatabase;
  let erp: SourceContext;
  let other: SourceContext;
  let foreign: SourceContext;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
    const ctx = async (slug: string, name: string): Promise<SourceContext> => {
      const s = await createTestSource(database, slug, name);
      return { workspaceId: s.workspaceId, sourceId: s.sourceId, sourceName: name, criticalStatuses: new Set() };
    };
    erp = await ctx('acme', 'erp');
    other = await ctx('acme', 'logistica');
    foreign = await ctx('globex', 'erp');
    const apply = (source: SourceContext, id: string, overrides: Record<string, unknown>) =>
      applyRecordInTransaction(
        database.db,
        { engine: database.engine, publicUrl: '' },
        source,
        id,
        normalizeRecord(record(overrides) as never),
      );
    for (let i = 1; i <= 25; i++) {
      await apply(erp, `OS-${i}`, {
        state: i % 5 === 0 ? 'closed' : 'open',
        status: i % 2 === 0 ? 'aguardando peça' : 'em análise',
        critical: i % 7 === 0,
        customer: { name: i === 13 ? 'Zuleica Barros' : `Cliente ${i}`, phones: [] },
        fields: { processNumber: `PROC-${1000 + i}` },
      });
    }
    await apply(other, 'LOG-1', { customer: { name: 'Zuleica Barros', phones: [] } });
    await apply(foreign, 'OS-1', { customer: { name: 'Zuleica de Outra Empresa', phones: [] } });
  });
  afterAll(async () => database?.drop());

  const ids = (page: Awaited<ReturnType<typeof listTickets>>) => page.tickets.map((t) => t.external_id);

  it('pages newest first with a cursor, within the workspace only', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listTickets(database.db, erp.workspaceId, {}, { limit: 10, cursor });
      seen.push(...ids(page));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(26);
    expect(seen[0]).toBe('LOG-1');
    expect(new Set(seen).size).toBe(26);
  });

  it('filters by state, status, critical and source', async () => {
    const closed = await listTickets(database.db, erp.workspaceId, { state: 'closed' }, { limit: 50 });
    expect(ids(closed).sort()).toEqual(['OS-10', 'OS-15', 'OS-20', 'OS-25', 'OS-5']);
    const critical = await listTickets(database.db, erp.workspaceId, { critical: true }, { limit: 50 });
    expect(ids(critical).sort()).toEqual(['OS-14', 'OS-21', 'OS-7']);
    const waiting = await listTickets(
      database.db,
      erp.workspaceId,
      { status: 'aguardando peça', source: 'erp' },
      { limit: 50 },
    );
    expect(waiting.tickets).toHaveLength(12);
    const logistics = await listTickets(database.db, erp.workspaceId, { source: 'logistica' }, { limit: 50 });
    expect(ids(logistics)).toEqual(['LOG-1']);
  });

  it('searches by protocol, process number and part of the customer name', async () => {
    const byName = await listTickets(database.db, erp.workspaceId, { q: 'zuleica' }, { limit: 50 });
    expect(ids(byName).sort()).toEqual(['LOG-1', 'OS-13']);
    const byProcess = await listTickets(database.db, erp.workspaceId, { q: 'PROC-1003' }, { limit: 50 });
    expect(ids(byProcess)).toEqual(['OS-3']);
    const target = byName.tickets.find((t) => t.external_id === 'OS-13')!;
    const byProtocol = await listTickets(
      database.db,
      erp.workspaceId,
      { q: formatProtocol(target.id, target.created_at) },
      { limit: 50 },
    );
    expect(ids(byProtocol)).toEqual(['OS-13']);
    const wildcard = await listTickets(database.db, erp.workspaceId, { q: '%' }, { limit: 50 });
    expect(wildcard.tickets).toHaveLength(0);
  });
});
