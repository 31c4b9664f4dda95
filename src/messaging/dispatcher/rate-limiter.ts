/**
 * At most `perSecond` sends reach the provider in ANY window of one second, per provider account
 * (Meta counts throughput per phone number: 80/s by default, up to 1,000/s), measured where it
 * counts: at the provider. Counting when sends leave is not enough: a send is received at some
 * moment between leaving and its answer, so sends spaced correctly here can arrive bunched
 * (a slow connection, a pause of this process or of the network; bench/dispatch saw 143 in one
 * second at a limit of 80). So a send holds its place in the budget from the moment it leaves
 * until one second after its answer came back: with at most `perSecond` places, no window of one
 * second can hold more arrivals than that, whatever the delays. The price is the answer's
 * latency: a provider answering in L ms gets at most perSecond × 1000 / (1000 + L) sends a
 * second from this limiter.
 *
 * Sends are also spread out (a token bucket refilling at the limit, holding 50 ms of it): a
 * thousand requests leaving at once would open a thousand connections and queue behind each
 * other for nothing.
 *
 * Several worker processes sending for one account split its limit (`shareWith`): each keeps
 * to its part, so together they keep to the whole.
 */
export class RateLimiter {
  /** When the sends whose answer came back finished, oldest first (a ring of `perSecond`). */
  readonly #finished: number[];
  #oldest = 0;
  #finishedCount = 0;
  #inFlight = 0;
  #tokens: number;
  #tokensAt: number;
  /** This process's part of the limit: `perSecond` unless shared with other workers. */
  #places: number;
  readonly #waiting: { resolve: (release: () => void) => void }[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    readonly perSecond: number,
    private readonly windowMs = 1_000,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.#finished = new Array(perSecond).fill(0);
    this.#places = perSecond;
    this.#tokens = this.#burst();
    this.#tokensAt = clock();
  }

  /** `workers` processes (this one included) send for this account now: keep to 1/workers. */
  shareWith(workers: number): void {
    const places = Math.max(1, Math.floor(this.perSecond / Math.max(1, workers)));
    if (places === this.#places) return;
    this.#places = places;
    this.#tokens = Math.min(this.#tokens, this.#burst());
    this.#pump();
  }

  /**
   * Counts the whole of this process's part as used just now: a worker that joins others already
   * sending cannot know what they sent in the last second, so it waits one second before its first.
   */
  assumeSpent(): void {
    const now = this.clock();
    while (this.#inFlight + this.#finishedCount < this.#places) {
      this.#finished[(this.#oldest + this.#finishedCount) % this.perSecond] = now;
      this.#finishedCount++;
    }
  }

  get places(): number {
    return this.#places;
  }

  #burst(): number {
    return Math.max(1, Math.ceil((this.#places * 50) / this.windowMs));
  }

  /**
   * Waits for a place, then holds it; call the returned function once the send's answer (or
   * its failure) came back. Rejects with the signal's reason if it aborts while waiting.
   */
  take(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        const index = this.#waiting.indexOf(waiting);
        if (index >= 0) this.#waiting.splice(index, 1);
        reject(signal?.reason);
      };
      const waiting = {
        resolve: (release: () => void) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(release);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#waiting.push(waiting);
      this.#pump();
    });
  }

  /** Milliseconds until a send could leave (0: now), without taking anything. */
  #waitMs(now: number): number {
    while (this.#finishedCount > 0 && this.#finished[this.#oldest]! + this.windowMs <= now) {
      this.#oldest = (this.#oldest + 1) % this.perSecond;
      this.#finishedCount--;
    }
    this.#tokens = Math.min(this.#burst(), this.#tokens + ((now - this.#tokensAt) * this.#places) / this.windowMs);
    this.#tokensAt = now;
    const budget =
      this.#inFlight + this.#finishedCount < this.#places
        ? 0
        : this.#finishedCount > 0
          ? this.#finished[this.#oldest]! + this.windowMs - now
          : Number.POSITIVE_INFINITY; // every place is a send still waiting for its answer
    const pace = this.#tokens >= 1 ? 0 : ((1 - this.#tokens) * this.windowMs) / this.#places;
    return Math.max(budget, pace);
  }

  #pump(): void {
    if (this.#timer !== undefined) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
    for (;;) {
      if (this.#waiting.length === 0) return;
      const now = this.clock();
      const wait = this.#waitMs(now);
      if (wait === Number.POSITIVE_INFINITY) return; // an answer will call #pump
      if (wait > 0) {
        this.#timer = setTimeout(() => {
          this.#timer = undefined;
          this.#pump();
        }, Math.ceil(wait));
        return;
      }
      this.#tokens -= 1;
      this.#inFlight++;
      this.#waiting.shift()!.resolve(this.#releaser());
    }
  }

  #releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#inFlight--;
      const slot = (this.#oldest + this.#finishedCount) % this.perSecond;
      this.#finished[slot] = this.clock();
      this.#finishedCount++;
      this.#pump();
    };
  }
}
