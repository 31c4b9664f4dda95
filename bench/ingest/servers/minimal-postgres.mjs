import { randomBytes } from 'node:crypto';
import Fastify from 'fastify';
import pg from 'pg';
import { recordResult, serve } from './serve.mjs';

/**
 * What a toy reaches on PostgreSQL: no auth, no validation, no diff; a pg Pool of 10 (Ponte's
 * default) and, on one client, BEGIN, the upsert, one timeline insert, one outbox insert, COMMIT,
 * each awaited in turn as plain parameterised queries.
 */
const pool = new pg.Pool({ connectionString: process.env.BENCH_DATABASE_URL, max: 10 });
await pool.query(`
  create table if not exists tickets (
    id integer generated always as identity primary key,
    workspace_id integer not null, source_id integer not null, external_id text not null,
    state text not null, status text, fields text not null,
    customer_name text not null, customer_email text, customer_phones text not null,
    tracking_token text not null unique,
    last_event_at bigint not null, created_at bigint not null, updated_at bigint not null,
    unique (workspace_id, source_id, external_id)
  );
  create table if not exists timeline (
    id integer generated always as identity primary key, ticket_id integer not null references tickets (id),
    type text not null, text text not null, created_at bigint not null
  );
  create table if not exists outbox (
    id integer generated always as identity primary key, ticket_id integer not null references tickets (id),
    template text not null, payload text not null, status text not null default 'pending',
    created_at bigint not null
  );
`);

const UPSERT = `
  insert into tickets (workspace_id, source_id, external_id, state, status, fields, customer_name,
    customer_email, customer_phones, tracking_token, last_event_at, created_at, updated_at)
  values (1, 1, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)
  on conflict (workspace_id, source_id, external_id) do update set
    state = excluded.state, status = excluded.status, fields = excluded.fields,
    customer_name = excluded.customer_name, customer_email = excluded.customer_email,
    customer_phones = excluded.customer_phones, last_event_at = excluded.last_event_at,
    updated_at = excluded.updated_at
  returning id, (xmax = 0) as created`;

async function apply(externalId, record) {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const now = Date.now();
    const { rows } = await client.query(UPSERT, [
      externalId,
      record.state,
      record.status ?? null,
      JSON.stringify(record.fields),
      record.customer.name,
      record.customer.email ?? null,
      JSON.stringify(record.customer.phones),
      randomBytes(16).toString('base64url'),
      Date.parse(record.occurredAt),
      now,
    ]);
    const { id, created } = rows[0];
    await client.query('insert into timeline (ticket_id, type, text, created_at) values ($1, $2, $3, $4)', [
      id,
      'record_updated',
      `Status: ${record.status}`,
      now,
    ]);
    await client.query('insert into outbox (ticket_id, template, payload, created_at) values ($1, $2, $3, $4)', [
      id,
      'abertura_chamado',
      JSON.stringify({ phone: record.customer.phones[0] }),
      now,
    ]);
    await client.query('commit');
    return { id, created };
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

const app = Fastify({ logger: false });
app.put('/api/v1/sources/:source/records/:externalId', async (request, reply) => {
  const { externalId } = request.params;
  const { id, created } = await apply(externalId, request.body);
  return reply.status(created ? 201 : 200).send(recordResult(id, externalId, request.body.status));
});
await serve(app, { close: () => pool.end() });
