import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db';
import { parseActivityFilter } from '../validations/activity-filter';
import { insertUser, openTestDatabase } from './dashboard-fixture.test-support';
import { ACTIVITY_PAGE_SIZE, getActivityEntry, getScimTraffic, listActivity, listRecentActivity, listUserHistory } from './activity-log';

let db: Database;
let ada: string;
const TOKEN = '00000000-0000-4000-8000-00000000000f';

beforeAll(async () => {
  db = await openTestDatabase();
  ada = await insertUser(db, { userName: 'Ada@Example.com', email: 'ada.l@example.com' });
  const start = Date.now() - 60 * 60_000;
  // 120 SCIM entries one second apart, every tenth an error, every third about Ada;
  // the last two share one timestamp (the cursor must still not skip or repeat).
  await db.prisma.activityEntry.createMany({
    data: Array.from({ length: 120 }, (_, i) => ({
      createdAt: new Date(start + Math.min(i, 118) * 1000),
      kind: 'SCIM' as const,
      action: 'user.update',
      status: i % 10 === 0 ? 400 : 200,
      method: 'PATCH',
      path: `/scim/v2/Users/${i}`,
      tokenId: i % 2 ? TOKEN : null,
      tokenLabel: i % 2 ? 'Okta' : null,
      resourceType: 'User',
      resourceId: i % 3 === 0 ? ada : null,
      summary: `entry ${i}`,
      details: { changed: ['title'], ignored: ['x-custom'], userAgent: 'Okta SCIM Client' },
    })),
  });
  await db.prisma.activityEntry.create({ data: { kind: 'ADMIN', action: 'scim.enable', summary: 'on', createdAt: new Date(start - 1000) } });
}, 120_000);

afterAll(async () => {
  await db?.close();
});

const all = async (params: Record<string, string>) => {
  const seen: string[] = [];
  let before: string | undefined;
  for (;;) {
    const page = await listActivity(parseActivityFilter({ ...params, ...(before ? { before } : {}) }));
    seen.push(...page.entries.map((e) => e.summary));
    if (!page.olderThan) return seen;
    before = page.olderThan;
  }
};

describe('listActivity', () => {
  it('pages newest first with a keyset cursor, never skipping or repeating', async () => {
    const first = await listActivity(parseActivityFilter({}));
    expect(first.entries).toHaveLength(ACTIVITY_PAGE_SIZE);
    expect(first.entries[0].summary).toMatch(/^entry 11[89]$/);
    const summaries = await all({});
    expect(summaries).toHaveLength(121);
    expect(new Set(summaries).size).toBe(121);
    expect(summaries.at(-1)).toBe('on');
  });

  it('filters by kind, errors, token and user (id, userName or email)', async () => {
    expect(await all({ kind: 'ADMIN' })).toEqual(['on']);
    expect(await all({ errors: '1' })).toHaveLength(12);
    expect(await all({ token: TOKEN })).toHaveLength(60);
    expect(await all({ user: 'ada@example.com' })).toHaveLength(40);
    expect(await all({ user: 'ADA.L@example.com', errors: '1' })).toHaveLength(4);
    expect((await listActivity(parseActivityFilter({ user: ada }))).user?.userName).toBe('Ada@Example.com');
    expect(await listActivity(parseActivityFilter({ user: 'nobody@example.com' }))).toEqual({ entries: [], olderThan: null, user: null });
    // A deleted user's id still finds their history (none here, but no error and no "unknown user").
    const gone = await listActivity(parseActivityFilter({ user: '00000000-0000-4000-8000-0000000000ff' }));
    expect(gone).toMatchObject({ entries: [], user: { id: '00000000-0000-4000-8000-0000000000ff' } });
  });
});

describe('getActivityEntry', () => {
  it('opens an entry with what changed and what was ignored', async () => {
    const [latest] = (await listActivity(parseActivityFilter({ errors: '1' }))).entries;
    const entry = await getActivityEntry(latest.id);
    expect(entry).toMatchObject({ method: 'PATCH', status: 400, changed: ['title'], ignored: ['x-custom'], userAgent: 'Okta SCIM Client', extra: {} });
    expect(await getActivityEntry('abc')).toBeNull();
    expect(await getActivityEntry('999999')).toBeNull();
  });
});

describe('history and traffic', () => {
  it('lists a user history and counts SCIM traffic', async () => {
    expect(await listUserHistory(ada, 5)).toHaveLength(5);
    expect((await listRecentActivity(3)).map((e) => e.summary)).toEqual(['entry 119', 'entry 118', 'entry 117']);
    expect(await getScimTraffic(24)).toMatchObject({ requests: 120, errors: 12 });
  });
});
