/**
 * Who is signed in, checked against the database on every call: the
 * account must still exist, be active, be an admin, and the session must
 * have been issued after the account's last revocation.
 */
import { getServerSession } from 'next-auth';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { getDb } from '../db';
import { authOptions } from './options';

export interface SignedInAdmin {
  id: string;
  name: string;
  email: string;
}

async function loadAdmin(): Promise<SignedInAdmin | null> {
  const session = await getServerSession(authOptions());
  const id = (session?.user as { id?: string } | undefined)?.id;
  if (!id) return null;
  const { prisma } = await getDb();
  const user = await prisma.user.findUnique({
    where: { id },
    select: { id: true, userName: true, displayName: true, active: true, role: true, sessionsValidAfter: true },
  });
  if (!user || !user.active || user.role !== 'ADMIN') return null;
  const signedInAt = (session as { signedInAt?: number } | null)?.signedInAt ?? 0;
  if (user.sessionsValidAfter && signedInAt < user.sessionsValidAfter.getTime()) return null;
  return { id: user.id, name: user.displayName ?? user.userName, email: user.userName };
}

/** The signed-in admin, or null. Cached for the duration of one request. */
export const currentAdmin = cache(loadAdmin);

/** For admin pages and server actions: the signed-in admin, or a redirect to /sign-in. */
export async function requireAdmin(): Promise<SignedInAdmin> {
  const admin = await currentAdmin();
  if (!admin) redirect('/sign-in');
  return admin;
}
