import { createWorkspace, WorkspaceInputError } from '../../workspaces/create-workspace.js';
import { type Output, UsageError } from '../output.js';
import { withDatabase } from '../with-database.js';

export async function workspaceCreateCommand(
  out: Output,
  slug: string | undefined,
  options: { name?: string; adminEmail?: string },
): Promise<void> {
  if (!slug) throw new UsageError('uso: ponte workspace create <slug> --name <nome> --admin-email <email>');
  if (!options.name) throw new UsageError('--name é obrigatório');
  if (!options.adminEmail) throw new UsageError('--admin-email é obrigatório');
  const created = await withDatabase((database) =>
    createWorkspace(database.db, { slug, name: options.name!, adminEmail: options.adminEmail! }).catch((error) => {
      throw error instanceof WorkspaceInputError ? new UsageError(error.message) : error;
    }),
  );
  out.result(
    { workspace: created.slug, adminEmail: created.adminEmail, adminPassword: created.adminPassword },
    [
      `Workspace "${created.slug}" criado.`,
      `Administrador: ${created.adminEmail}`,
      `Senha inicial (exibida só agora): ${created.adminPassword}`,
    ].join('\n'),
  );
}
