import { readFile } from 'node:fs/promises';
import { compileMapping, MappingSyntaxError } from '../../ingest/mapping.js';
import { issueApiKey, listApiKeys, revokeApiKey } from '../../sources/api-keys.js';
import { createSource, SOURCE_NAME_PATTERN, setCriticalStatuses, setSourceMapping } from '../../sources/repository.js';
import { type Output, UsageError } from '../output.js';
import { requireSource, requireWorkspace, withDatabase } from '../with-database.js';

export async function sourceCreateCommand(out: Output, slug?: string, name?: string): Promise<void> {
  if (!slug || !name) throw new UsageError('uso: ponte source create <workspace> <origem>');
  if (!SOURCE_NAME_PATTERN.test(name)) {
    throw new UsageError(`nome de origem inválido "${name}": use letras minúsculas, dígitos, ".", "-" e "_"`);
  }
  const key = await withDatabase(async (database) => {
    const workspace = await requireWorkspace(database, slug);
    return database.db.transaction().execute(async (trx) => {
      const existing = await trx
        .selectFrom('sources')
        .select('id')
        .where('workspace_id', '=', workspace.id)
        .where('name', '=', name)
        .executeTakeFirst();
      if (existing)
        throw new UsageError(`a origem "${name}" já existe em "${slug}" (nova chave: ponte source key create)`);
      const source = await createSource(trx, workspace.id, name);
      return issueApiKey(trx, workspace.id, source.id);
    });
  });
  out.result(
    { source: name, apiKey: key.key },
    `Origem "${name}" criada.\nChave de API (exibida só agora): ${key.key}`,
  );
}

export async function sourceKeyCommand(out: Output, action?: string, slug?: string, name?: string, prefix?: string) {
  await withDatabase(async (database) => {
    const workspace = await requireWorkspace(database, slug);
    switch (action) {
      case 'create': {
        const source = await requireSource(database, workspace, name);
        const key = await issueApiKey(database.db, workspace.id, source.id);
        out.result(
          { source: source.name, apiKey: key.key, prefix: key.prefix },
          `Nova chave de "${source.name}" (exibida só agora): ${key.key}`,
        );
        return;
      }
      case 'list': {
        const keys = await listApiKeys(database.db, workspace.id, name);
        out.result(
          {
            keys: keys.map((k) => ({
              ...k,
              createdAt: new Date(k.createdAt).toISOString(),
              revokedAt: k.revokedAt ? new Date(k.revokedAt).toISOString() : null,
              lastUsedAt: k.lastUsedAt ? new Date(k.lastUsedAt).toISOString() : null,
            })),
          },
          keys.length === 0
            ? 'Nenhuma chave.'
            : keys
                .map(
                  (k) =>
                    `pk_${k.prefix}_…  ${k.source}  criada ${new Date(k.createdAt).toISOString()}${k.revokedAt ? '  REVOGADA' : ''}`,
                )
                .join('\n'),
        );
        return;
      }
      case 'revoke': {
        // `ponte source key revoke <workspace> <prefix>`: the prefix alone names the key.
        // Accepts the bare prefix or anything starting with pk_<prefix> (a prefix may contain "_").
        const given = prefix ?? name;
        const keyPrefix = given?.startsWith('pk_') ? given.slice(3, 11) : given;
        if (!keyPrefix) throw new UsageError('uso: ponte source key revoke <workspace> <prefixo>');
        const revoked = await revokeApiKey(database.db, workspace.id, keyPrefix);
        if (!revoked) throw new UsageError(`nenhuma chave ativa com o prefixo "${keyPrefix}" em "${workspace.slug}"`);
        out.result({ revoked: keyPrefix }, `Chave pk_${keyPrefix}_… revogada.`);
        return;
      }
      default:
        throw new UsageError('uso: ponte source key create|list|revoke <workspace> [origem|prefixo]');
    }
  });
}

export async function sourceMappingCommand(out: Output, slug?: string, name?: string, file?: string) {
  if (!file)
    throw new UsageError(
      'uso: ponte source mapping <workspace> <origem> --file <mapeamento.jsonata> (ou --file - para remover)',
    );
  const expression = file === '-' ? null : (await readFile(file, 'utf8')).trim();
  if (expression !== null) {
    try {
      compileMapping(expression);
    } catch (error) {
      if (error instanceof MappingSyntaxError) throw new UsageError(error.message);
      throw error;
    }
  }
  await withDatabase(async (database) => {
    const workspace = await requireWorkspace(database, slug);
    const source = await requireSource(database, workspace, name);
    await setSourceMapping(database.db, source.id, expression);
  });
  out.result({ source: name, mapping: expression !== null }, expression ? 'Mapeamento salvo.' : 'Mapeamento removido.');
}

export async function sourceCriticalCommand(out: Output, slug?: string, name?: string, statuses: string[] = []) {
  await withDatabase(async (database) => {
    const workspace = await requireWorkspace(database, slug);
    const source = await requireSource(database, workspace, name);
    await setCriticalStatuses(database.db, source.id, statuses);
  });
  out.result(
    { source: name, criticalStatuses: statuses },
    statuses.length ? `Status críticos de "${name}": ${statuses.join(', ')}` : `"${name}" não tem status críticos.`,
  );
}
