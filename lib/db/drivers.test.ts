/**
 * Prepared statements on PostgreSQL (drivers.ts): which statements are named,
 * and that named ones are prepared once per connection and still answer
 * correctly, inside and outside transactions. The PostgreSQL part runs when
 * TEST_DATABASE_URL is set (CI sets it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, preparedStatementNames, type OpenDatabase } from './drivers';

describe('preparedStatementNames', () => {
  it('names a text the same way every time, and different texts differently', () => {
    const names = preparedStatementNames();
    const a = names('SELECT * FROM users u WHERE u.id = $1');
    expect(a).toMatch(/^roster_[\w-]{32}$/);
    expect(names('SELECT * FROM users u WHERE u.id = $1')).toBe(a);
    expect(names('SELECT * FROM users u WHERE u.user_name_key = $1')).not.toBe(a);
  });

  it('leaves LIKE and ILIKE statements unnamed: they are planned for their pattern', () => {
    const names = preparedStatementNames();
    expect(names(`SELECT 1 FROM users u WHERE u.user_name_key LIKE $1 ESCAPE '\\'`)).toBeUndefined();
    expect(names('SELECT 1 FROM users u WHERE u.display_name ilike $1')).toBeUndefined();
    // A column whose name merely contains the word is no pattern.
    expect(names('SELECT u.likes_count FROM users u')).toMatch(/^roster_/);
  });

  it('names at most `limit` distinct texts, then leaves new ones unnamed', () => {
    const names = preparedStatementNames(3);
    const first = [1, 2, 3].map((i) => names(`SELECT ${i}`));
    expect(first.every((n) => n !== undefined)).toBe(true);
    expect(names('SELECT 4')).toBeUndefined();
    expect(names('SELECT 2')).toBe(first[1]);
  });
});

const url = process.env.TEST_DATABASE_URL;

describe.runIf(url)('named statements on PostgreSQL', () => {
  let db: OpenDatabase;
  const pool = process.env.DATABASE_POOL_SIZE;

  beforeAll(async () => {
    process.env.DATABASE_POOL_SIZE = '1'; // one connection: what it has prepared is visible to the next query
    db = await openPostgres(url!);
  });

  afterAll(async () => {
    if (pool === undefined) delete process.env.DATABASE_POOL_SIZE;
    else process.env.DATABASE_POOL_SIZE = pool;
    await db?.sql.close();
  });

  const prepared = () =>
    db.sql.query<{ name: string; statement: string }>(`SELECT name, statement FROM pg_prepared_statements WHERE name LIKE 'roster\\_%'`);

  it('prepares a statement once per connection and answers each call with its own parameters', async () => {
    const text = 'SELECT $1::int * 2 AS doubled';
    for (const n of [1, 2, 3, 21]) expect(await db.sql.query(text, [n])).toEqual([{ doubled: n * 2 }]);
    const mine = (await prepared()).filter((p) => p.statement === text);
    expect(mine).toHaveLength(1);
  });

  it('works inside a transaction, and a failed statement does not break the next call', async () => {
    const text = 'SELECT 10 / $1::int AS q';
    await expect(db.sql.query(text, [0])).rejects.toThrow(/division by zero/);
    expect(await db.sql.query(text, [5])).toEqual([{ q: 2 }]);
    const inTx = await db.sql.transaction(async (tx) => {
      await expect(tx.query('SELECT 1 AS one')).resolves.toEqual([{ one: 1 }]);
      return tx.query(text, [2]);
    });
    expect(inTx).toEqual([{ q: 5 }]);
  });

  it('plans a LIKE statement per call (not prepared)', async () => {
    const text = `SELECT 'jane.doe' LIKE $1 AS hit`;
    expect(await db.sql.query(text, ['jane%'])).toEqual([{ hit: true }]);
    expect(await db.sql.query(text, ['%x%'])).toEqual([{ hit: false }]);
    expect((await prepared()).some((p) => p.statement === text)).toBe(false);
  });
});
