/**
 * Substring filters (co, sw, ew) on a directory big enough for the planner to
 * prefer an index: on emails through users_email_search_trgm_idx, on userName
 * and the name columns through users_search_trgm_idx. And they select exactly
 * the users the per-email predicate alone selects (the email_search test is
 * only a prefilter). On the real schema (the app's own migrations, including
 * the email_search backfill of rows written before it), on PGlite, and on
 * PostgreSQL too when TEST_DATABASE_URL is set (in a database of its own).
 */
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMemory, openPostgres } from '../../db/drivers';
import { applyMigrations, readMigrations } from '../../db/migrate';
import { insertUser, updateUser } from '../../db/scim-store';
import type { Sql } from '../../db/sql';
import type { Document } from '../resource/document';
import { buildUserSchemas } from '../schemas/registry';
import { compileFilter } from './compile-sql';
import { parseFilter } from './parse';
import { userStorage, valueSearchText, type ResourceStorage } from './storage';

const BULK = 20_000;
const schemas = buildUserSchemas();
/**
 * The same storage without the email_search prefilter (the per-email predicate
 * alone, as before it existed) and without the per-piece patterns on the
 * trigram-indexed columns: one LIKE per comparison.
 */
const exactOnly: ResourceStorage = {
  ...userStorage,
  valueSearch: {},
  columns: Object.fromEntries(Object.entries(userStorage.columns).map(([k, spec]) => [k, spec.type === 'text' ? { ...spec, trigram: false } : spec])),
};

interface Engine {
  sql: Sql;
  drop(): Promise<void>;
}

async function pglite(): Promise<Engine> {
  const opened = await openMemory();
  return { sql: opened.sql, drop: () => opened.sql.close() };
}

async function postgres(serverUrl: string): Promise<Engine> {
  const name = `roster_trgm_${Math.random().toString(36).slice(2, 10)}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const opened = await openPostgres(url.toString());
  return {
    sql: opened.sql,
    drop: async () => {
      await opened.sql.close();
      await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

/** Rows written before the email_search migration: it must fill the column from the document. */
const LEGACY: [string, Record<string, unknown>][] = [
  ['legacy.a', { emails: [{ value: 'Ann.Lee@Example.com', type: 'work' }, { value: 'ann@home.org' }] }],
  ['legacy.b', { emails: [{ value: 42 }, { value: true }, 'loose', null, { type: 'x' }, { value: { nested: 1 } }, { value: 'B@x.org' }] }],
  ['legacy.c', { emails: 'not-an-array' }],
  ['legacy.d', { userName: 'legacy.d' }],
  ['legacy.e', { emails: [] }],
];

const email = (value: string, type?: string) => (type ? { value, type } : { value });

/** Users written by the app's own insertUser (userColumns derives email_search): userName, displayName, emails. */
const SPECIAL: [string, string, { value: string; type?: string }[]][] = [
  ['x.smith', 'John Smith-Jones', [email('John.SMITH@Example.com', 'work'), email('jsmith@Home.ORG', 'home')]],
  ['x.wild', 'Fifty%_Off Deals', [email('50%_off\\deal@Shop.example', 'work')]],
  // Would match `co "50%_"` if % and _ were wildcards.
  ['x.decoy', 'Fiftyxx Off', [email('50xxoff@shop.example', 'work')]],
  ['x.second', 'Zed Second-Only', [email('zed@first.org', 'home'), email('Second.Only@Example.net', 'work')]],
  // A newline inside a value: `sw "value@"` passes the prefilter ("\nvalue@") but no email starts so.
  ['x.newline', 'Evil Newline', [email('evil\nvalue@x.org', 'work')]],
  ['x.intl', 'İnci ΣΊΣΥΦΟΣ-Élodie', [email('İnci@Örnek.com.tr', 'work'), email('ÉLODIE@exemple.fr', 'home')]],
  ['x.none', 'Nobody Without-Email', []],
  // A short first word: the sw piece must still start at the operand's start.
  ['x.al', 'Al Bundy-Smithers', [email('al@bundy-smythers.example', 'work')]],
];

const engines: [string, () => Promise<Engine>][] = [['PGlite', pglite]];
const serverUrl = process.env.TEST_DATABASE_URL;
if (serverUrl) engines.push(['PostgreSQL', () => postgres(serverUrl)]);

describe.each(engines)('substring filters on %s', (_label, open) => {
  let engine: Engine;
  let sql: Sql;
  const ids = new Map<string, string>();

  beforeAll(async () => {
    engine = await open();
    sql = engine.sql;
    const migrations = readMigrations();
    const mine = migrations.findIndex((m) => m.name.endsWith('_emails_search_trgm'));
    expect(mine).toBeGreaterThan(0);
    await applyMigrations(sql, migrations.slice(0, mine));

    for (const [userName, attributes] of LEGACY) {
      await sql.query(`INSERT INTO users (id, user_name, user_name_key, attributes) VALUES (gen_random_uuid(), $1, $1, $2::jsonb)`, [
        userName,
        JSON.stringify(attributes),
      ]);
    }
    // The bulk of the directory, also written before the column existed: the migration fills it.
    await sql.query(
      `INSERT INTO users (id, user_name, user_name_key, given_name, family_name, display_name, email, email_keys, attributes, created_at)
       SELECT gen_random_uuid(), 'Bulk.' || i || '@Example.com', 'bulk.' || i || '@example.com', 'G' || md5(i::text), 'F' || md5((i + 1)::text),
              'Person ' || md5(i::text), 'Bulk.' || i || '@Example.com', ARRAY['bulk.' || i || '@example.com', md5(i::text) || '@home.org'],
              jsonb_build_object('userName', 'Bulk.' || i || '@Example.com', 'emails', jsonb_build_array(
                jsonb_build_object('value', 'Bulk.' || i || '@Example.com', 'type', 'work', 'primary', true),
                jsonb_build_object('value', md5(i::text) || '@home.org', 'type', 'home'))),
              timestamptz '2024-01-01 00:00:00+00' + i * interval '1 minute'
         FROM generate_series(1, ${BULK}) AS i`,
    );
    await applyMigrations(sql, migrations);

    for (const [userName, displayName, emails] of SPECIAL) {
      const doc: Document = { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName, displayName, ...(emails.length ? { emails } : {}) };
      ids.set(userName, (await insertUser(sql, doc)).id);
    }
    await sql.query('ANALYZE users');
  }, 180_000);

  afterAll(async () => {
    await engine?.drop();
  });

  async function select(filter: string, storage: ResourceStorage = userStorage, where = 'TRUE'): Promise<string[]> {
    const { sql: predicate, params } = compileFilter(parseFilter(filter), schemas, storage);
    const rows = await sql.query<{ user_name: string }>(`SELECT u.user_name FROM users u WHERE (${where}) AND ${predicate} ORDER BY u.user_name`, params);
    return rows.map((r) => r.user_name);
  }

  async function plan(filter: string): Promise<string> {
    const { sql: predicate, params } = compileFilter(parseFilter(filter), schemas, userStorage);
    const rows = await sql.query<Record<string, string>>(`EXPLAIN SELECT u.id FROM users u WHERE ${predicate}`, params);
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  }

  it('the migration fills email_search from the document of every existing user', async () => {
    const rows = await sql.query<{ user_name: string; email_search: string; attributes: Record<string, unknown> }>(
      `SELECT user_name, email_search, attributes FROM users WHERE user_name LIKE 'legacy.%' OR user_name IN ('Bulk.1@Example.com', 'Bulk.2@Example.com')`,
    );
    expect(rows).toHaveLength(LEGACY.length + 2);
    for (const r of rows) {
      const emails = Array.isArray(r.attributes.emails) ? (r.attributes.emails as { value?: unknown }[]) : [];
      expect(r.email_search, r.user_name).toBe(valueSearchText(emails.map((e) => e?.value)));
    }
    const byName = Object.fromEntries(rows.map((r) => [r.user_name, r.email_search]));
    expect(byName['legacy.a']).toBe('\nAnn.Lee@Example.com\nann@home.org\n');
    expect(byName['legacy.b']).toBe('\n42\ntrue\nB@x.org\n');
    expect(byName['legacy.c']).toBe('');
    expect(byName['Bulk.1@Example.com']).toMatch(/^\nBulk\.1@Example\.com\n[0-9a-f]{32}@home\.org\n$/);
  });

  it('insertUser and updateUser keep email_search in step with the document', async () => {
    const [row] = await sql.query<{ email_search: string }>('SELECT email_search FROM users WHERE id = $1', [ids.get('x.second')]);
    expect(row.email_search).toBe('\nzed@first.org\nSecond.Only@Example.net\n');
    const [none] = await sql.query<{ email_search: string }>('SELECT email_search FROM users WHERE id = $1', [ids.get('x.none')]);
    expect(none.email_search).toBe('');

    const id = ids.get('x.none')!;
    const doc = (emails: { value: string }[]): Document => ({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'x.none', emails });
    await updateUser(sql, id, doc([email('Moved.Here@Example.com')]));
    expect(await select('emails co "moved.here"')).toEqual(['x.none']);
    await updateUser(sql, id, doc([]));
    expect(await select('emails co "moved.here"')).toEqual([]);
  });

  it.each([
    'emails co "Smith@example"',
    'emails sw "Second.Only"',
    'emails ew "@shop.example"',
    'emails.value ew "@FIRST.ORG"',
    'email sw "jsmith@"',
    'emails[value co "zed@"]',
    'emails[type eq "work" and value ew "@shop.example"]',
    'emails[type eq "work"].value sw "john."',
  ])('%s uses the trigram index on email_search, not a scan of every user', async (filter) => {
    const text = await plan(filter);
    expect(text).toContain('Bitmap Index Scan on users_email_search_trgm_idx');
    expect(text).not.toMatch(/Seq Scan on users\b/);
  });

  it.each(['emails co "1234@example.com"', 'emails ew "k.1234@example.com"', 'email sw "bulk.1234@example"'])(
    '%s searches email_search piece by piece (a rare piece finds the candidates, common pieces are probed at them)',
    async (filter) => {
      const text = await plan(filter);
      expect(text).toContain('Bitmap Index Scan on users_email_search_trgm_idx');
      expect(text).not.toMatch(/Seq Scan on users\b/);
      // The node's Index Cond, which a newline in a pattern spreads over several lines.
      const cond = text.slice(text.indexOf('Bitmap Index Scan on users_email_search_trgm_idx')).split(/SubPlan|\n\s*->/)[0];
      expect(cond.match(/~~\*/g)?.length, cond).toBeGreaterThanOrEqual(2);
    },
  );

  it.each(['userName co "k.1234@"', 'userName co "1234@example.com"', 'userName ew "1234@example.com"', 'displayName co "c4ca4238a0"', 'name.familyName ew "cc14862c"', 'name.givenName co "a87ff679"'])(
    '%s uses users_search_trgm_idx',
    async (filter) => {
      const text = await plan(filter);
      expect(text).toContain('Bitmap Index Scan on users_search_trgm_idx');
      expect(text).not.toMatch(/Seq Scan on users\b/);
    },
  );

  it.each<[string, string[]]>([
    ['emails co "smith"', ['x.smith']],
    ['emails co "SMITH@EXAMPLE"', ['x.smith']],
    ['emails sw "JSMITH"', ['x.smith']],
    // sw/ew hold for ANY email, not just the first or the last one.
    ['emails sw "second.only@"', ['x.second']],
    ['emails ew "@first.org"', ['x.second']],
    ['emails.value ew "@home.org" and emails sw "john"', ['x.smith']],
    ['email co "home.org" and emails sw "jsm"', ['x.smith']],
    // LIKE wildcards and the escape character in operands match themselves.
    ['emails co "50%_"', ['x.wild']],
    ['emails co "%_off\\\\deal"', ['x.wild']],
    ['emails sw "50%"', ['x.wild']],
    ['emails co "_"', ['x.wild']],
    ['emails co "\\\\"', ['x.wild']],
    ['emails sw "value@"', []],
    ['emails co "value@x.org"', ['x.newline']],
    ['emails[value co "smith" and type eq "home"]', ['x.smith']],
    ['emails[value co "smith" and type eq "work"]', ['x.smith']],
    ['emails[value co "zed" and type eq "work"]', []],
    ['emails[type eq "work"].value ew "example.net"', ['x.second']],
    ['emails[value sw "zed" or value sw "second"]', ['x.second']],
    ['emails[not (value co "john")] and emails co "smith"', ['x.smith']],
    ['emails co "smith" and not (emails co "home")', []],
    ['emails co "second" and not (emails sw "second")', []],
    // Operands cut into pieces at "@", "-", "%", "_", " "
    ['emails co "smith@example.com"', ['x.smith']],
    ['emails sw "john.smith@exa"', ['x.smith']],
    ['emails ew "only@example.net"', ['x.second']],
    ['emails ew "zed@example.net"', []],
    ['emails sw "deal@shop"', []],
    ['emails co "off\\\\deal@shop"', ['x.wild']],
    ['userName sw "x.second"', ['x.second']],
    ['displayName co "smith-jones"', ['x.smith']],
    ['displayName sw "zed second-only"', ['x.second']],
    ['displayName sw "second-only"', []],
    ['displayName ew "-ONLY"', ['x.second']],
    ['displayName co "fifty%_off deals"', ['x.wild']],
    ['displayName sw "al bundy-smith"', ['x.al']],
    ['displayName sw "bundy-smith"', []],
    ['emails sw "al@bundy-smyth"', ['x.al']],
    ['not (displayName co "john smith-jon")', ['x.al', 'x.decoy', 'x.intl', 'x.newline', 'x.none', 'x.second', 'x.wild']],
  ])('%s selects what the per-email predicate alone selects', async (filter, expected) => {
    const special = `u.user_name LIKE 'x.%'`;
    const found = await select(filter, userStorage, special);
    expect(found).toEqual(expected);
    expect(await select(filter, exactOnly, special)).toEqual(found);
  });

  it('negations over the whole directory match everyone else', async () => {
    for (const filter of ['not (emails co "smith")', 'not (emails[value sw "second"])', 'not (emails ew "off@shop.example")']) {
      const [with_, without] = await Promise.all([select(filter), select(filter, exactOnly)]);
      expect(with_.length, filter).toBe(LEGACY.length + BULK + SPECIAL.length - 1);
      expect(with_, filter).toEqual(without);
    }
  });

  it('any operand, any case, any wrapping: the prefilter never changes the result (property-based)', async () => {
    const values = SPECIAL.flatMap(([, , emails]) => emails.map((e) => e.value));
    // A piece of one of the emails (or of none), in a random case.
    const fragment = fc.oneof(
      fc.tuple(fc.constantFrom(...values), fc.nat(), fc.nat(), fc.boolean()).map(([v, a, b, upper]) => {
        const [from, to] = [a % (v.length + 1), b % (v.length + 1)].sort((x, y) => x - y);
        const piece = v.slice(from, to);
        return upper ? piece.toUpperCase() : piece.toLowerCase();
      }),
      fc.string({ maxLength: 4, unit: fc.constantFrom('a', 'E', 'i', 'İ', 'é', '%', '_', '\\', '@', '.', '\n', 'x') }),
    );
    const op = fc.constantFrom('co', 'sw', 'ew');
    const shape = fc.constantFrom(
      (o: string, v: string) => `emails ${o} ${v}`,
      (o: string, v: string) => `emails.value ${o} ${v}`,
      (o: string, v: string) => `email ${o} ${v}`,
      (o: string, v: string) => `emails[value ${o} ${v}]`,
      (o: string, v: string) => `emails[type eq "work" and value ${o} ${v}]`,
      (o: string, v: string) => `not (emails ${o} ${v})`,
      (o: string, v: string) => `not (emails[value ${o} ${v}])`,
    );
    const notBulk = `u.user_name NOT LIKE 'Bulk.%'`;
    await fc.assert(
      fc.asyncProperty(fragment, op, shape, async (v, o, make) => {
        const filter = make(o, JSON.stringify(v));
        expect(await select(filter, userStorage, notBulk), filter).toEqual(await select(filter, exactOnly, notBulk));
      }),
      { numRuns: 150 },
    );
  });

  it('cutting userName and displayName operands into pieces never changes the result (property-based)', async () => {
    const values = SPECIAL.flatMap(([userName, displayName]) => [userName, displayName]);
    const fragment = fc.oneof(
      fc.tuple(fc.constantFrom(...values), fc.nat(), fc.nat(), fc.boolean()).map(([v, a, b, upper]) => {
        const [from, to] = [a % (v.length + 1), b % (v.length + 1)].sort((x, y) => x - y);
        const piece = v.slice(from, to);
        return upper ? piece.toUpperCase() : piece.toLowerCase();
      }),
      fc.string({ maxLength: 12, unit: fc.constantFrom('abc', 'Σ', 'ς', '-', ' ', '.', '@', '%', '_', '\\', 'x') }),
    );
    const path = fc.constantFrom('userName', 'displayName', 'name.givenName');
    const op = fc.constantFrom('co', 'sw', 'ew');
    const negated = fc.boolean();
    const notBulk = `u.user_name NOT LIKE 'Bulk.%'`;
    await fc.assert(
      fc.asyncProperty(fragment, path, op, negated, async (v, p, o, not) => {
        const leaf = `${p} ${o} ${JSON.stringify(v)}`;
        const filter = not ? `not (${leaf})` : leaf;
        expect(await select(filter, userStorage, notBulk), filter).toEqual(await select(filter, exactOnly, notBulk));
      }),
      { numRuns: 150 },
    );
  });
});
