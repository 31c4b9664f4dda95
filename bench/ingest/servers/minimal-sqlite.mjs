import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import Fastify from 'fastify';
import { recordResult, serve } from './serve.mjs';

/**
 * What a toy reaches on SQLite: no auth, no validation, no diff; statements prepared once and
 * the upsert, one timeline insert and one outbox insert in one synchronous transaction, with
 * the same pragmas as Ponte (WAL, synchronous = NORMAL).
 */
const db = new Database(process.env.BENCH_DB_PATH);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.pragma('foreign_keys = ON');
db.exec(`
  create table if not exists tickets (
    id integer primary key autoincrement,
    workspace_id integer not null, source_id integer not null, external_id text not null,
    state text not null, status text, fields text not null,
    customer_name text not null, customer_email text, customer_phones text not null,
    tracking_token text not null unique,
    last_event_at integer not null, created_at integer not null, updated_at integer not null,
    unique (workspace_id, source_id, external_id)
  );
  create table if not exists timeline (
    id integer primary key autoincrement, ticket_id integer not null references tickets (id),
    type text not null, text text not null, created_at integer not null
  );
  create table if not exists outbox (
    id integer primary key autoincrement, ticket_id integer not null references tickets (id),
    template text not null, payload text not null, status text not null default 'pending',
    created_at integer not null
  );
`);

const upsert = db.prepare(`
  insert into tickets (workspace_id, source_id, external_id, state, status, fields, customer_name,
    customer_email, customer_phones, tracking_token, last_event_at, created_at, updated_at)
  values (1, 1, @externalId, @state, @status, @fields, @name, @email, @phones, @token, @at, @now, @now)
  on conflict (workspace_id, source_id, external_id) do update set
    state = excluded.state, status = excluded.status, fields = excluded.fields,
    customer_name = excluded.customer_name, customer_email = excluded.customer_email,
    customer_phones = excluded.customer_phones, last_event_at = excluded.last_event_at,
    updated_at = excluded.updated_at
  returning id, created_at`);
const addTimeline = db.prepare('insert into timeline (ticket_id, type, text, created_at) values (?, ?, ?, ?)');
const addOutbox = db.prepare('insert into outbox (ticket_id, template, payload, created_at) values (?, ?, ?, ?)');

const apply = db.transaction((externalId, record) => {
  const now = Date.now();
  const row = upsert.get({
    externalId,
    state: record.state,
    status: record.status ?? null,
    fields: JSON.stringify(record.fields),
    name: record.customer.name,
    email: record.customer.email ?? null,
    phones: JSON.stringify(record.customer.phones),
    token: randomBytes(16).toString('base64url'),
    at: Date.parse(record.occurredAt),
    now,
  });
  addTimeline.run(row.id, 'record_updated', `Status: ${record.status}`, now);
  addOutbox.run(row.id, 'abertura_chamado', JSON.stringify({ phone: record.customer.phones[0] }), now);
  return { id: row.id, created: row.created_at === now };
});

const app = Fastify({ logger: false });
app.put('/api/v1/sources/:source/records/:externalId', async (request, reply) => {
  const { externalId } = request.params;
  const { id, created } = apply(externalId, request.body);
  return reply.status(created ? 201 : 200).send(recordResult(id, externalId, request.body.status));
});
await serve(app, { close: async () => db.close() });
