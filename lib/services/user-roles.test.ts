import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db';
import { insertUser, openTestDatabase } from './dashboard-fixture.test-support';
import { RoleChangeError, setUserRole } from './user-roles';

let db: Database;
const actor = { name: 'test' };

beforeAll(async () => {
  db = await openTestDatabase();
}, 120_000);

afterAll(async () => {
  await db?.close();
});

describe('setUserRole', () => {
  it('keeps the last active admin', async () => {
    const only = await insertUser(db, { userName: 'only-admin@example.com', role: 'ADMIN' });
    await expect(setUserRole(only, 'MEMBER', actor)).rejects.toThrow(RoleChangeError);
    await expect(setUserRole(only, 'MEMBER', actor)).rejects.toThrow(/last active admin/);

    const second = await insertUser(db, { userName: 'second@example.com' });
    expect(await setUserRole(second, 'ADMIN', actor)).toEqual({ changed: true, userName: 'second@example.com' });
    expect(await setUserRole(second, 'ADMIN', actor)).toEqual({ changed: false, userName: 'second@example.com' });

    // Now the first may step down; their sessions end at once.
    await setUserRole(only, 'MEMBER', actor);
    const demoted = await db.prisma.user.findUniqueOrThrow({ where: { id: only } });
    expect(demoted.role).toBe('MEMBER');
    expect(demoted.sessionsValidAfter).not.toBeNull();
    await expect(setUserRole(second, 'MEMBER', actor)).rejects.toThrow(/last active admin/);
  });

  it('refuses to make a deprovisioned user an admin', async () => {
    const gone = await insertUser(db, { userName: 'gone@example.com', active: false });
    await expect(setUserRole(gone, 'ADMIN', actor)).rejects.toThrow(/deprovisioned/);
  });

  it('writes one activity row per change', async () => {
    const rows = await db.prisma.activityEntry.findMany({ where: { action: { in: ['admin.grant', 'admin.revoke'] } }, orderBy: { id: 'asc' } });
    expect(rows.map((r) => r.action)).toEqual(['admin.grant', 'admin.revoke']);
    expect(rows[1].summary).toMatch(/sessions were ended/);
  });
});
