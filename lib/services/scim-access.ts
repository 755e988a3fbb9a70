/**
 * Who may call SCIM: the InfraToken (by hash, constant-time compared, not
 * expired, not revoked) and whether SCIM Provisioning is on, read in one
 * round trip together with the access epoch (migration access_epoch: the
 * database moves it with every change to tokens or to the SCIM settings,
 * whoever makes it).
 *
 * Reads may be granted from memory, provisionally: the decision is kept with
 * the epoch it was read at, and the read that serves the request reads the
 * current epoch in its own statement (db/scim-store: ACCESS_EPOCH). The SCIM
 * route answers only if the two match; otherwise, or if the read did not
 * report one, it checks afresh first. A revocation or SCIM turned off that
 * committed before the request's read is therefore always seen, on every
 * instance, with no extra round trip in the common case. Writes, and every
 * refusal, are always decided afresh.
 */
import { timingSafeEqual } from 'node:crypto';
import { getDb } from '../db';
import { publicUrlFromEnv } from '../server/env';
import { hashToken, tokenFromAuthorization, tokenStatus, type VerifiedToken } from './tokens';

export type ScimAccess =
  | {
      kind: 'granted';
      token: VerifiedToken;
      publicUrl: string | null;
      /** The access epoch this decision was read at. */
      epoch: number;
      /** Served from memory: valid only if the request's own read sees the same epoch. */
      provisional: boolean;
    }
  | { kind: 'disabled'; token: VerifiedToken }
  | { kind: 'denied'; reason: 'missing' | 'unknown' | 'expired' | 'revoked' };

interface AccessRow {
  scim_enabled: boolean | null;
  public_url: string | null;
  access_epoch: number | null;
  id: string | null;
  label: string | null;
  token_hash: string | null;
  expires_at: Date | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
}

interface Granted {
  token: VerifiedToken;
  publicUrl: string | null;
  expiresAt: Date | null;
  epoch: number;
}

const CACHE_MAX = 1000;
const CACHE_KEY = Symbol.for('roster.scim-access.granted');

/** Grants by token hash, each with the epoch it was read at (tokens are few: a bounded map). */
function grants(): Map<string, Granted> {
  const holder = globalThis as { [CACHE_KEY]?: Map<string, Granted> };
  return (holder[CACHE_KEY] ??= new Map());
}

async function readAccess(hash: string): Promise<ScimAccess> {
  const { sql } = await getDb();
  const [row] = await sql.query<AccessRow>(
    `SELECT c.scim_enabled, c.public_url, c.access_epoch, t.id, t.label, t.token_hash, t.expires_at, t.revoked_at, t.last_used_at
       FROM (SELECT 1) AS one
       LEFT JOIN instance_config c ON c.id = 1
       LEFT JOIN infra_tokens t ON t.token_hash = $1`,
    [hash],
  );
  if (!row?.id || !row.token_hash || !timingSafeEqual(Buffer.from(row.token_hash), Buffer.from(hash))) {
    grants().delete(hash);
    return { kind: 'denied', reason: 'unknown' };
  }
  const status = tokenStatus({ expiresAt: row.expires_at, revokedAt: row.revoked_at });
  const token: VerifiedToken = { id: row.id, label: row.label ?? '', lastUsedAt: row.last_used_at };
  if (status !== 'active' || !row.scim_enabled || row.access_epoch === null) {
    grants().delete(hash);
    return status !== 'active' ? { kind: 'denied', reason: status } : { kind: 'disabled', token };
  }
  const granted: Granted = { token, publicUrl: row.public_url ?? publicUrlFromEnv() ?? null, expiresAt: row.expires_at, epoch: row.access_epoch };
  const cache = grants();
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(hash, granted);
  return { kind: 'granted', token, publicUrl: granted.publicUrl, epoch: granted.epoch, provisional: false };
}

/**
 * Decides a SCIM request. With `provisional`, a grant read earlier may be
 * returned from memory (the caller must then confirm its epoch, see above).
 */
export async function authorizeScimRequest(authorization: string | null, { provisional = false } = {}): Promise<ScimAccess> {
  const raw = tokenFromAuthorization(authorization);
  if (!raw) return { kind: 'denied', reason: 'missing' };
  const hash = hashToken(raw);
  if (provisional) {
    const held = grants().get(hash);
    // Expiry needs no epoch: it is checked against the clock on every request.
    if (held && tokenStatus({ expiresAt: held.expiresAt, revokedAt: null }) === 'active') {
      return { kind: 'granted', token: held.token, publicUrl: held.publicUrl, epoch: held.epoch, provisional: true };
    }
  }
  return readAccess(hash);
}
