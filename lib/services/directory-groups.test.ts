import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db';
import { parseGroupListQuery, parseMemberListQuery } from '../validations/group-list';
import { insertGroup, insertUser, openTestDatabase } from './dashboard-fixture.test-support';
import { getGroupProfile, listGroups } from './directory-groups';

let db: Database;
let big: string;

beforeAll(async () => {
  db = await openTestDatabase();
  const users: string[] = [];
  for (let i = 0; i < 30; i++) users.push(await insertUser(db, { userName: `user${String(i).padStart(2, '0')}@example.com` }));
  big = await insertGroup(db, 'Everyone', users);
  await insertGroup(db, 'Admins', users.slice(0, 2));
  await insertGroup(db, 'Empty', []);
}, 120_000);

afterAll(async () => {
  await db?.close();
});

describe('listGroups', () => {
  it('lists groups with member counts, by name', async () => {
    const page = await listGroups(parseGroupListQuery({}));
    expect(page.items.map((g) => [g.name, g.memberCount])).toEqual([
      ['Admins', 2],
      ['Empty', 0],
      ['Everyone', 30],
    ]);
    expect(page.total).toBe(3);
  });

  it('sorts by member count and searches by name', async () => {
    const byMembers = await listGroups(parseGroupListQuery({ sort: 'members', dir: 'desc' }));
    expect(byMembers.items.map((g) => g.name)).toEqual(['Everyone', 'Admins', 'Empty']);
    const found = await listGroups(parseGroupListQuery({ q: 'MIN' }));
    expect(found.items.map((g) => g.name)).toEqual(['Admins']);
  });
});

describe('getGroupProfile', () => {
  it('pages the members, most recently added first', async () => {
    const first = await getGroupProfile(big, parseMemberListQuery({}));
    const second = await getGroupProfile(big, parseMemberListQuery({ page: '2', size: '25' }));
    expect(second?.members).toMatchObject({ total: 30, pageCount: 2, page: 2 });
    const all = [...(first?.members.items ?? []), ...(second?.members.items ?? [])];
    expect(new Set(all.map((m) => m.id)).size).toBe(30);
    const added = all.map((m) => m.addedAt.getTime());
    expect(added).toEqual([...added].sort((a, b) => b - a));
  });

  it('answers null for unknown ids', async () => {
    expect(await getGroupProfile('not-a-uuid', parseMemberListQuery({}))).toBeNull();
  });
});
