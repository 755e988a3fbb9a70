/**
 * The shape of the SQL the compiler emits: parameters instead of values,
 * index-friendly forms for the filters IdPs send on every sync, and the
 * errors raised before anything reaches a database. Results are checked by
 * executing the SQL in compile-sql.db.test.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ScimError } from '../errors';
import { buildGroupSchemas, buildUserSchemas } from '../schemas/registry';
import { compileFilter, compileSort } from './compile-sql';
import { parseFilter } from './parse';
import { escapeLike, quoteLiteral } from './sql';
import { groupStorage, userStorage } from './storage';

const users = buildUserSchemas();
const groups = buildGroupSchemas();
const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

const compileUser = (text: string, offset = 0) => compileFilter(parseFilter(text), users, userStorage, offset);

function scimError(fn: () => unknown): ScimError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ScimError);
    return e as ScimError;
  }
  throw new Error('expected a ScimError');
}

describe('compileFilter: SQL shape', () => {
  it('uses the lower-cased key column for userName, with a JS-lowered parameter', () => {
    expect(compileUser('userName eq "Alice@Example.com"')).toEqual({
      sql: 'u.user_name_key = $1::text',
      params: ['alice@example.com'],
    });
    expect(compileUser('userName sw "Al"')).toEqual({
      sql: "u.user_name_key LIKE $1::text ESCAPE '\\'",
      params: ['al%'],
    });
  });

  it('compares caseExact externalId as is', () => {
    expect(compileUser('externalId eq jyoung')).toEqual({ sql: 'u.external_id = $1::text', params: ['jyoung'] });
  });

  it('numbers placeholders from the offset', () => {
    const { sql, params } = compileUser('userName eq "a" and externalId eq "b"', 3);
    expect(sql).toBe('(u.user_name_key = $4::text AND u.external_id = $5::text)');
    expect(params).toEqual(['a', 'b']);
  });

  it('never puts a value in the SQL text', () => {
    const nasty = `x'); DROP TABLE users; --`;
    for (const path of ['userName', 'title', 'emails.value', `${ENT}:department`, 'displayName', 'externalId', 'groups.display']) {
      for (const op of ['eq', 'co', 'gt']) {
        const { sql, params } = compileUser(`${path} ${op} ${JSON.stringify(nasty)}`);
        expect(sql).not.toContain('DROP');
        expect(params.some((p) => String(p).toUpperCase().includes('DROP'))).toBe(true);
      }
    }
  });

  it('escapes LIKE wildcards in values', () => {
    expect(compileUser('title co "50%_\\\\"').params).toEqual(['%50\\%\\_\\\\%']);
    expect(escapeLike('a%b_c\\d')).toBe('a\\%b\\_c\\\\d');
  });

  it('answers emails.value eq, emails eq and Okta\'s email eq from the GIN-indexed email_keys', () => {
    const expected = { sql: 'u.email_keys @> ARRAY[$1::text]', params: ['alice@example.com'] };
    expect(compileUser('emails.value eq "Alice@Example.com"')).toEqual(expected);
    expect(compileUser('emails eq "Alice@Example.com"')).toEqual(expected);
    expect(compileUser('email eq "Alice@Example.com"')).toEqual(expected);
    expect(compileUser('EMAIL eq "Alice@Example.com"')).toEqual(expected);
  });

  it('compiles a value path to ONE EXISTS over the array, guarded by email_keys', () => {
    const { sql, params } = compileUser('emails[type eq "work"].value eq "Bob@x.org"');
    expect(sql.match(/EXISTS/g)).toHaveLength(1);
    expect(sql.startsWith('(u.email_keys @> ARRAY[$3::text] AND EXISTS (SELECT 1 FROM jsonb_array_elements(')).toBe(true);
    expect(sql).toContain("e.v -> 'type'");
    expect(sql).toContain("e.v -> 'value'");
    expect(params).toEqual(['work', 'Bob@x.org', 'bob@x.org']);
  });

  it('puts the trigram-indexed email_search in front of emails co/sw/ew; newlines anchor sw and ew to each email', () => {
    const exists = (param: string) => expect.stringMatching(new RegExp(`^EXISTS \\(SELECT 1 FROM jsonb_array_elements\\(.* ILIKE \\${param}::text ESCAPE '\\\\'\\)$`));
    const shape = (text: string) => {
      const { sql, params } = compileUser(text);
      const m = /^\(u\.email_search ILIKE \$1::text ESCAPE '\\' AND (.*)\)$/.exec(sql);
      expect(m, sql).not.toBeNull();
      expect(m![1]).toEqual(exists('$2'));
      return params;
    };
    expect(shape('emails co "Smith"')).toEqual(['%Smith%', '%Smith%']);
    expect(shape('emails.value sw "A"')).toEqual(['%\nA%', 'A%']);
    expect(shape('email ew "@Example.com"')).toEqual(['%@Example.com\n%', '%@Example.com']);
    // Wildcards and the escape character stay literal in both patterns.
    expect(shape('emails co "50%_\\\\"')).toEqual(['%50\\%\\_\\\\%', '%50\\%\\_\\\\%']);
    // eq keeps the email_keys array; other attributes have no such column.
    expect(compileUser('emails eq "a@b"').sql).not.toContain('email_search');
    expect(compileUser('emails.type co "w"').sql).not.toContain('email_search');
    expect(compileUser('phoneNumbers.value co "555"').sql).not.toContain('email_search');
  });

  it('guards a value path by email_search for each top-level value co/sw/ew, never through or/not', () => {
    const { sql, params } = compileUser('emails[type eq "work" and value sw "a"].value ew "B"');
    expect(sql.startsWith("(u.email_search ILIKE $4::text ESCAPE '\\' AND u.email_search ILIKE $5::text ESCAPE '\\' AND EXISTS (")).toBe(true);
    expect(sql.match(/EXISTS/g)).toHaveLength(1);
    expect(params).toEqual(['work', 'a%', '%B', '%\na%', '%B\n%']);
    expect(compileUser('emails[value co "x"]').sql.startsWith("(u.email_search ILIKE $2::text ESCAPE '\\' AND EXISTS (")).toBe(true);
    expect(compileUser('emails[type eq "work" or value co "x"]').sql).not.toContain('email_search');
    expect(compileUser('emails[not (value co "x")]').sql).not.toContain('email_search');
  });

  it('keeps the prefilter under not: a superset ANDed with the exact test is the exact test', () => {
    expect(compileUser('not (emails co "x")').sql).toMatch(/^NOT COALESCE\(\(u\.email_search ILIKE \$1::text ESCAPE '\\' AND EXISTS \(.*\)\), false\)$/);
  });

  it('matches substrings of the name columns with ILIKE on the bare column (users_search_trgm_idx), userName on its key', () => {
    expect(compileUser('displayName co "Al"')).toEqual({ sql: "u.display_name ILIKE $1::text ESCAPE '\\'", params: ['%Al%'] });
    expect(compileUser('name.givenName sw "Al"')).toEqual({ sql: "u.given_name ILIKE $1::text ESCAPE '\\'", params: ['Al%'] });
    expect(compileUser('name.familyName ew "Al"')).toEqual({ sql: "u.family_name ILIKE $1::text ESCAPE '\\'", params: ['%Al'] });
    expect(compileUser('userName co "Al"')).toEqual({ sql: "u.user_name_key LIKE $1::text ESCAPE '\\'", params: ['%al%'] });
    // Equality keeps lower() on both sides.
    expect(compileUser('displayName eq "Al"').sql).toBe('lower(u.display_name) = lower($1::text)');
  });

  it('cuts long operands into pieces for the trigram indexes, one pattern each', () => {
    // emails: the pieces only (the per-email EXISTS is the exact test), anchored by newlines for sw/ew.
    const emails = compileUser('emails co "38043@Mail.example"');
    expect(emails.sql.startsWith("(u.email_search ILIKE $1::text ESCAPE '\\' AND u.email_search ILIKE $2::text ESCAPE '\\' AND EXISTS (")).toBe(true);
    expect(emails.params).toEqual(['%38043@%', '%@Mail.example%', '%38043@Mail.example%']);
    expect(compileUser('emails sw "al@bundy-smith"').params.slice(0, 2)).toEqual(['%\nal@bundy-%', '%-smith%']);
    expect(compileUser('emails ew "al@bundy-smith"').params.slice(0, 2)).toEqual(['%@bundy-%', '%-smith\n%']);
    // Columns: the pieces, then the whole pattern (which implies each of them).
    expect(compileUser('userName co "38043@Example.com"')).toEqual({
      sql: "(u.user_name_key LIKE $1::text ESCAPE '\\' AND u.user_name_key LIKE $2::text ESCAPE '\\' AND u.user_name_key LIKE $3::text ESCAPE '\\')",
      params: ['%38043@%', '%@example.com%', '%38043@example.com%'],
    });
    // A short first or last word stays with the anchored piece.
    expect(compileUser('displayName sw "Al Bundy-Smith"').params).toEqual(['Al Bundy-%', '%-Smith%', 'Al Bundy-Smith%']);
    expect(compileUser('displayName ew "Al Bundy-Smith"').params).toEqual(['% Bundy-%', '%-Smith', '%Al Bundy-Smith']);
    // At most four pieces: the anchored one, then the longest.
    expect(compileUser('name.familyName sw "aaa-bbbb-ccccc-dddddd-eeeeeee"').params).toEqual([
      'aaa-%', '%-ccccc-%', '%-dddddd-%', '%-eeeeeee%', 'aaa-bbbb-ccccc-dddddd-eeeeeee%',
    ]);
    expect(compileUser('name.givenName co "aaa-bbbb-ccccc-dddddd-eeeeeee"').params.slice(0, 4)).toEqual(['%-bbbb-%', '%-ccccc-%', '%-dddddd-%', '%-eeeeeee%']);
    // Never cut where lower() may look across (".", ":", "'"), nor pieces without three letters or digits in a row.
    for (const operand of ['first.last.name', "o'neil:smith", 'ab@cd-ef', 'abc@de']) {
      expect(compileUser(`displayName co ${JSON.stringify(operand)}`).params, operand).toHaveLength(1);
    }
    // Nothing to gain where no trigram index is.
    expect(compileUser('title co "38043@mail.example"').params).toHaveLength(1);
    expect(compileUser('externalId co "38043@mail.example"').params).toHaveLength(1);
  });

  it('reads other multi-valued attributes through jsonb_array_elements, safely on non-arrays', () => {
    const { sql } = compileUser('phoneNumbers.value co "555"');
    expect(sql).toContain("jsonb_array_elements(CASE WHEN jsonb_typeof(u.attributes -> 'phoneNumbers') = 'array'");
  });

  it('addresses extension attributes under their canonical URN key', () => {
    const { sql } = compileUser(`${ENT.toUpperCase()}:MANAGER.VALUE eq "x"`);
    expect(sql).toContain(`u.attributes -> '${ENT}' -> 'manager' -> 'value'`);
  });

  it("resolves an unqualified name only one extension declares (Entra's `manager eq`)", () => {
    const { sql } = compileUser('Manager eq "x"');
    expect(sql).toContain(`u.attributes -> '${ENT}' -> 'manager' -> 'value'`);
    expect(compileUser('department eq "x"').sql).toContain(`u.attributes -> '${ENT}' -> 'department'`);
    // Core names keep their meaning.
    expect(compileUser('displayName eq "x"').sql).toContain('u.display_name');
  });

  it('refuses an unqualified name two extensions declare', () => {
    const ambiguous = buildUserSchemas([
      { schemaUrn: 'urn:ietf:params:scim:schemas:extension:acme:2.0:User', name: 'department', type: 'string', multiValued: false, required: false, caseExact: false, description: '' },
    ]);
    const e = scimError(() => compileFilter(parseFilter('department eq "x"'), ambiguous, userStorage));
    expect(e.scimType).toBe('invalidFilter');
  });

  it('compiles a non-UUID id to FALSE without any parameter', () => {
    expect(compileUser('id eq "00919288221112222"')).toEqual({ sql: 'FALSE', params: [] });
    expect(compileUser('id ne "00919288221112222"')).toEqual({ sql: 'NOT COALESCE(FALSE, false)', params: [] });
    expect(compileUser('id eq "2819C223-7F76-453A-919D-413861904646"')).toEqual({
      sql: 'u.id = $1::uuid',
      params: ['2819c223-7f76-453a-919d-413861904646'],
    });
  });

  it('makes ne and not two-valued', () => {
    expect(compileUser('title ne "x"').sql).toMatch(/^NOT COALESCE\(/);
    expect(compileUser('not (displayName eq "x")').sql).toBe('NOT COALESCE(lower(u.display_name) = lower($1::text), false)');
  });

  it('normalises dateTime literals before they reach PostgreSQL', () => {
    expect(compileUser('meta.created gt 2015-10-10T14:38:21.8617979-07:00')).toEqual({
      sql: 'u.created_at > $1::timestamptz',
      params: ['2015-10-10T14:38:21.861797-07:00'],
    });
    expect(compileUser('meta.lastModified ge "2020-01-01"').params).toEqual(['2020-01-01T00:00:00+00:00']);
  });

  it('compares meta.version by number and meta.resourceType as a constant', () => {
    expect(compileUser('meta.version eq "W/\\"12\\""')).toEqual({ sql: 'u.version = $1::integer', params: ['12'] });
    expect(compileUser('meta.resourceType eq "User"').sql).toBe("'User' = $1::text");
  });

  it('answers group membership from group_members, by uuid', () => {
    const { sql } = compileFilter(parseFilter('members[value eq "2819c223-7f76-453a-919d-413861904646"]'), groups, groupStorage);
    expect(sql).toBe(
      'EXISTS (SELECT 1 FROM group_members gm JOIN users mu ON mu.id = gm.user_id WHERE gm.group_id = g.id AND gm.user_id = $1::uuid)',
    );
    expect(compileFilter(parseFilter('displayName eq "Admins"'), groups, groupStorage)).toEqual({
      sql: 'g.display_name_key = $1::text',
      params: ['admins'],
    });
  });
});

describe('compileFilter: refusals', () => {
  it.each([
    ['nope eq 1', /Unknown attribute "nope"/],
    ['name.nope eq 1', /Unknown attribute "name\.nope"/],
    ['password eq "x"', /"password" cannot be used in a filter/],
    ['active co "t"', /Operator "co" cannot be used on "active"/],
    ['name eq "x"', /"name" is complex/],
    ['meta.created gt "last tuesday"', /not a valid date/],
    ['emails[nope pr]', /Unknown sub-attribute "emails\.nope"/],
    ['userName[value eq "x"]', /neither multi-valued nor complex/],
    ['members pr', /Unknown attribute "members"/],
    ['constructor eq "x"', /Unknown attribute "constructor"/],
    ['toString pr', /Unknown attribute "toString"/],
    ['__proto__ eq "x"', /Unknown attribute "__proto__"/],
  ])('%s', (text, message) => {
    const e = scimError(() => compileUser(text));
    expect(e.status).toBe(400);
    expect(e.scimType).toBe('invalidFilter');
    expect(e.message).toMatch(message);
  });

  it('only ever throws ScimError 400 for anything the parser accepts (property-based)', () => {
    const path = fc.constantFrom(
      'userName', 'id', 'externalId', 'active', 'title', 'name', 'name.givenName', 'meta', 'meta.created', 'meta.version',
      'meta.location', 'emails', 'emails.value', 'emails.primary', 'email', 'groups', 'groups.$ref', 'password', 'x509Certificates.value',
      `${ENT}:manager`, `${ENT}:manager.displayName`, 'unknown', 'roles.nope',
    );
    const op = fc.constantFrom('eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le', 'pr');
    const value = fc.constantFrom('"x"', 'true', '"False"', 'null', '3', '"2020-01-01"', '"W/\\"1\\""', 'bare');
    const leaf = fc.tuple(path, op, value).map(([p, o, v]) => (o === 'pr' ? `${p} pr` : `${p} ${o} ${v}`));
    const filter = fc.oneof(
      leaf,
      fc.tuple(leaf, leaf).map(([a, b]) => `not (${a}) or ${b}`),
      fc.tuple(path, leaf).map(([p, l]) => `${p}[${l.replace(/^[^ ]+/, 'value')}]`),
      fc.tuple(path, leaf).map(([p, l]) => `${p}[${l.replace(/^[^ ]+/, 'type')}].value eq "z"`),
    );
    fc.assert(
      fc.property(filter, (text) => {
        try {
          const { sql, params } = compileUser(text);
          expect(typeof sql).toBe('string');
          expect(Array.isArray(params)).toBe(true);
        } catch (e) {
          if (!(e instanceof ScimError) || e.status !== 400) throw e;
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('compileSort', () => {
  it('always ends with the (created_at, id) tie-breaker', () => {
    expect(compileSort(undefined, undefined, users, userStorage)).toBe('u.created_at ASC, u.id ASC');
    expect(compileSort('', 'descending', users, userStorage)).toBe('u.created_at ASC, u.id ASC');
    expect(compileSort(undefined, undefined, groups, groupStorage)).toBe('g.created_at ASC, g.id ASC');
    expect(compileSort('userName', 'descending', users, userStorage)).toBe('u.user_name_key DESC NULLS LAST, u.created_at ASC, u.id ASC');
    expect(compileSort('externalId', 'Ascending', users, userStorage)).toBe('u.external_id ASC NULLS LAST, u.created_at ASC, u.id ASC');
    expect(compileSort('displayName', undefined, groups, groupStorage)).toBe('g.display_name_key ASC NULLS LAST, g.created_at ASC, g.id ASC');
    expect(compileSort('meta.resourceType', undefined, users, userStorage)).toBe('u.created_at ASC, u.id ASC');
  });

  it('sorts emails by the stored primary email', () => {
    expect(compileSort('emails', undefined, users, userStorage)).toBe('lower(u.email) ASC NULLS LAST, u.created_at ASC, u.id ASC');
    expect(compileSort('email', undefined, users, userStorage)).toBe('lower(u.email) ASC NULLS LAST, u.created_at ASC, u.id ASC');
  });

  it.each([
    ['nope', undefined],
    ['name', undefined],
    ['password', undefined],
    ['meta.location', undefined],
    ['groups', undefined],
    ['userName', 'sideways'],
  ])('refuses sortBy=%s sortOrder=%s with 400 invalidValue', (sortBy, sortOrder) => {
    const e = scimError(() => compileSort(sortBy, sortOrder, users, userStorage));
    expect(e.status).toBe(400);
    expect(e.scimType).toBe('invalidValue');
  });
});

describe('quoteLiteral', () => {
  it('doubles quotes and drops NULs', () => {
    expect(quoteLiteral("it's")).toBe("'it''s'");
    expect(quoteLiteral('a\0b')).toBe("'ab'");
  });
});
