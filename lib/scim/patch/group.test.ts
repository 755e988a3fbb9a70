import { describe, expect, it } from 'vitest';
import { ScimError } from '../errors';
import { buildGroupSchemas } from '../schemas/registry';
import type { Document } from '../resource/document';
import { applyPatch } from './apply';
import { planGroupPatch } from './group';
import { parsePatchRequest } from './parse';

const groups = buildGroupSchemas();
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const group: Document = { displayName: 'Test SCIMv2', externalId: 'ext-1' };
const plan = (body: unknown, doc = group) => planGroupPatch(doc, parsePatchRequest(body), groups);

function scimError(fn: () => unknown): ScimError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ScimError) return e;
    throw e;
  }
  throw new Error('expected a ScimError');
}

describe('planGroupPatch: Okta (okta.md §1.8)', () => {
  it('rename with the read-only id inside the value', () => {
    const r = plan({
      schemas: [PATCH_OP],
      Operations: [{ op: 'replace', value: { id: 'abf4dd94-a4c0-4f67-89c9-76b03340cb9b', displayName: 'Renamed' } }],
    });
    expect(r).toEqual({ document: { displayName: 'Renamed', externalId: 'ext-1' }, changed: ['displayName'], ignored: [], membership: [] });
  });

  it('the rename Okta sends with every membership update changes nothing when the name is the same', () => {
    const r = plan({ Operations: [{ op: 'replace', value: { id: 'abf4dd94-a4c0-4f67-89c9-76b03340cb9b', displayName: 'Test SCIMv2' } }] });
    expect(r.changed).toEqual([]);
  });

  it('membership remove + add', () => {
    const r = plan({
      schemas: [PATCH_OP],
      Operations: [
        { op: 'remove', path: 'members[value eq "89bb1940-b905-4575-9e7f-6f887cfb368e"]' },
        { op: 'add', path: 'members', value: [{ value: '23a35c27-23d3-4c03-b4c5-6443c09e7173', display: 'test.user@okta.local' }] },
      ],
    });
    expect(r.membership).toEqual([
      { kind: 'remove', ids: ['89bb1940-b905-4575-9e7f-6f887cfb368e'] },
      { kind: 'add', ids: ['23a35c27-23d3-4c03-b4c5-6443c09e7173'] },
    ]);
    expect(r.document).toEqual(group);
  });

  it('full membership replace', () => {
    const r = plan({
      schemas: [PATCH_OP],
      Operations: [{ op: 'replace', path: 'members', value: [{ value: 'a', display: 'A' }, { value: 'b', display: 'B' }] }],
    });
    expect(r.membership).toEqual([{ kind: 'replace', ids: ['a', 'b'] }]);
  });
});

describe('planGroupPatch: Entra (entra.md §3.7)', () => {
  it('Replace displayName', () => {
    const r = plan({ schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'displayName', value: '1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName' }] });
    expect(r.document.displayName).toBe('1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName');
  });

  it('Add members with $ref null', () => {
    const r = plan({ schemas: [PATCH_OP], Operations: [{ op: 'Add', path: 'members', value: [{ $ref: null, value: 'f648f8d5ea4e4cd38e9c' }] }] });
    expect(r.membership).toEqual([{ kind: 'add', ids: ['f648f8d5ea4e4cd38e9c'] }]);
  });

  it('Remove members with a value array removes only those (azure-docs#30826)', () => {
    const r = plan({ schemas: [PATCH_OP], Operations: [{ op: 'Remove', path: 'members', value: [{ $ref: null, value: 'f648f8d5ea4e4cd38e9c' }] }] });
    expect(r.membership).toEqual([{ kind: 'remove', ids: ['f648f8d5ea4e4cd38e9c'] }]);
  });

  it('remove with the RFC filter (aadOptscim062020)', () => {
    const r = plan({ schemas: [PATCH_OP], Operations: [{ op: 'remove', path: 'members[value eq "7f4bc1a3-285e-48ae-8202-5accb43efb0e"]' }] });
    expect(r.membership).toEqual([{ kind: 'remove', ids: ['7f4bc1a3-285e-48ae-8202-5accb43efb0e'] }]);
  });

  it('several members in one operation (gallery checklist)', () => {
    const r = plan({ Operations: [{ op: 'Add', path: 'members', value: [{ value: 'a' }, { value: 'b' }, { value: 'a' }] }] });
    expect(r.membership).toEqual([{ kind: 'add', ids: ['a', 'b'] }]);
  });
});

describe('planGroupPatch: MS Postman (entra.md §6)', () => {
  it('addMember with displayName and a name key', () => {
    const r = plan({ Operations: [{ name: 'addMember', op: 'add', path: 'members', value: [{ displayName: 'new User', value: 'id4' }] }] });
    expect(r.membership).toEqual([{ kind: 'add', ids: ['id4'] }]);
    expect(r.ignored).toEqual([]);
  });

  it('a bare string member value', () => {
    expect(plan({ Operations: [{ op: 'add', path: 'members', value: 'string id 1' }] }).membership).toEqual([{ kind: 'add', ids: ['string id 1'] }]);
    expect(plan({ Operations: [{ op: 'add', path: 'members', value: ['string id 1'] }] }).membership).toEqual([{ kind: 'add', ids: ['string id 1'] }]);
  });

  it('remove members without value removes all', () => {
    expect(plan({ Operations: [{ op: 'remove', path: 'members' }] }).membership).toEqual([{ kind: 'removeAll' }]);
  });
});

describe('planGroupPatch: other forms', () => {
  it('or-joined value filters', () => {
    expect(plan({ Operations: [{ op: 'remove', path: 'members[value eq "x" or VALUE eq "y"]' }] }).membership).toEqual([{ kind: 'remove', ids: ['x', 'y'] }]);
  });

  it('path-less add/replace with members next to other attributes', () => {
    const r = plan({ Operations: [{ op: 'replace', value: { displayName: 'New', members: [{ value: 'a' }] } }, { op: 'add', value: { members: [{ value: 'b' }] } }] });
    expect(r.document.displayName).toBe('New');
    expect(r.membership).toEqual([{ kind: 'replace', ids: ['a'] }, { kind: 'add', ids: ['b'] }]);
  });

  it('replace members with an empty list, or null, empties the group', () => {
    expect(plan({ Operations: [{ op: 'replace', path: 'members', value: [] }] }).membership).toEqual([{ kind: 'replace', ids: [] }]);
    expect(plan({ Operations: [{ op: 'replace', path: 'members', value: null }] }).membership).toEqual([{ kind: 'removeAll' }]);
  });

  it('adding or removing an empty list does nothing', () => {
    expect(plan({ Operations: [{ op: 'add', path: 'members', value: [] }, { op: 'remove', path: 'members', value: [] }] }).membership).toEqual([]);
  });

  it('refuses other member filters with invalidFilter, explaining what is supported', () => {
    for (const path of ['members[display eq "x"]', 'members[value ne "x"]', 'members[value eq "x" and value eq "y"]', 'members[value co "x"]']) {
      const e = scimError(() => plan({ Operations: [{ op: 'remove', path }] }));
      expect([path, e.scimType]).toEqual([path, 'invalidFilter']);
      expect(e.message).toContain('members[value eq');
    }
  });

  it('refuses add/replace through a filter or a member sub-attribute, and members without value', () => {
    expect(scimError(() => plan({ Operations: [{ op: 'add', path: 'members[value eq "x"]', value: {} }] })).scimType).toBe('invalidPath');
    expect(scimError(() => plan({ Operations: [{ op: 'replace', path: 'members.display', value: 'x' }] })).scimType).toBe('invalidPath');
    expect(scimError(() => plan({ Operations: [{ op: 'add', path: 'members', value: [{ display: 'no id' }] }] })).scimType).toBe('invalidValue');
  });

  it('applyPatch never puts members into the document; it reports them', () => {
    const r = applyPatch(group, parsePatchRequest({ Operations: [{ op: 'add', path: 'members', value: [{ value: 'a' }] }] }), groups);
    expect(r.document).toEqual(group);
    expect(r.ignored).toEqual(['members']);
  });

  it('a group displayName cannot be removed', () => {
    expect(scimError(() => plan({ Operations: [{ op: 'remove', path: 'displayName' }] })).scimType).toBe('mutability');
  });
});
