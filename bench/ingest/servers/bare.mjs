import Fastify from 'fastify';
import { recordResult, serve } from './serve.mjs';

/** The ceiling: Fastify parses the same JSON body and answers a fixed JSON, nothing else. */
const app = Fastify({ logger: false });
const answer = recordResult(1, 'OS-1', 'Em análise técnica');
app.put('/api/v1/sources/:source/records/:externalId', async () => answer);
await serve(app);
