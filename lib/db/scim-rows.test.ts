/** Document → row columns, and the length guard that keeps index writes from failing. */
import { describe, expect, it } from 'vitest';
import { MAX_INDEXED_BYTES, groupColumns, isTooLargeForIndex, oversizedGroupAttribute, oversizedUserAttribute, userColumns } from './scim-rows';

const long = 'é'.repeat(MAX_INDEXED_BYTES / 2 + 1); // 2 bytes each in UTF-8: just over the limit

describe('email columns', () => {
  it('keeps every email lower-cased in email_keys and as sent, between newlines, in email_search', () => {
    const c = userColumns({ userName: 'u', emails: [{ value: 'Ann@X.org', type: 'work' }, { value: 'ann@x.org' }, { type: 'home' }, { value: 'İnci@y.tr' }] });
    expect(c.email_keys).toEqual(['ann@x.org', 'i̇nci@y.tr']);
    // Not lowered here: the filter's ILIKE lowers it with the database's own lower(), as the exact test does.
    expect(c.email_search).toBe('\nAnn@X.org\nann@x.org\nİnci@y.tr\n');
    expect(userColumns({ userName: 'u' }).email_search).toBe('');
    expect(userColumns({ userName: 'u', emails: [] }).email_search).toBe('');
  });
});

describe('oversized indexed values', () => {
  it('accepts ordinary users and names the attribute that is too long', () => {
    expect(oversizedUserAttribute(userColumns({ userName: 'a@b.c', name: { givenName: 'A' }, emails: [{ value: 'a@b.c' }] }))).toBeUndefined();
    expect(oversizedUserAttribute(userColumns({ userName: 'x'.repeat(MAX_INDEXED_BYTES) }))).toBeUndefined();
    expect(oversizedUserAttribute(userColumns({ userName: long }))).toBe('userName');
    expect(oversizedUserAttribute(userColumns({ userName: 'u', externalId: long }))).toBe('externalId');
    expect(oversizedUserAttribute(userColumns({ userName: 'u', displayName: long }))).toBe('displayName');
    expect(oversizedUserAttribute(userColumns({ userName: 'u', name: { familyName: long } }))).toBe('name.familyName');
    expect(oversizedUserAttribute(userColumns({ userName: 'u', emails: [{ value: 'ok@x' }, { value: long }] }))).toBe('emails.value');
    // A derived displayName counts too: it is what the display_name column holds.
    expect(oversizedUserAttribute(userColumns({ userName: 'u', name: { formatted: long } }))).toBe('displayName');
  });

  it('checks groups', () => {
    expect(oversizedGroupAttribute(groupColumns({ displayName: 'Sales' }))).toBeUndefined();
    expect(oversizedGroupAttribute(groupColumns({ displayName: long }))).toBe('displayName');
    expect(oversizedGroupAttribute(groupColumns({ displayName: 'g', externalId: long }))).toBe('externalId');
  });

  it('recognises PostgreSQL\'s "program limit exceeded"', () => {
    expect(isTooLargeForIndex({ code: '54000' })).toBe(true);
    expect(isTooLargeForIndex({ code: '23505' })).toBe(false);
    expect(isTooLargeForIndex(null)).toBe(false);
  });
});
