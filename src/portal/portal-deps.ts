import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { BrandingCache } from './branding-cache.js';
import { LinkEventRecorder } from './link-events.js';
import { type RateLimit, RateLimiter } from './rate-limiter.js';

export interface PortalLimits {
  /** Survey submissions per link: a person answers, maybe changes it once or twice. */
  surveyPostsPerToken: RateLimit;
  /**
   * Survey submissions per client address. Generous: Brazilian mobile carriers put many
   * customers behind one address (CGNAT), and they all answer surveys.
   */
  surveyPostsPerIp: RateLimit;
  /** Unknown or revoked links per address, on /t/ and /s/ together: tokens can't be guessed, only tried. */
  unknownLinksPerIp: RateLimit;
}

export const DEFAULT_PORTAL_LIMITS: PortalLimits = {
  surveyPostsPerToken: { limit: 10, windowMs: 10 * 60_000 },
  surveyPostsPerIp: { limit: 300, windowMs: 10 * 60_000 },
  unknownLinksPerIp: { limit: 30, windowMs: 10 * 60_000 },
};

/** What the embedding process may tune (buildApp's `portal` option). */
export interface PortalOptions {
  limits?: Partial<PortalLimits>;
}

/** The state the customer pages share in one process: opens waiting to be written, hit counters. */
export interface PortalDeps {
  linkEvents: LinkEventRecorder;
  branding: BrandingCache;
  limiters: { [K in keyof PortalLimits]: RateLimiter };
}

export function createPortalDeps(db: Kysely<DB>, log: FastifyBaseLogger, options: PortalOptions = {}): PortalDeps {
  const limits = { ...DEFAULT_PORTAL_LIMITS, ...options.limits };
  return {
    linkEvents: new LinkEventRecorder(db, log),
    branding: new BrandingCache(),
    limiters: {
      surveyPostsPerToken: new RateLimiter(limits.surveyPostsPerToken),
      surveyPostsPerIp: new RateLimiter(limits.surveyPostsPerIp),
      unknownLinksPerIp: new RateLimiter(limits.unknownLinksPerIp),
    },
  };
}
