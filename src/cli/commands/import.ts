import { type Output, UsageError } from '../output.js';

// Placeholder replaced by the import capability (see issue 3); fails loudly meanwhile.
export async function importCommand(
  _out: Output,
  _file?: string,
  _options: { workspace?: string; source?: string } = {},
) {
  throw new UsageError('import: ainda não implementado');
}
