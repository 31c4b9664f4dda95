import { execFile, spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/demo/seed-demo.js';
import { ImportFileError, type ImportFileOptions, importFile } from '../../src/ingest/import-file.js';
import { findSource, setSourceMapping } from '../../src/sources/repository.js';
import { findWorkspaceBySlug } from '../../src/workspaces/repository.js';
import { createTestSource, PUBLIC_URL, record, setupTestApp, type TestContext } from '../helpers/app.js';
import { ENGINES } from '../helpers/databases.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ORDENS_CSV = fileURLToPath(new URL('../fixtures/ordens.csv', import.meta.url));
const ORDENS_MAPPING = readFileSync(join(ROOT, 'docs/mappings/ordens-csv.jsonata'), 'utf8');
// A private build, so a build by someone else in the same checkout cannot change it mid-test.
const BUILD_DIR = join(ROOT, 'test-artifacts/import-cli/dist');
const SECRET = 'cd'.repeat(32);

beforeAll(async () => {
  // Type errors elsewhere in the tree still emit JavaScript; only a missing CLI fails the tests.
  await promisify(execFile)(process.execPath, [
    join(ROOT, 'node_modules/typescript/bin/tsc'),
    '-p',
    join(ROOT, 'tsconfig.build.json'),
    '--outDir',
    BUILD_DIR,
  ]).catch(() => undefined);
  readFileSync(join(BUILD_DIR, 'cli/main.js'));
}, 180_000);

const ndjson = (items: unknown[]) => `${items.map((item) => JSON.stringify(item)).join('\n')}\n`;
const at = (minute: number) => new Date(Date.UTC(2026, 10, 20, 12, minute)).toISOString();

/** `count` lines: the first `distinct` create a record each, the others update an earlier one. */
function createsThenUpdates(count: number, distinct: number) {
  return Array.from({ length: count }, (_, i) =>
    i < distinct
      ? { externalId: `OS-${i}`, ...record({ occurredAt: at(0) }) }
      : { externalId: `OS-${(i - distinct) % distinct}`, ...record({ status: `etapa ${i}`, occurredAt: at(i) }) },
  );
}

describe.each(ENGINES)('ponte import on %s', (engine) => {
  let t: TestContext;
  let dir: string;
  beforeAll(async () => {
    t = await setupTestApp(engine);
    dir = mkdtempSync(join(tmpdir(), 'ponte-import-'));
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const file = (name: string, content: string) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  const sourceRow = async (workspace: string, name = 'erp') => {
    const { workspaceId } = await createTestSource(t.database, workspace, name);
    const source = await findSource(t.database.db, workspaceId, name);
    if (!source) throw new Error('source not created');
    return source;
  };
  const run = (path: string, source: ImportFileOptions['source'], options: Partial<ImportFileOptions> = {}) =>
    importFile(t.database, { path, source, publicUrl: PUBLIC_URL, ...options });
  const counts = async (sourceId: number) => {
    const tickets = await t.database.db
      .selectFrom('tickets')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('source_id', '=', sourceId)
      .executeTakeFirstOrThrow();
    const entries = await t.database.db
      .selectFrom('timeline_entries')
      .innerJoin('tickets', 'tickets.id', 'timeline_entries.ticket_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('tickets.source_id', '=', sourceId)
      .executeTakeFirstOrThrow();
    return { tickets: Number(tickets.n), timeline: Number(entries.n) };
  };
  /** What a person sees of a source's tickets, by external id, without ids and times. */
  const ticketsOf = async (sourceId: number) => {
    const rows = await t.database.db
      .selectFrom('tickets')
      .selectAll()
      .where('source_id', '=', sourceId)
      .orderBy('external_id')
      .execute();
    const view: Record<string, unknown> = {};
    for (const row of rows) {
      const timeline = await t.database.db
        .selectFrom('timeline_entries')
        .select(['type', 'text'])
        .where('ticket_id', '=', row.id)
        .orderBy('id')
        .execute();
      const { id, source_id, workspace_id, tracking_token, created_at, updated_at, closed_at, ...seen } = row;
      view[row.external_id] = { ...seen, closed: closed_at !== null, timeline };
    }
    return view;
  };

  it('applies NDJSON batch items with the same outcomes and tickets as the batch API', async () => {
    const items = [
      { externalId: 'A', ...record() },
      { externalId: 'A', ...record() },
      { externalId: 'A', ...record({ status: 'aguardando peça', occurredAt: '2026-11-21T10:00:00-03:00' }) },
      { externalId: 'A', ...record({ status: 'velho', occurredAt: '2026-11-19T10:00:00-03:00' }) },
      { externalId: 'B', ...record({ critical: true, customer: { name: 'João', phones: [] } }) },
      { externalId: 'B', ...record({ state: 'closed', occurredAt: '2026-11-22T10:00:00-03:00' }) },
      { externalId: 'C', ...record({ occurredAt: 'ontem' }) },
    ];
    const viaApi = await createTestSource(t.database, 'via-api', 'erp');
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sources/erp/records:batch',
      headers: { authorization: `Bearer ${viaApi.apiKey}` },
      payload: { records: items },
    });
    expect(response.statusCode).toBe(200);
    const apiOutcomes = (
      response.json().results as { status: number; result?: { applied: boolean; changed: boolean } }[]
    ).map(({ status, result }) =>
      status === 201
        ? 'created'
        : !result
          ? 'rejected'
          : !result.applied
            ? 'stale'
            : result.changed
              ? 'updated'
              : 'unchanged',
    );
    expect(apiOutcomes).toEqual(['created', 'unchanged', 'updated', 'stale', 'created', 'updated', 'rejected']);

    const source = await sourceRow('via-file');
    const summary = await run(file('batch.ndjson', ndjson(items)), source, { chunkSize: 3 });
    expect(summary).toMatchObject({ records: 7, created: 2, updated: 2, unchanged: 1, stale: 1, rejected: 1 });
    expect(summary).toMatchObject({ finished: true, alreadyImported: false, resumedFrom: 0 });
    expect(summary.rejections).toEqual([
      { line: 7, externalId: 'C', field: 'occurredAt', message: expect.stringContaining('ISO 8601') },
    ]);
    expect(await ticketsOf(source.id)).toEqual(await ticketsOf(viaApi.sourceId));
  });

  it('maps NDJSON raw payloads with the source mapping and queues the task messages, as the API does', async () => {
    const demo = await seedDemo(t.database.db, Buffer.alloc(32, 7));
    const workspace = await findWorkspaceBySlug(t.database.db, demo.workspace);
    const source = await findSource(t.database.db, workspace!.id, demo.source);
    const payloads = ['os-assistencia-tecnica.json', 'os-assistencia-tecnica-encerrada.json'].map((name) =>
      JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')),
    );
    const summary = await run(file('erp.ndjson', ndjson(payloads)), source!);
    expect(summary).toMatchObject({ records: 2, created: 1, updated: 1, rejected: 0 });
    const messages = await t.database.db
      .selectFrom('messages')
      .innerJoin('tickets', 'tickets.id', 'messages.ticket_id')
      .select(['messages.template_name', 'messages.content'])
      .where('tickets.source_id', '=', source!.id)
      .orderBy('messages.id')
      .execute();
    expect(messages.map((m) => m.template_name)).toEqual(['abertura_chamado', 'encerramento_chamado']);
    // Links in messages carry the configured public URL, as those queued through the API.
    expect(messages[0]!.content).toContain(`${PUBLIC_URL}/t/`);
  });

  it('imports the ordens.csv fixture through docs/mappings/ordens-csv.jsonata', async () => {
    const source = await sourceRow('planilha');
    await expect(run(ORDENS_CSV, source)).rejects.toThrow(/não tem mapeamento.*ponte source mapping/);
    await setSourceMapping(t.database.db, source.id, ORDENS_MAPPING);
    const summary = await run(ORDENS_CSV, { ...source, mapping: ORDENS_MAPPING });
    expect(summary).toMatchObject({ records: 4, created: 4, rejected: 0, finished: true });
    const tickets = await ticketsOf(source.id);
    expect(tickets['OS-2026-005001']).toMatchObject({
      state: 'open',
      status: 'em análise',
      customer_name: 'Ana Beatriz Rocha',
      customer_email: 'ana.rocha@example.com.br',
      customer_phones: JSON.stringify([{ raw: '(11) 97654-3210', e164: '+5511976543210' }]),
      fields: JSON.stringify({
        issuedAt: '18/11/2026',
        problem: 'Não centrifuga',
        processNumber: 'PROC-118301',
        productDescription: 'Lava e Seca 11kg',
      }),
    });
    expect(tickets['OS-2026-005002']).toMatchObject({ status: 'aguardando peça', customer_email: null });
    expect(tickets['OS-2026-005003']).toMatchObject({ state: 'closed', status: 'finalizada', closed: true });
    expect(tickets['OS-2026-005004']).toMatchObject({ customer_phones: '[]' });
  });

  it('reads a comma-separated CSV with a BOM, CRLF and quoted line breaks', async () => {
    const source = { ...(await sourceRow('virgulas')), mapping: ORDENS_MAPPING };
    const header = 'numero,processo,emissao,situacao,produto,problema,cliente,celular,email,encerrada,ocorrido_em';
    const csv = [
      `\uFEFF${header}`,
      'OS-1,P-1,18/11/2026,EM ANÁLISE,"Geladeira, 400L","Não gela\nna parte de baixo",Ana,(11) 97654-3210,,nao,2026-11-18T10:00:00-03:00',
      'OS-2,P-2,18/11/2026,EM ANÁLISE,Fogão,Forno,Bruno,,,nao',
      ',,,,,,,,,,',
      'OS-3,P-3,18/11/2026,FINALIZADA,Fogão,Forno,,,,sim,2026-11-18T10:00:00-03:00',
      '',
    ].join('\r\n');
    const summary = await run(file('virgulas.csv', csv), source);
    expect(summary).toMatchObject({ records: 3, created: 1, rejected: 2 });
    expect(summary.rejections).toEqual([
      { line: 4, message: 'a linha tem 10 colunas e o cabeçalho, 11' },
      expect.objectContaining({ line: 6, field: 'customer.name' }),
    ]);
    const tickets = await ticketsOf(source.id);
    expect(JSON.parse((tickets['OS-1'] as { fields: string }).fields)).toMatchObject({
      productDescription: 'Geladeira, 400L',
      problem: 'Não gela\nna parte de baixo',
    });
  });

  it('reports each invalid line with its number and field, and applies the others', async () => {
    const source = await sourceRow('invalidas');
    const lines = [
      JSON.stringify({ externalId: 'OK-1', ...record() }),
      '{"externalId": "X", ',
      '',
      JSON.stringify({ externalId: 'X-2', ...record({ customer: { phones: [] } }) }),
      JSON.stringify({ externalId: 'X-3', ...record({ state: 'aberto' }) }),
      JSON.stringify(record()),
      JSON.stringify({ externalId: 'OK-2', ...record() }),
    ];
    const summary = await run(file('invalidas.ndjson', lines.join('\n')), source, { chunkSize: 2 });
    expect(summary).toMatchObject({ records: 6, created: 2, rejected: 4, finished: true });
    expect(summary.rejections).toEqual([
      { line: 2, message: expect.stringMatching(/^JSON inválido/) },
      { line: 4, externalId: 'X-2', field: 'customer.name', message: expect.any(String) },
      { line: 5, externalId: 'X-3', field: 'state', message: expect.any(String) },
      { line: 6, field: 'externalId', message: expect.stringContaining('externalId') },
    ]);
    expect(await counts(source.id)).toEqual({ tickets: 2, timeline: 2 });
  });

  it('keeps the rest of a chunk when the database refuses one record', async () => {
    const refuse =
      engine === 'sqlite'
        ? [
            `create trigger ponte_test_refuse before insert on tickets when new.external_id = 'RECUSADO'
             begin select raise(abort, 'recusado pelo teste'); end`,
          ]
        : [
            `create function ponte_test_refuse() returns trigger language plpgsql as
             $$ begin raise exception 'recusado pelo teste'; end $$`,
            `create trigger ponte_test_refuse before insert on tickets for each row
             when (new.external_id = 'RECUSADO') execute function ponte_test_refuse()`,
          ];
    for (const statement of refuse) await sql.raw(statement).execute(t.database.db);
    const source = await sourceRow('recusa');
    const ids = ['R-1', 'R-2', 'RECUSADO', 'R-4', 'R-5'];
    const summary = await run(
      file('recusa.ndjson', ndjson(ids.map((externalId) => ({ externalId, ...record() })))),
      source,
    );
    expect(summary).toMatchObject({ records: 5, created: 4, rejected: 1, finished: true });
    expect(summary.rejections).toEqual([
      { line: 3, externalId: 'RECUSADO', message: expect.stringContaining('recusado pelo teste') },
    ]);
    expect(await counts(source.id)).toEqual({ tickets: 4, timeline: 4 });
  });

  it('resumes after an interruption without applying a record twice or skipping one', async () => {
    const source = await sourceRow('retomada');
    const path = file('retomada.ndjson', ndjson(createsThenUpdates(50, 30)));
    const controller = new AbortController();
    const first = await run(path, source, {
      chunkSize: 7,
      signal: controller.signal,
      onProgress: (progress) => progress.records >= 21 && controller.abort(),
    });
    expect(first).toMatchObject({ records: 21, created: 21, finished: false });
    expect(await counts(source.id)).toEqual({ tickets: 21, timeline: 21 });

    const second = await run(path, source, { chunkSize: 7 });
    expect(second).toMatchObject({ records: 29, created: 9, updated: 20, unchanged: 0, stale: 0 });
    expect(second).toMatchObject({ resumedFrom: 21, finished: true });
    expect(await counts(source.id)).toEqual({ tickets: 30, timeline: 50 });

    expect(await run(path, source)).toMatchObject({ alreadyImported: true, records: 0, resumedFrom: 50 });
    const again = await run(path, source, { restart: true });
    // From the start again: the updates repeat (unchanged), the creations are now older (stale).
    expect(again).toMatchObject({ records: 50, created: 0, updated: 0, unchanged: 30, stale: 20, resumedFrom: 0 });
    expect(await counts(source.id)).toEqual({ tickets: 30, timeline: 50 });

    // The same name with another size is another file: it starts over (and repeats change nothing).
    appendFileSync(path, ndjson([{ externalId: 'OS-NOVA', ...record() }]));
    expect(await run(path, source)).toMatchObject({ records: 51, created: 1, unchanged: 30, stale: 20 });
  });

  it('refuses a missing file and an unknown extension', async () => {
    const source = await sourceRow('erros');
    await expect(run(join(dir, 'nao-existe.ndjson'), source)).rejects.toThrow(ImportFileError);
    await expect(run(file('dados.xlsx', 'x'), source)).rejects.toThrow(/formato não suportado/);
  });

  describe('the ponte import command', () => {
    const cli = (args: string[]) => ({
      args: [join(BUILD_DIR, 'cli/main.js'), 'import', ...args],
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: t.database.url, PONTE_SECRET_KEY: SECRET },
    });
    const runCli = (args: string[]) => {
      const { args: argv, env } = cli(args);
      return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        execFile(process.execPath, argv, { env }, (error, stdout, stderr) =>
          resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
        );
      });
    };

    it('explains in one line why it cannot import', async () => {
      await createTestSource(t.database, 'cli-erros', 'erp');
      const noMapping = await runCli([ORDENS_CSV, '--workspace', 'cli-erros', '--source', 'erp']);
      expect(noMapping.code).toBe(2);
      expect(noMapping.stderr).toMatch(/^ponte: a origem "erp" não tem mapeamento.*ponte source mapping/);
      const noWorkspace = await runCli([ORDENS_CSV, '--workspace', 'nenhum', '--source', 'erp']);
      expect(noWorkspace).toMatchObject({ code: 2, stderr: expect.stringMatching(/workspace "nenhum" não existe/) });
    });

    it('survives kill -9 mid-import and finishes on the next run, printing one JSON object', async () => {
      const source = await createTestSource(t.database, 'cli', 'erp');
      // Large enough that the import is still running when it is killed (PostgreSQL is slower here).
      const [total, distinct, killAfter] = engine === 'sqlite' ? [8000, 6000, 2000] : [3000, 2400, 600];
      const path = file('grande.ndjson', ndjson(createsThenUpdates(total, distinct)));
      const args = [path, '--workspace', 'cli', '--source', 'erp', '--json'];
      const { args: argv, env } = cli(args);
      const child = spawn(process.execPath, argv, { env, stdio: 'ignore' });
      const exited = new Promise((resolve) => child.on('exit', resolve));
      const progress = () =>
        t.database.db.selectFrom('import_runs').selectAll().where('source_id', '=', source.sourceId).executeTakeFirst();
      for (let done = 0; done < killAfter; done = (await progress())?.records_done ?? 0) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      child.kill('SIGKILL');
      await exited;
      const killed = await progress();
      expect(killed?.finished_at).toBeNull();
      const doneBefore = killed?.records_done ?? 0;
      expect(doneBefore).toBeLessThan(total);
      // Every committed record, and only those: the lines are in order, one ticket per new id.
      expect(await counts(source.sourceId)).toEqual({ tickets: Math.min(doneBefore, distinct), timeline: doneBefore });

      const resumed = await runCli(args);
      expect(resumed.code).toBe(0);
      const output = JSON.parse(resumed.stdout);
      expect(output).toMatchObject({
        file: path,
        workspace: 'cli',
        source: 'erp',
        records: total - doneBefore,
        created: distinct - Math.min(doneBefore, distinct),
        updated: total - Math.max(doneBefore, distinct),
        unchanged: 0,
        stale: 0,
        rejected: 0,
        resumedFrom: doneBefore,
        seconds: expect.any(Number),
      });
      expect(await counts(source.sourceId)).toEqual({ tickets: distinct, timeline: total });

      const repeated = await runCli(args.slice(0, -1));
      expect(repeated.code).toBe(0);
      expect(repeated.stdout).toMatch(/já foi importado.*--restart/);
    }, 120_000);
  });
});
