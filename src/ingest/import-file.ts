import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { CsvError, parse } from 'csv-parse';
import { parse as parseCsvText } from 'csv-parse/sync';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database.js';
import type { DB, Source } from '../db/schema.js';
import { ApiError } from '../http/errors.js';
import { compileValidator } from '../http/validation.js';
import { loadWorkspaceConfig } from '../procedures/workspace-config.js';
import { type ApplyEnv, type ApplyOutcome, applyRecord, type SourceContext } from './apply-record.js';
import { mapPayload } from './mapping.js';
import { type NormalizedRecord, normalizeRecord } from './normalize-record.js';
import { BatchItem, ExternalId } from './record-schema.js';

/**
 * `ponte import`: a file of records applied with the API's semantics (normalizeRecord +
 * applyRecord), streamed, in chunks of one transaction each. The chunk's transaction also moves
 * the file's `import_runs` row to the byte just after the chunk, so after a kill the next run
 * starts exactly there: nothing applied twice, nothing skipped.
 */
export const IMPORT_FORMATS = { '.ndjson': 'ndjson', '.jsonl': 'ndjson', '.csv': 'csv' } as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[keyof typeof IMPORT_FORMATS];

export function importFormatOf(path: string): ImportFormat | undefined {
  return IMPORT_FORMATS[extname(path).toLowerCase() as keyof typeof IMPORT_FORMATS];
}

/** A file that cannot be imported as given; the message is a pt-BR line for the person running it. */
export class ImportFileError extends Error {
  override readonly name = 'ImportFileError';
}

export interface ImportProgress {
  bytesDone: number;
  bytesTotal: number;
  /** Where this run started: rates and ETA count only this run's bytes. */
  bytesAtStart: number;
  records: number;
  elapsedMs: number;
}

export interface ImportRejection {
  line: number;
  externalId?: string;
  field?: string;
  message: string;
}

export interface ImportSummary {
  records: number;
  created: number;
  updated: number;
  unchanged: number;
  stale: number;
  rejected: number;
  /** Records done by earlier, interrupted runs of the same file. */
  resumedFrom: number;
  seconds: number;
  /** The whole file is imported; false when the signal stopped the run before its end. */
  finished: boolean;
  /** The file was already imported whole; nothing was done. */
  alreadyImported: boolean;
  /** The first `maxRejections` rejected records, in file order. */
  rejections: ImportRejection[];
}

export interface ImportFileOptions {
  path: string;
  source: Source;
  /** Base of the links in messages the records' tasks queue (config.publicUrl), as for the API. */
  publicUrl: string;
  /** Import again from the start a file already imported (or half imported). */
  restart?: boolean;
  /** Records per transaction. */
  chunkSize?: number;
  maxRejections?: number;
  /** Stops after the chunk being applied commits (the CLI wires it to SIGINT/SIGTERM). */
  signal?: AbortSignal;
  /** Called after every committed chunk. */
  onProgress?: (progress: ImportProgress) => void;
}

export function sourceContextOf(source: Source): SourceContext {
  return {
    workspaceId: source.workspace_id,
    sourceId: source.id,
    sourceName: source.name,
    criticalStatuses: new Set(
      (JSON.parse(source.critical_statuses) as string[]).map((s) => s.toLocaleUpperCase('pt-BR')),
    ),
  };
}

// The same schema, hence the same acceptance and field paths, as the batch endpoint's items.
const validateBatchItem = compileValidator(BatchItem);
const validateExternalId = compileValidator(ExternalId);

/** One record as read from the file: its first line, the byte just after it, and its payload. */
interface RawRecord {
  line: number;
  end: number;
  payload?: unknown;
  /** Why the record could not even be read (bad JSON, wrong column count). */
  problem?: string;
}

type ChunkItem =
  | { ok: true; line: number; end: number; externalId: string; record: NormalizedRecord }
  | { ok: false; end: number; rejection: ImportRejection };

class ImportConflictError extends ImportFileError {}

export async function importFile(database: Database, options: ImportFileOptions): Promise<ImportSummary> {
  const startedAt = Date.now();
  const { path, source } = options;
  const format = importFormatOf(path);
  if (format === undefined) throw new ImportFileError(`formato não suportado: ${basename(path)} (use .ndjson ou .csv)`);
  const stats = await stat(path).catch(() => undefined);
  if (!stats?.isFile()) throw new ImportFileError(`arquivo não encontrado: ${path}`);
  if (format === 'csv' && !source.mapping) {
    throw new ImportFileError(
      `a origem "${source.name}" não tem mapeamento, e as linhas de um CSV precisam de um para virar registros: ` +
        `ponte source mapping <workspace> ${source.name} --file <mapeamento.jsonata> (exemplo: docs/mappings/ordens-csv.jsonata)`,
    );
  }
  const csv = format === 'csv' ? await readCsvHeader(path) : undefined;
  // A changed file (size or mtime) is another file: it starts over instead of resuming mid-way.
  const fileKey = `${basename(path)}:${stats.size}:${Math.trunc(stats.mtimeMs)}`;
  const run = await openRun(database.db, source, fileKey, options.restart === true);
  const summary: ImportSummary = {
    records: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    stale: 0,
    rejected: 0,
    resumedFrom: run.records_done,
    seconds: 0,
    finished: run.finished_at !== null,
    alreadyImported: run.finished_at !== null,
    rejections: [],
  };
  if (summary.alreadyImported) return summary;

  const chunkSize = options.chunkSize ?? 1000;
  const maxRejections = options.maxRejections ?? 20;
  const start = Math.max(run.position, csv?.end ?? 0);
  const firstLine = (await countNewlines(path, start)) + 1;
  const records =
    csv === undefined ? readNdjsonLines(path, start, firstLine) : readCsvRows(path, start, firstLine, csv);
  let position = run.position;
  let chunk: ChunkItem[] = [];

  const target: ChunkTarget = {
    db: database.db,
    env: { engine: database.engine, publicUrl: options.publicUrl },
    source: sourceContextOf(source),
    runId: run.id,
    tally(outcome) {
      summary[outcome] += 1;
    },
    reject(rejection) {
      summary.rejected += 1;
      if (summary.rejections.length < maxRejections) summary.rejections.push(rejection);
    },
  };
  const progress = () =>
    options.onProgress?.({
      bytesDone: position,
      bytesTotal: stats.size,
      bytesAtStart: run.position,
      records: summary.records,
      elapsedMs: Date.now() - startedAt,
    });
  const commit = async () => {
    await commitChunk(target, position, chunk);
    summary.records += chunk.length;
    position = chunk.at(-1)?.end ?? position;
    chunk = [];
    progress();
  };

  progress();
  for await (const raw of records) {
    chunk.push(await prepare(raw, source.mapping));
    if (chunk.length >= chunkSize) {
      await commit();
      if (options.signal?.aborted) break;
    }
  }
  if (!options.signal?.aborted) {
    if (chunk.length > 0) await commit();
    await finishRun(database.db, run.id, position, stats.size);
    position = stats.size;
    summary.finished = true;
    progress();
  }
  summary.seconds = (Date.now() - startedAt) / 1000;
  return summary;
}

/** Validates and normalises one record outside any transaction, as the API would before applying it. */
async function prepare(raw: RawRecord, mapping: string | null): Promise<ChunkItem> {
  const { line, end } = raw;
  if (raw.problem !== undefined) return { ok: false, end, rejection: { line, message: raw.problem } };
  const externalIdOf = (value: unknown) => (value as { externalId?: unknown } | null)?.externalId;
  let externalId: unknown = mapping ? undefined : externalIdOf(raw.payload);
  try {
    let item: { externalId: string } & Parameters<typeof normalizeRecord>[0];
    if (mapping) {
      item = await mapPayload(mapping, raw.payload);
    } else {
      if (!validateExternalId(externalId).ok) {
        throw new ApiError(
          'invalid_body',
          'externalId',
          'externalId ausente ou inválido (texto de 1 a 200 caracteres).',
        );
      }
      const validated = validateBatchItem(raw.payload);
      if (!validated.ok) throw validated.error;
      item = validated.value;
    }
    const { externalId: id, ...input } = item;
    externalId = id;
    return { ok: true, line, end, externalId: id, record: normalizeRecord(input) };
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    const rejection: ImportRejection = { line, message: error.message };
    if (typeof externalId === 'string') rejection.externalId = externalId;
    if (error.field) rejection.field = error.field;
    return { ok: false, end, rejection };
  }
}

/** Where a chunk goes and how its outcomes are counted. */
interface ChunkTarget {
  db: Kysely<DB>;
  env: ApplyEnv;
  source: SourceContext;
  runId: number;
  tally(outcome: ApplyOutcome): void;
  reject(rejection: ImportRejection): void;
}

/**
 * Applies a chunk in one transaction that also advances the run. If the transaction fails, the
 * chunk is applied again one record per transaction, so a record the database refuses is
 * rejected alone and the others are kept.
 */
async function commitChunk(target: ChunkTarget, from: number, chunk: ChunkItem[]): Promise<void> {
  const { db, source, runId } = target;
  // The workspace's procedures and templates, read once per chunk, before its transaction.
  const env: ApplyEnv = { ...target.env, config: await loadWorkspaceConfig(db, source.workspaceId) };
  const to = chunk.at(-1)?.end ?? from;
  let outcomes: ApplyOutcome[];
  try {
    outcomes = await db.transaction().execute(async (trx) => {
      await advanceRun(trx, runId, from, to, chunk.length);
      const applied: ApplyOutcome[] = [];
      for (const item of chunk) {
        if (item.ok) applied.push((await applyRecord(trx, env, source, item.externalId, item.record)).outcome);
      }
      return applied;
    });
  } catch (error) {
    if (error instanceof ImportConflictError) throw error;
    return commitOneByOne(target, from, chunk);
  }
  outcomes.forEach(target.tally);
  for (const item of chunk) if (!item.ok) target.reject(item.rejection);
}

async function commitOneByOne(target: ChunkTarget, from: number, chunk: ChunkItem[]): Promise<void> {
  const { db, env, source, runId } = target;
  let position = from;
  let consumed = 0;
  let firstError: unknown;
  let refused = 0;
  let committed = 0;
  for (const [index, item] of chunk.entries()) {
    if (!item.ok) continue;
    try {
      // Each record's transaction also covers the rejected records before it, so a kill here
      // resumes right after the last record that committed.
      const outcome = await db.transaction().execute(async (trx) => {
        await advanceRun(trx, runId, position, item.end, index + 1 - consumed);
        return (await applyRecord(trx, env, source, item.externalId, item.record)).outcome;
      });
      target.tally(outcome);
      committed += 1;
      position = item.end;
      consumed = index + 1;
    } catch (error) {
      if (error instanceof ImportConflictError) throw error;
      firstError ??= error;
      refused += 1;
      const message = error instanceof Error ? error.message : String(error);
      chunk[index] = {
        ok: false,
        end: item.end,
        rejection: { line: item.line, externalId: item.externalId, message: `o banco recusou o registro: ${message}` },
      };
    }
  }
  // Every record of the chunk refused is not a bad record but a broken database (or a bug):
  // stop, so the next run retries the chunk, instead of skipping the chunk as refused.
  if (committed === 0 && refused > 1) throw firstError;
  // When the database itself is down, this update fails too and the import stops here.
  const to = chunk.at(-1)?.end ?? from;
  if (consumed < chunk.length) {
    await db.transaction().execute((trx) => advanceRun(trx, runId, position, to, chunk.length - consumed));
  }
  for (const item of chunk) if (!item.ok) target.reject(item.rejection);
}

async function openRun(db: Kysely<DB>, source: Source, fileKey: string, restart: boolean) {
  const now = Date.now();
  const key = { workspace_id: source.workspace_id, source_id: source.id, file_key: fileKey };
  await db
    .insertInto('import_runs')
    .values({ ...key, position: 0, records_done: 0, finished_at: null, updated_at: now })
    .onConflict((oc) => oc.columns(['workspace_id', 'source_id', 'file_key']).doNothing())
    .execute();
  const byKey = db
    .updateTable('import_runs')
    .where('workspace_id', '=', key.workspace_id)
    .where('source_id', '=', key.source_id)
    .where('file_key', '=', fileKey);
  if (restart) await byKey.set({ position: 0, records_done: 0, finished_at: null, updated_at: now }).execute();
  return db
    .selectFrom('import_runs')
    .selectAll()
    .where('workspace_id', '=', key.workspace_id)
    .where('source_id', '=', key.source_id)
    .where('file_key', '=', fileKey)
    .executeTakeFirstOrThrow();
}

/**
 * Moves the run from `from` to `to` only if it still is at `from`: a second import of the same
 * file running at once (or a --restart beside it) finds the row moved, and its transaction rolls
 * back instead of applying the records again.
 */
async function advanceRun(trx: Transaction<DB>, runId: number, from: number, to: number, records: number) {
  const result = await trx
    .updateTable('import_runs')
    .set((eb) => ({ position: to, records_done: eb('records_done', '+', records), updated_at: Date.now() }))
    .where('id', '=', runId)
    .where('position', '=', from)
    .where('finished_at', 'is', null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) {
    throw new ImportConflictError('outra importação deste arquivo está em andamento (ou o reiniciou); tente depois');
  }
}

async function finishRun(db: Kysely<DB>, runId: number, from: number, size: number) {
  await db.transaction().execute(async (trx) => {
    await advanceRun(trx, runId, from, size, 0);
    await trx.updateTable('import_runs').set({ finished_at: Date.now() }).where('id', '=', runId).execute();
  });
}

const NEWLINE = 0x0a;
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const READ_BUFFER_BYTES = 1 << 20;
const MAX_LINE_BYTES = 16 << 20;

/** Lines before `end`: a resumed run numbers its lines as the file does. */
async function countNewlines(path: string, end: number): Promise<number> {
  if (end === 0) return 0;
  let count = 0;
  for await (const buffer of createReadStream(path, { end: end - 1, highWaterMark: READ_BUFFER_BYTES })) {
    for (let at = (buffer as Buffer).indexOf(NEWLINE); at !== -1; at = (buffer as Buffer).indexOf(NEWLINE, at + 1)) {
      count += 1;
    }
  }
  return count;
}

/** NDJSON split by bytes (not characters), so each record's end is an exact file offset. */
async function* readNdjsonLines(path: string, start: number, firstLine: number): AsyncGenerator<RawRecord> {
  let carry: Buffer | undefined;
  let offset = start;
  let line = firstLine;
  for await (const read of createReadStream(path, { start, highWaterMark: READ_BUFFER_BYTES })) {
    const data: Buffer = carry ? Buffer.concat([carry, read as Buffer]) : (read as Buffer);
    let from = offset === 0 && data.subarray(0, 3).equals(UTF8_BOM) ? 3 : 0;
    for (let newline = data.indexOf(NEWLINE, from); newline !== -1; newline = data.indexOf(NEWLINE, from)) {
      const record = parseLine(data, from, newline, line, offset + newline + 1);
      if (record) yield record;
      line += 1;
      from = newline + 1;
    }
    carry = data.subarray(from);
    offset += from;
    if (carry.length > MAX_LINE_BYTES) throw new ImportFileError(`a linha ${line} passa de 16 MB; o arquivo é NDJSON?`);
  }
  if (carry && carry.length > 0) {
    const record = parseLine(carry, 0, carry.length, line, offset + carry.length);
    if (record) yield record;
  }
}

function parseLine(data: Buffer, from: number, to: number, line: number, end: number): RawRecord | undefined {
  const text = data.toString('utf8', from, to);
  if (text.trim() === '') return undefined;
  try {
    return { line, end, payload: JSON.parse(text) };
  } catch (error) {
    return { line, end, problem: `JSON inválido: ${(error as Error).message}` };
  }
}

interface CsvHeader {
  columns: string[];
  delimiter: string;
  /** The byte just after the header row. */
  end: number;
}

/** The header row, read on its own so a resumed run can start mid-file; the delimiter is guessed from it. */
async function readCsvHeader(path: string): Promise<CsvHeader> {
  const handle = await open(path);
  const buffer = Buffer.alloc(64 * 1024);
  const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0).finally(() => handle.close());
  const bom = buffer.subarray(0, 3).equals(UTF8_BOM) ? 3 : 0;
  const newline = buffer.subarray(0, bytesRead).indexOf(NEWLINE);
  if (newline === -1 && bytesRead === buffer.length)
    throw new ImportFileError('a primeira linha do CSV passa de 64 KB');
  const end = newline === -1 ? bytesRead : newline + 1;
  const text = buffer.toString('utf8', bom, end).replace(/\r?\n$/, '');
  // Brazilian spreadsheets export with ";" (the comma is the decimal separator); others use ",".
  const counts = [';', ',', '\t'].map((delimiter) => ({ delimiter, count: text.split(delimiter).length }));
  const delimiter = counts.reduce((best, next) => (next.count > best.count ? next : best)).delimiter;
  const [columns = []] = parseCsvText(text, { delimiter, relax_quotes: true }) as string[][];
  const names = columns.map((column) => column.trim());
  if (names.length === 0 || names.some((name) => name === '')) {
    throw new ImportFileError('a primeira linha do CSV deve ser o cabeçalho, com um nome em cada coluna');
  }
  const repeated = names.find((name, index) => names.indexOf(name) !== index);
  if (repeated) throw new ImportFileError(`o cabeçalho do CSV repete a coluna "${repeated}"`);
  return { columns: names, delimiter, end };
}

/** CSV rows as objects keyed by the header, the shape a mapping reads. */
async function* readCsvRows(
  path: string,
  start: number,
  firstLine: number,
  header: CsvHeader,
): AsyncGenerator<RawRecord> {
  const file = createReadStream(path, { start, highWaterMark: READ_BUFFER_BYTES });
  const parser = file.pipe(
    parse({
      delimiter: header.delimiter,
      record_delimiter: ['\r\n', '\n'],
      info: true,
      relax_quotes: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }),
  );
  let lastLine = firstLine - 1;
  let emptyLines = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: CsvInfo }>) {
      // A quoted field may hold line breaks: the row starts on the line after the previous row.
      const line = lastLine + 1 + info.empty_lines - emptyLines;
      lastLine = firstLine + info.lines - 1;
      emptyLines = info.empty_lines;
      const end = start + info.bytes;
      // Spreadsheets often end with rows of empty cells (";;;;"): nothing to import there.
      if (record.every((value) => value.trim() === '')) continue;
      if (record.length !== header.columns.length) {
        yield {
          line,
          end,
          problem: `a linha tem ${record.length} colunas e o cabeçalho, ${header.columns.length}`,
        } satisfies RawRecord;
        continue;
      }
      const payload: Record<string, string> = {};
      header.columns.forEach((column, index) => {
        payload[column] = record[index] as string;
      });
      yield { line, end, payload } satisfies RawRecord;
    }
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const where = (error as CsvError & { lines?: number }).lines;
    throw new ImportFileError(
      `CSV malformado${where ? ` perto da linha ${firstLine + where - 1}` : ''} (${error.code}); corrija e rode de novo`,
    );
  } finally {
    file.destroy();
  }
}

interface CsvInfo {
  bytes: number;
  lines: number;
  empty_lines: number;
}
