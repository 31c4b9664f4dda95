import { DEMO, seedDemo } from '../../../dist/demo/seed-demo.js';
import { SOURCE_NAME } from '../workload.mjs';
import { servePonte } from './serve-ponte.mjs';

/**
 * Ponte over the demo workspace (`ponte demo`): its source has a procedure whose first task
 * sends a WhatsApp, so a new ticket also queues its greeting in the outbox, in the same
 * transaction: the same three writes as the minimal handler, plus everything Ponte checks.
 * No dispatcher runs here, so queued messages stay queued, as the minimal handler's do.
 */
if (DEMO.source !== SOURCE_NAME)
  throw new Error(`the demo source is "${DEMO.source}", the load goes to "${SOURCE_NAME}"`);
await servePonte(async (db, config) => (await seedDemo(db, config.secretKey)).apiKey);
