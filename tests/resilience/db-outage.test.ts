/**
 * PostgreSQL goes away in the middle of load (every connection cut, new ones
 * refused — what a restart looks like from the app) and comes back:
 * requests during the outage get a clean 503 SCIM error quickly (no hang,
 * no 500), the service recovers by itself within seconds, and every user
 * whose creation was acknowledged with 201 exists afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, createToken, roster, startServer, type RunningServer, type TestDatabase } from '../integration/support/server';
import { call, load, TcpProxy, userBody, type Call } from './support';

describe.skipIf(!process.env.TEST_DATABASE_URL)('database outage under load', () => {
  let db: TestDatabase;
  let server: RunningServer;
  let proxy: TcpProxy;
  let token: string;
  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    roster(db.env, ['scim', 'enable']);
    token = createToken(db.env, 'okta');
    const direct = new URL(db.env.DATABASE_URL);
    proxy = new TcpProxy(direct.hostname, Number(direct.port || 5432));
    const viaProxy = new URL(direct.toString());
    viaProxy.port = String(await proxy.start());
    server = await startServer({ ...db.env, DATABASE_URL: viaProxy.toString(), DATABASE_CONNECT_TIMEOUT_MS: '2000', ROSTER_SCIM_RATE_LIMIT: '0' });
  });
  afterAll(async () => {
    await server?.stop();
    await proxy?.stop();
    await db?.drop();
  });

  it('answers 503 during the outage, recovers on its own, and keeps every acknowledged write', async () => {
    const acknowledged: { userName: string; id: string }[] = [];
    const results: (Call & { at: number })[] = [];
    const start = Date.now();
    const prefix = `outage${Date.now().toString(36)}`;
    let downAt = 0;
    let upAt = 0;
    let healthDuringOutage = 0;
    const outage = (async () => {
      await new Promise((r) => setTimeout(r, 2_000));
      downAt = Date.now() - start;
      await proxy.stop();
      await new Promise((r) => setTimeout(r, 1_000));
      // The load balancer's readiness check says so too.
      healthDuringOutage = (await fetch(`${server.origin}/api/health`, { signal: AbortSignal.timeout(10_000) })).status;
      await new Promise((r) => setTimeout(r, 3_000));
      await proxy.start();
      upAt = Date.now() - start;
    })();
    await load(4, 12_000, 5_000, async (i) => {
      const userName = `${prefix}.${i}@example.com`;
      try {
        const r = await call(server.origin, token, 'POST', '/Users', userBody(userName), 15_000);
        results.push({ ...r, at: Date.now() - start });
        if (r.status === 201) acknowledged.push({ userName, id: String(r.body?.id) });
      } catch (err) {
        results.push({ status: 0, ms: 15_000, body: { error: String(err) }, retryAfter: null, at: Date.now() - start });
      }
    });
    await outage;

    expect(healthDuringOutage).toBe(503);
    expect((await fetch(`${server.origin}/api/health`)).status).toBe(200);
    expect(results.filter((r) => r.status === 0)).toEqual([]); // no hang past the deadline
    // What the server logged for the first 500: the line with its reference and the error after it
    // (without the minified source lines of Prisma's code frames).
    const serverErrors = () => {
      const lines = server.output().split('\n');
      const first = lines.findIndex((line) => /failed \(reference/.test(line));
      return first < 0 ? '' : lines.slice(first, first + 40).filter((line) => line.length < 400).join('\n');
    };
    expect(results.filter((r) => r.status !== 201 && r.status !== 503), serverErrors()).toEqual([]);
    const unavailable = results.filter((r) => r.status === 503);
    expect(unavailable.length).toBeGreaterThan(0);
    expect(unavailable[0].body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '503' });
    expect(unavailable[0].retryAfter).toBeTruthy();
    expect(Math.max(...results.map((r) => r.ms))).toBeLessThan(10_000);
    // Recovered by itself within seconds of the database coming back.
    const firstOkAfter = results.find((r) => r.status === 201 && r.at > upAt);
    expect(firstOkAfter, `no success after the database came back at ${upAt} ms (down at ${downAt} ms)`).toBeDefined();
    expect(firstOkAfter!.at - upAt).toBeLessThan(5_000);

    for (const { userName, id } of acknowledged) {
      const r = await call(server.origin, token, 'GET', `/Users/${id}`);
      expect(r.status, userName).toBe(200);
      expect(r.body?.userName).toBe(userName);
    }
  });
});
