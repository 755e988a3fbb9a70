/**
 * A runaway client cannot starve the others: over its InfraToken's limit it
 * gets 429 with Retry-After, while another token is served normally.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, createToken, roster, startServer, type RunningServer, type TestDatabase } from '../integration/support/server';
import { call } from './support';

describe('SCIM rate limiting per InfraToken', () => {
  let db: TestDatabase;
  let server: RunningServer;
  let runaway: string;
  let other: string;
  beforeAll(async () => {
    db = await createTestDatabase(process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite');
    roster(db.env, ['scim', 'enable']);
    runaway = createToken(db.env, 'runaway');
    other = createToken(db.env, 'well-behaved');
    server = await startServer({ ...db.env, ROSTER_SCIM_RATE_LIMIT: '5', ROSTER_SCIM_RATE_BURST: '10' });
  });
  afterAll(async () => {
    await server?.stop();
    await db?.drop();
  });

  it('answers 429 with Retry-After to the runaway token and keeps serving the other one', async () => {
    const flood = await Promise.all(Array.from({ length: 40 }, () => call(server.origin, runaway, 'GET', '/Users?count=1')));
    const limited = flood.filter((r) => r.status === 429);
    expect(flood.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(10);
    expect(limited.length).toBeGreaterThanOrEqual(20);
    expect(flood.every((r) => r.status === 200 || r.status === 429)).toBe(true);
    expect(Number(limited[0].retryAfter)).toBeGreaterThanOrEqual(1);
    expect(limited[0].body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '429' });

    const polite = await call(server.origin, other, 'GET', '/Users?count=1');
    expect(polite.status).toBe(200);

    // After waiting as told, the runaway token is served again.
    await new Promise((r) => setTimeout(r, Number(limited[0].retryAfter) * 1000 + 200));
    expect((await call(server.origin, runaway, 'GET', '/Users?count=1')).status).toBe(200);
  });
});
