/**
 * Who may sign in through single sign-on: only users provisioned to this
 * instance and active. The OIDC identity is found by its remembered subject,
 * else once by email or userName (as configured), and the subject is then
 * remembered. A local admin is never taken over by an unverified email.
 */
import { getDb } from '../db';
import { recordActivity } from './activity';
import type { SsoConfig } from './sso-config';

export interface OidcClaims {
  sub?: string;
  email?: string;
  email_verified?: boolean | string;
  preferred_username?: string;
  upn?: string;
  name?: string;
}

export type SsoOutcome =
  | { ok: true; userId: string }
  | { ok: false; reason: 'not-provisioned' | 'revoked' | 'unverified' | 'linked-elsewhere' };

interface Candidate {
  id: string;
  user_name: string;
  active: boolean;
  source: 'SCIM' | 'LOCAL';
  oidc_subject: string | null;
}

export function subjectKey(config: SsoConfig, sub: string): string {
  return `${config.issuer}#${sub}`;
}

async function findCandidate(config: SsoConfig, claims: OidcClaims, subject: string): Promise<{ user?: Candidate; via: 'subject' | 'email' | 'userName' }> {
  const { sql } = await getDb();
  const cols = 'id, user_name, active, source, oidc_subject';
  const [linked] = await sql.query<Candidate>(`SELECT ${cols} FROM users WHERE oidc_subject = $1`, [subject]);
  if (linked) return { user: linked, via: 'subject' };
  if (config.matchBy === 'userName') {
    const name = (claims.preferred_username ?? claims.upn ?? '').trim().toLowerCase();
    if (!name) return { via: 'userName' };
    const [user] = await sql.query<Candidate>(`SELECT ${cols} FROM users WHERE user_name_key = $1`, [name]);
    return { user, via: 'userName' };
  }
  const email = (claims.email ?? '').trim().toLowerCase();
  if (!email) return { via: 'email' };
  // The account whose userName is that email wins; otherwise exactly one account holding the email.
  const rows = await sql.query<Candidate & { by_name: boolean }>(
    `SELECT ${cols}, user_name_key = $1 AS by_name FROM users
      WHERE user_name_key = $1 OR email_keys @> ARRAY[$1]::text[]
      ORDER BY (user_name_key = $1) DESC, created_at LIMIT 2`,
    [email],
  );
  const user = rows[0]?.by_name || rows.length === 1 ? rows[0] : undefined;
  return { user, via: 'email' };
}

export async function resolveSsoSignIn(config: SsoConfig, claims: OidcClaims): Promise<SsoOutcome> {
  const label = claims.email ?? claims.preferred_username ?? claims.sub ?? 'unknown';
  const refuse = async (reason: Exclude<SsoOutcome, { ok: true }>['reason'], summary: string, userId?: string): Promise<SsoOutcome> => {
    await recordActivity({
      kind: 'AUTH',
      action: 'signin.refused',
      status: 403,
      actorId: userId,
      actorName: label.slice(0, 200),
      resourceType: userId ? 'User' : undefined,
      resourceId: userId,
      summary: `Single sign-on refused for ${label.slice(0, 200)}: ${summary}`,
      details: { reason, issuer: config.issuer },
    });
    return { ok: false, reason };
  };
  if (!claims.sub) return refuse('not-provisioned', 'the identity provider sent no subject');
  const subject = subjectKey(config, claims.sub);
  const { user, via } = await findCandidate(config, claims, subject);
  if (!user) return refuse('not-provisioned', `no provisioned account matches by ${via}`);
  if (user.oidc_subject && user.oidc_subject !== subject) {
    return refuse('linked-elsewhere', 'the matching account is linked to another identity', user.id);
  }
  const verified = claims.email_verified === true || String(claims.email_verified).toLowerCase() === 'true';
  if (via === 'email' && user.source === 'LOCAL' && !verified) {
    return refuse('unverified', 'a local account is never matched by an unverified email', user.id);
  }
  if (!user.active) return refuse('revoked', 'the account is deprovisioned', user.id);

  const { sql } = await getDb();
  await sql.query(`UPDATE users SET oidc_subject = coalesce(oidc_subject, $2), last_sign_in_at = now() WHERE id = $1`, [user.id, subject]);
  await recordActivity({
    kind: 'AUTH',
    action: 'signin',
    status: 200,
    actorId: user.id,
    actorName: user.user_name,
    resourceType: 'User',
    resourceId: user.id,
    resourceName: user.user_name,
    summary: `${user.user_name} signed in with single sign-on${via === 'subject' ? '' : ` (first sign-in, matched by ${via})`}`,
  });
  return { ok: true, userId: user.id };
}

/** Our user id for a remembered OIDC subject (after resolveSsoSignIn linked it). */
export async function userIdForSubject(config: SsoConfig, sub: string): Promise<string | null> {
  const { sql } = await getDb();
  const [row] = await sql.query<{ id: string }>('SELECT id FROM users WHERE oidc_subject = $1', [subjectKey(config, sub)]);
  return row?.id ?? null;
}
