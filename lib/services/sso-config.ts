/**
 * Member single sign-on settings (OpenID Connect against the same IdP that
 * provisions over SCIM). Environment variables, when set, win over what an
 * admin saved on the Configurations page; the client secret is stored sealed.
 */
import { openSecret, sealSecret } from '../auth/sealed-secret';
import { getDb } from '../db';
import { recordActivity } from './activity';
import type { Actor } from './tokens';

export type MatchBy = 'email' | 'userName';

export interface SsoConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  displayName: string;
  matchBy: MatchBy;
  /** 'environment' when OIDC_ISSUER is set, else 'database'. */
  source: 'environment' | 'database';
}

function fromEnv(): SsoConfig | null {
  const issuer = process.env.OIDC_ISSUER?.trim();
  const clientId = process.env.OIDC_CLIENT_ID?.trim();
  const clientSecret = process.env.OIDC_CLIENT_SECRET?.trim();
  if (!issuer || !clientId || !clientSecret) return null;
  return {
    issuer: issuer.replace(/\/+$/, ''),
    clientId,
    clientSecret,
    displayName: process.env.OIDC_DISPLAY_NAME?.trim() || 'your organization',
    matchBy: process.env.OIDC_MATCH_BY?.trim().toLowerCase() === 'username' ? 'userName' : 'email',
    source: 'environment',
  };
}

/** The active SSO configuration, or null when single sign-on is not set up. */
export async function getSsoConfig(): Promise<SsoConfig | null> {
  const env = fromEnv();
  if (env) return env;
  const { prisma } = await getDb();
  const row = await prisma.instanceConfig.findUnique({ where: { id: 1 } });
  if (!row?.oidcIssuer || !row.oidcClientId || !row.oidcClientSecret) return null;
  const clientSecret = openSecret(row.oidcClientSecret);
  if (!clientSecret) {
    console.error('[sso] the stored OIDC client secret cannot be opened (did NEXTAUTH_SECRET change?); re-enter it under Configurations');
    return null;
  }
  return {
    issuer: row.oidcIssuer,
    clientId: row.oidcClientId,
    clientSecret,
    displayName: row.oidcDisplayName ?? 'your organization',
    matchBy: row.oidcMatchBy === 'USERNAME' ? 'userName' : 'email',
    source: 'database',
  };
}

export interface SsoSettingsInput {
  issuer: string;
  clientId: string;
  /** Empty keeps the stored secret. */
  clientSecret: string;
  displayName: string;
  matchBy: MatchBy;
}

export async function saveSsoSettings(input: SsoSettingsInput, actor: Actor): Promise<void> {
  const { prisma } = await getDb();
  const data = {
    oidcIssuer: input.issuer.replace(/\/+$/, ''),
    oidcClientId: input.clientId,
    oidcDisplayName: input.displayName || null,
    oidcMatchBy: input.matchBy === 'userName' ? ('USERNAME' as const) : ('EMAIL' as const),
    ...(input.clientSecret ? { oidcClientSecret: sealSecret(input.clientSecret) } : {}),
  };
  await prisma.instanceConfig.upsert({ where: { id: 1 }, create: { id: 1, ...data }, update: data });
  await recordActivity({
    kind: 'ADMIN',
    action: 'sso.configure',
    actorId: actor.id,
    actorName: actor.name,
    summary: `Single sign-on configured: issuer ${data.oidcIssuer}, client ${input.clientId}, match by ${input.matchBy}${input.clientSecret ? ', client secret replaced' : ''}`,
  });
}

export async function clearSsoSettings(actor: Actor): Promise<void> {
  const { prisma } = await getDb();
  await prisma.instanceConfig.updateMany({
    where: { id: 1 },
    data: { oidcIssuer: null, oidcClientId: null, oidcClientSecret: null, oidcDisplayName: null },
  });
  await recordActivity({ kind: 'ADMIN', action: 'sso.clear', actorId: actor.id, actorName: actor.name, summary: 'Single sign-on settings removed' });
}

/** What the Configurations page shows: everything but the secret itself. */
export async function getSsoSettingsView() {
  const env = fromEnv();
  if (env) return { issuer: env.issuer, clientId: env.clientId, displayName: env.displayName, matchBy: env.matchBy, hasSecret: true, source: 'environment' as const };
  const { prisma } = await getDb();
  const row = await prisma.instanceConfig.findUnique({ where: { id: 1 } });
  return {
    issuer: row?.oidcIssuer ?? '',
    clientId: row?.oidcClientId ?? '',
    displayName: row?.oidcDisplayName ?? '',
    matchBy: row?.oidcMatchBy === 'USERNAME' ? ('userName' as const) : ('email' as const),
    hasSecret: !!row?.oidcClientSecret,
    source: row?.oidcIssuer ? ('database' as const) : ('none' as const),
  };
}
