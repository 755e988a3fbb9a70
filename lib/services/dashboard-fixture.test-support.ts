/**
 * A small directory on an in-memory database for the dashboard services'
 * tests: users with awkward names, groups with memberships, log entries.
 */
import { connectMemoryDatabase, setDb, type Database } from '../db';
import { valueSearchText } from '../scim/filter/storage';

export interface SeedUser {
  userName: string;
  displayName?: string | null;
  givenName?: string | null;
  familyName?: string | null;
  email?: string | null;
  active?: boolean;
  role?: 'ADMIN' | 'MEMBER';
  source?: 'SCIM' | 'LOCAL';
  createdAt?: Date;
  lastSignInAt?: Date;
  attributes?: Record<string, unknown>;
}

export async function openTestDatabase(): Promise<Database> {
  const db = await connectMemoryDatabase();
  setDb(db);
  return db;
}

export async function insertUser(db: Database, u: SeedUser): Promise<string> {
  const attributes = u.attributes ?? { userName: u.userName };
  const emails = Array.isArray(attributes.emails) ? (attributes.emails as { value?: unknown }[]) : [];
  const row = await db.prisma.user.create({
    data: {
      userName: u.userName,
      userNameKey: u.userName.toLowerCase(),
      displayName: u.displayName ?? null,
      givenName: u.givenName ?? null,
      familyName: u.familyName ?? null,
      email: u.email ?? null,
      emailKeys: u.email ? [u.email.toLowerCase()] : [],
      emailSearch: valueSearchText(emails.map((e) => e?.value)),
      active: u.active ?? true,
      role: u.role ?? 'MEMBER',
      source: u.source ?? 'SCIM',
      createdAt: u.createdAt,
      lastSignInAt: u.lastSignInAt,
      attributes: attributes as object,
    },
    select: { id: true },
  });
  return row.id;
}

export async function insertGroup(db: Database, name: string, memberIds: string[]): Promise<string> {
  const g = await db.prisma.group.create({ data: { displayName: name, displayNameKey: name.toLowerCase() }, select: { id: true } });
  if (memberIds.length) await db.prisma.groupMember.createMany({ data: memberIds.map((userId) => ({ groupId: g.id, userId })) });
  return g.id;
}
