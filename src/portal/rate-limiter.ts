/**
 * Counts hits per key in fixed windows, in this process's memory. With several API processes
 * each counts its own share, so the effective limit is up to N times the configured one: enough
 * to stop a script hammering one survey, no promise of an exact global quota (that would need a
 * shared store on every request). Memory is bounded: past `maxKeys`, expired windows are swept,
 * and if every window is still live the table starts over.
 */
export interface RateLimit {
  /** Hits allowed per window. */
  limit: number;
  windowMs: number;
}

export class RateLimiter {
  readonly #windows = new Map<string, { count: number; resetAt: number }>();

  constructor(
    readonly rule: RateLimit,
    private readonly maxKeys = 50_000,
  ) {}

  /** Counts a hit; returns how long to wait (ms) when over the limit, else 0. */
  hit(key: string, now = Date.now()): number {
    let window = this.#windows.get(key);
    if (window === undefined || window.resetAt <= now) {
      if (this.#windows.size >= this.maxKeys) this.#sweep(now);
      window = { count: 0, resetAt: now + this.rule.windowMs };
      this.#windows.set(key, window);
    }
    window.count++;
    return window.count > this.rule.limit ? window.resetAt - now : 0;
  }

  #sweep(now: number): void {
    for (const [key, window] of this.#windows) if (window.resetAt <= now) this.#windows.delete(key);
    if (this.#windows.size >= this.maxKeys) this.#windows.clear();
  }
}
