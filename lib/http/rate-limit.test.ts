import { describe, expect, it } from 'vitest';
import { RateLimiter, rateLimitFromEnv } from './rate-limit';

describe('SCIM rate limiting', () => {
  it('allows a burst, then refuses with the seconds to wait, then refills', () => {
    const limiter = new RateLimiter({ ratePerSecond: 2, burst: 3 });
    const t0 = 1_000_000;
    expect([limiter.take('a', t0), limiter.take('a', t0), limiter.take('a', t0)]).toEqual([0, 0, 0]);
    expect(limiter.take('a', t0)).toBe(1);
    // Another token is not affected by the first one's exhaustion.
    expect(limiter.take('b', t0)).toBe(0);
    expect(limiter.take('a', t0 + 500)).toBe(0);
    expect(limiter.take('a', t0 + 500)).toBe(1);
  });

  it('reads its configuration from the environment; 0 turns it off', () => {
    expect(rateLimitFromEnv({})).toEqual({ ratePerSecond: 100, burst: 200 });
    expect(rateLimitFromEnv({ ROSTER_SCIM_RATE_LIMIT: '10', ROSTER_SCIM_RATE_BURST: '15' })).toEqual({ ratePerSecond: 10, burst: 15 });
    const off = new RateLimiter(rateLimitFromEnv({ ROSTER_SCIM_RATE_LIMIT: '0' }));
    expect(off.enabled).toBe(false);
    for (let i = 0; i < 1000; i++) expect(off.take('x')).toBe(0);
  });
});
