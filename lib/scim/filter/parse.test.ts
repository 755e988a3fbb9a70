import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ScimError } from '../errors';
import type { Filter } from './ast';
import { FILTER_LIMITS, parseFilter, parsePatchPath } from './parse';

const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

const cmp = (path: string, op: string, value: unknown) => ({ kind: 'compare', path, op, value });
const and = (left: unknown, right: unknown) => ({ kind: 'and', left, right });
const or = (left: unknown, right: unknown) => ({ kind: 'or', left, right });
const not = (filter: unknown) => ({ kind: 'not', filter });

function failure(fn: () => unknown): ScimError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ScimError);
    return e as ScimError;
  }
  throw new Error('expected a ScimError');
}

describe('parseFilter: comparisons', () => {
  it.each(['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'])('parses %s', (op) => {
    expect(parseFilter(`userName ${op} "bjensen"`)).toEqual(cmp('userName', op, 'bjensen'));
  });

  it('accepts operators and keywords in any case', () => {
    expect(parseFilter('userName EQ "a" AnD title Pr')).toEqual(and(cmp('userName', 'eq', 'a'), { kind: 'present', path: 'title' }));
    expect(parseFilter('NOT (active Eq TRUE)')).toEqual(not(cmp('active', 'eq', true)));
  });

  it('keeps attribute paths as written', () => {
    expect(parseFilter('name.FamilyName eq "x"')).toEqual(cmp('name.FamilyName', 'eq', 'x'));
    expect(parseFilter('meta.lastModified gt "2011-05-13T04:42:34Z"')).toEqual(
      cmp('meta.lastModified', 'gt', '2011-05-13T04:42:34Z'),
    );
  });

  it('parses URN-qualified paths, with and without sub-attributes', () => {
    expect(parseFilter(`${ENT}:department eq "Tour Operations"`)).toEqual(cmp(`${ENT}:department`, 'eq', 'Tour Operations'));
    expect(parseFilter(`${ENT}:manager.value eq "26118915-6090-4610-87e4-49d8ca9f808d"`)).toEqual(
      cmp(`${ENT}:manager.value`, 'eq', '26118915-6090-4610-87e4-49d8ca9f808d'),
    );
    expect(parseFilter('urn:ietf:params:scim:schemas:core:2.0:User:userName sw "J"')).toEqual(
      cmp('urn:ietf:params:scim:schemas:core:2.0:User:userName', 'sw', 'J'),
    );
  });

  it('parses `pr`', () => {
    expect(parseFilter('title pr')).toEqual({ kind: 'present', path: 'title' });
    expect(parseFilter(`${ENT}:manager pr`)).toEqual({ kind: 'present', path: `${ENT}:manager` });
  });

  it('parses literals: strings with escapes, numbers, true/false/null in any case', () => {
    expect(parseFilter('title eq "a \\"quoted\\" \\\\ \\/ \\n \\t \\u00e9"')).toEqual(cmp('title', 'eq', 'a "quoted" \\ / \n \t é'));
    expect(parseFilter('x eq 42')).toEqual(cmp('x', 'eq', 42));
    expect(parseFilter('x gt -1.5e3')).toEqual(cmp('x', 'gt', -1500));
    expect(parseFilter('x eq 0.25')).toEqual(cmp('x', 'eq', 0.25));
    expect(parseFilter('active eq True')).toEqual(cmp('active', 'eq', true));
    expect(parseFilter('active eq FALSE')).toEqual(cmp('active', 'eq', false));
    expect(parseFilter('title eq Null')).toEqual(cmp('title', 'eq', null));
    expect(parseFilter('title eq ""')).toEqual(cmp('title', 'eq', ''));
    expect(parseFilter('title eq "with ) and ] and (["')).toEqual(cmp('title', 'eq', 'with ) and ] and (['));
  });

  it('keeps quoted "True" a string (the compiler coerces it for booleans)', () => {
    expect(parseFilter('active eq "True"')).toEqual(cmp('active', 'eq', 'True'));
  });

  it('reads legacy unquoted values as strings', () => {
    expect(parseFilter('externalId eq jyoung')).toEqual(cmp('externalId', 'eq', 'jyoung'));
    expect(parseFilter('userName sw O')).toEqual(cmp('userName', 'sw', 'O'));
    expect(parseFilter('meta.Created gt 2015-10-10T14:38:21.8617979-07:00')).toEqual(
      cmp('meta.Created', 'gt', '2015-10-10T14:38:21.8617979-07:00'),
    );
    // Leading zeros are not a JSON number: keep the text.
    expect(parseFilter('externalId eq 00123')).toEqual(cmp('externalId', 'eq', '00123'));
  });

  it('parses the Microsoft Postman filter', () => {
    expect(parseFilter('name.FamilyName eq Employee and (emails.Value co example.com or emails.Value co example.org)')).toEqual(
      and(cmp('name.FamilyName', 'eq', 'Employee'), or(cmp('emails.Value', 'co', 'example.com'), cmp('emails.Value', 'co', 'example.org'))),
    );
  });

  it('parses the Entra and Okta match filters', () => {
    expect(parseFilter('userName eq "Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee"')).toEqual(
      cmp('userName', 'eq', 'Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee'),
    );
    expect(parseFilter('email eq "alice@example.com"')).toEqual(cmp('email', 'eq', 'alice@example.com'));
    expect(parseFilter('DisplayName eq "BobIsAmazing"')).toEqual(cmp('DisplayName', 'eq', 'BobIsAmazing'));
  });

  it('tolerates extra whitespace of any kind', () => {
    expect(parseFilter('  userName\teq\n"a"  ')).toEqual(cmp('userName', 'eq', 'a'));
    expect(parseFilter('( ( userName eq "a" ) )')).toEqual(cmp('userName', 'eq', 'a'));
  });
});

describe('parseFilter: logic and precedence', () => {
  it('binds and tighter than or', () => {
    expect(parseFilter('a eq 1 or b eq 2 and c eq 3')).toEqual(or(cmp('a', 'eq', 1), and(cmp('b', 'eq', 2), cmp('c', 'eq', 3))));
    expect(parseFilter('a eq 1 and b eq 2 or c eq 3')).toEqual(or(and(cmp('a', 'eq', 1), cmp('b', 'eq', 2)), cmp('c', 'eq', 3)));
  });

  it('binds not tighter than and', () => {
    expect(parseFilter('not (a eq 1) and b eq 2')).toEqual(and(not(cmp('a', 'eq', 1)), cmp('b', 'eq', 2)));
    expect(parseFilter('not(a eq 1)')).toEqual(not(cmp('a', 'eq', 1)));
  });

  it('is left-associative', () => {
    expect(parseFilter('a pr or b pr or c pr')).toEqual(
      or(or({ kind: 'present', path: 'a' }, { kind: 'present', path: 'b' }), { kind: 'present', path: 'c' }),
    );
  });

  it('honours parentheses', () => {
    expect(parseFilter('(a eq 1 or b eq 2) and c eq 3')).toEqual(and(or(cmp('a', 'eq', 1), cmp('b', 'eq', 2)), cmp('c', 'eq', 3)));
  });

  it('accepts `not` without parentheses and nested nots', () => {
    expect(parseFilter('not not a pr')).toEqual(not(not({ kind: 'present', path: 'a' })));
  });

  it('lets attributes be named like keywords when an operator follows', () => {
    expect(parseFilter('not eq "x"')).toEqual(cmp('not', 'eq', 'x'));
    expect(parseFilter('and eq "x" and or pr')).toEqual(and(cmp('and', 'eq', 'x'), { kind: 'present', path: 'or' }));
  });
});

describe('parseFilter: value paths', () => {
  it('parses the RFC examples', () => {
    expect(parseFilter('emails[type eq "work" and value co "@example.com"]')).toEqual({
      kind: 'valuePath',
      path: 'emails',
      filter: and(cmp('type', 'eq', 'work'), cmp('value', 'co', '@example.com')),
    });
    expect(parseFilter('userType eq "Employee" and emails[type eq "work" and value co "@example.com"]')).toEqual(
      and(cmp('userType', 'eq', 'Employee'), {
        kind: 'valuePath',
        path: 'emails',
        filter: and(cmp('type', 'eq', 'work'), cmp('value', 'co', '@example.com')),
      }),
    );
    expect(
      parseFilter('emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]'),
    ).toEqual(
      or(
        { kind: 'valuePath', path: 'emails', filter: and(cmp('type', 'eq', 'work'), cmp('value', 'co', '@example.com')) },
        { kind: 'valuePath', path: 'ims', filter: and(cmp('type', 'eq', 'xmpp'), cmp('value', 'co', '@foo.com')) },
      ),
    );
  });

  it('parses not, or and parentheses inside the brackets', () => {
    expect(parseFilter('emails[not (type eq "work") or (primary eq true)]')).toEqual({
      kind: 'valuePath',
      path: 'emails',
      filter: or(not(cmp('type', 'eq', 'work')), cmp('primary', 'eq', true)),
    });
  });

  it('reads Entra `emails[type eq "work"].value eq "x"` as one element matching both', () => {
    expect(parseFilter('emails[type eq "work"].value eq "user@contoso.com"')).toEqual({
      kind: 'valuePath',
      path: 'emails',
      filter: and(cmp('type', 'eq', 'work'), cmp('value', 'eq', 'user@contoso.com')),
    });
    expect(parseFilter('emails[type eq "work"].value pr')).toEqual({
      kind: 'valuePath',
      path: 'emails',
      filter: and(cmp('type', 'eq', 'work'), { kind: 'present', path: 'value' }),
    });
  });

  it('parses URN-qualified value paths', () => {
    expect(parseFilter('urn:ietf:params:scim:schemas:extension:acme:2.0:User:badges[value eq "gold"]')).toEqual({
      kind: 'valuePath',
      path: 'urn:ietf:params:scim:schemas:extension:acme:2.0:User:badges',
      filter: cmp('value', 'eq', 'gold'),
    });
  });

  it('accepts an unquoted value right before the closing bracket', () => {
    expect(parseFilter('members[value eq abc]')).toEqual({ kind: 'valuePath', path: 'members', filter: cmp('value', 'eq', 'abc') });
  });

  it('refuses nested value paths and dotted names inside brackets', () => {
    expect(failure(() => parseFilter('emails[x[y eq 1]]')).scimType).toBe('invalidFilter');
    expect(failure(() => parseFilter('emails[name.x eq 1]')).scimType).toBe('invalidFilter');
  });
});

describe('parseFilter: errors', () => {
  const bad = [
    '',
    '   ',
    'userName',
    'userName eq',
    'userName eq "unterminated',
    'userName xx "a"',
    'userName eq "a" and',
    'userName eq "a" or or b pr',
    '(userName eq "a"',
    'userName eq "a")',
    'emails[type eq "work"',
    'emails[type eq "work"]]',
    'emails[]',
    'emails[type eq "work"].',
    'emails[type eq "work"].value',
    'userName eq "a" userName eq "b"',
    'eq "a"',
    '"a" eq "b"',
    'not',
    'not ()',
    'a.b.c eq 1',
    '1abc eq 2',
    'userName eq (',
    'userName eq "bad \\x escape"',
    'userName eq "bad \\u12 escape"',
    'x eq 1e999',
    'urn:: eq 1',
    'a eq [',
    // U+0000 cannot reach PostgreSQL text, raw or escaped
    'userName eq "a\u0000b"',
    'userName eq "a\\u0000b"',
    'userName eq a\u0000b',
  ];
  it.each(bad)('refuses %j with 400 invalidFilter', (text) => {
    const e = failure(() => parseFilter(text));
    expect(e.status).toBe(400);
    expect(e.scimType).toBe('invalidFilter');
    expect(e.message.length).toBeGreaterThan(5);
  });

  it('names the position', () => {
    expect(failure(() => parseFilter('userName xx "a"')).message).toMatch(/character 10/);
    expect(failure(() => parseFilter('userName eq "a" and')).message).toMatch(/character 20/);
    expect(failure(() => parseFilter('title eq "abc')).message).toMatch(/Unterminated string at character 10/);
  });

  it('refuses non-string input without crashing', () => {
    expect(failure(() => parseFilter(undefined as unknown as string)).scimType).toBe('invalidFilter');
  });
});

describe('parseFilter: limits', () => {
  it('refuses text longer than the limit', () => {
    const text = `title eq "${'a'.repeat(FILTER_LIMITS.maxLength)}"`;
    expect(failure(() => parseFilter(text)).message).toMatch(/longer than/);
  });

  it('accepts exactly the maximum number of comparisons and refuses one more', () => {
    const terms = (n: number) => Array.from({ length: n }, (_, i) => `a${i} eq ${i}`).join(' or ');
    expect(() => parseFilter(terms(FILTER_LIMITS.maxComparisons))).not.toThrow();
    expect(failure(() => parseFilter(terms(FILTER_LIMITS.maxComparisons + 1))).message).toMatch(/more than 100 comparisons/);
  });

  it('refuses nesting deeper than the limit, however it is written', () => {
    const ok = `${'('.repeat(FILTER_LIMITS.maxDepth)}a pr${')'.repeat(FILTER_LIMITS.maxDepth)}`;
    expect(() => parseFilter(ok)).not.toThrow();
    const deep = `${'('.repeat(FILTER_LIMITS.maxDepth + 1)}a pr${')'.repeat(FILTER_LIMITS.maxDepth + 1)}`;
    expect(failure(() => parseFilter(deep)).message).toMatch(/nested more than/);
    expect(failure(() => parseFilter(`${'not '.repeat(1000)}a pr`)).message).toMatch(/nested more than/);
    expect(failure(() => parseFilter('('.repeat(4000))).scimType).toBe('invalidFilter');
  });

  it('handles a maximal input quickly', () => {
    const started = Date.now();
    for (const text of ['a'.repeat(8192), '"'.repeat(8192), '\\'.repeat(8192), `"${'\\'.repeat(8190)}`, 'urn:'.repeat(2048)]) {
      try {
        parseFilter(text);
      } catch (e) {
        expect(e).toBeInstanceOf(ScimError);
      }
    }
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('parseFilter: never throws anything but ScimError (property-based)', () => {
  const onlyScimErrors = (text: string) => {
    try {
      const f: Filter = parseFilter(text);
      expect(f).toBeTypeOf('object');
    } catch (e) {
      if (!(e instanceof ScimError) || e.status !== 400 || e.scimType !== 'invalidFilter') throw e;
    }
  };

  it('random strings', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), onlyScimErrors), { numRuns: 2000 });
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 100 }), onlyScimErrors), { numRuns: 500 });
  });

  it('random token soups', () => {
    const token = fc.constantFrom(
      'userName', 'emails', 'emails.value', 'name.givenName', `${ENT}:manager.value`, 'value', 'type',
      'eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le', 'pr', 'and', 'or', 'not', 'AND', 'Not',
      '(', ')', '[', ']', '].value', '.', '"a"', '"', '\\', '"x\\"y"', 'true', 'False', 'null', '42', '-1.5', 'jyoung', ':', 'urn:',
    );
    const soup = fc.array(token, { maxLength: 30 }).chain((tokens) =>
      fc.array(fc.constantFrom(' ', '', '  '), { minLength: tokens.length, maxLength: tokens.length }).map((gaps) =>
        tokens.map((t, i) => t + gaps[i]).join(''),
      ),
    );
    fc.assert(fc.property(soup, onlyScimErrors), { numRuns: 5000 });
  });

  it('re-parses well-formed filters it generates', () => {
    const leaf = fc.record({
      path: fc.constantFrom('userName', 'title', 'name.givenName', `${ENT}:department`),
      op: fc.constantFrom('eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'),
      value: fc.string({ maxLength: 10 }),
    });
    const tree = fc.letrec<{ node: string }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        leaf.map((l) => `${l.path} ${l.op} ${JSON.stringify(l.value)}`),
        fc.tuple(tie('node'), fc.constantFrom('and', 'or'), tie('node')).map(([a, k, b]) => `(${a}) ${k} (${b})`),
        tie('node').map((n) => `not (${n})`),
      ),
    })).node;
    fc.assert(
      fc.property(tree, (text) => {
        try {
          parseFilter(text);
        } catch (e) {
          // Only the limits may refuse a well-formed filter.
          expect(e).toBeInstanceOf(ScimError);
          expect((e as ScimError).message).toMatch(/more than|longer than/);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('parsePatchPath', () => {
  it('parses plain, dotted and URN paths', () => {
    expect(parsePatchPath('nickName')).toEqual({ attribute: 'nickName' });
    expect(parsePatchPath('name.givenName')).toEqual({ attribute: 'name.givenName' });
    expect(parsePatchPath(`${ENT}:manager`)).toEqual({ attribute: `${ENT}:manager` });
    expect(parsePatchPath(`${ENT}:manager.value`)).toEqual({ attribute: `${ENT}:manager.value` });
    expect(parsePatchPath(ENT)).toEqual({ attribute: ENT });
    expect(parsePatchPath('  members  ')).toEqual({ attribute: 'members' });
  });

  it('parses value paths with and without a sub-attribute', () => {
    expect(parsePatchPath('members[value eq "2819c223-7f76-453a-919d-413861904646"]')).toEqual({
      attribute: 'members',
      filter: cmp('value', 'eq', '2819c223-7f76-453a-919d-413861904646'),
    });
    expect(parsePatchPath('emails[type eq "work"].value')).toEqual({
      attribute: 'emails',
      filter: cmp('type', 'eq', 'work'),
      subAttribute: 'value',
    });
    expect(parsePatchPath('addresses[type eq "other"].Formatted')).toEqual({
      attribute: 'addresses',
      filter: cmp('type', 'eq', 'other'),
      subAttribute: 'Formatted',
    });
    expect(parsePatchPath('roles[primary eq "True"].display')).toEqual({
      attribute: 'roles',
      filter: cmp('primary', 'eq', 'True'),
      subAttribute: 'display',
    });
    expect(parsePatchPath('emails[type eq "work" and value ew "@example.com"]')).toEqual({
      attribute: 'emails',
      filter: and(cmp('type', 'eq', 'work'), cmp('value', 'ew', '@example.com')),
    });
  });

  it('refuses malformed paths with invalidPath', () => {
    for (const text of ['', ' ', 'a b', 'a.b.c', '.value', 'emails[type eq "work"] .value', 'emails[type eq "work"].', '[a pr]', 'a)', '"a"']) {
      expect(failure(() => parsePatchPath(text)).scimType, text).toBe('invalidPath');
    }
  });

  it('refuses a malformed bracket filter with invalidFilter', () => {
    for (const text of ['emails[type eq]', 'emails[type xx "a"]', 'emails[type eq "work"', 'emails[]']) {
      expect(failure(() => parsePatchPath(text)).scimType, text).toBe('invalidFilter');
    }
  });

  it('never throws anything but ScimError', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 100 }), (text) => {
        try {
          parsePatchPath(text);
        } catch (e) {
          if (!(e instanceof ScimError) || e.status !== 400) throw e;
        }
      }),
      { numRuns: 2000 },
    );
  });
});
