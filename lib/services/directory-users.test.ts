import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db';
import { parseUserListQuery } from '../validations/user-list';
import { openTestDatabase, insertGroup, insertUser } from './dashboard-fixture.test-support';
import { selectUserPage, type UserSortKey } from '../db/directory-users';
import { getUserProfile, listUsers, pageWindow, personName } from './directory-users';

let db: Database;
const ids: Record<string, string> = {};

beforeAll(async () => {
  db = await openTestDatabase();
  const day = (n: number) => new Date(Date.UTC(2026, 0, n));
  ids.ada = await insertUser(db, { userName: 'ada@example.com', displayName: 'Ada Lovelace', email: 'ada@example.com', role: 'ADMIN', source: 'LOCAL', createdAt: day(1) });
  ids.alan = await insertUser(db, { userName: 'ATuring', givenName: 'Alan', familyName: 'Turing', email: 'alan@example.org', createdAt: day(2), lastSignInAt: day(20) });
  ids.grace = await insertUser(db, { userName: 'grace@example.com', displayName: 'Grace Hopper', active: false, createdAt: day(3) });
  ids.pct = await insertUser(db, { userName: '100%_sure@example.com', displayName: 'Percy Cent', createdAt: day(4) });
  ids.plain = await insertUser(db, { userName: 'plain@example.com', createdAt: day(5), lastSignInAt: day(10) });
  await insertGroup(db, 'Zeta', [ids.alan]);
  await insertGroup(db, 'Alpha', [ids.alan, ids.ada]);
  await insertGroup(db, 'Beta', [ids.alan]);
  await insertGroup(db, 'Gamma', [ids.alan]);
}, 120_000);

afterAll(async () => {
  await db?.close();
});

const list = (params: Record<string, string>) => listUsers(parseUserListQuery(params));
const names = async (params: Record<string, string>) => (await list(params)).items.map((u) => u.name);

describe('listUsers', () => {
  it('sorts by name by default and names people sensibly', async () => {
    // displayName first; accounts without one follow, by family name.
    expect(await names({})).toEqual(['Ada Lovelace', 'Grace Hopper', 'Percy Cent', 'Alan Turing', 'plain@example.com']);
    expect(personName({ display_name: null, given_name: null, family_name: 'Solo', user_name: 'x' })).toBe('Solo');
  });

  it('searches name, userName and email case-insensitively, wildcards taken literally', async () => {
    expect(await names({ q: 'TURING' })).toEqual(['Alan Turing']);
    expect(await names({ q: 'example.org' })).toEqual(['Alan Turing']);
    expect(await names({ q: 'hopper' })).toEqual(['Grace Hopper']);
    expect(await names({ q: '%_' })).toEqual(['Percy Cent']);
    expect(await names({ q: 'nobody' })).toEqual([]);
  });

  it('filters by status, source and role', async () => {
    expect(await names({ status: 'deprovisioned' })).toEqual(['Grace Hopper']);
    expect((await list({ status: 'active' })).total).toBe(4);
    expect(await names({ source: 'local' })).toEqual(['Ada Lovelace']);
    expect(await names({ role: 'admin' })).toEqual(['Ada Lovelace']);
    expect((await list({ role: 'member', source: 'scim', status: 'active' })).total).toBe(3);
  });

  it('sorts in both directions and pages with a total', async () => {
    expect(await names({ sort: 'provisioned', dir: 'desc', size: '25' })).toEqual(['plain@example.com', 'Percy Cent', 'Grace Hopper', 'Alan Turing', 'Ada Lovelace']);
    expect(await names({ sort: 'userName' })).toEqual(['Percy Cent', 'Ada Lovelace', 'Alan Turing', 'Grace Hopper', 'plain@example.com']);
    const page = await list({ sort: 'provisioned', page: '2', size: '25' });
    expect(page).toMatchObject({ items: [], total: 5, page: 2, pageCount: 1 });
  });

  it('keeps "never signed in" last in both directions', async () => {
    expect((await names({ sort: 'lastSignIn', dir: 'desc' })).slice(0, 2)).toEqual(['Alan Turing', 'plain@example.com']);
    expect((await names({ sort: 'lastSignIn', dir: 'asc' })).slice(0, 2)).toEqual(['plain@example.com', 'Alan Turing']);
  });

  it('reads a page from the far end in exactly the same order', async () => {
    const { sql } = db;
    for (const key of ['name', 'userName', 'status', 'provisioned', 'updated', 'lastSignIn'] as UserSortKey[]) {
      for (const desc of [false, true]) {
        const sort = { key, desc };
        const all = (await selectUserPage(sql, {}, sort, { limit: 10, offset: 0 })).map((r) => r.id);
        // Last two rows, read backwards from the end.
        const tail = (await selectUserPage(sql, {}, sort, { limit: 2, offset: 0, fromEnd: true })).map((r) => r.id);
        expect(tail, `${key} ${desc ? 'desc' : 'asc'}`).toEqual(all.slice(-2));
        const middle = (await selectUserPage(sql, {}, sort, { limit: 2, offset: 1, fromEnd: true })).map((r) => r.id);
        expect(middle, `${key} ${desc ? 'desc' : 'asc'}`).toEqual(all.slice(-3, -1));
      }
    }
  });

  it('plans far pages from the end', () => {
    expect(pageWindow(1, 25, null)).toEqual({ limit: 25, offset: 0, fromEnd: false });
    // Rows 99,975–99,999 of 100,001: one row lies after them.
    expect(pageWindow(4000, 25, 100_001)).toEqual({ limit: 25, offset: 1, fromEnd: true });
    // The last, partial page.
    expect(pageWindow(4001, 25, 100_001)).toEqual({ limit: 1, offset: 0, fromEnd: true });
    expect(pageWindow(5000, 25, 100_001)).toEqual({ limit: 0, offset: 0, fromEnd: true });
    expect(pageWindow(2, 25, 100_001)).toEqual({ limit: 25, offset: 25, fromEnd: false });
  });

  it('ignores URL values it does not understand', async () => {
    const page = await list({ sort: 'password', dir: 'sideways', page: '-3', size: '7', status: 'gone' });
    expect(page.items).toHaveLength(5);
    expect(page).toMatchObject({ page: 1, size: 25 });
  });

  it('shows the first three groups by name and the group count', async () => {
    const [alan] = (await list({ q: 'turing' })).items;
    expect(alan.groups.map((g) => g.name)).toEqual(['Alpha', 'Beta', 'Gamma']);
    expect(alan.groupCount).toBe(4);
  });
});

describe('getUserProfile', () => {
  it('returns the document, groups and flags', async () => {
    const ada = await getUserProfile(ids.ada);
    expect(ada).toMatchObject({ name: 'Ada Lovelace', role: 'ADMIN', source: 'LOCAL', hasPassword: false, groups: [{ name: 'Alpha' }] });
    expect(ada?.document).toEqual({ userName: 'ada@example.com' });
  });

  it('answers null for unknown or malformed ids', async () => {
    expect(await getUserProfile('00000000-0000-4000-8000-000000000000')).toBeNull();
    expect(await getUserProfile("1' OR 1=1")).toBeNull();
  });
});
