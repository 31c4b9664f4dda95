/**
 * At most `perSecond` sends in ANY window of one second, per provider account. A plain token
 * bucket of capacity N lets 2N through across the edge of a refill; keeping the times of the last
 * N sends (a ring) and waiting until the oldest is a second old is exact, and still lets a burst
 * of N go at once. Meta counts throughput per phone number (80/s by default, up to 1,000/s).
 */
export class RateLimiter {
  readonly #sent: number[];
  #next = 0;

  constructor(
    readonly perSecond: number,
    // A little over a second: sends leave together but arrive spread by network and server
    // jitter, and the provider counts arrivals.
    private readonly windowMs = 1_050,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.#sent = new Array(perSecond).fill(Number.NEGATIVE_INFINITY);
  }

  /** Milliseconds to wait before the next send may go; 0 when it may go now (and it is counted). */
  tryTake(): number {
    const now = this.clock();
    const oldest = this.#sent[this.#next]!;
    const wait = oldest + this.windowMs - now;
    if (wait > 0) return wait;
    this.#sent[this.#next] = now;
    this.#next = (this.#next + 1) % this.#sent.length;
    return 0;
  }

  async take(signal?: AbortSignal): Promise<void> {
    for (;;) {
      const wait = this.tryTake();
      if (wait === 0) return;
      if (signal?.aborted) throw signal.reason;
      await new Promise((resolve) => setTimeout(resolve, Math.ceil(wait)));
    }
  }
}
