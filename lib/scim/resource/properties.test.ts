import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ScimError } from '../errors';
import { buildGroupSchemas, buildUserSchemas } from '../schemas/registry';
import { bodyArb, forbiddenKeysIn, jsonArb, keyArb, objectFrom, prototypeIsClean } from './arbitraries.test-support';
import { parseListParams } from './list';
import { normalizeResource } from './normalize';
import { parseProjection } from './projection';
import { renderResource } from './render';

const users = buildUserSchemas([
  { schemaUrn: 'urn:ietf:params:scim:schemas:extension:acme:2.0:User', name: 'level', type: 'integer', multiValued: false, required: false, caseExact: false, description: '' },
]);
const groups = buildGroupSchemas();

/** Runs fn; only ScimError may escape. */
function onlyScimErrors<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch (e) {
    if (e instanceof ScimError) return undefined;
    throw e;
  }
}

describe('properties: normalizeResource', () => {
  it('never throws anything but ScimError, never mutates its input, never emits prototype keys', () => {
    fc.assert(
      fc.property(bodyArb, fc.boolean(), (body, isGroup) => {
        const before = structuredClone(body);
        const result = onlyScimErrors(() => normalizeResource(body, isGroup ? groups : users));
        expect(body).toEqual(before);
        if (result) {
          expect(forbiddenKeysIn(result.document)).toEqual([]);
          expect(JSON.stringify(result.document)).not.toContain('\\u0000');
          expect(result.document.password).toBeUndefined();
          if (!isGroup) expect(typeof result.document.active).toBe('boolean');
        }
        expect(prototypeIsClean()).toBe(true);
      }),
      { numRuns: 1500 },
    );
  });

  it('normalizing what render returns gives the same document back (round trip)', () => {
    fc.assert(
      fc.property(bodyArb, (body) => {
        const first = onlyScimErrors(() => normalizeResource({ ...body, userName: 'u' }, users));
        if (!first) return;
        const rendered = renderResource({ id: 'i', document: first.document, created: new Date(0), lastModified: new Date(0), version: 1, location: 'https://h/Users/i' }, users);
        const second = normalizeResource(rendered, users);
        // displayName is derived on output and manager gains a $ref: compare the rest.
        const strip = (d: Record<string, unknown>) => JSON.parse(JSON.stringify(d, (k, v) => (k === 'displayName' || k === '$ref' ? undefined : v)));
        expect(strip(second.document)).toEqual(strip(first.document));
      }),
      { numRuns: 500 },
    );
  });
});

describe('properties: render and params', () => {
  it('renderResource accepts any stored JSON object without throwing or leaking', () => {
    fc.assert(
      fc.property(bodyArb, fc.option(fc.array(keyArb, { maxLength: 3 })), fc.option(fc.array(keyArb, { maxLength: 3 })), (doc, attrs, excluded) => {
        const projection = parseProjection(attrs ?? undefined, excluded ?? undefined, users);
        const out = renderResource({ id: 'i', document: doc as never, created: new Date(0), lastModified: new Date(0), version: 1, location: 'https://h/Users/i' }, users, projection);
        expect(out.id).toBe('i');
        expect(out.password).toBeUndefined();
        expect(forbiddenKeysIn(out)).toEqual([]);
      }),
      { numRuns: 800 },
    );
  });

  it('parseListParams throws only ScimError and keeps paging within bounds', () => {
    const entries = fc.array(fc.tuple(fc.constantFrom('startIndex', 'COUNT', 'filter', 'sortOrder', 'attributes', 'schemas', 'x'), jsonArb), { maxLength: 6 });
    fc.assert(
      fc.property(entries, fc.boolean(), (list, asQuery) => {
        const input = asQuery ? new URLSearchParams(list.map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v) ?? ''])) : objectFrom(list);
        const params = onlyScimErrors(() => parseListParams(input, 100));
        if (params) {
          expect(Number.isInteger(params.startIndex) && params.startIndex >= 1).toBe(true);
          expect(Number.isInteger(params.count) && params.count >= 0 && params.count <= 100).toBe(true);
        }
      }),
      { numRuns: 800 },
    );
  });
});
