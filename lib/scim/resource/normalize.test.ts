import { describe, expect, it } from 'vitest';
import { ScimError } from '../errors';
import { buildGroupSchemas, buildUserSchemas } from '../schemas/registry';
import { URN } from '../schemas/urns';
import { normalizeResource } from './normalize';

const users = buildUserSchemas();
const groups = buildGroupSchemas();
const ENT = URN.EnterpriseUser;

function scimError(fn: () => unknown): ScimError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ScimError) return e;
    throw e;
  }
  throw new Error('expected a ScimError');
}

describe('normalizeResource: Okta', () => {
  it('stores the Okta push-new-user POST without password, groups or schemas (okta.md §1.3)', () => {
    const body = {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'test.user@okta.local',
      name: { givenName: 'Test', familyName: 'User' },
      emails: [{ primary: true, value: 'test.user@okta.local', type: 'work' }],
      displayName: 'Test User',
      locale: 'en-US',
      externalId: '00ujl29u0le5T6Aj10h7',
      groups: [],
      password: '1mz050nq',
      active: true,
    };
    const { document, ignored } = normalizeResource(body, users);
    expect(document).toEqual({
      userName: 'test.user@okta.local',
      name: { givenName: 'Test', familyName: 'User' },
      emails: [{ primary: true, value: 'test.user@okta.local', type: 'work' }],
      displayName: 'Test User',
      locale: 'en-US',
      externalId: '00ujl29u0le5T6Aj10h7',
      active: true,
    });
    expect(ignored).toEqual([]);
  });

  it('nests enterprise attributes Okta sends under the URN key (okta.md §1.3, KR capture)', () => {
    const body = {
      schemas: [URN.User, ENT],
      userName: 'a@x.com',
      title: 'Manager',
      [ENT]: { department: 'Engineering' },
    };
    expect(normalizeResource(body, users).document).toEqual({
      userName: 'a@x.com',
      title: 'Manager',
      active: true,
      [ENT]: { department: 'Engineering' },
    });
  });

  it("ignores the read-modify-write PUT's id, meta and reports non-empty groups (okta.md §1.4)", () => {
    const body = {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      id: '23a35c27-23d3-4c03-b4c5-6443c09e7173',
      userName: 'test.user@okta.local',
      name: { givenName: 'Another', middleName: 'Excited', familyName: 'User' },
      emails: [{ primary: true, value: 'test.user@okta.local', type: 'work', display: 'test.user@okta.local' }],
      active: true,
      groups: [{ value: 'g1', display: 'Eng' }],
      meta: { resourceType: 'User' },
    };
    const { document, ignored } = normalizeResource(body, users);
    expect(document).toEqual({
      userName: 'test.user@okta.local',
      name: { givenName: 'Another', middleName: 'Excited', familyName: 'User' },
      emails: [{ primary: true, value: 'test.user@okta.local', type: 'work', display: 'test.user@okta.local' }],
      active: true,
    });
    expect(ignored).toEqual(['groups']);
  });

  it('AIW deactivation PUT keeps active false', () => {
    const { document } = normalizeResource({ userName: 'u', active: false }, users);
    expect(document.active).toBe(false);
  });

  it('returns the members of an Okta AIW group POST and keeps them out of the document (okta.md §1.8)', () => {
    const body = { displayName: 'okta-lab-users', members: [{ value: 'u-1', display: 'alice' }] };
    const result = normalizeResource(body, groups);
    expect(result.document).toEqual({ displayName: 'okta-lab-users' });
    expect(result.members).toEqual(['u-1']);
    expect(result.ignored).toEqual([]);
  });

  it('distinguishes an empty member list from an absent one', () => {
    expect(normalizeResource({ schemas: [URN.Group], displayName: 'G', members: [] }, groups).members).toEqual([]);
    expect(normalizeResource({ displayName: 'G' }, groups).members).toBeUndefined();
  });
});

describe('normalizeResource: Entra', () => {
  it('accepts the Entra create body with client meta and an empty roles list (entra.md §3.2)', () => {
    const body = {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'],
      externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
      userName: 'Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee',
      active: true,
      emails: [{ primary: true, type: 'work', value: 'Test_User_11bb11bb@testuser.com' }],
      meta: { resourceType: 'User' },
      name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' },
      roles: [],
    };
    const { document, ignored } = normalizeResource(body, users);
    expect(document).toEqual({
      externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
      userName: 'Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee',
      active: true,
      emails: [{ primary: true, type: 'work', value: 'Test_User_11bb11bb@testuser.com' }],
      name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' },
    });
    expect(ignored).toEqual([]);
  });

  it('treats explicit nulls as absent and reports the typo\'d enterprise URN (entra.md §3.2, DEV Example 2)', () => {
    const body = {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0User'],
      externalId: 'jyoung',
      userName: 'jyoung@testuser.com',
      active: true,
      addresses: null,
      displayName: 'Joy Young',
      emails: [{ type: 'work', value: 'jyoung@testuser.com', primary: true }],
      meta: { resourceType: 'User' },
      name: { familyName: 'Young', givenName: 'Joy' },
      phoneNumbers: null,
      roles: [],
      title: null,
      department: null,
      manager: null,
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0User': { department: 'Sales' },
    };
    const { document, ignored } = normalizeResource(body, users);
    expect(document).toEqual({
      externalId: 'jyoung',
      userName: 'jyoung@testuser.com',
      active: true,
      displayName: 'Joy Young',
      emails: [{ type: 'work', value: 'jyoung@testuser.com', primary: true }],
      name: { familyName: 'Young', givenName: 'Joy' },
    });
    expect(ignored).toEqual(['urn:ietf:params:scim:schemas:extension:enterprise:2.0User']);
  });

  it('accepts extension data whose URN is not in schemas, in any case (entra.md §2)', () => {
    const body = { schemas: [URN.User], userName: 'u', 'URN:IETF:PARAMS:SCIM:SCHEMAS:EXTENSION:ENTERPRISE:2.0:USER': { Department: 'Eng' } };
    expect(normalizeResource(body, users).document[ENT]).toEqual({ department: 'Eng' });
  });

  it('accepts URN-qualified and dotted top-level keys', () => {
    const body = { userName: 'u', [`${ENT}:department`]: 'Eng', 'name.givenName': 'Kkom', 'NAME.familyName': 'Unua' };
    expect(normalizeResource(body, users).document).toEqual({
      userName: 'u',
      active: true,
      name: { givenName: 'Kkom', familyName: 'Unua' },
      [ENT]: { department: 'Eng' },
    });
  });

  it('coerces "True"/"False" strings (AzureAD/SCIMReferenceCode#21) and capitalised names (MS Postman)', () => {
    const body = { UserName: 'u', Active: 'False', Emails: [{ Primary: 'True', Value: 'a@x.com', Type: 'work' }] };
    expect(normalizeResource(body, users).document).toEqual({
      userName: 'u',
      active: false,
      emails: [{ primary: true, value: 'a@x.com', type: 'work' }],
    });
  });

  it('wraps a plain-string manager as {value} (apache/directory-scimple#1242)', () => {
    const body = { userName: 'u', [ENT]: { manager: 'boss-id' } };
    expect(normalizeResource(body, users).document[ENT]).toEqual({ manager: { value: 'boss-id' } });
  });

  it('reports the read-only manager.displayName', () => {
    const body = { userName: 'u', [ENT]: { manager: { value: 'b', displayName: 'Boss' } } };
    const { document, ignored } = normalizeResource(body, users);
    expect(document[ENT]).toEqual({ manager: { value: 'b' } });
    expect(ignored).toEqual([`${ENT}:manager.displayName`]);
  });

  it('ignores the Microsoft group schema URN of Entra group creation (entra.md §3.7)', () => {
    const body = {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group', 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group'],
      externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159',
      displayName: 'displayName',
      meta: { resourceType: 'Group' },
    };
    const result = normalizeResource(body, groups);
    expect(result.document).toEqual({ externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159', displayName: 'displayName' });
    expect(result.members).toBeUndefined();
    expect(result.ignored).toEqual(['http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group']);
  });
});

describe('normalizeResource: MS Postman garbage tests (entra.md §6)', () => {
  it('400 without userName', () => {
    const e = scimError(() => normalizeResource({ userame: 'x' }, users));
    expect([e.status, e.scimType]).toEqual([400, 'invalidValue']);
    expect(e.message).toContain('userName');
  });

  it('ignores and reports the misspelled "adreses"', () => {
    const { document, ignored } = normalizeResource({ userName: 'OMalley', adreses: [{ country: 'Germany' }] }, users);
    expect(JSON.stringify(document)).not.toContain('Germany');
    expect(ignored).toEqual(['adreses']);
  });

  it('400 when a group has no displayName', () => {
    expect(scimError(() => normalizeResource({ members: [] }, groups)).scimType).toBe('invalidValue');
  });

  it('accepts a bare string member id', () => {
    expect(normalizeResource({ displayName: 'G', members: ['string id 1'] }, groups).members).toEqual(['string id 1']);
  });
});

describe('normalizeResource: values', () => {
  it('rejects non-objects with invalidSyntax', () => {
    for (const body of [null, [], 'x', 3]) expect(scimError(() => normalizeResource(body, users)).scimType).toBe('invalidSyntax');
  });

  it('coerces numbers to strings and rejects objects for strings', () => {
    expect(normalizeResource({ userName: 42 }, users).document.userName).toBe('42');
    const e = scimError(() => normalizeResource({ userName: 'u', title: { a: 1 } }, users));
    expect([e.scimType, e.message.includes('title')]).toEqual(['invalidValue', true]);
  });

  it('rejects U+0000 and keeps other control characters', () => {
    expect(scimError(() => normalizeResource({ userName: 'a\u0000b' }, users)).scimType).toBe('invalidValue');
    expect(normalizeResource({ userName: 'a\tb\u0001' }, users).document.userName).toBe('a\tb\u0001');
  });

  it('rejects unpaired surrogates (not Unicode text; jsonb refuses them) and keeps paired ones', () => {
    expect(scimError(() => normalizeResource({ userName: 'u', title: 'a\ud800b' }, users)).scimType).toBe('invalidValue');
    expect(scimError(() => normalizeResource({ userName: '\udc00' }, users)).scimType).toBe('invalidValue');
    expect(normalizeResource({ userName: 'u', title: '\ud83d\ude80' }, users).document.title).toBe('🚀');
    // An unknown key with one is only reported, in well-formed text.
    expect(normalizeResource({ userName: 'u', 'x\ud800': 1 }, users).ignored).toEqual(['x\ufffd']);
  });

  it('rejects a non-boolean active', () => {
    expect(scimError(() => normalizeResource({ userName: 'u', active: 'yes' }, users)).scimType).toBe('invalidValue');
  });

  it('wraps single values of multi-valued attributes, drops empties, keeps type, keeps the first primary', () => {
    const body = {
      userName: 'u',
      emails: [{ value: 'a@x', primary: true, type: 'Work' }, null, {}, '', { value: 'b@x', primary: 'true' }],
      phoneNumbers: { value: '+1', type: 'mobile' },
    };
    const { document } = normalizeResource(body, users);
    expect(document.emails).toEqual([
      { value: 'a@x', primary: true, type: 'Work' },
      { value: 'b@x', primary: false },
    ]);
    expect(document.phoneNumbers).toEqual([{ value: '+1', type: 'mobile' }]);
  });

  it('defaults active to true for users only', () => {
    expect(normalizeResource({ userName: 'u' }, users).document.active).toBe(true);
    expect(normalizeResource({ displayName: 'g' }, groups).document.active).toBeUndefined();
  });

  it('validates dateTime, integer and decimal custom attributes and enforces custom required ones', () => {
    const X = 'urn:ietf:params:scim:schemas:extension:acme:2.0:User';
    const spec = (name: string, type: 'dateTime' | 'integer' | 'decimal' | 'boolean' | 'string', required = false) => ({
      schemaUrn: X, name, type, multiValued: false, required, caseExact: false, description: '',
    });
    const schemas = buildUserSchemas([spec('hired', 'dateTime'), spec('level', 'integer'), spec('ratio', 'decimal'), spec('badge', 'string', true)]);
    const ok = normalizeResource({ userName: 'u', [X]: { hired: '2024-02-29T10:00:00.5+02:00', level: '7', ratio: 0.5, badge: 'B1' } }, schemas);
    expect(ok.document[X]).toEqual({ hired: '2024-02-29T10:00:00.5+02:00', level: 7, ratio: 0.5, badge: 'B1' });
    expect(scimError(() => normalizeResource({ userName: 'u', [X]: { badge: 'b', hired: '2023-02-29T10:00:00Z' } }, schemas)).scimType).toBe('invalidValue');
    expect(scimError(() => normalizeResource({ userName: 'u', [X]: { badge: 'b', hired: 'yesterday' } }, schemas)).scimType).toBe('invalidValue');
    expect(scimError(() => normalizeResource({ userName: 'u', [X]: { badge: 'b', level: '7.5' } }, schemas)).scimType).toBe('invalidValue');
    expect(scimError(() => normalizeResource({ userName: 'u', [X]: { badge: 'b', ratio: 'x' } }, schemas)).scimType).toBe('invalidValue');
    const missing = scimError(() => normalizeResource({ userName: 'u' }, schemas));
    expect(missing.message).toContain(`${X}:badge`);
  });

  it('reports unknown extension URNs and unknown attributes of known ones', () => {
    const { ignored } = normalizeResource(
      { userName: 'u', 'urn:ietf:params:scim:schemas:extension:Foo:2.0:User': { bar: 1 }, [`${ENT}:nope`]: 'x', emails: [{ value: 'a', label: 'x' }] },
      users,
    );
    expect(ignored).toEqual(['urn:ietf:params:scim:schemas:extension:Foo:2.0:User', `${ENT}:nope`, 'emails.label']);
  });

  it('a deeply nested value is a 400, not a stack overflow', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(scimError(() => normalizeResource({ userName: 'u', title: [deep] }, users)).scimType).toBe('invalidValue');
    expect(scimError(() => normalizeResource({ userName: 'u', emails: [{ value: deep }] }, users)).scimType).toBe('invalidValue');
  });

  it('never copies prototype keys', () => {
    const body = JSON.parse('{"userName":"u","__proto__":{"polluted":1},"constructor":{"x":1},"name":{"__proto__":{"p":1},"givenName":"A"}}');
    const { document } = normalizeResource(body, users);
    expect(Object.keys(document)).toEqual(['userName', 'name', 'active']);
    expect(Object.getPrototypeOf(document)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
