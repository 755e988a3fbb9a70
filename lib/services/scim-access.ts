/**
 * Who may call SCIM, decided in one database round trip per request: the
 * InfraToken (by hash, constant-time compared, not expired, not revoked) and
 * whether SCIM Provisioning is on. Both are read fresh, so revoking a token
 * or turning SCIM off on any instance applies to the very next request.
 */
import { timingSafeEqual } from 'node:crypto';
import { getDb } from '../db';
import { publicUrlFromEnv } from '../server/env';
import { hashToken, tokenFromAuthorization, tokenStatus, type VerifiedToken } from './tokens';

export type ScimAccess =
  | { kind: 'granted'; token: VerifiedToken; publicUrl: string | null }
  | { kind: 'disabled'; token: VerifiedToken }
  | { kind: 'denied'; reason: 'missing' | 'unknown' | 'expired' | 'revoked' };

interface AccessRow {
  scim_enabled: boolean | null;
  public_url: string | null;
  id: string | null;
  label: string | null;
  token_hash: string | null;
  expires_at: Date | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
}

export async function authorizeScimRequest(authorization: string | null): Promise<ScimAccess> {
  const raw = tokenFromAuthorization(authorization);
  if (!raw) return { kind: 'denied', reason: 'missing' };
  const hash = hashToken(raw);
  const { sql } = await getDb();
  const [row] = await sql.query<AccessRow>(
    `SELECT c.scim_enabled, c.public_url, t.id, t.label, t.token_hash, t.expires_at, t.revoked_at, t.last_used_at
       FROM (SELECT 1) AS one
       LEFT JOIN instance_config c ON c.id = 1
       LEFT JOIN infra_tokens t ON t.token_hash = $1`,
    [hash],
  );
  if (!row?.id || !row.token_hash || !timingSafeEqual(Buffer.from(row.token_hash), Buffer.from(hash))) {
    return { kind: 'denied', reason: 'unknown' };
  }
  const status = tokenStatus({ expiresAt: row.expires_at, revokedAt: row.revoked_at });
  if (status !== 'active') return { kind: 'denied', reason: status };
  const token: VerifiedToken = { id: row.id, label: row.label ?? '', lastUsedAt: row.last_used_at };
  return row.scim_enabled ? { kind: 'granted', token, publicUrl: row.public_url ?? publicUrlFromEnv() ?? null } : { kind: 'disabled', token };
}
