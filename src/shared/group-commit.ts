/**
 * Group commit: submissions that arrive together share one transaction. Requests parsed in the
 * same turn of the event loop are queued, and a single writer takes up to `maxBatch` of them
 * per transaction, one transaction at a time (SQLite has one writer anyway; on PostgreSQL it
 * keeps a burst from taking every pooled connection). A commit costs the same for one row or
 * a hundred, so under load each answer pays a fraction of it; alone, an answer waits one tick.
 *
 * If a batch fails as a whole, each of its items is tried again alone, so one bad item fails
 * only its own request.
 */
export class GroupCommit<I, O> {
  #queue: { item: I; resolve: (o: O) => void; reject: (e: unknown) => void }[] = [];
  #running = false;

  constructor(
    private readonly run: (items: I[]) => Promise<O[]>,
    private readonly maxBatch = 200,
  ) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.#queue.push({ item, resolve, reject });
      if (!this.#running) {
        this.#running = true;
        setImmediate(() => void this.#drain());
      }
    });
  }

  async #drain(): Promise<void> {
    while (this.#queue.length > 0) {
      const batch = this.#queue.splice(0, this.maxBatch);
      try {
        const outcomes = await this.run(batch.map((entry) => entry.item));
        for (const [i, entry] of batch.entries()) entry.resolve(outcomes[i]!);
      } catch (error) {
        if (batch.length === 1) {
          batch[0]!.reject(error);
          continue;
        }
        for (const entry of batch) {
          try {
            const [outcome] = await this.run([entry.item]);
            entry.resolve(outcome!);
          } catch (alone) {
            entry.reject(alone);
          }
        }
      }
    }
    this.#running = false;
  }
}
