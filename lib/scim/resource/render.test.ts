import { describe, expect, it } from 'vitest';
import { buildGroupSchemas, buildUserSchemas } from '../schemas/registry';
import { URN } from '../schemas/urns';
import type { Document } from './document';
import { parseProjection, wantsAttribute } from './projection';
import { renderResource } from './render';

const users = buildUserSchemas();
const groups = buildGroupSchemas();
const ENT = URN.EnterpriseUser;
const ID = '2819c223-7f76-453a-919d-413861904646';
const created = new Date('2024-05-01T10:00:00.000Z');
const lastModified = new Date('2024-05-02T10:00:00.000Z');

function user(document: Document, extra?: Record<string, unknown>) {
  return { id: ID, document, created, lastModified, version: 3, location: `https://roster.test/scim/v2/Users/${ID}`, extra };
}

describe('renderResource', () => {
  const alice: Document = {
    userName: 'Alice@X.com',
    name: { givenName: 'Alice', familyName: 'Liddell' },
    emails: [{ value: 'alice@x.com', type: 'work', primary: true }],
    active: true,
    externalId: '00u1',
    password: 'leaked?',
    [ENT]: { department: 'Eng', manager: { value: 'boss-1' } },
    retiredCustom: 'x',
  };

  it('renders schemas, id, externalId, attributes, extension and meta; never password or undeclared keys', () => {
    const out = renderResource(user(alice, { groups: [{ value: 'g1', display: 'Eng', $ref: 'https://roster.test/scim/v2/Groups/g1' }] }), users);
    expect(out).toEqual({
      schemas: [URN.User, ENT],
      id: ID,
      externalId: '00u1',
      userName: 'Alice@X.com',
      name: { givenName: 'Alice', familyName: 'Liddell' },
      displayName: 'Alice Liddell',
      active: true,
      emails: [{ value: 'alice@x.com', type: 'work', primary: true }],
      groups: [{ value: 'g1', display: 'Eng', $ref: 'https://roster.test/scim/v2/Groups/g1' }],
      [ENT]: { department: 'Eng', manager: { value: 'boss-1', $ref: 'https://roster.test/scim/v2/Users/boss-1' } },
      meta: {
        resourceType: 'User',
        created: '2024-05-01T10:00:00.000Z',
        lastModified: '2024-05-02T10:00:00.000Z',
        location: `https://roster.test/scim/v2/Users/${ID}`,
        version: 'W/"3"',
      },
    });
    expect(Object.keys(out)[0]).toBe('schemas');
    expect(JSON.stringify(out)).not.toContain('leaked');
  });

  it('derives displayName from name.formatted, then given+family, then userName', () => {
    expect(renderResource(user({ userName: 'u', name: { formatted: 'Dr A B', givenName: 'A' } }), users).displayName).toBe('Dr A B');
    expect(renderResource(user({ userName: 'u', name: { familyName: 'B' } }), users).displayName).toBe('B');
    expect(renderResource(user({ userName: 'u' }), users).displayName).toBe('u');
    expect(renderResource(user({ userName: 'u', displayName: 'Kept' }), users).displayName).toBe('Kept');
  });

  it('renders a manager stored as a bare string as an object (Budibase#15369)', () => {
    const out = renderResource(user({ userName: 'u', [ENT]: { manager: 'm1' } }), users);
    expect(out[ENT]).toEqual({ manager: { value: 'm1', $ref: 'https://roster.test/scim/v2/Users/m1' } });
  });

  it('lists an extension URN only when it has data', () => {
    expect(renderResource(user({ userName: 'u', [ENT]: {} }), users).schemas).toEqual([URN.User]);
  });

  it('renders groups with members from extra and no displayName derivation', () => {
    const out = renderResource(
      { id: 'g', document: { displayName: 'Eng' }, created, lastModified, version: 1, location: 'https://r/scim/v2/Groups/g', extra: { members: [{ value: 'u1', display: 'Alice' }] } },
      groups,
    );
    expect(out).toMatchObject({ schemas: [URN.Group], id: 'g', displayName: 'Eng', members: [{ value: 'u1', display: 'Alice' }], meta: { resourceType: 'Group', version: 'W/"1"' } });
  });
});

describe('projection', () => {
  const doc: Document = {
    userName: 'u',
    name: { givenName: 'A', familyName: 'B' },
    emails: [{ value: 'a@x', type: 'work', primary: true }],
    active: true,
    [ENT]: { department: 'Eng', employeeNumber: '7' },
  };

  it('attributes= returns the named ones plus id and schemas (MS Postman ?attributes=userName,emails)', () => {
    const out = renderResource(user(doc), users, parseProjection('userName,emails', undefined, users));
    expect(out).toEqual({ schemas: [URN.User], id: ID, userName: 'u', emails: [{ value: 'a@x', type: 'work', primary: true }] });
  });

  it('Entra attributes=id returns id only', () => {
    expect(renderResource(user(doc), users, parseProjection('id', undefined, users))).toEqual({ schemas: [URN.User], id: ID });
  });

  it('supports sub-attributes, URN-qualified names, whole extension URNs and any case', () => {
    const p = parseProjection(['NAME.givenName', 'emails.VALUE', `${ENT}:department`, 'meta.version'], undefined, users);
    expect(renderResource(user(doc), users, p)).toEqual({
      schemas: [URN.User, ENT],
      id: ID,
      name: { givenName: 'A' },
      emails: [{ value: 'a@x' }],
      [ENT]: { department: 'Eng' },
      meta: { version: 'W/"3"' },
    });
    const whole = renderResource(user(doc), users, parseProjection(ENT.toUpperCase(), undefined, users));
    expect(whole[ENT]).toEqual({ department: 'Eng', employeeNumber: '7' });
  });

  it('excludedAttributes removes, but never id; unknown names are ignored', () => {
    const p = parseProjection(undefined, 'name.familyName,emails,id,bogus,urn:x:y', users);
    const out = renderResource(user(doc), users, p);
    expect(out.id).toBe(ID);
    expect(out.name).toEqual({ givenName: 'A' });
    expect(out.emails).toBeUndefined();
    expect(out.meta).toBeDefined();
  });

  it('Entra excludedAttributes=members drops members, and wantsAttribute tells the caller', () => {
    const p = parseProjection(undefined, 'members', groups);
    const out = renderResource({ id: 'g', document: { displayName: 'G' }, created, lastModified, version: 1, location: 'x', extra: { members: [{ value: 'u1' }] } }, groups, p);
    expect(out.members).toBeUndefined();
    expect(wantsAttribute(p, 'members', groups)).toBe(false);
    expect(wantsAttribute(undefined, 'members', groups)).toBe(true);
    expect(wantsAttribute(parseProjection('displayName', undefined, groups), 'members', groups)).toBe(false);
    expect(wantsAttribute(parseProjection('members.value', undefined, groups), 'members', groups)).toBe(true);
  });

  it('an all-unknown attributes list returns the always-returned attributes only; an empty one is no projection', () => {
    expect(renderResource(user(doc), users, parseProjection('bogus', undefined, users))).toEqual({ schemas: [URN.User], id: ID });
    expect(renderResource(user(doc), users, parseProjection('', undefined, users)).userName).toBe('u');
  });

  it('password is never returned, even when asked for', () => {
    const out = renderResource(user({ ...doc, password: 'p' }), users, parseProjection('password,userName', undefined, users));
    expect(out).toEqual({ schemas: [URN.User], id: ID, userName: 'u' });
  });
});
