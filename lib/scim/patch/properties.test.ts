import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ScimError } from '../errors';
import { buildGroupSchemas, buildUserSchemas } from '../schemas/registry';
import { bodyArb, forbiddenKeysIn, patchBodyArb, prototypeIsClean, storedUserArb } from '../resource/arbitraries.test-support';
import type { Document } from '../resource/document';
import { normalizeResource } from '../resource/normalize';
import { applyPatch } from './apply';
import { planGroupPatch } from './group';
import { parsePatchRequest } from './parse';

const users = buildUserSchemas();
const groups = buildGroupSchemas();

function onlyScimErrors<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch (e) {
    if (e instanceof ScimError) return undefined;
    throw e;
  }
}

/** A stored document as normalize/PATCH write it. */
const documentArb = (isGroup: boolean): fc.Arbitrary<Document> =>
  fc.oneof(
    storedUserArb.map((d) => (isGroup ? { displayName: 'g', externalId: 'e' } : (d as Document))),
    bodyArb.map((b) => onlyScimErrors(() => normalizeResource({ ...b, userName: 'u', displayName: 'g' }, isGroup ? groups : users).document) ?? { userName: 'u' }),
  );

/** Any JSON object as a stored document (an old or hand-edited row). */
const anyDocumentArb: fc.Arbitrary<Document> = bodyArb.map((b) => b as Document);

describe('properties: PATCH', () => {
  it('applyPatch throws only ScimError, never mutates its inputs, never emits prototype keys', () => {
    fc.assert(
      fc.property(documentArb(false), patchBodyArb, (doc, body) => {
        const docBefore = structuredClone(doc);
        const bodyBefore = structuredClone(body);
        const result = onlyScimErrors(() => applyPatch(doc, parsePatchRequest(body), users));
        expect(doc).toEqual(docBefore);
        expect(body).toEqual(bodyBefore);
        if (result) {
          expect(result.document).not.toBe(doc);
          expect(forbiddenKeysIn(result.document)).toEqual([]);
          expect(JSON.stringify(result.document)).not.toContain('\\u0000');
          expect(result.document.password).toBeUndefined();
          expect(result.document.groups === undefined || docBefore.groups !== undefined).toBe(true);
        }
        expect(prototypeIsClean()).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('on any stored JSON object (old or hand-edited rows) PATCH throws only ScimError and mutates nothing', () => {
    fc.assert(
      fc.property(anyDocumentArb, patchBodyArb, fc.boolean(), (doc, body, isGroup) => {
        const before = structuredClone(doc);
        onlyScimErrors(() => (isGroup ? planGroupPatch(doc, parsePatchRequest(body), groups) : applyPatch(doc, parsePatchRequest(body), users)));
        expect(doc).toEqual(before);
        expect(prototypeIsClean()).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('after any successful PATCH, every multi-valued attribute has at most one primary', () => {
    fc.assert(
      fc.property(documentArb(false), patchBodyArb, (doc, body) => {
        const result = onlyScimErrors(() => applyPatch(doc, parsePatchRequest(body), users));
        if (!result) return;
        for (const key of ['emails', 'phoneNumbers', 'addresses', 'roles']) {
          const list = result.document[key];
          if (!Array.isArray(list) || list === doc[key]) continue;
          const touched = JSON.stringify(list) !== JSON.stringify(doc[key]);
          if (touched) expect(list.filter((e) => typeof e === 'object' && e !== null && !Array.isArray(e) && e.primary === true).length).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('planGroupPatch throws only ScimError, keeps members out of the document, yields well-formed changes', () => {
    fc.assert(
      fc.property(documentArb(true), patchBodyArb, (doc, body) => {
        const before = structuredClone(doc);
        const plan = onlyScimErrors(() => planGroupPatch(doc, parsePatchRequest(body), groups));
        expect(doc).toEqual(before);
        if (plan) {
          if (before.members === undefined) expect(plan.document.members).toBeUndefined();
          expect(forbiddenKeysIn(plan.document)).toEqual([]);
          for (const change of plan.membership) {
            if (change.kind !== 'removeAll') expect(change.ids.every((id) => typeof id === 'string' && id !== '' && !id.includes('\u0000'))).toBe(true);
          }
        }
        expect(prototypeIsClean()).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
