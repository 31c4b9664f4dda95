import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

const dist = (path) => new URL(`../../dist/${path}`, import.meta.url).href;

/** Bumped when what a seeded ticket holds changes; an older file is brought up to date in place. */
const SEED_VERSION = 2;
const OPEN_STATUSES = [
  [40, 'aguardando peça'],
  [65, 'em análise'],
  [85, 'aguardando técnico'],
  [95, 'em reparo'],
  [100, 'aguardando retirada'],
];

/**
 * The status and critical flag of the i-th seeded ticket, so the console's filters have realistic
 * shares to find: 30% closed ('finalizada'); the open ones spread over five statuses (40, 25, 20,
 * 10 and 5%); about 1.5% of the open ones critical.
 */
export function seededTraits(i) {
  if (i % 10 < 3) return { state: 'closed', status: 'finalizada', critical: 0 };
  const bucket = (i * 7_919) % 100;
  const status = OPEN_STATUSES.find(([upTo]) => bucket < upTo)[1];
  return { state: 'open', status, critical: i % 67 === 0 ? 1 : 0 };
}

/** A version-1 file (every open ticket 'aguardando peça', none critical) gets version 2's traits. */
function upgradeTraits(path, saved, log) {
  const started = Date.now();
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const traits = (externalId) => seededTraits(Number(externalId.slice(3)));
  db.function('seeded_status', { deterministic: true }, (externalId) => traits(externalId).status);
  db.function('seeded_critical', { deterministic: true }, (externalId) => traits(externalId).critical);
  const update = db.prepare(`update tickets set status = seeded_status(external_id),
    critical = seeded_critical(external_id) where id > ? and id <= ? and state = 'open' and external_id like 'OS-%'`);
  const maxId = db.prepare('select max(id) as id from tickets').get().id ?? 0;
  for (let from = 0; from < maxId; from += 50_000) update.run(from, from + 50_000);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  log(
    `seed: statuses and critical flags of version ${SEED_VERSION} in ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
  return { ...saved, version: SEED_VERSION };
}

/**
 * A SQLite file with `count` tickets, as Ponte's migrations make it: the schema comes from
 * `migrateToLatest`, the workspace and source from their own functions, and then rows go in
 * directly, in batched transactions of prepared statements (the API would take hours for a
 * million). Each ticket has a random 128-bit token, realistic fields and phones, two timeline
 * entries (opened, status changed) and a sent greeting; 30% are closed, the open ones spread over
 * statuses and some critical (`seededTraits`). The file is kept in
 * results/ and reused while `count` matches; the tokens are saved beside it.
 */
export async function ensureSeeded(path, count, log = (line) => process.stderr.write(`${line}\n`)) {
  const meta = `${path}.json`;
  if (existsSync(path) && existsSync(meta)) {
    const saved = JSON.parse(readFileSync(meta, 'utf8'));
    if (saved.count === count) {
      if ((saved.version ?? 1) >= SEED_VERSION) return saved;
      const upgraded = upgradeTraits(path, saved, log);
      writeFileSync(meta, JSON.stringify(upgraded));
      return upgraded;
    }
  }
  rmSync(path, { force: true });
  rmSync(`${path}-wal`, { force: true });
  rmSync(`${path}-shm`, { force: true });
  mkdirSync(dirname(path), { recursive: true });

  const { openSqlite } = await import(dist('db/database.js'));
  const { migrateToLatest } = await import(dist('db/migrate.js'));
  const { createWorkspace } = await import(dist('workspaces/create-workspace.js'));
  const { createSource } = await import(dist('sources/repository.js'));
  const ponte = openSqlite(path);
  await migrateToLatest(ponte);
  const { workspaceId } = await createWorkspace(ponte.db, {
    slug: 'bench',
    name: 'Assistência Técnica Bench',
    adminEmail: 'admin@bench.local',
  });
  const source = await createSource(ponte.db, workspaceId, 'erp');
  await ponte.close();

  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const insertTicket = db.prepare(`insert into tickets (workspace_id, source_id, external_id, state, status, critical,
    fields, customer_name, customer_email, customer_phones, tracking_token, last_event_at, created_at, updated_at,
    closed_at, task_entries) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`);
  const insertEntry = db.prepare(
    'insert into timeline_entries (workspace_id, ticket_id, type, text, data, created_at) values (?, ?, ?, ?, ?, ?)',
  );
  const insertMessage = db.prepare(`insert into messages (workspace_id, ticket_id, channel, template_name, language,
    recipient, content, status, attempts, next_attempt_at, idempotency_key, created_at, updated_at, sent_at,
    delivered_at, read_at) values (?, ?, 'whatsapp', 'abertura_chamado', 'pt_BR', ?, ?, 'read', 1, ?, ?, ?, ?, ?, ?, ?)`);

  const start = Date.parse('2026-01-01T12:00:00Z');
  const tokens = new Array(count);
  const closed = [];
  const batch = db.transaction((from, to) => {
    for (let i = from; i < to; i++) {
      const token = randomBytes(16).toString('base64url');
      tokens[i] = token;
      const at = start + i * 20_000;
      const traits = seededTraits(i);
      const isClosed = traits.state === 'closed';
      const phone = `+55119${String(10_000_000 + (i % 89_999_999)).padStart(8, '0')}`;
      const fields = JSON.stringify({
        processNumber: `PROC-${100_000 + i}`,
        issuedAt: '20/11/2026',
        productDescription: ['Geladeira Frost Free 400L Inox', 'Lavadora 12 kg', 'Fogão 5 bocas'][i % 3],
        problem: ['Não gela na parte de baixo', 'Vaza água na centrifugação', 'Acendimento falha'][i % 3],
        serialNumber: `SN${i}`,
      });
      const id = Number(
        insertTicket.run(
          workspaceId,
          source.id,
          `OS-${i}`,
          traits.state,
          traits.status,
          traits.critical,
          fields,
          `Cliente ${i} da Silva`,
          `cliente${i}@example.com.br`,
          JSON.stringify([{ raw: phone, e164: phone }]),
          token,
          at + 3_600_000,
          at,
          at + 3_600_000,
          isClosed ? at + 3_600_000 : null,
        ).lastInsertRowid,
      );
      if (isClosed) closed.push(token);
      insertEntry.run(
        workspaceId,
        id,
        'ticket_created',
        `Chamado aberto a partir do registro OS-${i} da origem erp.`,
        null,
        at,
      );
      insertEntry.run(
        workspaceId,
        id,
        isClosed ? 'ticket_closed' : 'record_updated',
        'Status alterado.',
        JSON.stringify({ changes: { status: ['em análise', traits.status] } }),
        at + 3_600_000,
      );
      const content = JSON.stringify({
        text: `Olá! Recebemos sua solicitação. Acompanhe: http://127.0.0.1/t/${token}?c=w`,
        parameters: [],
        quickReplies: [],
      });
      insertMessage.run(workspaceId, id, phone, content, at, `wa:${id}:1`, at, at, at + 1_000, at + 2_000, at + 3_000);
    }
  });
  const started = Date.now();
  for (let from = 0; from < count; from += 20_000) {
    batch(from, Math.min(count, from + 20_000));
    if (from % 200_000 === 0) log(`seed: ${from.toLocaleString('en')} / ${count.toLocaleString('en')} tickets`);
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.exec('analyze');
  db.close();
  const saved = {
    count,
    version: SEED_VERSION,
    workspaceId,
    seconds: (Date.now() - started) / 1000,
    tokens: 'tokens',
    closed: 'closed',
  };
  writeFileSync(`${path}.tokens`, tokens.join('\n'));
  writeFileSync(`${path}.closed`, closed.join('\n'));
  writeFileSync(meta, JSON.stringify(saved));
  log(`seed: ${count.toLocaleString('en')} tickets in ${saved.seconds.toFixed(0)} s`);
  return saved;
}

export function readTokens(path, kind) {
  return readFileSync(`${path}.${kind}`, 'utf8').split('\n');
}
