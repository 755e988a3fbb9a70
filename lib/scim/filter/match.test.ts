import { describe, expect, it } from 'vitest';
import { attr } from '../schemas/attribute';
import { findAttribute } from '../schemas/resolve';
import { userSchema } from '../schemas/user';
import { groupSchema } from '../schemas/group';
import { ScimError } from '../errors';
import { matchesFilter } from './match';
import { parseFilter } from './parse';

const subsOf = (list: typeof userSchema.attributes, name: string) => findAttribute(list, name)?.subAttributes ?? [];
const emailSubs = subsOf(userSchema.attributes, 'emails');
const memberSubs = subsOf(groupSchema.attributes, 'members');
const roleSubs = subsOf(userSchema.attributes, 'roles');

/** Parses `attr[filter]` and returns the inner filter. */
function inner(text: string) {
  const f = parseFilter(text);
  if (f.kind !== 'valuePath') throw new Error('not a value path');
  return f.filter;
}

const work = { value: 'Babs@Example.com', type: 'work', primary: true };
const home = { value: 'babs@home.org', type: 'home' };

describe('matchesFilter', () => {
  it('matches eq on type, case-insensitively (caseExact false)', () => {
    expect(matchesFilter(inner('emails[type eq "work"]'), work, emailSubs)).toBe(true);
    expect(matchesFilter(inner('emails[type eq "WORK"]'), work, emailSubs)).toBe(true);
    expect(matchesFilter(inner('emails[type eq "work"]'), home, emailSubs)).toBe(false);
  });

  it('combines conditions on the same element', () => {
    const f = inner('emails[type eq "work" and value co "@example.com"]');
    expect(matchesFilter(f, work, emailSubs)).toBe(true);
    expect(matchesFilter(f, home, emailSubs)).toBe(false);
    expect(matchesFilter(inner('emails[type eq "home" or value sw "babs@ex"]'), work, emailSubs)).toBe(true);
    expect(matchesFilter(inner('emails[value ew ".ORG"]'), home, emailSubs)).toBe(true);
  });

  it('treats "True"/"False" strings as booleans on both sides', () => {
    expect(matchesFilter(inner('roles[primary eq "True"]'), { value: 'admin', primary: true }, roleSubs)).toBe(true);
    expect(matchesFilter(inner('roles[primary eq True]'), { value: 'admin', primary: 'true' }, roleSubs)).toBe(true);
    expect(matchesFilter(inner('roles[primary eq "False"]'), { value: 'admin', primary: true }, roleSubs)).toBe(false);
    expect(matchesFilter(inner('roles[primary eq false]'), { value: 'admin' }, roleSubs)).toBe(false);
  });

  it('ne is `not eq`, so absent sub-attributes are "not equal"', () => {
    expect(matchesFilter(inner('emails[type ne "work"]'), { value: 'x@y' }, emailSubs)).toBe(true);
    expect(matchesFilter(inner('emails[type ne "work"]'), work, emailSubs)).toBe(false);
    expect(matchesFilter(inner('emails[not (type eq "work")]'), home, emailSubs)).toBe(true);
  });

  it('pr and eq null follow RFC 7643 "unassigned"', () => {
    expect(matchesFilter(inner('emails[type pr]'), work, emailSubs)).toBe(true);
    expect(matchesFilter(inner('emails[type pr]'), { value: 'a', type: '' }, emailSubs)).toBe(false);
    expect(matchesFilter(inner('emails[type eq null]'), { value: 'a', type: null }, emailSubs)).toBe(true);
    expect(matchesFilter(inner('emails[type ne null]'), work, emailSubs)).toBe(true);
  });

  it('honours caseExact', () => {
    const subs = [attr('value', 'string', { caseExact: true }), attr('type', 'string')];
    expect(matchesFilter(inner('x[value eq "ABC"]'), { value: 'abc' }, subs)).toBe(false);
    expect(matchesFilter(inner('x[value eq "abc"]'), { value: 'abc' }, subs)).toBe(true);
  });

  it('finds keys case-insensitively (Microsoft sends "Primary")', () => {
    expect(matchesFilter(inner('emails[primary eq true]'), { value: 'a', Primary: true }, emailSubs)).toBe(true);
    expect(matchesFilter(inner('emails[Value eq "a"]'), { value: 'a' }, emailSubs)).toBe(true);
  });

  it('matches members by value', () => {
    const f = inner('members[value eq "2819c223-7f76-453a-919d-413861904646"]');
    expect(matchesFilter(f, { value: '2819c223-7f76-453a-919d-413861904646', display: 'B' }, memberSubs)).toBe(true);
    expect(matchesFilter(f, { value: 'other' }, memberSubs)).toBe(false);
  });

  it('treats a value-less simple element as its own value', () => {
    expect(matchesFilter(inner('tags[value eq "Gold"]'), 'gold', [])).toBe(true);
    expect(matchesFilter(inner('tags[value sw "go"]'), 'silver', [])).toBe(false);
    expect(matchesFilter(inner('tags[value eq 3]'), 3, [])).toBe(true);
    expect(matchesFilter(inner('emails[value eq "a@b"]'), 'a@b', emailSubs)).toBe(true);
  });

  it('compares numbers and dateTimes by value', () => {
    const subs = [attr('value', 'integer'), attr('since', 'dateTime')];
    expect(matchesFilter(inner('x[value gt 9]'), { value: 10 }, subs)).toBe(true);
    expect(matchesFilter(inner('x[value le "9"]'), { value: 10 }, subs)).toBe(false);
    expect(matchesFilter(inner('x[since gt "2020-01-01T00:00:00Z"]'), { since: '2020-01-01T01:00:00+02:00' }, subs)).toBe(false);
    expect(matchesFilter(inner('x[since lt 2020-01-01T00:00:00Z]'), { since: '2019-12-31T23:00:00-02:00' }, subs)).toBe(false);
    expect(matchesFilter(inner('x[since lt 2020-01-01T00:00:00Z]'), { since: 'garbage' }, subs)).toBe(false);
  });

  it('refuses unknown sub-attributes, bad literals and bad operators with 400 invalidFilter, whatever the element', () => {
    const cases: [string, unknown][] = [
      ['emails[nope eq "x"]', work],
      ['emails[type eq "a" or nope eq "x"]', work],
      ['emails[primary eq "maybe"]', work],
      ['emails[primary gt true]', work],
      ['emails[type gt null]', work],
    ];
    for (const [text, element] of cases) {
      try {
        matchesFilter(inner(text), element, emailSubs);
        throw new Error(`expected failure for ${text}`);
      } catch (e) {
        expect(e, text).toBeInstanceOf(ScimError);
        expect((e as ScimError).scimType).toBe('invalidFilter');
      }
    }
  });
});
