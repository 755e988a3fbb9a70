/** The access epoch moves with every change to who may call SCIM, and grants held in memory carry it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectMemoryDatabase, setDb, type Database } from '../db';
import { authorizeScimRequest } from './scim-access';
import { hashToken } from './tokens';

let db: Database;
beforeAll(async () => {
  db = await connectMemoryDatabase();
  setDb(db);
  await db.sql.query(`INSERT INTO instance_config (id, scim_enabled, updated_at) VALUES (1, true, now()) ON CONFLICT (id) DO UPDATE SET scim_enabled = true`);
}, 120_000);
afterAll(async () => db?.close());

const epoch = async () => (await db.sql.query<{ e: number }>('SELECT access_epoch AS e FROM instance_config WHERE id = 1'))[0].e;

describe('access epoch', () => {
  it('moves with tokens created, revoked, relabelled, deleted and with SCIM on/off or the public URL, not with last use', async () => {
    const steps: [string, string, boolean][] = [
      ['create', `INSERT INTO infra_tokens (id, label, token_hash, prefix) VALUES (gen_random_uuid(), 'a', 'h-a', 'p')`, true],
      ['last use', `UPDATE infra_tokens SET last_used_at = now()`, false],
      ['relabel', `UPDATE infra_tokens SET label = 'b'`, true],
      ['revoke', `UPDATE infra_tokens SET revoked_at = now()`, true],
      ['expire', `UPDATE infra_tokens SET expires_at = now()`, true],
      ['SCIM off', `UPDATE instance_config SET scim_enabled = false`, true],
      ['SCIM off again', `UPDATE instance_config SET scim_enabled = false`, false],
      ['SCIM on', `UPDATE instance_config SET scim_enabled = true`, true],
      ['public URL', `UPDATE instance_config SET public_url = 'https://roster.example.com'`, true],
      ['SSO name', `UPDATE instance_config SET oidc_display_name = 'Okta'`, false],
      ['delete', `DELETE FROM infra_tokens`, true],
    ];
    for (const [name, statement, moves] of steps) {
      const before = await epoch();
      await db.sql.query(statement);
      expect(await epoch(), name).toBe(moves ? before + 1 : before);
    }
  });

  it('a grant held in memory is offered only provisionally, with the epoch it was read at', async () => {
    const raw = 'rst_epoch_test_token_0123456789';
    await db.sql.query(`INSERT INTO infra_tokens (id, label, token_hash, prefix) VALUES (gen_random_uuid(), 'e', $1, 'rst_epoc')`, [hashToken(raw)]);
    const fresh = await authorizeScimRequest(`Bearer ${raw}`, { provisional: true });
    expect(fresh).toMatchObject({ kind: 'granted', provisional: false, epoch: await epoch() });
    const held = await authorizeScimRequest(`Bearer ${raw}`, { provisional: true });
    expect(held).toMatchObject({ kind: 'granted', provisional: true, epoch: await epoch() });

    await db.sql.query(`UPDATE infra_tokens SET revoked_at = now() WHERE token_hash = $1`, [hashToken(raw)]);
    // Still offered from memory at the old epoch: the request's own read sees the new one and re-checks.
    const stale = await authorizeScimRequest(`Bearer ${raw}`, { provisional: true });
    expect(stale.kind === 'granted' && stale.epoch).toBe((await epoch()) - 1);
    expect(await authorizeScimRequest(`Bearer ${raw}`)).toEqual({ kind: 'denied', reason: 'revoked' });
    // The refusal dropped the grant from memory.
    expect(await authorizeScimRequest(`Bearer ${raw}`, { provisional: true })).toEqual({ kind: 'denied', reason: 'revoked' });
  });
});
