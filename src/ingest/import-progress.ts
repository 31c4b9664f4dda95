import type { ImportProgress } from './import-file.js';

/** The few members of a terminal stream the progress line uses (process.stderr has them all). */
export interface ProgressStream {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(text: string): unknown;
}

export interface ProgressReporter {
  update(progress: ImportProgress): void;
  /** Leaves the terminal on a fresh line. */
  finish(): void;
}

const numbers = new Intl.NumberFormat('pt-BR', { maximumFractionDigits: 0 });

/**
 * On a terminal, one line redrawn in place (bar, %, records/s, ETA); in a log or a pipe, one
 * plain line every few seconds, since carriage returns there make an unreadable wall of text.
 * The percentage and the ETA go by bytes, the only total known before reading the whole file.
 */
export function createProgressReporter(
  stream: ProgressStream,
  options: { ttyIntervalMs?: number; logIntervalMs?: number } = {},
): ProgressReporter {
  const tty = stream.isTTY === true;
  const intervalMs = tty ? (options.ttyIntervalMs ?? 100) : (options.logIntervalMs ?? 5_000);
  // A log gets its first line after one interval: a short import prints only its summary.
  let lastDrawAt = tty ? Number.NEGATIVE_INFINITY : Date.now();
  let drawn = false;
  let last: ImportProgress | undefined;

  const draw = (progress: ImportProgress) => {
    const text = describeProgress(progress);
    if (tty) {
      const width = Math.max(10, Math.min(30, (stream.columns ?? 80) - text.length - 4));
      stream.write(`\r${bar(fraction(progress), width)} ${text}\x1b[K`);
    } else {
      stream.write(`importando: ${text}\n`);
    }
    drawn = true;
  };

  return {
    update(progress) {
      last = progress;
      const at = Date.now();
      const done = progress.bytesDone >= progress.bytesTotal;
      if (at - lastDrawAt < intervalMs && !(tty && done)) return;
      lastDrawAt = at;
      draw(progress);
    },
    finish() {
      if (tty && drawn) {
        if (last) draw(last);
        stream.write('\n');
      }
    },
  };
}

function fraction(progress: ImportProgress): number {
  return progress.bytesTotal === 0 ? 1 : Math.min(1, progress.bytesDone / progress.bytesTotal);
}

export function describeProgress(progress: ImportProgress): string {
  const seconds = progress.elapsedMs / 1000;
  const percent = Math.floor(fraction(progress) * 100);
  const perSecond = seconds > 0 ? progress.records / seconds : 0;
  const bytesPerSecond = seconds > 0 ? (progress.bytesDone - progress.bytesAtStart) / seconds : 0;
  const remaining = progress.bytesTotal - progress.bytesDone;
  const eta = remaining <= 0 ? 'pronto' : bytesPerSecond > 0 ? `faltam ${duration(remaining / bytesPerSecond)}` : '';
  return [`${percent}%`, `${numbers.format(progress.records)} registros`, `${numbers.format(perSecond)}/s`, eta]
    .filter((part) => part !== '')
    .join(' · ');
}

function bar(done: number, width: number): string {
  const filled = Math.round(done * width);
  return `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}]`;
}

/** 75 → "1:15", 3725 → "1:02:05". */
export function duration(seconds: number): string {
  const total = Math.ceil(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
