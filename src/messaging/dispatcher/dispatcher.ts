import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger as Logger } from 'fastify';
import type { Database } from '../../db/database.js';
import type { Message, ProviderAccount } from '../../db/schema.js';
import { maskEmail } from '../../email/email-address.js';
import { EmailSenders } from '../../email/email-senders.js';
import { OUTBOX_CHANNEL } from '../outbox/notify-outbox.js';
import { maskPhone } from '../phones.js';
import { buildProvider, type SimulatorLocation } from '../provider-accounts.js';
import type { OutgoingTemplateMessage, SendResult, WhatsAppProvider } from '../providers/provider.js';
import type { RenderedTemplate } from '../templates/render.js';
import { type BackoffPolicy, DEFAULT_BACKOFF, retryDelayMs } from './backoff.js';
import { claimDueMessages, nextDueAt } from './claim-messages.js';
import { countOtherWorkers } from './count-workers.js';
import { RateLimiter } from './rate-limiter.js';
import { renewLeases } from './renew-leases.js';
import { releaseUntil } from './settle-attempt.js';
import { SettleQueue } from './settle-queue.js';

export interface DispatcherOptions {
  database: Database;
  secretKey: Buffer;
  simulator: SimulatorLocation;
  logger: Logger;
  /** Messages claimed per round trip. */
  batchSize?: number;
  /** Sends waiting for the provider at once, across accounts. */
  maxInFlight?: number;
  /**
   * A claim expires after this long unless renewed; another worker then takes the message over.
   * The holder renews its leases every third of it, so this is how long a crashed worker's
   * messages wait, not a bound on how long a send may take.
   */
  leaseMs?: number;
  /** Polling is the correctness path; wake-ups (enqueue, NOTIFY) only make it sooner. */
  pollMs?: number;
  /** Least time between two sends to the same customer (Meta limits pairs of numbers). */
  recipientPaceMs?: number;
  backoff?: BackoffPolicy;
  sendTimeoutMs?: number;
  /** PUBLIC_URL: lets a not-on-WhatsApp failure queue the task's e-mail fallback with working links. */
  publicUrl?: string;
}

export const DISPATCHER_DEFAULTS = {
  batchSize: 200,
  maxInFlight: 256,
  leaseMs: 15_000,
  pollMs: 1_000,
  recipientPaceMs: 1_000,
  backoff: DEFAULT_BACKOFF,
  sendTimeoutMs: 10_000,
} as const satisfies Omit<Required<DispatcherOptions>, 'database' | 'secretKey' | 'simulator' | 'logger' | 'publicUrl'>;

/**
 * A wake-up (an enqueue, a NOTIFY, room freed) claims after this pause, not at once: the other
 * messages committed meanwhile come in the same claim. Under a steady stream of single events
 * that is a claim per few messages instead of a claim (two statements) per message.
 */
const WAKE_GATHER_MS = 5;

interface AccountState {
  updatedAt: number;
  checkedAt: number;
  provider: WhatsAppProvider;
  limiter: RateLimiter;
}

/**
 * Sends what the outbox holds. One dispatcher per worker process: on SQLite the in-process one
 * (woken directly on enqueue), on PostgreSQL any number of them (claims never overlap, NOTIFY
 * wakes them). It keeps up to `maxInFlight` sends going, each paced by its account's rate limit
 * and the recipient's pace, and settles every attempt as sent, retry later or failed.
 */
export class Dispatcher {
  readonly owner = `${process.pid}:${randomUUID().slice(0, 8)}`;
  readonly #o: Required<Omit<DispatcherOptions, 'database' | 'secretKey' | 'simulator' | 'logger' | 'publicUrl'>> &
    DispatcherOptions;
  readonly #accounts = new Map<number, AccountState>();
  readonly #lastSendTo = new Map<string, number>();
  readonly #inFlight = new Set<Promise<void>>();
  #running = false;
  #wakeUp: (() => void) | undefined;
  #woken = false;
  #loop: Promise<void> | undefined;
  #stopListening: (() => Promise<void>) | undefined;
  readonly #abort = new AbortController();
  readonly #claimChunk: number;
  readonly #settles: SettleQueue;
  readonly #email: EmailSenders;
  #renewal: ReturnType<typeof setInterval> | undefined;
  #takeOverAt = 0;
  #sharing: ReturnType<typeof setInterval> | undefined;
  /** Other workers sending for each account over the last second of counts (PostgreSQL only). */
  #otherWorkers = new Map<number, number>();
  readonly #recentCounts: Map<number, number>[] = [];

  constructor(options: DispatcherOptions) {
    this.#o = { ...DISPATCHER_DEFAULTS, ...options };
    this.#claimChunk = Math.max(1, Math.floor(Math.min(this.#o.batchSize, this.#o.maxInFlight) / 4));
    this.#settles = new SettleQueue(
      this.#o.database.db,
      this.owner,
      options.publicUrl === undefined ? undefined : { engine: options.database.engine, publicUrl: options.publicUrl },
    );
    this.#email = new EmailSenders(this.#o.database.db, this.#o.secretKey, this.#o.sendTimeoutMs);
  }

  async start(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    this.#stopListening = await this.#o.database.listen?.(OUTBOX_CHANNEL, () => this.wake());
    this.#renewal = setInterval(() => void this.#renewLeases(), this.#o.leaseMs / 3);
    this.#renewal.unref();
    // Several workers can send for one account only where several processes claim (PostgreSQL).
    // Counted often: a worker that starts beside another sends at the whole limit until it knows,
    // paced, so within a quarter of a second it has not yet used more than its part.
    if (this.#o.database.engine.multiProcess) {
      await this.#shareLimits();
      this.#sharing = setInterval(() => void this.#shareLimits(), 250);
      this.#sharing.unref();
    }
    this.#loop = this.#run();
  }

  /** Stops claiming, lets the sends in flight settle, then resolves. */
  async stop(): Promise<void> {
    this.#running = false;
    this.wake();
    await this.#loop;
    await Promise.allSettled([...this.#inFlight]);
    clearInterval(this.#renewal);
    clearInterval(this.#sharing);
    await this.#stopListening?.();
    this.#email.close();
    this.#abort.abort(new Error('dispatcher stopped'));
  }

  wake(): void {
    this.#woken = true;
    this.#wakeUp?.();
  }

  async #run(): Promise<void> {
    const { database, logger } = this.#o;
    while (this.#running) {
      try {
        const room = this.#o.maxInFlight - this.#inFlight.size;
        // Expired leases (a worker died) are looked for once a second, not on every wake-up.
        const takeOver = Date.now() >= this.#takeOverAt;
        if (takeOver) this.#takeOverAt = Date.now() + 1_000;
        const claimed =
          room > 0
            ? await claimDueMessages(
                database.db,
                database.engine,
                this.owner,
                Math.min(room, this.#o.batchSize),
                this.#o.leaseMs,
                { takeOver },
              )
            : [];
        for (const message of claimed) this.#track(this.#process(message));
        if (claimed.length > 0 && claimed.length === Math.min(room, this.#o.batchSize)) continue;
        await this.#sleep(claimed.length > 0 || this.#inFlight.size > 0 ? this.#o.pollMs / 4 : await this.#idleMs());
      } catch (error) {
        logger.error({ err: error }, 'dispatcher: falha ao buscar mensagens; nova tentativa em instantes');
        await this.#sleep(this.#o.pollMs);
      }
    }
  }

  async #renewLeases(): Promise<void> {
    if (this.#inFlight.size === 0) return;
    try {
      await renewLeases(this.#o.database.db, this.owner, this.#o.leaseMs);
    } catch (error) {
      this.#o.logger.error({ err: error }, 'dispatcher: falha ao renovar as reservas; nova tentativa em instantes');
    }
  }

  /** Splits each account's rate limit with the other workers sending for it (see RateLimiter). */
  async #shareLimits(): Promise<void> {
    try {
      // The most seen over the last second: a worker that just stopped may still have sends in
      // the current window, so its part is given back only a second later.
      this.#recentCounts.push(await countOtherWorkers(this.#o.database.db, this.owner, this.#o.leaseMs));
      if (this.#recentCounts.length > 5) this.#recentCounts.shift();
      const others = new Map<number, number>();
      for (const counts of this.#recentCounts) {
        for (const [id, workers] of counts) others.set(id, Math.max(workers, others.get(id) ?? 0));
      }
      this.#otherWorkers = others;
      for (const [id, state] of this.#accounts) state.limiter.shareWith(1 + (others.get(id) ?? 0));
    } catch (error) {
      this.#o.logger.error({ err: error }, 'dispatcher: falha ao contar os workers; limite mantido');
    }
  }

  async #idleMs(): Promise<number> {
    const due = await nextDueAt(this.#o.database.db);
    return due === undefined ? this.#o.pollMs : Math.max(0, Math.min(this.#o.pollMs, due - Date.now()));
  }

  #track(work: Promise<void>): void {
    const tracked = work.finally(() => {
      this.#inFlight.delete(tracked);
      // Room for a chunk: claim again without waiting for the poll. Not on every freed slot:
      // under load that would be one claim statement per message sent.
      if (this.#o.maxInFlight - this.#inFlight.size >= this.#claimChunk) this.wake();
    });
    this.#inFlight.add(tracked);
  }

  #sleep(ms: number): Promise<void> {
    if (!this.#running) return Promise.resolve();
    if (this.#woken) {
      this.#woken = false;
      return new Promise((resolve) => setTimeout(resolve, WAKE_GATHER_MS));
    }
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.#wakeUp = () => {
        this.#wakeUp = undefined;
        this.#woken = false;
        setTimeout(done, this.#running ? WAKE_GATHER_MS : 0);
      };
    });
  }

  async #account(id: number): Promise<AccountState | undefined> {
    // Settings are re-read at most every 2 s: a changed token or rate limit applies within that.
    const fresh = this.#accounts.get(id);
    if (fresh && Date.now() - fresh.checkedAt < 2_000) return fresh;
    const row = await this.#o.database.db
      .selectFrom('provider_accounts')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) return undefined;
    const cached = this.#accounts.get(id);
    if (cached && cached.updatedAt === row.updated_at) {
      cached.checkedAt = Date.now();
      return cached;
    }
    const state = this.#buildAccount(row);
    this.#accounts.set(id, state);
    return state;
  }

  #buildAccount(row: ProviderAccount): AccountState {
    const provider = buildProvider(row, this.#o.secretKey, this.#o.simulator, { timeoutMs: this.#o.sendTimeoutMs });
    const previous = this.#accounts.get(row.id);
    const limiter =
      previous && previous.limiter.perSecond === row.rate_limit_per_second
        ? previous.limiter
        : new RateLimiter(row.rate_limit_per_second);
    const others = this.#otherWorkers.get(row.id) ?? 0;
    limiter.shareWith(1 + others);
    if (others > 0 && limiter !== previous?.limiter) limiter.assumeSpent();
    return { updatedAt: row.updated_at, checkedAt: Date.now(), provider, limiter };
  }

  async #process(message: Message): Promise<void> {
    if (message.channel === 'email') return this.#processEmail(message);
    const { database, logger } = this.#o;
    try {
      const account =
        message.provider_account_id === null ? undefined : await this.#account(message.provider_account_id);
      if (!account || message.recipient === null) {
        const result: SendResult = {
          ok: false,
          retryable: false,
          code: 'no_provider',
          title: 'nenhum provedor de WhatsApp configurado',
        };
        await this.#settles.settle({
          message,
          result,
          outcome: { kind: 'failed' },
          startedAt: Date.now(),
          latencyMs: 0,
        });
        return;
      }
      const last = this.#lastSendTo.get(message.recipient);
      if (last !== undefined && Date.now() - last < this.#o.recipientPaceMs) {
        await releaseUntil(database.db, message, this.owner, last + this.#o.recipientPaceMs);
        return;
      }
      const content = JSON.parse(message.content) as RenderedTemplate;
      const outgoing: OutgoingTemplateMessage = {
        messageId: String(message.id),
        to: message.recipient,
        templateName: message.template_name ?? '',
        language: message.language ?? 'pt_BR',
        bodyParameters: content.parameters,
        ...(content.urlButtonSuffix !== undefined ? { urlButtonSuffix: content.urlButtonSuffix } : {}),
      };
      const release = await account.limiter.take(this.#abort.signal);
      this.#lastSendTo.set(message.recipient, Date.now());
      if (this.#lastSendTo.size > 100_000) this.#lastSendTo.clear();
      const startedAt = Date.now();
      const started = performance.now();
      let result: SendResult;
      try {
        result = await account.provider.send(outgoing);
      } finally {
        // The send counts against the rate limit until a second after its answer (see RateLimiter).
        release();
      }
      const latency = performance.now() - started;
      await this.#settles.settle({
        message,
        result,
        outcome: this.#outcome(message, result),
        startedAt,
        latencyMs: latency,
      });
      if (!result.ok) {
        logger.warn(
          { messageId: message.id, to: maskPhone(message.recipient), code: result.code, retryable: result.retryable },
          'envio de WhatsApp não aceito pelo provedor',
        );
      }
    } catch (error) {
      // Our own failure (database, bug): the lease expires and the message is retried.
      logger.error({ err: error, messageId: message.id }, 'dispatcher: falha ao processar mensagem');
    }
  }

  /** An e-mail: no account rate limit (the SMTP pool's connections bound it), the same settle. */
  async #processEmail(message: Message): Promise<void> {
    const { logger } = this.#o;
    try {
      const startedAt = Date.now();
      const started = performance.now();
      const result = await this.#email.send(message);
      await this.#settles.settle({
        message,
        result,
        outcome: this.#outcome(message, result),
        startedAt,
        latencyMs: performance.now() - started,
      });
      if (!result.ok) {
        logger.warn(
          {
            messageId: message.id,
            to: message.recipient ? maskEmail(message.recipient) : null,
            code: result.code,
            retryable: result.retryable,
          },
          'envio de e-mail não aceito pelo servidor SMTP',
        );
      }
    } catch (error) {
      logger.error({ err: error, messageId: message.id }, 'dispatcher: falha ao processar e-mail');
    }
  }

  #outcome(message: Message, result: SendResult) {
    if (result.ok) return { kind: 'sent' as const, providerMessageId: result.providerMessageId };
    const { backoff } = this.#o;
    if (!result.retryable || Date.now() - message.created_at > backoff.maxAgeMs) return { kind: 'failed' as const };
    return {
      kind: 'retry' as const,
      nextAttemptAt: Date.now() + retryDelayMs(message.attempts, backoff, result.retryAfterMs),
    };
  }
}
