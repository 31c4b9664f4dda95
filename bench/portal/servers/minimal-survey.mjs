import Database from 'better-sqlite3';
import Fastify from 'fastify';
import { serve } from './serve.mjs';

/**
 * What a toy survey endpoint does: parse the form, one prepared INSERT (each its own autocommit
 * transaction), redirect. No form token, no rate limit, no ticket lookup, no timeline. Same
 * database file and pragmas as Ponte (WAL, synchronous = NORMAL), its own table.
 */
const db = new Database(process.env.BENCH_DB_PATH);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.exec(`create table if not exists bench_minimal_answers (
  id integer primary key autoincrement, token text not null unique, csat integer not null,
  comment text, channel text not null, created_at integer not null)`);
const insert = db.prepare(
  'insert into bench_minimal_answers (token, csat, comment, channel, created_at) values (?, ?, ?, ?, ?) on conflict (token) do nothing',
);

const app = Fastify({ logger: false });
app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) =>
  done(null, Object.fromEntries(new URLSearchParams(body))),
);
app.post('/s/:token', async (request, reply) => {
  const { token } = request.params;
  const { csat, comment, c } = request.body;
  insert.run(token, Number(csat), comment || null, c === 'w' ? 'whatsapp' : 'unknown', Date.now());
  return reply.redirect(`/s/${token}/obrigado?c=w`, 303);
});
await serve(app, async () => db.close());
