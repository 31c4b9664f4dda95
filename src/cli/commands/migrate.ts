import { loadConfig } from '../../config.js';
import { openDatabase } from '../../db/database.js';
import { migrateToLatest } from '../../db/migrate.js';
import type { Output } from '../output.js';

export async function migrateCommand(out: Output): Promise<void> {
  const config = loadConfig();
  const database = openDatabase(config.database);
  try {
    const { results } = await migrateToLatest(database);
    const applied = (results ?? []).map((r) => r.migrationName);
    out.result(
      { engine: database.engine.name, applied },
      applied.length ? `Migrações aplicadas: ${applied.join(', ')}` : 'O esquema já está atualizado.',
    );
  } finally {
    await database.close();
  }
}
