/**
 * Executes compiled filters and sorts against a real database engine and
 * checks exactly which resources come back: PGlite always, PostgreSQL too
 * when TEST_DATABASE_URL is set.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScimError } from '../errors';
import { compileFilter, compileSort } from './compile-sql';
import {
  ACME,
  ENT,
  groupSchemas,
  ID,
  nameOf,
  openPglite,
  openPostgres,
  seed,
  userSchemas,
  type Db,
  type Name,
} from './filter-db.fixture';
import { parseFilter } from './parse';
import { groupStorage, userStorage } from './storage';

const ALL_USERS: Name[] = ['alice', 'bob', 'carol', 'dan', 'erin'];
const except = (...names: Name[]) => ALL_USERS.filter((n) => !names.includes(n));

const USER_CASES: [string, Name[]][] = [
  // userName: caseExact=false, key column
  ['userName eq "alice@example.com"', ['alice']],
  ['userName eq "ALICE@EXAMPLE.COM"', ['alice']],
  ['USERNAME Eq "bob"', ['bob']],
  ['userName eq "Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee"', []],
  ['userName eq "00aa00aa-bb11-cc22-dd33-44ee44ee44ee"', []],
  ['userName sw O', ['carol']],
  ['userName sw "o\'m"', ['carol']],
  ['userName ew "MAN"', ['dan']],
  ['userName co "\\\\"', ['dan']],
  ['userName gt "d"', ['dan', 'erin', 'carol']],
  // literal LIKE wildcards
  ['displayName co "_"', ['carol']],
  ['displayName co "%"', ['bob']],
  ['displayName co "100%"', ['bob']],
  ['displayName eq "alice smith"', ['alice']],
  ['DisplayName eq "BobIsAmazing"', []],
  [`${ACME}:badge co "_"`, ['bob']],
  [`${ACME}:badge co "%"`, ['carol']],
  // externalId: caseExact=true; unquoted legacy value
  ['externalId eq jyoung', ['bob']],
  ['externalId eq "ext-alice"', ['alice']],
  ['externalId eq "EXT-ALICE"', ['carol']],
  ['externalId sw "ext"', ['alice']],
  // id: uuid column, non-UUIDs never cast
  [`id eq "${ID.alice}"`, ['alice']],
  [`id eq "${ID.alice.toUpperCase()}"`, ['alice']],
  ['id eq "010101001010101011001010101011"', []],
  ['id eq "00919288221112222"', []],
  ['id ne "00919288221112222"', ALL_USERS],
  ['id sw "00000000-0000-4000-8000-00000000000"', ALL_USERS],
  ['id ew "05"', ['erin']],
  ['id pr', ALL_USERS],
  // active: boolean column, Entra's strings
  ['active eq true', except('bob')],
  ['active eq "False"', ['bob']],
  ['active eq "TRUE"', except('bob')],
  ['active ne false', except('bob')],
  // absent values: ne, not, pr, eq null
  ['title eq "Engineer"', ['alice']],
  ['title eq "engineer"', ['alice']],
  ['title ne "Engineer"', except('alice')],
  ['not (title eq "Engineer")', except('alice')],
  ['title pr', ['alice', 'dan']],
  ['not (title pr)', ['bob', 'carol', 'erin']],
  ['title eq null', ['bob', 'carol', 'erin']],
  ['title ne null', ['alice', 'dan']],
  ['title gt "F"', ['dan']],
  // name: columns and the document
  ['name.familyName eq "employee"', ['bob', 'carol', 'dan']],
  ['name.givenName pr', except('erin')],
  ['name.formatted eq "alice smith"', ['alice']],
  ['name pr', ['alice']],
  // Microsoft's Postman collection
  ['name.FamilyName eq Employee and (emails.Value co example.com or emails.Value co example.org)', ['bob', 'carol', 'dan']],
  // emails: email_keys, the `email` alias, value paths on ONE element
  ['emails.value eq "ALICE@example.com"', ['alice']],
  ['emails eq "alice@home.org"', ['alice']],
  ['email eq "Carol@Example.org"', ['carol']],
  ['emails.value ew ".NET"', ['carol']],
  ['emails.value co "example"', ['alice', 'bob', 'carol', 'dan']],
  ['emails.value ne "bob@example.com"', except('bob')],
  ['not (emails.value eq "bob@example.com")', except('bob')],
  ['emails[type eq "work" and value co "@example.com"]', ['alice', 'bob']],
  ['emails[type eq "work"].value eq "alice@example.com"', ['alice']],
  ['emails[type eq "work"].value eq "alice@home.org"', []],
  ['emails[type eq "work" and value eq "alice@home.org"]', []],
  ['emails[type eq "work"] and emails[value eq "c_x@other.net"]', ['carol']],
  ['emails[not (type pr)]', ['dan']],
  ['emails[type ne "work"]', ['alice', 'carol', 'dan']],
  ['emails.type eq "other"', ['carol']],
  ['emails pr', except('erin')],
  ['emails.primary eq true', ['alice', 'bob', 'carol']],
  ['roles[primary eq "True"]', ['alice']],
  ['phoneNumbers[type eq "mobile"].value co "555"', ['alice']],
  // enterprise and custom extensions by URN path
  [`${ENT}:department eq "r&d"`, ['alice', 'dan']],
  [`${ENT.toLowerCase()}:Department eq "SALES"`, ['bob']],
  [`${ENT}:manager.value eq "${ID.bob}"`, ['alice']],
  [`${ENT}:manager eq "${ID.alice}"`, ['dan']],
  [`id eq "${ID.alice}" and ${ENT}:manager eq "${ID.bob}"`, ['alice']],
  // Entra filters the manager unqualified
  [`id eq "${ID.alice}" and manager eq "${ID.bob}"`, ['alice']],
  [`${ENT}:employeeNumber pr`, ['alice']],
  [`${ENT}:building eq "hq"`, ['alice']],
  [`${ACME}:badge eq "gold"`, ['alice']],
  [`${ACME}:level gt 5`, ['bob', 'carol']],
  [`${ACME}:level le 3`, ['alice']],
  [`${ACME}:level eq "12"`, ['carol']],
  [`${ACME}:hired gt "2020-06-01T00:00:00Z"`, ['bob']],
  [`${ACME}:hired lt 2020-01-15T10:00:00+01:00`, []],
  [`${ACME}:hired le 2020-01-15T10:00:00+01:00`, ['alice']],
  [`${ACME}:hired pr`, ['alice', 'bob', 'carol', 'dan']],
  [`${ACME}:remote eq false`, ['bob']],
  [`${ACME}:remote eq "TRUE"`, ['alice']],
  [`${ACME}:remote ne true`, except('alice')],
  [`${ACME}:tags eq "blue"`, ['alice']],
  [`${ACME}:tags pr`, ['alice', 'bob']],
  [`${ACME}:tags[value sw "GR"]`, ['alice']],
  [`${ACME}:code eq "abc"`, ['carol']],
  [`${ACME}:code eq "ABC"`, []],
  // meta
  ['meta.created gt 2015-10-10T14:38:21.8617979-07:00', except('alice')],
  ['meta.Created ge "2016-01-01T00:00:00Z"', except('alice')],
  ['meta.created lt "2016-01-01T01:00:00+01:00"', ['alice']],
  ['meta.created eq "2017-01-01T00:00:00.000Z"', ['carol']],
  ['meta.lastModified gt "2023-01-01"', ['alice']],
  ['meta.version eq "W/\\"3\\""', ['alice']],
  ['meta.version eq "W/\\"x\\""', []],
  ['meta.resourceType eq "User"', ALL_USERS],
  ['meta.resourceType eq "Group"', []],
  // groups (User, read-only): group_members
  [`groups.value eq "${ID.admins}"`, ['alice', 'bob']],
  [`groups eq "${ID.engineering}"`, ['alice']],
  ['groups.value eq "not-a-uuid"', []],
  ['groups[display eq "ADMINS"]', ['alice', 'bob']],
  ['groups[type eq "direct" and display sw "eng"]', ['alice']],
  ['groups pr', ['alice', 'bob']],
  ['not (groups pr)', ['carol', 'dan', 'erin']],
  // precedence and parentheses
  ['userName eq "bob" or userName eq "erin" and active eq true', ['bob', 'erin']],
  ['(userName eq "bob" or userName eq "erin") and active eq true', ['erin']],
  ['not (userName eq "bob" or userName eq "erin") and active eq true', ['alice', 'carol', 'dan']],
  ['not userName eq "bob" and not userName eq "erin"', ['alice', 'carol', 'dan']],
];

const GROUP_CASES: [string, Name[]][] = [
  ['displayName eq "admins"', ['admins']],
  ['DisplayName eq "ENGINEERING"', ['engineering']],
  ['displayName eq "0b5e6d2f-3c1a-4d8e-9f7a-1b2c3d4e5f60"', []],
  ['displayName sw "E"', ['engineering', 'empty']],
  ['externalId eq "g-ext-1"', ['admins']],
  [`members.value eq "${ID.bob}"`, ['admins']],
  [`members eq "${ID.alice}"`, ['admins', 'engineering']],
  [`members[value eq "${ID.alice}"]`, ['admins', 'engineering']],
  ['members[value eq "bad"]', []],
  ['members pr', ['admins', 'engineering']],
  ['not (members pr)', ['empty', 'equipe']],
  ['displayName eq "ÉQUIPE"', ['equipe']],
  ['displayName sw "éq"', ['equipe']],
  ['members.display eq "bob 100% jones"', ['admins']],
  ['members[type eq "User"]', ['admins', 'engineering']],
  [`id eq "${ID.empty}"`, ['empty']],
  ['meta.created ge "2021-01-01T00:00:00Z"', ['engineering', 'empty', 'equipe']],
];

const BAD_FILTERS = [
  'nope eq 1',
  'name.nope eq 1',
  'password eq "x"',
  'password pr',
  'active gt true',
  'active eq "maybe"',
  'name eq "x"',
  'meta.created gt "yesterday"',
  'meta.created gt "2019-02-29T00:00:00Z"',
  'meta.created co "2020"',
  `${ACME}:level eq "abc"`,
  `${ACME}:level co "1"`,
  `${ACME}:remote lt true`,
  'emails[nope eq 1]',
  'emails[type eq "a"] and emails[type[value eq 1]]',
  'title[value eq 1]',
  'emails.value[type eq "x"]',
  'meta.location eq "x"',
  'groups.$ref eq "x"',
  'urn:ietf:params:scim:schemas:extension:unknown:2.0:User:foo eq 1',
  'x509Certificates.value gt "a"',
];

const drivers: [string, () => Promise<Db>][] = [['PGlite', openPglite]];
const url = process.env.TEST_DATABASE_URL;
if (url) drivers.push(['PostgreSQL', () => openPostgres(url)]);

describe.each(drivers)('compiled filters on %s', (_label, open) => {
  let db: Db;

  beforeAll(async () => {
    db = await open();
    await seed(db);
  });
  afterAll(async () => {
    await db?.close();
  });

  async function users(filter: string, sortBy?: string, sortOrder?: string): Promise<string[]> {
    const compiled = compileFilter(parseFilter(filter), userSchemas, userStorage, 1);
    const order = compileSort(sortBy, sortOrder, userSchemas, userStorage);
    const rows = await db.query(
      `SELECT u.id FROM users u WHERE u.version > $1 AND ${compiled.sql} ORDER BY ${order}`,
      [0, ...compiled.params],
    );
    return rows.map((r) => nameOf(r.id));
  }

  async function groups(filter: string): Promise<string[]> {
    const compiled = compileFilter(parseFilter(filter), groupSchemas, groupStorage);
    const order = compileSort(undefined, undefined, groupSchemas, groupStorage);
    const rows = await db.query(`SELECT g.id FROM groups g WHERE ${compiled.sql} ORDER BY ${order}`, compiled.params);
    return rows.map((r) => nameOf(r.id));
  }

  it.each(USER_CASES)('Users?filter=%s', async (filter, expected) => {
    expect((await users(filter)).sort()).toEqual([...expected].sort());
  });

  it.each(GROUP_CASES)('Groups?filter=%s', async (filter, expected) => {
    expect((await groups(filter)).sort()).toEqual([...expected].sort());
  });

  it.each(BAD_FILTERS)('refuses %s with 400 invalidFilter before touching the database', (filter) => {
    try {
      compileFilter(parseFilter(filter), userSchemas, userStorage);
      throw new Error('expected a ScimError');
    } catch (e) {
      expect(e).toBeInstanceOf(ScimError);
      expect((e as ScimError).status).toBe(400);
      expect((e as ScimError).scimType).toBe('invalidFilter');
    }
  });

  it('names the unknown attribute', () => {
    expect(() => compileFilter(parseFilter('name.nope eq 1'), userSchemas, userStorage)).toThrow(/"name\.nope"/);
    expect(() => compileFilter(parseFilter('emails[nope eq 1]'), userSchemas, userStorage)).toThrow(/"emails\.nope"/);
  });

  describe('sorting', () => {
    it('defaults to creation order', async () => {
      expect(await users('id pr')).toEqual(['alice', 'bob', 'carol', 'dan', 'erin']);
    });

    it('sorts by userName case-insensitively, both ways', async () => {
      expect(await users('id pr', 'userName')).toEqual(['alice', 'bob', 'dan', 'erin', 'carol']);
      expect(await users('id pr', 'userName', 'descending')).toEqual(['carol', 'erin', 'dan', 'bob', 'alice']);
    });

    it('puts absent values last in both directions', async () => {
      expect(await users('id pr', 'title', 'ascending')).toEqual(['carol', 'alice', 'dan', 'bob', 'erin']);
      expect(await users('id pr', 'title', 'DESCENDING')).toEqual(['dan', 'alice', 'carol', 'bob', 'erin']);
      expect(await users('id pr', 'displayName')).toEqual(['alice', 'bob', 'carol', 'dan', 'erin']);
    });

    it('sorts numbers numerically and dateTimes chronologically', async () => {
      // level: alice 3, bob "7", carol 12; dan "abc" and erin have none.
      expect(await users('id pr', `${ACME}:level`)).toEqual(['alice', 'bob', 'carol', 'dan', 'erin']);
      expect(await users('id pr', `${ACME}:level`, 'descending')).toEqual(['carol', 'bob', 'alice', 'dan', 'erin']);
      expect(await users('id pr', `${ACME}:hired`, 'descending')).toEqual(['bob', 'alice', 'carol', 'dan', 'erin']);
      expect(await users('id pr', 'meta.created', 'descending')).toEqual(['erin', 'dan', 'carol', 'bob', 'alice']);
    });

    it('sorts a multi-valued attribute by its primary (else first) value', async () => {
      expect(await users('id pr', 'emails')).toEqual(['alice', 'bob', 'carol', 'dan', 'erin']);
      // carol's first email is "other", her primary one "work".
      expect(await users('id pr', 'emails.type')).toEqual(['alice', 'bob', 'carol', 'dan', 'erin']);
      expect(await users('id pr', 'emails.type', 'descending')).toEqual(['alice', 'bob', 'carol', 'dan', 'erin']);
      expect(await users('id pr', `${ACME}:tags`)).toEqual(['alice', 'bob', 'carol', 'dan', 'erin']);
    });

    it('pages without repeats or gaps when the sort key ties', async () => {
      const order = compileSort('meta.resourceType', 'ascending', userSchemas, userStorage);
      const seen: string[] = [];
      for (let offset = 0; offset < 5; offset += 2) {
        const rows = await db.query(`SELECT u.id FROM users u ORDER BY ${order} LIMIT 2 OFFSET ${offset}`, []);
        seen.push(...rows.map((r) => String(nameOf(r.id))));
      }
      expect(seen).toEqual(ALL_USERS);
    });

    it('sorts groups by displayName', async () => {
      const order = compileSort('displayName', undefined, groupSchemas, groupStorage);
      const rows = await db.query(`SELECT g.id FROM groups g ORDER BY ${order}`, []);
      expect(rows.map((r) => nameOf(r.id))).toEqual(['admins', 'empty', 'engineering', 'equipe']);
    });
  });

  it('never raises a database error for any value the parser accepts (property-based)', async () => {
    const path = fc.constantFrom(
      'userName', 'id', 'externalId', 'active', 'title', 'meta.created', 'meta.version', 'emails', 'emails.value',
      'emails.primary', 'groups.value', `${ENT}:manager`, `${ACME}:level`, `${ACME}:hired`, `${ACME}:remote`, `${ACME}:tags`,
    );
    const op = fc.constantFrom('eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le');
    const value = fc.oneof(
      fc.string({ maxLength: 12 }).map((s) => JSON.stringify(s)),
      fc.constantFrom('true', 'False', 'null', '42', '-1.5e3', '"2020-02-29T00:00:00Z"', '"2019-02-29"', `"${ID.bob}"`, '"W/\\"1\\""', '"\\\\%_"'),
    );
    await fc.assert(
      fc.asyncProperty(path, op, value, async (p, o, v) => {
        let compiled;
        try {
          compiled = compileFilter(parseFilter(`${p} ${o} ${v}`), userSchemas, userStorage);
        } catch (e) {
          if (!(e instanceof ScimError) || e.status !== 400) throw e;
          return;
        }
        await db.query(`SELECT count(*) FROM users u WHERE ${compiled.sql}`, compiled.params);
      }),
      { numRuns: 300 },
    );
  });
});
