import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectMemoryDatabase, setDb, type Database } from '../db';
import { flushActivity, pruneActivity, recordActivity } from './activity';

describe('activity log', () => {
  let db: Database;
  beforeAll(async () => {
    db = await connectMemoryDatabase();
    setDb(db);
  });
  afterAll(async () => db.close());

  it('never stores U+0000 (PostgreSQL text cannot hold it) and keeps the rest of the text', async () => {
    await recordActivity({ kind: 'SCIM', action: 'user.list', summary: 'filter userName eq "a\u0000b"', details: { error: 'x\u0000y' } });
    const [row] = await db.sql.query<{ summary: string; details: { error: string } }>(
      `SELECT summary, details FROM activity_log WHERE action = 'user.list' ORDER BY id DESC LIMIT 1`,
    );
    expect(row.summary).toBe('filter userName eq "a\uFFFDb"');
    expect(row.details.error).toBe('x\uFFFDy');
  });

  it('prunes entries older than the retention period and keeps recent ones', async () => {
    await db.sql.query(
      `INSERT INTO activity_log (kind, action, summary, created_at)
       SELECT 'SCIM', 'old.entry', '', now() - interval '200 days' FROM generate_series(1, 12000)`,
    );
    await recordActivity({ kind: 'ADMIN', action: 'recent.entry' });
    const pruned = await pruneActivity(Date.now(), true);
    expect(pruned).toBe(12000);
    const [{ old, recent }] = await db.sql.query<{ old: number; recent: number }>(
      `SELECT count(*) FILTER (WHERE action = 'old.entry')::int AS old, count(*) FILTER (WHERE action = 'recent.entry')::int AS recent FROM activity_log`,
    );
    expect(old).toBe(0);
    expect(recent).toBe(1);
  });

  it('writes a burst of entries in batches, every one of them, in arrival order', async () => {
    const n = 1234;
    const pending = Array.from({ length: n }, (_, i) => recordActivity({ kind: 'SCIM', action: 'burst.entry', summary: String(i), status: 200, details: { i } }));
    await Promise.all(pending);
    const rows = await db.sql.query<{ summary: string; details: { i: number } }>(`SELECT summary, details FROM activity_log WHERE action = 'burst.entry' ORDER BY id`);
    expect(rows.map((r) => Number(r.summary))).toEqual(Array.from({ length: n }, (_, i) => i));
    expect(rows.every((r) => r.details.i === Number(r.summary))).toBe(true);
  });

  it('one entry the database refuses does not take the rest of its batch down', async () => {
    const entries = [
      recordActivity({ kind: 'ADMIN', action: 'batch.good', summary: 'before' }),
      recordActivity({ kind: 'ADMIN', action: 'batch.bad', tokenId: 'not-a-uuid' }),
      recordActivity({ kind: 'ADMIN', action: 'batch.good', summary: 'after' }),
    ];
    await Promise.all(entries);
    await flushActivity();
    const rows = await db.sql.query<{ action: string; summary: string }>(`SELECT action, summary FROM activity_log WHERE action LIKE 'batch.%' ORDER BY id`);
    expect(rows).toEqual([
      { action: 'batch.good', summary: 'before' },
      { action: 'batch.good', summary: 'after' },
    ]);
  });
});
