/**
 * The app process is killed (SIGKILL) under write load. After a restart on
 * the same database every acknowledged write is there, and nothing is
 * half-written: a group created with members has all of them or does not
 * exist. Runs on PostgreSQL and on the embedded PGlite database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, createToken, roster, startServer, type RunningServer, type TestDatabase } from '../integration/support/server';
import { call, load, userBody } from './support';

const kinds = (process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite']) as ('pglite' | 'postgres')[];

describe.each(kinds)('SIGKILL under write load (%s)', (kind) => {
  let db: TestDatabase;
  let server: RunningServer;
  let token: string;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
    roster(db.env, ['scim', 'enable']);
    token = createToken(db.env, 'okta');
    server = await startServer({ ...db.env, ROSTER_SCIM_RATE_LIMIT: '0' });
  });
  afterAll(async () => {
    await server?.stop();
    await db?.drop();
  });

  it('keeps every acknowledged write and nothing half-written', async () => {
    const prefix = `kill${Date.now().toString(36)}`;
    // Members for the groups created during the load.
    const members: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await call(server.origin, token, 'POST', '/Users', userBody(`${prefix}.member${i}@example.com`));
      expect(r.status).toBe(201);
      members.push(String(r.body?.id));
    }
    const users: { id: string; userName: string }[] = [];
    const titles = new Map<string, string>();
    const groups: { id: string; displayName: string }[] = [];
    const killed = (async () => {
      await new Promise((r) => setTimeout(r, 2_500));
      process.kill(-server.process.pid!, 'SIGKILL');
    })();
    await load(4, 6_000, 5_000, async (i) => {
      try {
        if (i % 4 === 3) {
          const displayName = `${prefix} group ${i}`;
          const r = await call(server.origin, token, 'POST', '/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName, members: members.map((value) => ({ value })) }, 5_000);
          if (r.status === 201) groups.push({ id: String(r.body?.id), displayName });
        } else if (i % 4 === 2 && users.length) {
          const target = users[i % users.length];
          const title = `title ${i}`;
          const r = await call(server.origin, token, 'PATCH', `/Users/${target.id}`, { Operations: [{ op: 'replace', path: 'title', value: title }] }, 5_000);
          if (r.status === 200) titles.set(target.id, title);
        } else {
          const userName = `${prefix}.${i}@example.com`;
          const r = await call(server.origin, token, 'POST', '/Users', userBody(userName), 5_000);
          if (r.status === 201) users.push({ id: String(r.body?.id), userName });
        }
      } catch {
        // The server died mid-request: not acknowledged, nothing to check.
      }
    });
    await killed;
    expect(users.length).toBeGreaterThan(5);

    server = await startServer({ ...db.env, ROSTER_SCIM_RATE_LIMIT: '0' });
    for (const u of users) {
      const r = await call(server.origin, token, 'GET', `/Users/${u.id}`);
      expect(r.status, u.userName).toBe(200);
      expect(r.body?.userName).toBe(u.userName);
    }
    // A later acknowledged PATCH may have replaced an earlier one; the last acknowledged title per user is what must be there,
    // unless an unacknowledged later PATCH committed just before the kill (then its value is a newer "title N").
    for (const [id, title] of titles) {
      const r = await call(server.origin, token, 'GET', `/Users/${id}`);
      const stored = String(r.body?.title);
      expect(Number(stored.split(' ')[1])).toBeGreaterThanOrEqual(Number(title.split(' ')[1]));
    }
    for (const g of groups) {
      const r = await call(server.origin, token, 'GET', `/Groups/${g.id}`);
      expect(r.status).toBe(200);
      expect((r.body?.members as unknown[]).length).toBe(members.length);
    }
    // Groups that were not acknowledged are either complete or absent.
    const all = await call(server.origin, token, 'GET', `/Groups?filter=${encodeURIComponent(`displayName sw "${prefix} group"`)}&count=100`);
    for (const g of (all.body?.Resources ?? []) as { members?: unknown[] }[]) expect(g.members?.length ?? 0).toBe(members.length);
  });
});
