import { describe, expect, it } from 'vitest';
import { ScimError } from '../errors';
import { URN } from '../schemas/urns';
import { parseListParams, renderListResponse } from './list';

const q = (s: string) => new URLSearchParams(s);

function scimType(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof ScimError) return e.scimType;
    throw e;
  }
  return 'no error';
}

describe('renderListResponse', () => {
  it('renders integers and itemsPerPage = resources returned (ory/polis#4054)', () => {
    expect(renderListResponse([], 2, 101)).toEqual({ schemas: [URN.ListResponse], totalResults: 2, startIndex: 101, itemsPerPage: 0, Resources: [] });
    expect(renderListResponse([{ id: 'a' }], 5, 1).itemsPerPage).toBe(1);
  });
});

describe('parseListParams', () => {
  it('defaults', () => {
    expect(parseListParams(q(''), 100)).toEqual({ startIndex: 1, count: 100 });
  });

  it('Okta test connector and import paging (okta.md §1.1, §1.2)', () => {
    expect(parseListParams(q('startIndex=1&count=2'), 100)).toEqual({ startIndex: 1, count: 2 });
    expect(parseListParams(q('startIndex=101&count=100'), 100)).toEqual({ startIndex: 101, count: 100 });
  });

  it('Okta filter with encoded quotes and spaces', () => {
    const p = parseListParams(q('filter=userName%20eq%20%22test.user%40okta.local%22&startIndex=1&count=100'), 100);
    expect(p.filter).toBe('userName eq "test.user@okta.local"');
  });

  it('Entra: excludedAttributes, case-insensitive names, unknown aadOptscim062020 ignored', () => {
    const p = parseListParams(q('aadOptscim062020&EXCLUDEDATTRIBUTES=members&Filter=displayName+eq+%22x%22'), 100);
    expect(p).toEqual({ startIndex: 1, count: 100, filter: 'displayName eq "x"', excludedAttributes: ['members'] });
  });

  it('clamps: startIndex < 1 → 1, count > max → max, negative → 0, 0 allowed', () => {
    expect(parseListParams(q('startIndex=0&count=1000'), 100)).toMatchObject({ startIndex: 1, count: 100 });
    expect(parseListParams(q('startIndex=-5&count=-1'), 100)).toMatchObject({ startIndex: 1, count: 0 });
    expect(parseListParams(q('count=0'), 100).count).toBe(0);
  });

  it('non-numeric paging → 400 invalidValue', () => {
    expect(scimType(() => parseListParams(q('startIndex=abc'), 100))).toBe('invalidValue');
    expect(scimType(() => parseListParams(q('count=ten'), 100))).toBe('invalidValue');
    // startIndex is echoed as a JSON integer: one beyond 2^53 could not be.
    expect(scimType(() => parseListParams(q('startIndex=1e30'), 100))).toBe('invalidValue');
    expect(scimType(() => parseListParams(q('startIndex=99999999999999999999'), 100))).toBe('invalidValue');
  });

  it('sortBy/sortOrder and attributes lists', () => {
    const p = parseListParams(q('sortBy=userName&sortOrder=Descending&attributes=userName,%20emails'), 100);
    expect(p).toMatchObject({ sortBy: 'userName', sortOrder: 'descending', attributes: ['userName', 'emails'] });
    expect(scimType(() => parseListParams(q('sortOrder=up'), 100))).toBe('invalidValue');
  });

  it('SearchRequest bodies (RFC 7644 §3.4.3)', () => {
    const body = {
      schemas: [URN.SearchRequest],
      attributes: ['displayName', 'userName'],
      filter: 'displayName sw "smith"',
      startIndex: 1,
      count: 10,
    };
    expect(parseListParams(body, 100)).toEqual({ startIndex: 1, count: 10, filter: 'displayName sw "smith"', attributes: ['displayName', 'userName'] });
    expect(parseListParams({ Count: '5' }, 100).count).toBe(5);
    expect(scimType(() => parseListParams({ schemas: [URN.PatchOp] }, 100))).toBe('invalidSyntax');
    expect(scimType(() => parseListParams('nope', 100))).toBe('invalidSyntax');
    expect(scimType(() => parseListParams({ filter: 3 }, 100))).toBe('invalidValue');
  });
});
