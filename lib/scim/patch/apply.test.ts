import { describe, expect, it } from 'vitest';
import { ScimError } from '../errors';
import { buildUserSchemas } from '../schemas/registry';
import { URN } from '../schemas/urns';
import type { Document } from '../resource/document';
import { applyPatch } from './apply';
import { parsePatchRequest } from './parse';

const users = buildUserSchemas();
const ENT = URN.EnterpriseUser;
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

const patch = (doc: Document, body: unknown, schemas = users) => applyPatch(doc, parsePatchRequest(body), schemas);

function scimError(fn: () => unknown): ScimError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ScimError) return e;
    throw e;
  }
  throw new Error('expected a ScimError');
}

const base: Document = {
  userName: 'test.user@okta.local',
  name: { givenName: 'Test', familyName: 'User' },
  emails: [{ primary: true, value: 'test.user@okta.local', type: 'work' }],
  active: true,
  externalId: '00ujl29u0le5T6Aj10h7',
};

describe('Okta (okta.md)', () => {
  it('OIN deactivate and reactivate: path-less replace {active} (§1.5, §1.6)', () => {
    const off = patch(base, { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: false } }] });
    expect(off.document.active).toBe(false);
    expect(off.changed).toEqual(['active']);
    const on = patch(off.document, { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: true } }] });
    expect(on.document).toEqual(base);
  });

  it('password sync: path-less replace {password} is dropped silently (§1.7)', () => {
    const r = patch(base, { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { password: 'n3w-s3cret' } }] });
    expect(r).toEqual({ document: base, changed: [], ignored: [] });
  });

  it('read-only id/meta/schemas inside a value are ignored silently; groups are reported', () => {
    const r = patch(base, {
      Operations: [{ op: 'replace', value: { id: 'other', meta: { resourceType: 'User' }, schemas: [URN.User], groups: [{ value: 'g' }], title: 'CEO' } }],
    });
    expect(r.document.title).toBe('CEO');
    expect(r.ignored).toEqual(['groups']);
    expect(r.changed).toEqual(['title']);
  });
});

describe('Entra without aadOptscim062020 (entra.md §3.4)', () => {
  it('replaces emails[type eq "work"].value and name.familyName', () => {
    const r = patch(base, {
      schemas: [PATCH_OP],
      Operations: [
        { op: 'Replace', path: 'emails[type eq "work"].value', value: 'updatedEmail@microsoft.com' },
        { op: 'Replace', path: 'name.familyName', value: 'updatedFamilyName' },
      ],
    });
    expect(r.document.emails).toEqual([{ primary: true, value: 'updatedEmail@microsoft.com', type: 'work' }]);
    expect(r.document.name).toEqual({ givenName: 'Test', familyName: 'updatedFamilyName' });
    expect(r.changed).toEqual(['emails.value', 'name.familyName']);
  });

  it('replaces userName', () => {
    const r = patch(base, { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'userName', value: '5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com' }] });
    expect(r.document.userName).toBe('5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com');
  });

  it('replaces multiple attributes including an enterprise URN path (COMPAT)', () => {
    const r = patch(base, {
      Operations: [
        { op: 'Replace', path: 'displayName', value: 'Pvlo' },
        { op: 'Replace', path: 'emails[type eq "work"].value', value: 'TestBcwqnm@test.microsoft.com' },
        { op: 'Replace', path: 'name.givenName', value: 'Gtfd' },
        { op: 'Replace', path: 'name.familyName', value: 'Pkqf' },
        { op: 'Replace', path: 'externalId', value: 'Eqpj' },
        { op: 'Replace', path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber', value: 'Eqpj' },
      ],
    });
    expect(r.document).toEqual({
      userName: 'test.user@okta.local',
      displayName: 'Pvlo',
      name: { givenName: 'Gtfd', familyName: 'Pkqf' },
      emails: [{ primary: true, value: 'TestBcwqnm@test.microsoft.com', type: 'work' }],
      active: true,
      externalId: 'Eqpj',
      [ENT]: { employeeNumber: 'Eqpj' },
    });
    expect(r.changed).toContain(`${ENT}:employeeNumber`);
  });

  it('Add on a single-valued attribute is a replace', () => {
    expect(patch(base, { Operations: [{ op: 'Add', path: 'nickName', value: 'Babs' }] }).document.nickName).toBe('Babs');
    expect(patch({ ...base, nickName: 'Old' }, { Operations: [{ op: 'Add', path: 'nickName', value: 'Babs' }] }).document.nickName).toBe('Babs');
  });

  it('Add on emails[type eq "work"].value creates the element when the user has none', () => {
    const { emails: _, ...noMail } = base;
    const r = patch(noMail, { Operations: [{ op: 'Add', path: 'emails[type eq "work"].value', value: 'new@x.com' }] });
    expect(r.document.emails).toEqual([{ type: 'work', value: 'new@x.com' }]);
    const other = patch({ ...noMail, emails: [{ type: 'home', value: 'h@x' }] }, { Operations: [{ op: 'Replace', path: 'emails[type eq "work"].value', value: 'w@x' }] });
    expect(other.document.emails).toEqual([{ type: 'home', value: 'h@x' }, { type: 'work', value: 'w@x' }]);
  });

  it('creates phoneNumbers and addresses elements from their filters (default mapping)', () => {
    const r = patch(base, {
      Operations: [
        { op: 'Add', path: 'phoneNumbers[type eq "mobile"].value', value: '+1 555' },
        { op: 'Add', path: 'addresses[type eq "work"].postalCode', value: '10001' },
        { op: 'Add', path: 'addresses[type eq "work"].streetAddress', value: '1 Main St' },
        { op: 'Add', path: 'addresses[type eq "other"].Formatted', value: 'Office 12' },
      ],
    });
    expect(r.document.phoneNumbers).toEqual([{ type: 'mobile', value: '+1 555' }]);
    expect(r.document.addresses).toEqual([
      { type: 'work', postalCode: '10001', streetAddress: '1 Main St' },
      { type: 'other', formatted: 'Office 12' },
    ]);
  });

  it('disables with the string "False" and re-enables with "True"', () => {
    const off = patch(base, { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'active', value: 'False' }] });
    expect(off.document.active).toBe(false);
    expect(patch(off.document, { Operations: [{ op: 'Replace', path: 'active', value: 'true' }] }).document.active).toBe(true);
    expect(patch(base, { Operations: [{ op: 'Replace', path: 'active', value: false }] }).document.active).toBe(false);
    expect(patch(base, { Operations: [{ op: 'Add', path: 'active', value: false }] }).document.active).toBe(false);
    expect(scimError(() => patch(base, { Operations: [{ op: 'Replace', path: 'active', value: 'nope' }] })).scimType).toBe('invalidValue');
  });

  it('sets the manager from the documented array form with an unqualified path (DEV Example 4/5)', () => {
    const r = patch(base, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'Add', path: 'manager', value: [{ $ref: 'http://example.com/scim/Users/00aa00aa', value: '00aa00aa-bb11-cc22-dd33-44ee44ee44ee' }] }],
    });
    expect(r.document[ENT]).toEqual({ manager: { $ref: 'http://example.com/scim/Users/00aa00aa', value: '00aa00aa-bb11-cc22-dd33-44ee44ee44ee' } });
  });

  it('sets the manager from a plain string (SCIM-SDK#686), replaces it, and clears it with ""', () => {
    const path = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager';
    const set = patch(base, { Operations: [{ op: 'add', path, value: '2c2f6fb8-254f-492e-b7fe-c09c5a61c8a2' }] });
    expect(set.document[ENT]).toEqual({ manager: { value: '2c2f6fb8-254f-492e-b7fe-c09c5a61c8a2' } });
    const changed = patch(set.document, { Operations: [{ op: 'Replace', path, value: 'other' }] });
    expect(changed.document[ENT]).toEqual({ manager: { value: 'other' } });
    const cleared = patch(changed.document, { Operations: [{ op: 'Replace', path, value: '' }] });
    expect(cleared.document[ENT]).toBeUndefined();
    expect(cleared.changed).toEqual([`${ENT}:manager`]);
  });

  it('adds roles whose value is JSON in a string, as sent (ATTR)', () => {
    const value = '{"id":"06b07648-ecfe-589f-9d2f-6325724a46ee","value":"25","displayName":"Role1234"}';
    const r = patch(base, { Operations: [{ op: 'Add', path: 'roles', value: [{ value }] }] });
    expect(r.document.roles).toEqual([{ value }]);
  });

  it('roles[primary eq "True"].value targets the primary role', () => {
    const doc: Document = { ...base, roles: [{ value: 'a' }, { value: 'b', primary: true }] };
    const r = patch(doc, { Operations: [{ op: 'Replace', path: 'roles[primary eq "True"].value', value: 'c' }] });
    expect(r.document.roles).toEqual([{ value: 'a' }, { value: 'c', primary: true }]);
  });

  it('SCIM_Null_Update: "" then null clear optional attributes (LOGIC)', () => {
    const doc = { ...base, title: 'CEO', nickName: 'Boss', [ENT]: { department: 'Eng' } };
    const r1 = patch(doc, {
      Operations: [
        { op: 'Replace', path: 'title', value: '' },
        { op: 'Replace', path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department', value: '' },
        { op: 'Replace', path: 'emails[type eq "work"].value', value: null },
        { op: 'Add', path: 'nickName', value: null },
      ],
    });
    expect(r1.document).toEqual({ userName: base.userName, name: base.name, active: true, externalId: base.externalId });
  });
});

describe('Entra with aadOptscim062020 (entra.md §3.5)', () => {
  it('path-less replace with dotted and URN-qualified keys', () => {
    const r = patch(base, {
      schemas: [PATCH_OP],
      Operations: [
        { op: 'replace', path: 'emails[type eq "work"].value', value: 'TestMhvaes@test.microsoft.com' },
        {
          op: 'replace',
          value: {
            displayName: 'Bjfe',
            'name.givenName': 'Kkom',
            'name.familyName': 'Unua',
            'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber': 'Aklq',
          },
        },
      ],
    });
    expect(r.document).toEqual({
      userName: base.userName,
      name: { givenName: 'Kkom', familyName: 'Unua' },
      emails: [{ primary: true, value: 'TestMhvaes@test.microsoft.com', type: 'work' }],
      active: true,
      externalId: base.externalId,
      displayName: 'Bjfe',
      [ENT]: { employeeNumber: 'Aklq' },
    });
    expect(JSON.stringify(r.document)).not.toContain('name.givenName');
  });

  it('the MS validator form: dotted userName/name keys and active inside the value (scimmy#10)', () => {
    const r = patch(base, { Operations: [{ op: 'replace', value: { userName: 'v@x', 'name.familyName': 'F', 'name.givenName': 'G', active: false } }] });
    expect(r.document).toMatchObject({ userName: 'v@x', name: { givenName: 'G', familyName: 'F' }, active: false });
  });

  it('lower-case op with a real boolean', () => {
    expect(patch(base, { Operations: [{ op: 'replace', path: 'active', value: false }] }).document.active).toBe(false);
  });

  it('URN key holding an object in a path-less value, and a path naming the extension URN', () => {
    const r = patch(base, { Operations: [{ op: 'add', value: { [ENT]: { department: 'Eng', manager: { value: 'm' } } } }] });
    expect(r.document[ENT]).toEqual({ department: 'Eng', manager: { value: 'm' } });
    const r2 = patch(r.document, { Operations: [{ op: 'replace', path: ENT, value: { department: 'Ops' } }] });
    expect(r2.document[ENT]).toEqual({ department: 'Ops', manager: { value: 'm' } });
    const r3 = patch(r2.document, { Operations: [{ op: 'remove', path: ENT }] });
    expect(r3.document[ENT]).toBeUndefined();
    expect(r3.changed).toEqual([ENT]);
  });
});

describe('MS Postman collection (entra.md §6)', () => {
  it('replace userName (lower-case), Replace userName and Replace active false', () => {
    let doc = patch(base, { Operations: [{ op: 'replace', path: 'userName', value: 'ryan3' }] }).document;
    expect(doc.userName).toBe('ryan3');
    doc = patch(doc, { Operations: [{ op: 'Replace', path: 'userName', value: 'newusername' }] }).document;
    doc = patch(doc, { Operations: [{ op: 'Replace', path: 'active', value: false }] }).document;
    expect([doc.userName, doc.active]).toEqual(['newusername', false]);
  });
});

describe('RFC 7644 §3.5.2 semantics', () => {
  it('add on a multi-valued attribute appends and skips exact duplicates', () => {
    const r = patch(base, {
      Operations: [{ op: 'add', path: 'emails', value: [{ value: 'test.user@okta.local', type: 'work', primary: true }, { value: 'h@x', type: 'home' }] }],
    });
    expect(r.document.emails).toEqual([
      { primary: true, value: 'test.user@okta.local', type: 'work' },
      { value: 'h@x', type: 'home' },
    ]);
  });

  it('a newly added primary element takes primary from the others', () => {
    const r = patch(base, { Operations: [{ op: 'add', path: 'emails', value: { value: 'n@x', type: 'other', primary: 'True' } }] });
    expect(r.document.emails).toEqual([
      { primary: false, value: 'test.user@okta.local', type: 'work' },
      { value: 'n@x', type: 'other', primary: true },
    ]);
    const viaFilter = patch(r.document, { Operations: [{ op: 'replace', path: 'emails[type eq "work"].primary', value: true }] });
    expect((viaFilter.document.emails as Document[]).map((e) => e.primary)).toEqual([true, false]);
  });

  it('a secondary email added without primary does not become primary (simstudioai/sim#7567)', () => {
    const r = patch(base, { Operations: [{ op: 'add', path: 'emails', value: [{ value: 'second@x', type: 'home' }] }] });
    expect((r.document.emails as Document[])[0].primary).toBe(true);
    expect((r.document.emails as Document[])[1].primary).toBeUndefined();
  });

  it('replace of a multi-valued attribute without filter replaces the list', () => {
    const r = patch(base, { Operations: [{ op: 'replace', path: 'emails', value: [{ value: 'only@x' }] }] });
    expect(r.document.emails).toEqual([{ value: 'only@x' }]);
  });

  it('replace of a complex attribute merges sub-attributes; path-less add too', () => {
    const r = patch(base, { Operations: [{ op: 'replace', path: 'name', value: { middleName: 'M' } }, { op: 'add', value: { name: { givenName: 'G2' } } }] });
    expect(r.document.name).toEqual({ givenName: 'G2', familyName: 'User', middleName: 'M' });
  });

  it('replace with a filter and no sub-attribute replaces the element but keeps what it was selected by', () => {
    const r = patch(base, { Operations: [{ op: 'replace', path: 'emails[type eq "work"]', value: { value: 'w2@x', primary: true } }] });
    expect(r.document.emails).toEqual([{ type: 'work', value: 'w2@x', primary: true }]);
  });

  it('remove by filter, remove of a filtered sub-attribute, remove of a sub-attribute', () => {
    const doc: Document = { ...base, emails: [{ value: 'w@x', type: 'work', display: 'W' }, { value: 'h@x', type: 'home' }] };
    expect(patch(doc, { Operations: [{ op: 'remove', path: 'emails[type eq "home"]' }] }).document.emails).toEqual([{ value: 'w@x', type: 'work', display: 'W' }]);
    // An element left with only type/display/primary is empty and disappears.
    expect(patch(doc, { Operations: [{ op: 'remove', path: 'emails[type eq "work"].value' }] }).document.emails).toEqual([{ value: 'h@x', type: 'home' }]);
    expect(patch(doc, { Operations: [{ op: 'remove', path: 'emails[type eq "work"].display' }] }).document.emails).toEqual([{ value: 'w@x', type: 'work' }, { value: 'h@x', type: 'home' }]);
    expect(patch(doc, { Operations: [{ op: 'remove', path: 'name.givenName' }] }).document.name).toEqual({ familyName: 'User' });
    expect(patch(doc, { Operations: [{ op: 'remove', path: 'name.givenName' }, { op: 'remove', path: 'name.familyName' }] }).document.name).toBeUndefined();
  });

  it('remove with a value array removes the listed elements only (Entra form)', () => {
    const doc = { ...base, emails: [{ value: 'w@x', type: 'work' }, { value: 'h@x', type: 'home' }] };
    const r = patch(doc, { Operations: [{ op: 'Remove', path: 'emails', value: [{ value: 'H@X' }] }] });
    expect(r.document.emails).toEqual([{ value: 'w@x', type: 'work' }]);
    expect(patch(doc, { Operations: [{ op: 'remove', path: 'emails' }] }).document.emails).toBeUndefined();
  });

  it('remove of something absent is a no-op', () => {
    const r = patch(base, {
      Operations: [
        { op: 'remove', path: 'title' },
        { op: 'remove', path: 'phoneNumbers[type eq "fax"]' },
        { op: 'remove', path: `${ENT}:department` },
        { op: 'remove', path: 'emails[type eq "home"].value' },
      ],
    });
    expect(r).toEqual({ document: base, changed: [], ignored: [] });
  });

  it('removing a required attribute is a mutability error (RFC 7644 §3.5.2.2)', () => {
    expect(scimError(() => patch(base, { Operations: [{ op: 'remove', path: 'userName' }] })).scimType).toBe('mutability');
    expect(scimError(() => patch(base, { Operations: [{ op: 'replace', path: 'userName', value: null }] })).scimType).toBe('mutability');
  });

  it('unknown attributes are ignored and reported; read-only targets too', () => {
    const r = patch(base, {
      Operations: [
        { op: 'replace', path: 'adreses', value: 'x' },
        { op: 'add', path: 'urn:ietf:params:scim:schemas:extension:Foo:2.0:User:bar', value: 'x' },
        { op: 'replace', path: 'groups', value: [] },
        { op: 'replace', path: 'id', value: 'new-id' },
        { op: 'replace', path: 'meta.lastModified', value: '2024-01-01T00:00:00Z' },
        { op: 'replace', path: 'schemas', value: [URN.User] },
        { op: 'replace', value: { nope: 1, 'name.nope': 2 } },
      ],
    });
    expect(r.document).toEqual(base);
    expect(r.ignored).toEqual(['adreses', 'urn:ietf:params:scim:schemas:extension:Foo:2.0:User:bar', 'groups', 'nope', 'name.nope']);
  });

  it('rejects bad values and impossible targets with ScimErrors', () => {
    const cases: [unknown, string][] = [
      [{ Operations: [{ op: 'replace', value: 'not an object' }] }, 'invalidValue'],
      [{ Operations: [{ op: 'replace', path: 'title', value: { a: 1 } }] }, 'invalidValue'],
      [{ Operations: [{ op: 'replace', path: 'userName', value: 'a\u0000b' }] }, 'invalidValue'],
      [{ Operations: [{ op: 'replace', path: 'name[givenName eq "x"]', value: 'y' }] }, 'invalidPath'],
      [{ Operations: [{ op: 'replace', path: 'emails[type eq "work" or type eq "home"].value', value: 'n@x' }] }, 'noTarget'],
      [{ Operations: [{ op: 'replace', path: 'emails[bogus eq "x"].value', value: 'n@x' }] }, 'invalidFilter'],
      [{ Operations: [{ op: 'remove', path: URN.User }] }, 'invalidPath'],
    ];
    const emailless = { userName: 'u' };
    for (const [body, type] of cases) expect([JSON.stringify(body), scimError(() => patch(emailless, body)).scimType]).toEqual([JSON.stringify(body), type]);
  });

  it('is all-or-nothing and never mutates its input', () => {
    const doc = structuredClone(base);
    expect(() => patch(doc, { Operations: [{ op: 'replace', path: 'title', value: 'T' }, { op: 'replace', path: 'active', value: 'maybe' }] })).toThrow(ScimError);
    patch(doc, { Operations: [{ op: 'replace', path: 'emails[type eq "work"].value', value: 'changed@x' }, { op: 'add', path: 'emails', value: { value: 'p@x', primary: true } }] });
    expect(doc).toEqual(base);
  });

  it('admin-defined custom attributes work in every form', () => {
    const X = 'urn:ietf:params:scim:schemas:extension:acme:2.0:User';
    const schemas = buildUserSchemas([
      { schemaUrn: X, name: 'badge', type: 'integer', multiValued: false, required: false, caseExact: false, description: '' },
      { schemaUrn: X, name: 'tags', type: 'string', multiValued: true, required: false, caseExact: false, description: '' },
    ]);
    const r = patch(base, { Operations: [{ op: 'add', value: { [`${X}:badge`]: '42' } }, { op: 'add', path: `${X}:tags`, value: ['a', 'b'] }, { op: 'add', path: 'tags', value: 'a' }] }, schemas);
    expect(r.document[X]).toEqual({ badge: 42, tags: ['a', 'b'] });
    const r2 = patch(r.document, { Operations: [{ op: 'remove', path: `${X}:tags[value eq "a"]` }] }, schemas);
    expect(r2.document[X]).toEqual({ badge: 42, tags: ['b'] });
  });
});
