/**
 * InfraTokens: the bearer tokens an IdP presents on every SCIM request.
 * The token is shown once at creation; only its SHA-256 hash and a short
 * display prefix are stored. Verification looks the hash up (indexed) and
 * compares in constant time; expiry and revocation apply on the next request.
 */
import { createHash, randomBytes } from 'node:crypto';
import { getDb } from '../db';
import { recordActivity } from './activity';

const TOKEN_PREFIX = 'roster_';
/** Characters of the token kept for display ("roster_AbCd…"). */
const DISPLAY_PREFIX_LENGTH = TOKEN_PREFIX.length + 6;
/** lastUsedAt is written at most this often per token: no write on every request. */
const LAST_USED_RESOLUTION_MS = 60_000;

export type TokenStatus = 'active' | 'expired' | 'revoked';

export interface TokenSummary {
  id: string;
  label: string;
  prefix: string;
  createdAt: Date;
  createdBy: string | null;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  status: TokenStatus;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function tokenStatus(t: { expiresAt: Date | null; revokedAt: Date | null }, now = new Date()): TokenStatus {
  if (t.revokedAt) return 'revoked';
  if (t.expiresAt && t.expiresAt <= now) return 'expired';
  return 'active';
}

export interface Actor {
  id?: string;
  name: string;
}

export async function createInfraToken(
  input: { label: string; expiresInDays: number | null },
  actor: Actor,
): Promise<{ token: string; summary: TokenSummary }> {
  const { prisma } = await getDb();
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null;
  const row = await prisma.infraToken.create({
    data: {
      label: input.label,
      tokenHash: hashToken(token),
      prefix: token.slice(0, DISPLAY_PREFIX_LENGTH),
      createdById: actor.id ?? null,
      expiresAt,
    },
    include: { createdBy: { select: { displayName: true, userName: true } } },
  });
  await recordActivity({
    kind: 'ADMIN',
    action: 'token.create',
    actorId: actor.id,
    actorName: actor.name,
    tokenId: row.id,
    tokenLabel: row.label,
    resourceType: 'InfraToken',
    resourceId: row.id,
    resourceName: row.label,
    summary: `InfraToken "${row.label}" created (${expiresAt ? `expires ${expiresAt.toISOString().slice(0, 10)}` : 'never expires'})`,
  });
  return { token, summary: summarize(row, actor.name) };
}

function summarize(
  row: { id: string; label: string; prefix: string; createdAt: Date; expiresAt: Date | null; lastUsedAt: Date | null; revokedAt: Date | null; createdBy?: { displayName: string | null; userName: string } | null },
  createdByName?: string,
): TokenSummary {
  return {
    id: row.id,
    label: row.label,
    prefix: row.prefix,
    createdAt: row.createdAt,
    createdBy: createdByName ?? row.createdBy?.displayName ?? row.createdBy?.userName ?? null,
    expiresAt: row.expiresAt,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt,
    status: tokenStatus(row),
  };
}

export async function listInfraTokens(): Promise<TokenSummary[]> {
  const { prisma } = await getDb();
  const rows = await prisma.infraToken.findMany({
    orderBy: [{ revokedAt: { sort: 'desc', nulls: 'first' } }, { createdAt: 'desc' }],
    include: { createdBy: { select: { displayName: true, userName: true } } },
  });
  return rows.map((r) => summarize(r));
}

export class TokenNotFoundError extends Error {}

export async function revokeInfraToken(id: string, actor: Actor): Promise<TokenSummary> {
  const { prisma } = await getDb();
  const existing = /^[0-9a-f-]{36}$/i.test(id) ? await prisma.infraToken.findUnique({ where: { id } }) : null;
  if (!existing) throw new TokenNotFoundError(`No InfraToken with id ${id}.`);
  const row = existing.revokedAt
    ? existing
    : await prisma.infraToken.update({ where: { id }, data: { revokedAt: new Date() } });
  if (!existing.revokedAt) {
    await recordActivity({
      kind: 'ADMIN',
      action: 'token.revoke',
      actorId: actor.id,
      actorName: actor.name,
      tokenId: row.id,
      tokenLabel: row.label,
      resourceType: 'InfraToken',
      resourceId: row.id,
      resourceName: row.label,
      summary: `InfraToken "${row.label}" revoked; SCIM requests with it are refused from now on`,
    });
  }
  return summarize(row);
}

export interface VerifiedToken {
  id: string;
  label: string;
  lastUsedAt: Date | null;
}

/**
 * Accepts `Bearer <token>` (scheme case-insensitive) or a bare token, as some
 * Okta "HTTP Header" set-ups send the token without a scheme.
 */
export function tokenFromAuthorization(header: string | null): string | null {
  if (!header) return null;
  const value = header.trim();
  const match = /^bearer\s+(.+)$/i.exec(value);
  const token = (match ? match[1] : value).trim();
  return token && !/\s/.test(token) ? token : null;
}

/** Records use at a one-minute resolution (call it after the response). */
export async function touchInfraToken(token: VerifiedToken): Promise<void> {
  if (token.lastUsedAt && Date.now() - token.lastUsedAt.getTime() < LAST_USED_RESOLUTION_MS) return;
  token.lastUsedAt = new Date(); // the object may be held in memory across requests (services/scim-access)
  const { sql } = await getDb();
  await sql.query(
    `UPDATE infra_tokens SET last_used_at = now() WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
    [token.id],
  );
}
