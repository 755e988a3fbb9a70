/** Paging users in the default order (SCIM-provisioned users first, then local accounts), counts, cursors; single-user reads and writes. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectMemoryDatabase, type Database } from './index';
import { countUsers, findUserWithGroups, pageUsers, pageUsersDefault, updateUser } from './scim-store';

let db: Database;
// Created in this order; local accounts interleaved, the first one earliest (as the set-up admin is).
const SEED: [string, 'SCIM' | 'LOCAL'][] = [['l1', 'LOCAL'], ['s1', 'SCIM'], ['s2', 'SCIM'], ['l2', 'LOCAL'], ['s3', 'SCIM'], ['s4', 'SCIM'], ['s5', 'SCIM']];
const EXPECTED = ['s1', 's2', 's3', 's4', 's5', 'l1', 'l2'];

beforeAll(async () => {
  db = await connectMemoryDatabase();
  for (const [i, [name, source]] of SEED.entries()) {
    await db.sql.query(
      `INSERT INTO users (id, user_name, user_name_key, source, created_at, updated_at) VALUES (gen_random_uuid(), $1, $1, $2::"UserSource", $3, $3)`,
      [name, source, new Date(Date.UTC(2026, 0, i + 1))],
    );
  }
}, 120_000);

afterAll(async () => {
  await db?.close();
});

const page = async (startIndex: number, count: number, where = 'TRUE', params: unknown[] = []) => {
  const { total, records } = await pageUsersDefault(db.sql, { where, params, startIndex, count });
  return { total, names: records.map((r) => r.row.user_name) };
};

describe('pageUsersDefault', () => {
  it('returns every window of the SCIM-first order, across the boundary between the two parts', async () => {
    for (let startIndex = 1; startIndex <= EXPECTED.length + 2; startIndex += 1) {
      for (let count = 0; count <= EXPECTED.length + 1; count += 1) {
        const { total, names } = await page(startIndex, count);
        expect(total).toBe(EXPECTED.length);
        expect(names, `startIndex=${startIndex} count=${count}`).toEqual(EXPECTED.slice(startIndex - 1, startIndex - 1 + count));
      }
    }
  });

  it('applies the filter and its parameters to both parts', async () => {
    expect(await page(1, 10, 'u.user_name_key LIKE $1', ['%2'])).toEqual({ total: 2, names: ['s2', 'l2'] });
    expect(await page(2, 10, 'u.user_name_key LIKE $1', ['%2'])).toEqual({ total: 2, names: ['l2'] });
    expect(await page(1, 10, 'u.user_name_key LIKE $1', ['l%'])).toEqual({ total: 2, names: ['l1', 'l2'] });
  });

  it('leaves a cursor for the next page and for a repeated one, per filter and startIndex', async () => {
    await db.sql.query('DELETE FROM scim_page_cursors');
    await page(1, 2);
    await page(4, 2, 'u.user_name_key LIKE $1', ['s%']);
    const [{ n }] = await db.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM scim_page_cursors');
    // startIndex 3 (after page 1); startIndex 4 of the filter (read by OFFSET once) and its startIndex 6 (s5 is the 5th SCIM user: no next page, no cursor).
    expect(n).toBe(2);
    expect(await page(4, 2, 'u.user_name_key LIKE $1', ['s%'])).toEqual({ total: 5, names: ['s4', 's5'] });
  });
});

describe('groups of a page', () => {
  it('come with each user in display-name order, on OFFSET and cursor pages alike', async () => {
    const ids = new Map((await db.sql.query<{ id: string; user_name: string }>('SELECT id, user_name FROM users')).map((u) => [u.user_name, u.id]));
    const groups = await db.sql.query<{ id: string; display_name: string }>(
      `INSERT INTO groups (id, display_name, display_name_key) VALUES (gen_random_uuid(), 'Paged B', 'paged b'), (gen_random_uuid(), 'Paged A', 'paged a') RETURNING id, display_name`,
    );
    for (const g of groups) for (const name of ['s2', 'l1']) await db.sql.query('INSERT INTO group_members (group_id, user_id) VALUES ($1, $2)', [g.id, ids.get(name)]);
    const [b] = groups;
    await db.sql.query('INSERT INTO group_members (group_id, user_id) VALUES ($1, $2)', [b.id, ids.get('s5')]);
    const groupsOf = async (startIndex: number, count: number) => {
      const { records } = await pageUsersDefault(db.sql, { where: 'TRUE', params: [], startIndex, count });
      return Object.fromEntries(records.map((r) => [r.row.user_name, r.groups.map((g) => `${g.display_name}:${g.user_id === r.row.id}`).join(',')]));
    };
    const expected = { s1: '', s2: 'Paged A:true,Paged B:true', s3: '', s4: '', s5: 'Paged B:true', l1: 'Paged A:true,Paged B:true', l2: '' };
    expect(await groupsOf(1, 10)).toEqual(expected);
    await db.sql.query('DELETE FROM scim_page_cursors');
    // startIndex 4 with no cursor: OFFSET; then 6 from the cursor page 4 left.
    expect(await groupsOf(4, 2)).toEqual({ s4: '', s5: 'Paged B:true' });
    expect(await groupsOf(6, 2)).toEqual({ l1: 'Paged A:true,Paged B:true', l2: '' });
    await db.sql.query('DELETE FROM groups WHERE id = ANY($1::uuid[])', [groups.map((g) => g.id)]);
  });
});

describe('the access epoch read with the data', () => {
  it('comes back with every page, and with a page (or a user) that matches nobody', async () => {
    await db.sql.query('INSERT INTO instance_config (id, updated_at) VALUES (1, now()) ON CONFLICT (id) DO NOTHING');
    await db.sql.query('UPDATE instance_config SET access_epoch = access_epoch + 7 WHERE id = 1');
    const [{ access_epoch: epoch }] = await db.sql.query<{ access_epoch: number }>('SELECT access_epoch FROM instance_config WHERE id = 1');
    const at = (startIndex: number, where = 'TRUE', params: unknown[] = []) => pageUsersDefault(db.sql, { where, params, startIndex, count: 2 });
    for (const [label, result] of [
      ['first page', await at(1)],
      ['a later page', await at(3)],
      ['past the end', await at(50)],
      ['no match', await at(1, 'u.user_name_key = $1', ['nobody'])],
    ] as const) {
      expect(result.accessEpoch, label).toBe(epoch);
    }
    const sorted = await pageUsers(db.sql, { where: 'u.user_name_key LIKE $1', params: ['s%'], startIndex: 2, count: 3, orderBy: 'u.user_name_key DESC' });
    expect([sorted.accessEpoch, sorted.total, sorted.records.map((r) => r.row.user_name)]).toEqual([epoch, 5, ['s4', 's3', 's2']]);
    const none = await pageUsers(db.sql, { where: 'FALSE', params: [], startIndex: 1, count: 3, orderBy: 'u.user_name_key' });
    expect([none.accessEpoch, none.total, none.records]).toEqual([epoch, 0, []]);
    expect((await at(1, 'u.user_name_key = $1', ['nobody'])).records).toEqual([]);
    expect((await at(50)).records).toEqual([]);
    expect((await findUserWithGroups(db.sql, '00000000-0000-4000-8000-000000000000')).accessEpoch).toBe(epoch);
  });
});

describe('counts and imports while the directory changes', () => {
  let fresh: Database;
  beforeAll(async () => {
    fresh = await connectMemoryDatabase();
  }, 120_000);
  afterAll(async () => fresh?.close());

  const insert = (names: string[], source: 'SCIM' | 'LOCAL' = 'SCIM') =>
    fresh.sql.query(
      `INSERT INTO users (id, user_name, user_name_key, source, active) SELECT gen_random_uuid(), n, n, $2::"UserSource", n NOT LIKE '%x' FROM unnest($1::text[]) AS n`,
      [names, source],
    );
  const exact = async () => (await fresh.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM users'))[0].n;

  it('the maintained total follows inserts, deletes, source changes and TRUNCATE', async () => {
    expect(await countUsers(fresh.sql, 'TRUE', [])).toBe(0);
    await insert(Array.from({ length: 500 }, (_, i) => `bulk${i}`));
    await insert(['admin1', 'admin2'], 'LOCAL');
    await fresh.sql.query(`DELETE FROM users WHERE user_name_key LIKE 'bulk1%'`);
    await fresh.sql.query(`UPDATE users SET source = 'LOCAL' WHERE user_name_key = 'bulk2'`);
    expect(await countUsers(fresh.sql, 'TRUE', [])).toBe(await exact());
    expect(await countUsers(fresh.sql, `u.source = 'LOCAL'`, [])).toBe(3);
    await fresh.sql.query('TRUNCATE users CASCADE');
    expect(await countUsers(fresh.sql, 'TRUE', [])).toBe(0);
  });

  it('totalResults is exact on every page, counted or not', async () => {
    await insert(Array.from({ length: 250 }, (_, i) => `p${String(i).padStart(3, '0')}${i % 10 === 0 ? 'x' : ''}`));
    for (const [where, params, expected] of [['TRUE', [], 250], ['u.active', [], 225], ['u.user_name_key = $1', ['p007'], 1], ['u.user_name_key = $1', ['none'], 0]] as const) {
      for (const startIndex of [1, 101, 201, 400]) {
        const { total } = await pageUsersDefault(fresh.sql, { where, params: [...params], startIndex, count: 100 });
        expect(total, `${where} from ${startIndex}`).toBe(expected);
      }
      expect((await pageUsersDefault(fresh.sql, { where, params: [...params], startIndex: 1, count: 0 })).total).toBe(expected);
    }
  });

  it('an import that pages while users are created and deleted returns every user present throughout exactly once', async () => {
    await fresh.sql.query('TRUNCATE users CASCADE');
    await insert(Array.from({ length: 1000 }, (_, i) => `imp${String(i).padStart(4, '0')}`));
    const all = (await fresh.sql.query<{ user_name: string }>('SELECT user_name FROM users')).map((r) => r.user_name);
    const deleted = new Set<string>();
    const seen: string[] = [];
    let created = 0;
    for (let startIndex = 1; ; startIndex += 100) {
      const { records } = await pageUsersDefault(fresh.sql, { where: 'TRUE', params: [], startIndex, count: 100 });
      seen.push(...records.map((r) => r.row.user_name));
      if (records.length < 100) break;
      // Between pages: delete users already returned (OFFSET would now skip unseen ones) and add new ones.
      const victims = seen.filter((n) => !deleted.has(n)).slice(0, 30);
      await fresh.sql.query('DELETE FROM users WHERE user_name = ANY($1::text[])', [victims]);
      victims.forEach((v) => deleted.add(v));
      await insert([`new${created++}`, `new${created++}`]);
    }
    const stable = all.filter((n) => !deleted.has(n));
    const seenStable = seen.filter((n) => all.includes(n));
    expect(new Set(seen).size, 'no user returned twice').toBe(seen.length);
    expect(seenStable.sort()).toEqual([...all].sort());
    expect(stable.every((n) => seen.includes(n))).toBe(true);
  });
});

describe('single-user reads and compare-and-set writes', () => {
  it('reads a user with its groups in display-name order, and writes only at the expected version', async () => {
    const [{ id }] = await db.sql.query<{ id: string }>(`SELECT id FROM users WHERE user_name = 's1'`);
    const groups = await db.sql.query<{ id: string }>(
      `INSERT INTO groups (id, display_name, display_name_key) VALUES (gen_random_uuid(), 'Zeta', 'zeta'), (gen_random_uuid(), 'Alpha', 'alpha') RETURNING id`,
    );
    for (const g of groups) await db.sql.query(`INSERT INTO group_members (group_id, user_id) VALUES ($1, $2)`, [g.id, id]);
    const { record: before } = await findUserWithGroups(db.sql, id);
    expect(before?.groups.map((g) => [g.display_name, g.user_id])).toEqual([['Alpha', id], ['Zeta', id]]);

    const written = await updateUser(db.sql, id, { userName: 's1', title: 'first' }, before!.row.version);
    expect(written?.row.version).toBe(before!.row.version + 1);
    expect(written?.groups.map((g) => g.display_name)).toEqual(['Alpha', 'Zeta']);
    // A writer still holding the old version loses, and nothing is written.
    expect(await updateUser(db.sql, id, { userName: 's1', title: 'stale' }, before!.row.version)).toBeUndefined();
    expect((await findUserWithGroups(db.sql, id)).record?.row.attributes).toEqual({ userName: 's1', title: 'first' });
    // No such user: no record, and still the access epoch (a 404 needs no second round trip to confirm access).
    await db.sql.query('INSERT INTO instance_config (id, updated_at) VALUES (1, now()) ON CONFLICT (id) DO NOTHING');
    const [{ access_epoch }] = await db.sql.query<{ access_epoch: number }>('SELECT access_epoch FROM instance_config WHERE id = 1');
    expect(access_epoch).toEqual(expect.any(Number));
    expect(await findUserWithGroups(db.sql, '00000000-0000-4000-8000-000000000000')).toEqual({ record: undefined, accessEpoch: access_epoch });
  });
});
