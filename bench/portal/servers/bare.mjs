import Fastify from 'fastify';
import { serve } from './serve.mjs';

/** The ceiling: Fastify routing the same URLs and answering a fixed JSON, nothing else. */
const app = Fastify({ logger: false });
const answer = { ok: true, page: 'fixed' };
app.get('/t/:token', async () => answer);
await serve(app);
