/**
 * Making a user an admin of this instance, or not. The rule that matters:
 * the last active admin stays an admin (the same lock as SCIM deactivation
 * takes, so the two cannot race each other into an instance without an
 * admin). Removing the role ends that person's sessions at once.
 */
import { getDb } from '../db';
import { recordActivity } from './activity';
import type { Actor } from './tokens';

/** Shared with set-up and SCIM deactivation: serializes changes to who is an admin. */
const ADMIN_LOCK = 0x526f7374;

export class RoleChangeError extends Error {}

export async function setUserRole(userId: string, role: 'ADMIN' | 'MEMBER', actor: Actor): Promise<{ changed: boolean; userName: string }> {
  const { prisma } = await getDb();
  const outcome = await prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ADMIN_LOCK})`;
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, userName: true, role: true, active: true } });
    if (!user) throw new RoleChangeError('This user no longer exists.');
    if (user.role === role) return { changed: false, userName: user.userName };
    if (role === 'ADMIN' && !user.active) {
      throw new RoleChangeError(`${user.userName} is deprovisioned; reactivate the user in your IdP before making them an admin.`);
    }
    if (role === 'MEMBER' && user.active) {
      const others = await tx.user.count({ where: { role: 'ADMIN', active: true, id: { not: user.id } } });
      if (others === 0) throw new RoleChangeError(`${user.userName} is the last active admin of this instance. Make someone else an admin first.`);
    }
    await tx.user.update({
      where: { id: user.id },
      // Losing the role ends the admin's sessions now, not when the JWT expires.
      data: role === 'MEMBER' ? { role, sessionsValidAfter: new Date() } : { role },
      select: { id: true },
    });
    return { changed: true, userName: user.userName };
  });
  if (outcome.changed) {
    await recordActivity({
      kind: 'ADMIN',
      action: role === 'ADMIN' ? 'admin.grant' : 'admin.revoke',
      actorId: actor.id,
      actorName: actor.name,
      resourceType: 'User',
      resourceId: userId,
      resourceName: outcome.userName,
      summary: role === 'ADMIN' ? `${outcome.userName} made an admin` : `${outcome.userName} is no longer an admin; their sessions were ended`,
    });
  }
  return outcome;
}
