/**
 * Who is signed in, checked against the database on every call: the
 * account must still exist and be active, and the session must have been
 * issued after the account's last revocation. This is what makes a SCIM
 * deactivation effective at once, on every instance sharing the database.
 */
import { getServerSession } from 'next-auth';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { getDb } from '../db';
import { authOptions } from './options';

export interface SessionUser {
  id: string;
  name: string;
  email: string;
  role: 'ADMIN' | 'MEMBER';
}

export type SessionState = { kind: 'none' } | { kind: 'revoked'; userId: string } | { kind: 'active'; user: SessionUser };

async function loadSession(): Promise<SessionState> {
  const session = await getServerSession(await authOptions());
  const id = (session?.user as { id?: string } | undefined)?.id;
  if (!id) return { kind: 'none' };
  const { prisma } = await getDb();
  const user = await prisma.user.findUnique({
    where: { id },
    select: { id: true, userName: true, displayName: true, email: true, active: true, role: true, sessionsValidAfter: true },
  });
  if (!user || !user.active) return { kind: 'revoked', userId: id };
  const signedInAt = (session as { signedInAt?: number } | null)?.signedInAt ?? 0;
  if (user.sessionsValidAfter && signedInAt < user.sessionsValidAfter.getTime()) return { kind: 'revoked', userId: id };
  return { kind: 'active', user: { id: user.id, name: user.displayName ?? user.userName, email: user.email ?? user.userName, role: user.role } };
}

/** The session of this request, checked once per request. */
export const currentSession = cache(loadSession);

/** The signed-in admin, or null. */
export async function currentAdmin(): Promise<SessionUser | null> {
  const s = await currentSession();
  return s.kind === 'active' && s.user.role === 'ADMIN' ? s.user : null;
}

/** For admin pages and server actions: the signed-in admin, or a redirect. */
export async function requireAdmin(): Promise<SessionUser> {
  const s = await currentSession();
  if (s.kind === 'none') redirect('/sign-in');
  if (s.kind === 'revoked') redirect('/access-revoked');
  if (s.user.role !== 'ADMIN') redirect('/home');
  return s.user;
}

/** For member pages: any active, provisioned user (admins included). */
export async function requireMember(): Promise<SessionUser> {
  const s = await currentSession();
  if (s.kind === 'none') redirect('/sign-in?callbackUrl=%2Fhome');
  if (s.kind === 'revoked') redirect('/access-revoked');
  return s.user;
}
