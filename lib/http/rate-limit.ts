/**
 * Per-InfraToken rate limiting for SCIM (token bucket, per instance), so a
 * runaway client cannot starve the others: over the limit a request gets 429
 * with Retry-After, which Okta and Entra both honour. Configured with
 * ROSTER_SCIM_RATE_LIMIT (requests per second per token; 0 turns it off) and
 * ROSTER_SCIM_RATE_BURST (default: twice the rate).
 */

export interface RateLimitConfig {
  ratePerSecond: number;
  burst: number;
}

export function rateLimitFromEnv(env: Record<string, string | undefined> = process.env): RateLimitConfig {
  const rate = Number(env.ROSTER_SCIM_RATE_LIMIT ?? 100);
  const ratePerSecond = Number.isFinite(rate) && rate > 0 ? rate : 0;
  const burst = Number(env.ROSTER_SCIM_RATE_BURST ?? ratePerSecond * 2);
  return { ratePerSecond, burst: Number.isFinite(burst) && burst >= 1 ? burst : Math.max(1, ratePerSecond * 2) };
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

const MAX_TRACKED = 10_000;

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly config: RateLimitConfig) {}

  get enabled(): boolean {
    return this.config.ratePerSecond > 0;
  }

  /** Takes one request from `key`'s bucket; returns 0 when allowed, else the seconds to wait. */
  take(key: string, now = Date.now()): number {
    if (!this.enabled) return 0;
    const { ratePerSecond, burst } = this.config;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= MAX_TRACKED) this.buckets.delete(this.buckets.keys().next().value!);
      bucket = { tokens: burst, updatedAt: now };
      this.buckets.set(key, bucket);
    }
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.updatedAt) / 1000) * ratePerSecond);
    bucket.updatedAt = now;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / ratePerSecond));
  }
}

const KEY = Symbol.for('roster.scim-rate-limiter');
type Holder = { [KEY]?: RateLimiter };

/** The process-wide limiter (shared by every route bundle). */
export function scimRateLimiter(): RateLimiter {
  const holder = globalThis as Holder;
  return (holder[KEY] ??= new RateLimiter(rateLimitFromEnv()));
}
