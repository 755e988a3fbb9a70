/**
 * Two app instances behind one PostgreSQL take mixed SCIM traffic at once:
 * no 5xx, no lost or duplicated user, and revoking a token or turning SCIM
 * off is effective on both instances at the very next request.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../lib/services/tokens';
import { createTestDatabase, createToken, roster, startServer, type RunningServer, type TestDatabase } from '../integration/support/server';
import { call, load, userBody } from './support';

describe.skipIf(!process.env.TEST_DATABASE_URL)('two instances on one PostgreSQL', () => {
  let db: TestDatabase;
  let a: RunningServer;
  let b: RunningServer;
  let token: string;
  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    roster(db.env, ['scim', 'enable']);
    token = createToken(db.env, 'okta');
    const env = { ...db.env, ROSTER_SCIM_RATE_LIMIT: '0' };
    [a, b] = await Promise.all([startServer(env), startServer(env)]);
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await db?.drop();
  });

  it('serves mixed traffic on both instances without a 5xx, losing or duplicating nobody', async () => {
    const created = new Map<string, string>(); // userName → id
    const statuses: number[] = [];
    const prefix = `mix${Date.now().toString(36)}`;
    await load(8, 8_000, 2_000, async (i) => {
      const origin = i % 2 ? a.origin : b.origin;
      const kind = i % 5;
      if (kind <= 1) {
        // Every userName is POSTed twice, once on each instance, at about the same time.
        const userName = `${prefix}.${Math.floor(i / 5)}@example.com`;
        const r = await call(origin, token, 'POST', '/Users', userBody(userName));
        statuses.push(r.status);
        if (r.status === 201) {
          expect(created.has(userName)).toBe(false);
          created.set(userName, String(r.body?.id));
        } else expect(r.status).toBe(409);
      } else if (kind === 2 && created.size) {
        const ids = [...created.values()];
        const id = ids[i % ids.length];
        const r = await call(origin, token, 'PATCH', `/Users/${id}`, { Operations: [{ op: 'replace', path: 'title', value: `t${i}` }] });
        statuses.push(r.status);
        expect(r.status).toBe(200);
      } else if (kind === 3) {
        const r = await call(origin, token, 'GET', `/Users?filter=${encodeURIComponent(`userName sw "${prefix}."`)}&count=5`);
        statuses.push(r.status);
        expect(r.status).toBe(200);
      } else {
        const r = await call(origin, token, 'GET', '/Users?startIndex=1&count=100');
        statuses.push(r.status);
        expect(r.status).toBe(200);
      }
    });
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(created.size).toBeGreaterThan(20);

    // Every acknowledged user exists exactly once, on either instance.
    const listed = await call(a.origin, token, 'GET', `/Users?filter=${encodeURIComponent(`userName sw "${prefix}."`)}&count=1`);
    expect(listed.body?.totalResults).toBe(created.size);
    for (const [userName, id] of created) {
      const r = await call(b.origin, token, 'GET', `/Users/${id}`);
      expect(r.status).toBe(200);
      expect(r.body?.userName).toBe(userName);
    }
  });

  it('token revocation and SCIM off apply on the other instance at once', async () => {
    const spare = createToken(db.env, 'spare');
    expect((await call(a.origin, spare, 'GET', '/Users?count=1')).status).toBe(200);
    expect((await call(b.origin, spare, 'GET', '/Users?count=1')).status).toBe(200);
    const id = roster(db.env, ['token', 'list']).split('\n').find((l) => l.includes('spare'))!.split(/\s+/)[0];
    roster(db.env, ['token', 'revoke', id]);
    expect((await call(a.origin, spare, 'GET', '/Users?count=1')).status).toBe(401);
    expect((await call(b.origin, spare, 'GET', '/Users?count=1')).status).toBe(401);

    roster(db.env, ['scim', 'disable']);
    for (const origin of [a.origin, b.origin]) {
      const r = await call(origin, token, 'GET', '/Users?count=1');
      expect(r.status).toBe(403);
      expect(String(r.body?.detail)).toMatch(/SCIM Provisioning is turned off/);
    }
    roster(db.env, ['scim', 'enable']);
    expect((await call(b.origin, token, 'GET', '/Users?count=1')).status).toBe(200);
  });

  it('a token revoked or SCIM turned off by anyone (plain SQL here) applies to the very next read of every kind, PATCH and POST on both instances, though instances keep grants in memory (40 rounds, no delay)', async () => {
    // Straight SQL from this process: no CLI start-up to hide a slow invalidation.
    const client = new pg.Client({ connectionString: db.env.DATABASE_URL });
    await client.connect();
    try {
      const user = await call(a.origin, token, 'POST', '/Users', userBody(`race-${randomBytes(4).toString('hex')}@example.com`));
      expect(user.status).toBe(201);
      const userName = String(user.body?.userName);
      // Every kind of read an IdP makes: a page, the user by id, Okta's userName lookup, a lookup that finds nobody, an unknown id.
      const reads = [
        '/Users?count=1',
        `/Users/${user.body?.id}`,
        `/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`,
        `/Users?filter=${encodeURIComponent('userName eq "nobody@example.com"')}`,
        '/Users/00000000-0000-4000-8000-000000000000',
      ];
      const expectedWhenGranted = [200, 200, 200, 200, 404];
      for (let round = 0; round < 40; round++) {
        const raw = `rst_race_${round}_${randomBytes(12).toString('hex')}`;
        const [{ id }] = (
          await client.query<{ id: string }>(`INSERT INTO infra_tokens (id, label, token_hash, prefix) VALUES (gen_random_uuid(), $1, $2, $3) RETURNING id`, [
            `race ${round}`,
            hashToken(raw),
            raw.slice(0, 8),
          ])
        ).rows;
        const patch = (origin: string, title: string) =>
          call(origin, raw, 'PATCH', `/Users/${user.body?.id}`, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: 'title', value: title }] });
        // Every read, and a PATCH, on both instances first, twice (instances keep grants in memory).
        for (const origin of [a.origin, b.origin, a.origin, b.origin]) {
          const statuses = await Promise.all(reads.map((path) => call(origin, raw, 'GET', path).then((r) => r.status)));
          expect(statuses, `round ${round}: before`).toEqual(expectedWhenGranted);
          expect((await patch(origin, `granted ${round}`)).status, `round ${round}: PATCH before`).toBe(200);
        }
        for (const origin of [a.origin, b.origin]) {
          expect((await call(origin, raw, 'POST', '/Users', userBody(`granted-${round}-${randomBytes(4).toString('hex')}@example.com`))).status, `round ${round}: POST before`).toBe(201);
        }
        const after = async () => {
          const all = await Promise.all(
            [a.origin, b.origin].flatMap((origin) => [
              ...reads.map((path) => call(origin, raw, 'GET', path)),
              patch(origin, `refused ${round}`),
              call(origin, raw, 'POST', '/Users', userBody(`refused-${round}-${randomBytes(4).toString('hex')}@example.com`)),
            ]),
          );
          // A refused PATCH or POST wrote nothing.
          const [{ title }] = (await client.query<{ title: string }>(`SELECT attributes->>'title' AS title FROM users WHERE id = $1`, [user.body?.id])).rows;
          expect(title, `round ${round}: title`).toBe(`granted ${round}`);
          const refused = (await client.query(`SELECT 1 FROM users WHERE user_name LIKE $1`, [`refused-${round}-%`])).rowCount;
          expect(refused, `round ${round}: users created by a refused POST`).toBe(0);
          return all.map((r) => r.status);
        };
        if (round % 2 === 0) {
          await client.query(`UPDATE infra_tokens SET revoked_at = now() WHERE id = $1`, [id]);
          expect(await after(), `round ${round}: revoked`).toEqual(Array((reads.length + 2) * 2).fill(401));
        } else {
          await client.query(`UPDATE instance_config SET scim_enabled = false WHERE id = 1`);
          const statuses = await after();
          await client.query(`UPDATE instance_config SET scim_enabled = true WHERE id = 1`);
          expect(statuses, `round ${round}: SCIM off`).toEqual(Array((reads.length + 2) * 2).fill(403));
          const again = await Promise.all(reads.map((path) => call(b.origin, raw, 'GET', path).then((r) => r.status)));
          expect(again, `round ${round}: SCIM on again`).toEqual(expectedWhenGranted);
        }
      }
    } finally {
      await client.end();
    }
  });
});
