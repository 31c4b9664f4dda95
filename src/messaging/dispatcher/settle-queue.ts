import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { EnqueueEmailContext } from '../../email/enqueue-email.js';
import { type FinishedAttempt, settleAttempts } from './settle-attempt.js';

interface Waiting {
  attempt: FinishedAttempt;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for settles. A transaction per send made the database the dispatcher's limit
 * (on SQLite each commit appends every page it touched to the WAL; on PostgreSQL it is seven
 * round trips), so the attempts that finish within `gatherMs` of each other, or while a settle
 * is being written, go together in one transaction (up to `maxBatch`). Under light load a batch
 * is a single attempt settled a few milliseconds after its answer.
 *
 * `settle` resolves once the attempt is committed: the dispatcher counts a send as in flight
 * until then, so a crash can repeat at most what it had in flight.
 */
export class SettleQueue {
  readonly #waiting: Waiting[] = [];
  #draining = false;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly owner: string,
    /** Lets a not-on-WhatsApp failure queue the task's e-mail fallback. */
    private readonly emailFallback?: Omit<EnqueueEmailContext, 'now'>,
    private readonly maxBatch = 100,
    private readonly gatherMs = 20,
  ) {}

  settle(attempt: FinishedAttempt): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#waiting.push({ attempt, resolve, reject });
      if (this.#draining) return;
      this.#draining = true;
      // A pause to gather: on SQLite a transaction runs without yielding to the event loop, so
      // without one no other answer could ever join it; on PostgreSQL a settle is six round
      // trips, worth sharing. Nobody waits on it: the send is already out.
      setTimeout(() => void this.#drain(), this.gatherMs);
    });
  }

  #fallback(): EnqueueEmailContext | undefined {
    return this.emailFallback ? { ...this.emailFallback, now: Date.now() } : undefined;
  }

  async #drain(): Promise<void> {
    try {
      while (this.#waiting.length > 0) {
        const batch = this.#waiting.splice(0, this.maxBatch);
        try {
          await settleAttempts(
            this.db,
            this.owner,
            batch.map((waiting) => waiting.attempt),
            this.#fallback(),
          );
          for (const waiting of batch) waiting.resolve();
        } catch (error) {
          if (batch.length === 1) {
            batch[0]?.reject(error);
            continue;
          }
          // One attempt that cannot be written must not hold back the others.
          for (const waiting of batch) {
            await settleAttempts(this.db, this.owner, [waiting.attempt], this.#fallback()).then(
              waiting.resolve,
              waiting.reject,
            );
          }
        }
      }
    } finally {
      this.#draining = false;
    }
  }
}
