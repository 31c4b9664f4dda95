import { issueApiKey } from '../../../dist/sources/api-keys.js';
import { createSource } from '../../../dist/sources/repository.js';
import { createWorkspace } from '../../../dist/workspaces/create-workspace.js';
import { SOURCE_NAME } from '../workload.mjs';
import { servePonte } from './serve-ponte.mjs';

/** Ponte with one workspace, one source and its API key: no procedure, so no message is queued. */
await servePonte(async (db) => {
  const { workspaceId } = await createWorkspace(db, {
    slug: 'bench',
    name: 'Bench',
    adminEmail: 'admin@bench.example.com',
  });
  const source = await createSource(db, workspaceId, SOURCE_NAME);
  return (await issueApiKey(db, workspaceId, source.id)).key;
});
