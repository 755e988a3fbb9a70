import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectMemoryDatabase, setDb, type Database } from '../db';
import { authorizeScimRequest } from './scim-access';
import { setScimEnabled } from './instance-config';
import { createInfraToken, hashToken, listInfraTokens, revokeInfraToken, tokenFromAuthorization } from './tokens';

const actor = { name: 'test' };

describe('InfraTokens', () => {
  let db: Database;
  beforeAll(async () => {
    db = await connectMemoryDatabase();
    setDb(db);
  });
  afterAll(async () => db.close());

  it('stores only the hash and a short prefix, never the token', async () => {
    const { token, summary } = await createInfraToken({ label: 'Okta', expiresInDays: null }, actor);
    expect(token).toMatch(/^roster_[A-Za-z0-9_-]{43}$/);
    const [row] = await db.sql.query<{ token_hash: string; prefix: string }>('SELECT token_hash, prefix FROM infra_tokens WHERE id = $1', [summary.id]);
    expect(row.token_hash).toBe(hashToken(token));
    expect(token.startsWith(row.prefix)).toBe(true);
    expect(row.prefix.length).toBeLessThan(16);
    const dump = JSON.stringify(await db.sql.query('SELECT * FROM infra_tokens')) + JSON.stringify(await db.sql.query('SELECT * FROM activity_log'));
    expect(dump).not.toContain(token);
  });

  it('reads Bearer tokens with any scheme case, and bare tokens', () => {
    expect(tokenFromAuthorization('Bearer abc')).toBe('abc');
    expect(tokenFromAuthorization('bearer   abc ')).toBe('abc');
    expect(tokenFromAuthorization('BEARER abc')).toBe('abc');
    expect(tokenFromAuthorization('abc')).toBe('abc');
    expect(tokenFromAuthorization('non-token')).toBe('non-token');
    expect(tokenFromAuthorization('Basic dXNlcjpwYXNz extra')).toBeNull();
    expect(tokenFromAuthorization('')).toBeNull();
    expect(tokenFromAuthorization(null)).toBeNull();
  });

  it('grants, refuses while SCIM is off, and refuses revoked and expired tokens at once', async () => {
    const { token, summary } = await createInfraToken({ label: 'Entra', expiresInDays: 30 }, actor);
    await setScimEnabled(false, actor);
    expect((await authorizeScimRequest(`Bearer ${token}`)).kind).toBe('disabled');
    await setScimEnabled(true, actor);
    expect((await authorizeScimRequest(`Bearer ${token}`)).kind).toBe('granted');
    expect(await authorizeScimRequest('Bearer roster_unknown')).toEqual({ kind: 'denied', reason: 'unknown' });
    expect(await authorizeScimRequest(null)).toEqual({ kind: 'denied', reason: 'missing' });

    await db.sql.query(`UPDATE infra_tokens SET expires_at = now() - interval '1 second' WHERE id = $1`, [summary.id]);
    expect(await authorizeScimRequest(`Bearer ${token}`)).toEqual({ kind: 'denied', reason: 'expired' });
    await db.sql.query(`UPDATE infra_tokens SET expires_at = NULL WHERE id = $1`, [summary.id]);

    await revokeInfraToken(summary.id, actor);
    expect(await authorizeScimRequest(`Bearer ${token}`)).toEqual({ kind: 'denied', reason: 'revoked' });
    const listed = (await listInfraTokens()).find((t) => t.id === summary.id);
    expect(listed?.status).toBe('revoked');
  });
});
