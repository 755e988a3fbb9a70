/** Paging users in the default order: SCIM-provisioned users first, then local accounts. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectMemoryDatabase, type Database } from './index';
import { findUserWithGroups, pageUsersScimFirst, updateUser } from './scim-store';

let db: Database;
const ORDER = 'u.created_at ASC, u.id ASC';
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
  const { total, rows } = await pageUsersScimFirst(db.sql, { where, params, orderBy: ORDER, startIndex, count });
  return { total, names: rows.map((r) => r.user_name) };
};

describe('pageUsersScimFirst', () => {
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
});

describe('single-user reads and compare-and-set writes', () => {
  it('reads a user with its groups in display-name order, and writes only at the expected version', async () => {
    const [{ id }] = await db.sql.query<{ id: string }>(`SELECT id FROM users WHERE user_name = 's1'`);
    const groups = await db.sql.query<{ id: string }>(
      `INSERT INTO groups (id, display_name, display_name_key) VALUES (gen_random_uuid(), 'Zeta', 'zeta'), (gen_random_uuid(), 'Alpha', 'alpha') RETURNING id`,
    );
    for (const g of groups) await db.sql.query(`INSERT INTO group_members (group_id, user_id) VALUES ($1, $2)`, [g.id, id]);
    const before = await findUserWithGroups(db.sql, id);
    expect(before?.groups.map((g) => [g.display_name, g.user_id])).toEqual([['Alpha', id], ['Zeta', id]]);

    const written = await updateUser(db.sql, id, { userName: 's1', title: 'first' }, before!.row.version);
    expect(written?.row.version).toBe(before!.row.version + 1);
    expect(written?.groups.map((g) => g.display_name)).toEqual(['Alpha', 'Zeta']);
    // A writer still holding the old version loses, and nothing is written.
    expect(await updateUser(db.sql, id, { userName: 's1', title: 'stale' }, before!.row.version)).toBeUndefined();
    expect((await findUserWithGroups(db.sql, id))?.row.attributes).toEqual({ userName: 's1', title: 'first' });
    expect(await findUserWithGroups(db.sql, '00000000-0000-4000-8000-000000000000')).toBeUndefined();
  });
});
