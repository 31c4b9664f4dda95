import { basename } from 'node:path';
import { loadConfig } from '../../config.js';
import { ImportFileError, type ImportSummary, importFile, importFormatOf } from '../../ingest/import-file.js';
import { createProgressReporter } from '../../ingest/import-progress.js';
import { type Output, UsageError } from '../output.js';
import { requireSource, requireWorkspace, withDatabase } from '../with-database.js';

const USAGE =
  'uso: ponte import <arquivo.ndjson|arquivo.csv> --workspace <slug> --source <origem> [--restart] [--json]';
const numbers = new Intl.NumberFormat('pt-BR', { maximumFractionDigits: 1 });

/**
 * `ponte import`: the file's records with the API's semantics, resumable. Ctrl-C (or SIGTERM)
 * stops after the chunk being written commits, and the same command continues from there; a
 * second Ctrl-C exits at once, which is as safe as kill -9 (the chunk in flight rolls back).
 */
export async function importCommand(
  out: Output,
  file?: string,
  options: { workspace?: string; source?: string; restart?: boolean } = {},
): Promise<void> {
  if (!file) throw new UsageError(USAGE);
  if (importFormatOf(file) === undefined) {
    throw new UsageError(`formato não suportado: ${basename(file)} (use .ndjson ou .csv)`);
  }
  const { summary, workspace, source } = await withDatabase(async (database) => {
    const workspace = await requireWorkspace(database, options.workspace);
    const source = await requireSource(database, workspace, options.source);
    const controller = new AbortController();
    const progress = createProgressReporter(process.stderr);
    const interrupt = () => {
      if (controller.signal.aborted) process.exit(130);
      controller.abort();
      progress.finish();
      process.stderr.write('Interrompendo após o lote em gravação… (Ctrl-C de novo sai já)\n');
    };
    process.on('SIGINT', interrupt);
    process.on('SIGTERM', interrupt);
    try {
      const summary = await importFile(database, {
        path: file,
        source,
        publicUrl: loadConfig().publicUrl,
        restart: options.restart === true,
        signal: controller.signal,
        onProgress: (p) => progress.update(p),
      });
      progress.finish();
      return { summary, workspace: workspace.slug, source: source.name };
    } catch (error) {
      progress.finish();
      if (error instanceof ImportFileError) throw new UsageError(error.message, { cause: error });
      throw error;
    } finally {
      process.off('SIGINT', interrupt);
      process.off('SIGTERM', interrupt);
    }
  });
  const { rejections, ...counts } = summary;
  out.result(
    { file, workspace, source, ...counts, seconds: Math.round(summary.seconds * 100) / 100, rejections },
    describeSummary(file, `${workspace}/${source}`, summary),
  );
  // Like any program stopped by Ctrl-C, so a script can tell a partial import from a whole one.
  if (!summary.finished) process.exitCode = 130;
}

function describeSummary(file: string, target: string, summary: ImportSummary): string {
  const name = basename(file);
  if (summary.alreadyImported) {
    return `${name} já foi importado em ${target} (${numbers.format(summary.resumedFrom)} registros); nada a fazer. Para importar de novo desde o início: --restart`;
  }
  const lines = [
    summary.finished
      ? `${name} importado em ${target} em ${numbers.format(summary.seconds)} s.`
      : `Importação de ${name} interrompida após ${numbers.format(summary.seconds)} s; rode o mesmo comando para continuar de onde parou.`,
    `${numbers.format(summary.records)} registros: ${numbers.format(summary.created)} criados, ` +
      `${numbers.format(summary.updated)} atualizados, ${numbers.format(summary.unchanged)} sem mudança, ` +
      `${numbers.format(summary.stale)} mais antigos que o chamado (ignorados), ${numbers.format(summary.rejected)} rejeitados.`,
  ];
  if (summary.resumedFrom > 0) {
    lines.push(`Retomada: ${numbers.format(summary.resumedFrom)} registros já tinham sido importados antes.`);
  }
  if (summary.rejected > 0) {
    const shown = summary.rejections.length;
    lines.push(shown < summary.rejected ? `Rejeitados (os ${shown} primeiros):` : 'Rejeitados:');
    for (const r of summary.rejections) {
      const id = r.externalId ? ` (${r.externalId})` : '';
      const field = r.field && !r.message.includes(r.field) ? `${r.field}: ` : '';
      lines.push(`  linha ${r.line}${id}: ${field}${r.message}`);
    }
  }
  return lines.join('\n');
}
