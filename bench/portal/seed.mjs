import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

const dist = (path) => new URL(`../../dist/${path}`, import.meta.url).href;

/**
 * A SQLite file with `count` tickets, as Ponte's migrations make it: the schema comes from
 * `migrateToLatest`, the workspace and source from their own functions, and then rows go in
 * directly, in batched transactions of prepared statements (the API would take hours for a
 * million). Each ticket has a random 128-bit token, realistic fields and phones, two timeline
 * entries (opened, status changed) and a sent greeting; 30% are closed. The file is kept in
 * results/ and reused while `count` matches; the tokens are saved beside it.
 */
export async function ensureSeeded(path, count, log = (line) => process.stderr.write(`${line}\n`)) {
  const meta = `${path}.json`;
  if (existsSync(path) && existsSync(meta)) {
    const saved = JSON.parse(readFileSync(meta, 'utf8'));
    if (saved.count === count) return saved;
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
    closed_at, task_entries) values (?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`);
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
      const isClosed = i % 10 < 3;
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
          isClosed ? 'closed' : 'open',
          isClosed ? 'finalizada' : 'aguardando peça',
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
        JSON.stringify({ changes: { status: ['em análise', isClosed ? 'finalizada' : 'aguardando peça'] } }),
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
  const saved = { count, workspaceId, seconds: (Date.now() - started) / 1000, tokens: 'tokens', closed: 'closed' };
  writeFileSync(`${path}.tokens`, tokens.join('\n'));
  writeFileSync(`${path}.closed`, closed.join('\n'));
  writeFileSync(meta, JSON.stringify(saved));
  log(`seed: ${count.toLocaleString('en')} tickets in ${saved.seconds.toFixed(0)} s`);
  return saved;
}

export function readTokens(path, kind) {
  return readFileSync(`${path}.${kind}`, 'utf8').split('\n');
}
