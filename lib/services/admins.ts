/**
 * Local admin accounts: the first-run set-up, CLI-created admins and
 * password sign-in. SCIM-provisioned users never have a password here.
 */
import { hashPassword, verifyPassword } from '../auth/password';
import { getDb } from '../db';
import { valueSearchText } from '../scim/filter/storage';
import type { AdminAccountInput } from '../validations/admin';
import { recordActivity } from './activity';

/** Serializes set-up so two simultaneous submissions cannot both create "the first" admin. */
const SETUP_LOCK = 0x526f7374; // "Rost"

export class SetupClosedError extends Error {
  constructor() {
    super('Set-up is already complete: sign in instead.');
  }
}
export class AccountExistsError extends Error {
  constructor(email: string) {
    super(`An account with the email ${email} already exists.`);
  }
}

export async function hasAnyAdmin(): Promise<boolean> {
  const { prisma } = await getDb();
  return (await prisma.user.count({ where: { role: 'ADMIN' }, take: 1 })) > 0;
}

export interface AdminRecord {
  id: string;
  name: string;
  email: string;
}

async function insertAdmin(input: AdminAccountInput, options: { firstOnly: boolean }): Promise<AdminRecord> {
  const { prisma } = await getDb();
  const passwordHash = await hashPassword(input.password);
  const user = await prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SETUP_LOCK})`;
    if (options.firstOnly && (await tx.user.count({ where: { role: 'ADMIN' } })) > 0) throw new SetupClosedError();
    const key = input.email.toLowerCase();
    if (await tx.user.findUnique({ where: { userNameKey: key }, select: { id: true } })) throw new AccountExistsError(input.email);
    const [givenName, ...rest] = input.name.split(/\s+/);
    return tx.user.create({
      data: {
        userName: input.email,
        userNameKey: key,
        displayName: input.name,
        givenName,
        familyName: rest.join(' ') || null,
        email: input.email,
        emailKeys: [key],
        emailSearch: valueSearchText([input.email]),
        active: true,
        role: 'ADMIN',
        source: 'LOCAL',
        passwordHash,
        attributes: {
          userName: input.email,
          displayName: input.name,
          name: { formatted: input.name, givenName, ...(rest.length ? { familyName: rest.join(' ') } : {}) },
          emails: [{ value: input.email, type: 'work', primary: true }],
          active: true,
        },
      },
    });
  });
  return { id: user.id, name: input.name, email: input.email };
}

/** /setup: creates the first admin; refuses once any admin exists. */
export async function createFirstAdmin(input: AdminAccountInput): Promise<AdminRecord> {
  const admin = await insertAdmin(input, { firstOnly: true });
  await recordActivity({
    kind: 'ADMIN',
    action: 'setup.complete',
    actorId: admin.id,
    actorName: admin.name,
    resourceType: 'User',
    resourceId: admin.id,
    resourceName: admin.email,
    summary: `First admin ${admin.email} created; set-up closed`,
  });
  return admin;
}

/** CLI: adds another local admin. */
export async function createAdmin(input: AdminAccountInput, actor = 'command line'): Promise<AdminRecord> {
  const admin = await insertAdmin(input, { firstOnly: false });
  await recordActivity({
    kind: 'ADMIN',
    action: 'admin.create',
    actorName: actor,
    resourceType: 'User',
    resourceId: admin.id,
    resourceName: admin.email,
    summary: `Admin ${admin.email} created from the ${actor}`,
  });
  return admin;
}

/**
 * Password sign-in. Returns the admin or null; the reason stays in the
 * activity log, never in the answer (no account enumeration).
 */
export async function authenticateAdmin(email: string, password: string): Promise<AdminRecord | null> {
  const { prisma } = await getDb();
  const user = await prisma.user.findUnique({ where: { userNameKey: email.trim().toLowerCase() } });
  const ok = await verifyPassword(password, user?.passwordHash);
  const reason = !user ? 'unknown account' : !ok ? 'wrong password' : !user.active ? 'account deactivated' : user.role !== 'ADMIN' ? 'not an admin' : null;
  if (reason || !user) {
    await recordActivity({
      kind: 'AUTH',
      action: 'signin.failed',
      status: 401,
      actorId: user?.id,
      actorName: email.slice(0, 200),
      summary: `Admin sign-in refused for ${email.slice(0, 200)}: ${reason}`,
    });
    return null;
  }
  await prisma.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() }, select: { id: true } });
  await recordActivity({
    kind: 'AUTH',
    action: 'signin',
    status: 200,
    actorId: user.id,
    actorName: user.displayName ?? user.userName,
    summary: `Admin ${user.userName} signed in with a password`,
  });
  return { id: user.id, name: user.displayName ?? user.userName, email: user.userName };
}
