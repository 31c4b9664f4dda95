import { loadConfig } from '../config.js';
import { type Database, openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import type { Workspace } from '../db/schema.js';
import { findSource } from '../sources/repository.js';
import { findWorkspaceBySlug } from '../workspaces/repository.js';
import { UsageError } from './output.js';

/** Opens the configured database, brings the schema up to date, runs `work`, closes. */
export async function withDatabase<T>(work: (database: Database) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = openDatabase(config.database);
  try {
    await migrateToLatest(database);
    return await work(database);
  } finally {
    await database.close();
  }
}

export async function requireWorkspace(database: Database, slug: string | undefined): Promise<Workspace> {
  if (!slug) throw new UsageError('informe o workspace (slug)');
  const workspace = await findWorkspaceBySlug(database.db, slug);
  if (!workspace) throw new UsageError(`workspace "${slug}" não existe (crie com: ponte workspace create ${slug} …)`);
  return workspace;
}

export async function requireSource(database: Database, workspace: Workspace, name: string | undefined) {
  if (!name) throw new UsageError('informe a origem');
  const source = await findSource(database.db, workspace.id, name);
  if (!source) throw new UsageError(`origem "${name}" não existe no workspace "${workspace.slug}"`);
  return source;
}
