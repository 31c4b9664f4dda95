import type { Kysely } from 'kysely';
import { generatePassword, hashPassword } from '../auth/passwords.js';
import type { DB } from '../db/schema.js';
import { WORKSPACE_SLUG_PATTERN } from './repository.js';

export class WorkspaceInputError extends Error {
  override readonly name = 'WorkspaceInputError';
}

export interface CreatedWorkspace {
  workspaceId: number;
  slug: string;
  adminEmail: string;
  /** Shown once; only its scrypt hash is stored. */
  adminPassword: string;
}

/** A workspace and its first admin, in one transaction: both or neither. */
export async function createWorkspace(
  db: Kysely<DB>,
  input: { slug: string; name: string; adminEmail: string },
  now = Date.now(),
): Promise<CreatedWorkspace> {
  if (!WORKSPACE_SLUG_PATTERN.test(input.slug)) {
    throw new WorkspaceInputError(`slug inválido "${input.slug}": use letras minúsculas, dígitos e hífens`);
  }
  if (input.name.trim() === '') throw new WorkspaceInputError('--name é obrigatório');
  const adminEmail = input.adminEmail.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(adminEmail)) {
    throw new WorkspaceInputError(`--admin-email inválido "${input.adminEmail}"`);
  }
  const adminPassword = generatePassword();
  const passwordHash = await hashPassword(adminPassword);
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('workspaces').select('id').where('slug', '=', input.slug).executeTakeFirst();
    if (existing) throw new WorkspaceInputError(`o workspace "${input.slug}" já existe`);
    const workspace = await trx
      .insertInto('workspaces')
      .values({ slug: input.slug, name: input.name.trim(), created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('users')
      .values({
        workspace_id: workspace.id,
        email: adminEmail,
        name: 'Administrador',
        role: 'admin',
        password_hash: passwordHash,
        created_at: now,
      })
      .execute();
    return { workspaceId: workspace.id, slug: input.slug, adminEmail, adminPassword };
  });
}
