import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectMemoryDatabase, setDb, type Database } from '../db';
import { insertUser } from '../db/scim-store';
import { createAdmin } from './admins';
import { resolveSsoSignIn, subjectKey } from './member-access';
import type { SsoConfig } from './sso-config';

const byEmail: SsoConfig = { issuer: 'https://idp.example', clientId: 'c', clientSecret: 's', displayName: 'Okta', matchBy: 'email', source: 'environment' };
const byUserName: SsoConfig = { ...byEmail, matchBy: 'userName' };

function scimUser(userName: string, email: string, active = true) {
  return { userName, emails: [{ value: email, type: 'work', primary: true }], active, name: { givenName: 'A', familyName: 'B' } };
}

describe('single sign-on matching', () => {
  let db: Database;
  beforeAll(async () => {
    db = await connectMemoryDatabase();
    setDb(db);
  });
  afterAll(async () => db.close());

  it('matches a provisioned user by email once, then by the remembered subject', async () => {
    const row = await insertUser(db.sql, scimUser('Alice@Example.com', 'alice@example.com'));
    const first = await resolveSsoSignIn(byEmail, { sub: '00u1', email: 'ALICE@example.com', email_verified: true });
    expect(first).toEqual({ ok: true, userId: row.id });
    const [{ oidc_subject }] = await db.sql.query<{ oidc_subject: string }>('SELECT oidc_subject FROM users WHERE id = $1', [row.id]);
    expect(oidc_subject).toBe(subjectKey(byEmail, '00u1'));
    // The email changed at the IdP: the subject still finds the account.
    expect(await resolveSsoSignIn(byEmail, { sub: '00u1', email: 'alice.new@example.com' })).toEqual({ ok: true, userId: row.id });
    // Another identity with the same email cannot take the linked account.
    expect(await resolveSsoSignIn(byEmail, { sub: '00u2', email: 'alice@example.com', email_verified: true })).toEqual({ ok: false, reason: 'linked-elsewhere' });
  });

  it('refuses users who were never provisioned and deprovisioned users', async () => {
    expect(await resolveSsoSignIn(byEmail, { sub: 'x1', email: 'nobody@example.com', email_verified: true })).toEqual({ ok: false, reason: 'not-provisioned' });
    await insertUser(db.sql, scimUser('gone@example.com', 'gone@example.com', false));
    expect(await resolveSsoSignIn(byEmail, { sub: 'x2', email: 'gone@example.com', email_verified: true })).toEqual({ ok: false, reason: 'revoked' });
  });

  it('never matches a local admin by an unverified email', async () => {
    await createAdmin({ name: 'Local Admin', email: 'root@example.com', password: 'a long enough password' });
    expect(await resolveSsoSignIn(byEmail, { sub: 'evil', email: 'root@example.com' })).toEqual({ ok: false, reason: 'unverified' });
    expect(await resolveSsoSignIn(byEmail, { sub: 'evil', email: 'root@example.com', email_verified: 'false' })).toEqual({ ok: false, reason: 'unverified' });
    const verified = await resolveSsoSignIn(byEmail, { sub: 'real', email: 'root@example.com', email_verified: true });
    expect(verified.ok).toBe(true);
  });

  it('can match by userName (preferred_username) instead', async () => {
    const row = await insertUser(db.sql, scimUser('bob@corp.example', 'bob.personal@example.org'));
    expect(await resolveSsoSignIn(byUserName, { sub: 'b1', preferred_username: 'BOB@corp.example' })).toEqual({ ok: true, userId: row.id });
    expect(await resolveSsoSignIn(byUserName, { sub: 'b2', email: 'bob.personal@example.org' })).toEqual({ ok: false, reason: 'not-provisioned' });
  });

  it('logs every sign-in and refusal', async () => {
    const rows = await db.sql.query<{ action: string }>(`SELECT action FROM activity_log WHERE kind = 'AUTH'`);
    expect(rows.filter((r) => r.action === 'signin').length).toBeGreaterThanOrEqual(4);
    expect(rows.filter((r) => r.action === 'signin.refused').length).toBeGreaterThanOrEqual(5);
  });
});
