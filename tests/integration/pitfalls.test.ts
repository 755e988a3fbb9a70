/**
 * shared/scim-clients/pitfalls.md, item by item. What another suite already
 * covers is named in each block's title; this file adds the cases no other
 * suite has, so every pitfall fails a test here or there if it comes back.
 */
import { describe, expect, inject, it } from 'vitest';
import { expectListResponse, expectScimContentType, expectScimError, expectStatus } from './support/assertions';
import { CUSTOM_URN, URN } from './support/constants';
import { createGroup, createUser, filterQuery, getResource, isPostgres, memberIdsOf, patchOp, sqlQuery, uniqueUserName } from './support/fixtures';
import { scim, unique } from './support/scim-client';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const find = async (resource: 'Users' | 'Groups', filter: string) => expectListResponse(await scim('GET', filterQuery(resource, filter))).map((r) => r.id);
const patch = (path: string, ...ops: Json[]) => scim('PATCH', path, { body: patchOp(...ops) });

describe('1. unsupported filters are 400, the matching filters IdPs use all work (more in protocol.test.ts)', () => {
  it('answers every matching filter Okta and Entra send, and `and` of them', async () => {
    const user = await createUser({ externalId: unique('ext') });
    const group = await createGroup([user.id]);
    expect(await find('Users', `userName eq "${user.userName}"`)).toEqual([user.id]);
    expect(await find('Users', `externalId eq "${user.externalId}"`)).toEqual([user.id]);
    expect(await find('Users', `emails.value eq "${user.emails[0].value}"`)).toEqual([user.id]);
    expect(await find('Users', `emails[type eq "work"].value eq "${user.emails[0].value}"`)).toEqual([user.id]);
    expect(await find('Users', `id eq "${user.id}" and userName eq "${user.userName}"`)).toEqual([user.id]);
    expect(await find('Groups', `displayName eq "${group.displayName}"`)).toEqual([group.id]);
    expect(await find('Groups', `externalId eq "nothing-${unique()}"`)).toEqual([]);
    // MS Postman: capitalised attribute, `+` for spaces, trailing slash.
    const postman = await scim('GET', `/Users/?filter=DisplayName+eq+%22${encodeURIComponent(user.displayName)}%22`);
    expect(expectListResponse(postman).map((r) => r.id)).toEqual([user.id]);
    expectScimError(await scim('GET', filterQuery('Users', 'userName regex ".*"')), 400, 'invalidFilter');
    expectScimError(await scim('GET', filterQuery('Users', 'manager.nope eq "x"')), 400, 'invalidFilter');
  });
});

describe('2. userName: case-insensitive match, original case kept (see okta-spec, concurrency)', () => {
  it("lets a user change its own userName's case, and refuses another user's name in any case", async () => {
    const user = await createUser({}, `Mixed.${uniqueUserName('Case')}`);
    expect(user.userName).toMatch(/^Mixed\./);
    const upper = user.userName.toUpperCase();
    const res = await patch(`/Users/${user.id}`, { op: 'replace', path: 'userName', value: upper });
    expectStatus(res, 200);
    expect((res.body as Json).userName).toBe(upper);
    const put = await scim('PUT', `/Users/${user.id}`, { body: { ...user, userName: user.userName } });
    expectStatus(put, 200);
    expect((put.body as Json).userName).toBe(user.userName);
    const other = await createUser();
    expectScimError(await patch(`/Users/${other.id}`, { op: 'replace', path: 'userName', value: upper }), 409, 'uniqueness');
    // The same holds for a group's displayName.
    const group = await createGroup();
    expectStatus(await patch(`/Groups/${group.id}`, { op: 'replace', path: 'displayName', value: group.displayName.toUpperCase() }), 204);
    expect((await getResource(`/Groups/${group.id}`)).displayName).toBe(group.displayName.toUpperCase());
    expect(await find('Users', `userName eq "${user.userName.toLowerCase()}"`)).toEqual([user.id]);
  });
});

describe('3. PATCH shapes (see okta-lifecycle, entra)', () => {
  it('applies every key of a path-less value, ignoring externalId-adjacent read-only keys, and treats add on a single value as replace', async () => {
    const user = await createUser();
    const res = await patch(`/Users/${user.id}`, {
      op: 'Add',
      value: { externalId: 'new-ext', id: 'not-mine', meta: { version: 'W/"0"' }, schemas: [URN.User], nickName: 'First', 'name.familyName': 'Dotted' },
    });
    expectStatus(res, 200);
    expect(res.body).toMatchObject({ id: user.id, externalId: 'new-ext', nickName: 'First', name: { familyName: 'Dotted' } });
    const again = await patch(`/Users/${user.id}`, { op: 'add', path: 'nickName', value: 'Second' });
    expect((again.body as Json).nickName).toBe('Second');
    const upper = await patch(`/Users/${user.id}`, { op: 'REPLACE', path: 'title', value: 'Caps' });
    expect((upper.body as Json).title).toBe('Caps');
  });
});

describe('4. boolean strings (see entra)', () => {
  it('coerces "True"/"false" for primary in POST and in value-path PATCH targets and filters', async () => {
    const user = await createUser({ emails: [{ value: uniqueUserName('bool'), type: 'work', primary: 'True' }], roles: [] });
    expect(user.emails[0].primary).toBe(true);
    const res = await patch(`/Users/${user.id}`, { op: 'Add', path: 'roles[primary eq "True"].value', value: 'Reader' });
    expectStatus(res, 200);
    expect((res.body as Json).roles).toEqual([{ primary: true, value: 'Reader' }]);
    expect(await find('Users', `roles[primary eq "True"].value eq "Reader" and id eq "${user.id}"`)).toEqual([user.id]);
    expect(await find('Users', `emails[primary eq "true"] and id eq "${user.id}"`)).toEqual([user.id]);
  });
});

describe('5. group member removal in every wire form (see okta-lifecycle, entra, concurrency)', () => {
  it('removes all members with a value-less remove, several with an or-filter, and ignores unknown ids on add', async () => {
    const [a, b, c] = [await createUser(), await createUser(), await createUser()];
    const group = await createGroup([a.id, b.id, c.id]);
    expectStatus(await patch(`/Groups/${group.id}`, { op: 'remove', path: `members[value eq "${a.id}" or value eq "${b.id}"]` }), 204);
    expect(await memberIdsOf(group.id)).toEqual([c.id]);
    // MS Postman: displayName instead of display, and a bare string id that is nobody.
    expectStatus(await patch(`/Groups/${group.id}`, { name: 'addMember', op: 'add', path: 'members', value: [{ displayName: 'new User', value: a.id }] }), 204);
    expectStatus(await patch(`/Groups/${group.id}`, { op: 'add', path: 'members', value: 'string id 1' }), 204);
    expect(await memberIdsOf(group.id)).toEqual([a.id, c.id].sort());
    const got = await getResource(`/Groups/${group.id}`);
    expect(got.members.find((m: Json) => m.value === a.id).display).toBe(a.displayName);
    // Removing members by a value array (Entra default) must not wipe the others.
    expectStatus(await patch(`/Groups/${group.id}`, { op: 'Remove', path: 'members', value: [{ $ref: null, value: c.id }] }), 204);
    expect(await memberIdsOf(group.id)).toEqual([a.id]);
    expectStatus(await patch(`/Groups/${group.id}`, { op: 'remove', path: 'members' }), 204);
    expect(await memberIdsOf(group.id)).toEqual([]);
    // A group PUT without `members` removes everyone (vouch PR #1415): the full list is what counts.
    await patch(`/Groups/${group.id}`, { op: 'add', path: 'members', value: [{ value: b.id }] });
    expectStatus(await scim('PUT', `/Groups/${group.id}`, { body: { schemas: [URN.Group], displayName: group.displayName } }), 200);
    expect(await memberIdsOf(group.id)).toEqual([]);
  });
});

describe('6. deactivation is not deletion (see okta-lifecycle, entra)', () => {
  it('keeps an inactive user in lists, filters and its groups, under the same id', async () => {
    const user = await createUser();
    const group = await createGroup([user.id]);
    expectStatus(await patch(`/Users/${user.id}`, { op: 'replace', value: { active: false } }), 200);
    expect(await find('Users', `userName eq "${user.userName}"`)).toEqual([user.id]);
    expect(await find('Users', `active eq false and id eq "${user.id}"`)).toEqual([user.id]);
    expect(await memberIdsOf(group.id)).toEqual([user.id]);
    const got = await getResource(`/Users/${user.id}`);
    expect(got).toMatchObject({ id: user.id, active: false, userName: user.userName, emails: user.emails });
  });
});

describe('7. DELETE removes from SCIM (see entra)', () => {
  it('takes a deleted user out of its groups, and frees the userName', async () => {
    const user = await createUser();
    const group = await createGroup([user.id]);
    expectStatus(await scim('DELETE', `/Users/${user.id}`), 204);
    expect(await memberIdsOf(group.id)).toEqual([]);
    expect(await find('Users', `userName eq "${user.userName}"`)).toEqual([]);
    const again = await scim('POST', '/Users', { body: { schemas: [URN.User], userName: user.userName } });
    expectStatus(again, 201);
    expect((again.body as Json).groups ?? []).toEqual([]);
  });
});

describe('8. paging metadata (see protocol)', () => {
  it('keeps totalResults the total and itemsPerPage the page size', async () => {
    const tag = unique('p8');
    for (let i = 0; i < 3; i += 1) await createUser({}, `${tag}-${i}@example.com`);
    const res = await scim('GET', `${filterQuery('Users', `userName sw "${tag}"`)}&startIndex=2&count=100`);
    expect(expectListResponse(res, { total: 3, startIndex: 2 })).toHaveLength(2);
    expect((res.body as Json).itemsPerPage).toBe(2);
  });
});

describe('9. content types (see protocol, robustness)', () => {
  it('reads application/scim+json and application/json on PUT and PATCH, and answers application/scim+json', async () => {
    const user = await createUser();
    for (const type of ['application/scim+json; charset=utf-8', 'application/json']) {
      const p = await scim('PATCH', `/Users/${user.id}`, { headers: { 'Content-Type': type }, body: patchOp({ op: 'replace', path: 'title', value: type }) });
      expectStatus(p, 200);
      expectScimContentType(p);
      const q = await scim('PUT', `/Users/${user.id}`, { headers: { 'Content-Type': type, Accept: 'application/json' }, body: { ...user, title: `put ${type}` } });
      expectStatus(q, 200);
      expectScimContentType(q);
    }
  });
});

describe('10. errors: SCIM envelope, 404 for ids that are not ours on every verb (see okta-spec, protocol)', () => {
  it.each(['00919288221112222', '010101001010101011001010101011', 'abc', '6f1c1f59-3d2b-4a8e-9d3e-0a4f1c2b3d4e', '%20', 'null'])(
    'answers GET, PUT, PATCH and DELETE of /Users/%s and /Groups/%s with 404',
    async (id) => {
      for (const resource of ['Users', 'Groups']) {
        expectScimError(await scim('GET', `/${resource}/${id}`), 404);
        expectScimError(await scim('PUT', `/${resource}/${id}`, { body: resource === 'Users' ? { userName: uniqueUserName('ghost') } : { displayName: unique('ghost') } }), 404);
        expectScimError(await scim('PATCH', `/${resource}/${id}`, { body: patchOp({ op: 'replace', path: 'displayName', value: 'x' }) }), 404);
        expectScimError(await scim('DELETE', `/${resource}/${id}`), 404);
      }
    },
  );
});

describe('11. read-modify-write PUT (see okta-lifecycle)', () => {
  it('ignores echoed id, meta, groups and password; clears omitted attributes; omitted active means true', async () => {
    const user = await createUser({ title: 'Keep?', nickName: 'Nick' });
    const group = await createGroup([user.id]);
    expectStatus(await patch(`/Users/${user.id}`, { op: 'replace', value: { active: false } }), 200);
    const current = await getResource(`/Users/${user.id}`);
    const echo: Json = { ...current, password: 'Secret123!', groups: [{ value: 'somewhere' }], meta: { ...current.meta, version: 'W/"999"' } };
    delete echo.title;
    delete echo.active;
    const res = await scim('PUT', `/Users/${user.id}`, { body: echo });
    expectStatus(res, 200);
    const b = res.body as Json;
    expect(b.id).toBe(user.id);
    expect(b).not.toHaveProperty('title');
    expect(b).not.toHaveProperty('password');
    expect(b.nickName).toBe('Nick');
    expect(b.active).toBe(true);
    expect(b.groups.map((g: Json) => g.value)).toEqual([group.id]);
    expect(b.meta.version).not.toBe('W/"999"');
  });

  it('refuses a PUT without userName (400, nothing changed) and ignores misspelled attributes (MS Postman)', async () => {
    const user = await createUser({ title: 'Stays' });
    const { userName, ...rest } = user;
    expectScimError(await scim('PUT', `/Users/${user.id}`, { body: { ...rest, userame: userName } }), 400, 'invalidValue');
    expect((await getResource(`/Users/${user.id}`)).title).toBe('Stays');
    const typo = await scim('PUT', `/Users/${user.id}`, { body: { ...user, adreses: [{ country: 'Germany' }] } });
    expectStatus(typo, 200);
    expect(typo.text.toLowerCase()).not.toContain('adreses');
    expect(typo.body as Json).not.toHaveProperty('addresses');
  });
});

describe('12. emails keep type, at most one primary, secondary adds keep the primary', () => {
  it('keeps exactly one primary whatever arrives', async () => {
    const [first, second, third] = [uniqueUserName('e1'), uniqueUserName('e2'), uniqueUserName('e3')];
    const user = await createUser({ emails: [{ value: first, type: 'work', primary: true }, { value: second, type: 'home', primary: true }] });
    expect(user.emails.filter((e: Json) => e.primary === true)).toHaveLength(1);
    expect(user.emails.map((e: Json) => e.type)).toEqual(['work', 'home']);
    // A secondary added by PATCH does not take over.
    const added = await patch(`/Users/${user.id}`, { op: 'add', path: 'emails', value: [{ value: third, type: 'other' }] });
    const emails = (added.body as Json).emails as Json[];
    expect(emails.find((e) => e.primary === true)?.value).toBe(user.emails.find((e: Json) => e.primary === true).value);
    expect(emails.map((e) => e.value)).toContain(third);
    // A new primary replaces the old one.
    const promoted = await patch(`/Users/${user.id}`, { op: 'add', path: 'emails', value: [{ value: third, type: 'other', primary: true }] });
    const after = (promoted.body as Json).emails as Json[];
    expect(after.filter((e) => e.primary === true).map((e) => e.value)).toEqual([third]);
  });
});

describe('13. extension attributes (see okta-lifecycle, entra)', () => {
  it('accepts extension data without its URN in schemas and with the URN in any case; lists the URN only when data is present', async () => {
    const res = await scim('POST', '/Users', {
      body: {
        schemas: [URN.User],
        userName: uniqueUserName('ext13'),
        [URN.Enterprise.toUpperCase()]: { Department: 'Caps' },
        [`${CUSTOM_URN.toLowerCase()}:costcode`]: 'LOWER',
      },
    });
    expectStatus(res, 201);
    const b = res.body as Json;
    expect(b[URN.Enterprise]).toEqual({ department: 'Caps' });
    expect(b[CUSTOM_URN]).toEqual({ costCode: 'LOWER' });
    expect(b.schemas).toEqual([URN.User, URN.Enterprise, CUSTOM_URN]);
    const plain = await createUser();
    expect(plain.schemas).toEqual([URN.User]);
    const cleared = await patch(`/Users/${b.id}`, { op: 'remove', path: URN.Enterprise });
    expect((cleared.body as Json).schemas).toEqual([URN.User, CUSTOM_URN]);
  });
});

describe('14. auth header variants (see protocol)', () => {
  it('accepts the bare InfraToken (Okta HTTP Header mode)', async () => {
    expectStatus(await scim('GET', '/Users?count=1', { authorization: inject('token') }), 200);
  });
});

describe('15. no adoption, no client ids, no privilege escalation', () => {
  it('never takes a client-supplied id, and does not match an existing user by email', async () => {
    const existing = await createUser();
    const res = await scim('POST', '/Users', {
      body: { schemas: [URN.User], id: existing.id, userName: uniqueUserName('adopt'), emails: existing.emails },
    });
    expectStatus(res, 201);
    expect((res.body as Json).id).not.toBe(existing.id);
    expect((await getResource(`/Users/${existing.id}`)).userName).toBe(existing.userName);
  });

  it.skipIf(!isPostgres())('stores roles as data: a "super_admin" role grants nothing (PostgreSQL only: reads the role column)', async () => {
    const user = await createUser();
    const res = await patch(`/Users/${user.id}`, { op: 'replace', path: 'roles', value: [{ value: 'super_admin' }, { value: 'ADMIN' }] });
    expectStatus(res, 200);
    expect((res.body as Json).roles).toEqual([{ value: 'super_admin' }, { value: 'ADMIN' }]);
    const [row] = await sqlQuery<{ role: string; source: string }>('SELECT role::text AS role, source::text AS source FROM users WHERE id = $1', [user.id]);
    expect(row).toEqual({ role: 'MEMBER', source: 'SCIM' });
  });
});

describe('also worth knowing', () => {
  it('always returns displayName, derived from the name (or userName) when absent', async () => {
    const named = await scim('POST', '/Users', { body: { schemas: [URN.User], userName: uniqueUserName('dn'), name: { givenName: 'Ada', familyName: 'Lovelace' } } });
    expect((named.body as Json).displayName).toBe('Ada Lovelace');
    const formatted = await scim('POST', '/Users', { body: { schemas: [URN.User], userName: uniqueUserName('dn'), name: { formatted: 'Dr. Grace Hopper', givenName: 'Grace' } } });
    expect((formatted.body as Json).displayName).toBe('Dr. Grace Hopper');
    const bare = await scim('POST', '/Users', { body: { schemas: [URN.User], userName: uniqueUserName('dn') } });
    expect((bare.body as Json).displayName).toBe((bare.body as Json).userName);
    // The derived name is filterable too.
    expect(await find('Users', `displayName eq "Ada Lovelace" and id eq "${(named.body as Json).id}"`)).toEqual([(named.body as Json).id]);
  });

  it('answers group PATCH with 204 by default and 200 with the resource when attributes are asked for', async () => {
    const user = await createUser();
    const group = await createGroup();
    const quiet = await patch(`/Groups/${group.id}`, { op: 'add', path: 'members', value: [{ value: user.id }] });
    expectStatus(quiet, 204);
    expect(quiet.text).toBe('');
    expect(quiet.headers.get('etag')).toMatch(/^W\/"\d+"$/);
    const loud = await scim('PATCH', `/Groups/${group.id}?attributes=members,displayName`, { body: patchOp({ op: 'replace', path: 'displayName', value: unique('Loud ') }) });
    expectStatus(loud, 200);
    expect((loud.body as Json).members.map((m: Json) => m.value)).toEqual([user.id]);
  });
});
