import { readFile } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import { generatePassword, hashPassword } from '../auth/passwords.js';
import type { DB } from '../db/schema.js';
import { issueApiKey } from '../sources/api-keys.js';
import { createSource, findSource, setCriticalStatuses, setSourceMapping } from '../sources/repository.js';
import { createWorkspace } from '../workspaces/create-workspace.js';
import { findWorkspaceBySlug } from '../workspaces/repository.js';

export const DEMO = {
  slug: 'demo',
  name: 'Assistência Técnica Demo',
  adminEmail: 'admin@demo.ponte.local',
  source: 'erp',
} as const;

const MAPPING_URL = new URL('../../docs/mappings/os-assistencia-tecnica.jsonata', import.meta.url);

export interface DemoCredentials {
  workspace: string;
  source: string;
  apiKey: string;
  adminEmail: string;
  adminPassword: string;
}

/**
 * The demo workspace: an `erp` source whose mapping reads the technical-assistance ERP's own
 * payload (docs/mappings), with its critical statuses. Running it again keeps the data, and
 * issues a new admin password and a new API key (the old ones can't be shown again).
 */
export async function seedDemo(db: Kysely<DB>, now = Date.now()): Promise<DemoCredentials> {
  const mapping = (await readFile(MAPPING_URL, 'utf8')).trim();
  let workspace = await findWorkspaceBySlug(db, DEMO.slug);
  let adminPassword: string;
  if (workspace === undefined) {
    const created = await createWorkspace(db, { slug: DEMO.slug, name: DEMO.name, adminEmail: DEMO.adminEmail }, now);
    adminPassword = created.adminPassword;
    workspace = (await findWorkspaceBySlug(db, DEMO.slug))!;
  } else {
    adminPassword = generatePassword();
    await db
      .updateTable('users')
      .set({ password_hash: await hashPassword(adminPassword), disabled_at: null })
      .where('workspace_id', '=', workspace.id)
      .where('email', '=', DEMO.adminEmail)
      .execute();
  }
  const workspaceId = workspace.id;
  const apiKey = await db.transaction().execute(async (trx) => {
    const source =
      (await findSource(trx, workspaceId, DEMO.source)) ?? (await createSource(trx, workspaceId, DEMO.source, now));
    await setSourceMapping(trx, source.id, mapping);
    await setCriticalStatuses(trx, source.id, ['AVARIA NO TRANSPORTE', 'RECLAMAÇÃO PROCON']);
    return issueApiKey(trx, workspaceId, source.id, now);
  });
  return { workspace: DEMO.slug, source: DEMO.source, apiKey: apiKey.key, adminEmail: DEMO.adminEmail, adminPassword };
}
