/**
 * Okta's provisioning lifecycles as the server sees them on the wire
 * (okta.md §0, §1, §3): OIN catalogue apps (profile updates by PUT, status
 * changes by path-less PATCH, groups by PATCH) and AIW custom apps (every
 * change a full PUT of Okta's copy of the last GET body, groups by full PUT),
 * the CRUD test's 13 steps, group push both ways, the `email eq` matching
 * filter the set-up guide leads to, and extension attributes nested under
 * their URN.
 */
import { describe, expect, it } from 'vitest';
import { expectGroupResource, expectListResponse, expectScimContentType, expectScimError, expectStatus, expectUserResource } from './support/assertions';
import { CUSTOM_URN, URN } from './support/constants';
import { createGroup, createUser, filterQuery, getResource, memberIdsOf, patchOp, uniqueUserName } from './support/fixtures';
import { oktaUser, scim, unique } from './support/scim-client';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const OKTA_HEADERS = { 'Accept-Charset': 'utf-8', 'User-Agent': 'Okta SCIM Client 1.0.0' };
const okta = <T = Json>(method: string, path: string, body?: unknown) =>
  scim<T>(method, path, { headers: OKTA_HEADERS, ...(body === undefined ? {} : { body }) });

/** Okta's matching step: filter on the unique identifier field, startIndex=1&count=100. */
async function matchUser(attribute: string, value: string): Promise<Json[]> {
  const res = await okta('GET', `${filterQuery('Users', `${attribute} eq "${value}"`)}&startIndex=1&count=100`);
  return expectListResponse(res);
}

/** AIW read-modify-write: GET the user, change Okta's copy, PUT the whole thing back. */
async function aiwUpdate(id: string, change: (copy: Json) => void) {
  const current = await okta('GET', `/Users/${id}`);
  expectStatus(current, 200);
  const copy = structuredClone(current.body);
  change(copy);
  return okta('PUT', `/Users/${id}`, copy);
}

describe('OIN app (profile by PUT, status by PATCH)', () => {
  it('provisions, updates, deactivates, keeps the user readable, reactivates the same id and syncs the password', async () => {
    const userName = uniqueUserName('oin');
    expect(await matchUser('userName', userName)).toEqual([]);

    const created = await okta('POST', '/Users', oktaUser(userName));
    expectStatus(created, 201);
    expectScimContentType(created);
    expectUserResource(created.body);
    expect(created.headers.get('location')).toBe(created.body.meta.location);
    expect(created.body).toMatchObject({ userName, active: true, externalId: `00u${userName.split('@')[0]}`, locale: 'en-US' });
    expect(created.body).not.toHaveProperty('password');
    const id = created.body.id;

    // Push Profile Updates: GET then PUT of the full resource.
    const put = await aiwUpdate(id, (copy) => {
      copy.name.givenName = 'Another';
      copy.name.middleName = 'Excited';
      copy.emails[0].display = userName;
    });
    expectStatus(put, 200);
    expect(put.body.name).toMatchObject({ givenName: 'Another', middleName: 'Excited' });
    expect(put.body.id).toBe(id);

    // Deactivate: path-less replace with an object value.
    const off = await okta('PATCH', `/Users/${id}`, patchOp({ op: 'replace', value: { active: false } }));
    expect([200, 204]).toContain(off.status);
    if (off.status === 200) expect(off.body.active).toBe(false);
    const readable = await getResource(`/Users/${id}`);
    expect(readable.active).toBe(false);
    expect(readable.name.givenName).toBe('Another');

    // Reassign: the match filter finds the inactive user, Okta reactivates it instead of POSTing.
    const found = await matchUser('userName', userName);
    expect(found.map((u) => [u.id, u.active])).toEqual([[id, false]]);
    const on = await okta('PATCH', `/Users/${id}`, patchOp({ op: 'replace', value: { active: true } }));
    expect([200, 204]).toContain(on.status);
    expect((await getResource(`/Users/${id}`)).active).toBe(true);

    // Password sync: accepted, never stored or returned.
    const pw = await okta('PATCH', `/Users/${id}`, patchOp({ op: 'replace', value: { password: 'N3wPassw0rd!' } }));
    expect([200, 204]).toContain(pw.status);
    if (pw.status === 200) expect(pw.body).not.toHaveProperty('password');
    expect(JSON.stringify(await getResource(`/Users/${id}`))).not.toContain('N3wPassw0rd');
  });

  it('replays the CRUD test: the 13 steps as Okta sends them to the SCIM server', async () => {
    const email = uniqueUserName('crud');
    const [first, last, updatedFirst] = ['Crud', 'Tester', 'Updated'];
    // Okta assigns the user: match filter → POST.
    expect(await matchUser('userName', email)).toEqual([]);
    const post = await okta('POST', '/Users', oktaUser(email, { name: { givenName: first, familyName: last } }));
    expectStatus(post, 201);
    // Step 4: GET /Users?filter=userName eq "<email>"
    const [step4] = await matchUser('userName', email);
    expect(step4).toMatchObject({ userName: email, name: { givenName: first, familyName: last } });
    expect(step4.emails[0].value).toBe(email);
    const scimId = step4.id;
    // Okta pushes the first-name change: GET → PUT.
    expectStatus(await aiwUpdate(scimId, (c) => (c.name.givenName = updatedFirst)), 200);
    // Step 6
    expect((await getResource(`/Users/${scimId}`)).name.givenName).toBe(updatedFirst);
    // Okta deactivates: PATCH active false. Step 8
    expect([200, 204]).toContain((await okta('PATCH', `/Users/${scimId}`, patchOp({ op: 'replace', value: { active: false } }))).status);
    expect(String((await getResource(`/Users/${scimId}`)).active)).toBe('false');
    // Okta activates and reassigns: match finds the same user → PATCH active true. Step 11
    expect((await matchUser('userName', email))[0].id).toBe(scimId);
    expect([200, 204]).toContain((await okta('PATCH', `/Users/${scimId}`, patchOp({ op: 'replace', value: { active: true } }))).status);
    expect(String((await getResource(`/Users/${scimId}`)).active)).toBe('true');
    // Okta unassigns: PATCH active false, never DELETE. Step 13
    expect([200, 204]).toContain((await okta('PATCH', `/Users/${scimId}`, patchOp({ op: 'replace', value: { active: false } }))).status);
    const step13 = await getResource(`/Users/${scimId}`);
    expect(String(step13.active)).toBe('false');
    expect(step13.id).toBe(scimId);
  });
});

describe('AIW custom app (every change is a full PUT)', () => {
  it('updates, deactivates and reactivates by read-modify-write PUT, echoing id, meta, groups and password', async () => {
    const userName = uniqueUserName('aiw');
    expect(await matchUser('userName', userName)).toEqual([]);
    const created = await okta('POST', '/Users', oktaUser(userName, { title: 'Engineer' }));
    expectStatus(created, 201);
    const id = created.body.id;
    const group = await createGroup([id]);

    // Profile update; Okta's copy carries id, meta, groups and the password it always sends.
    const renamed = await aiwUpdate(id, (copy) => {
      copy.name.familyName = 'Renamed';
      copy.title = 'Staff Engineer';
      copy.password = 'xK9!aiwPass';
      copy.groups = []; // a stale copy of a read-only attribute: must not touch membership
    });
    expectStatus(renamed, 200);
    expectUserResource(renamed.body, id);
    expect(renamed.body).toMatchObject({ title: 'Staff Engineer', name: { familyName: 'Renamed' } });
    expect(renamed.body).not.toHaveProperty('password');
    expect(renamed.body.groups.map((g: Json) => g.value)).toEqual([group.id]);
    expect(await memberIdsOf(group.id)).toEqual([id]);

    // Deactivate: GET → PUT with active false. Still readable, still a group member.
    const off = await aiwUpdate(id, (copy) => (copy.active = false));
    expectStatus(off, 200);
    expect(off.body.active).toBe(false);
    const readable = await getResource(`/Users/${id}`);
    expect(readable).toMatchObject({ active: false, title: 'Staff Engineer', name: { familyName: 'Renamed' } });
    expect(await memberIdsOf(group.id)).toEqual([id]);

    // Reassign (okta.md §1.6): filter finds the inactive user → GET → PUT active true, same id.
    const [match] = await matchUser('userName', userName);
    expect(match).toMatchObject({ id, active: false });
    const on = await aiwUpdate(id, (copy) => (copy.active = true));
    expectStatus(on, 200);
    expect(on.body).toMatchObject({ id, active: true, title: 'Staff Engineer' });
  });

  it('PUT never creates, and a PUT whose id differs from the URL does not move the resource', async () => {
    const missing = await okta('PUT', '/Users/6f1c1f59-3d2b-4a8e-9d3e-0a4f1c2b3d4e', oktaUser(uniqueUserName('ghost')));
    expectScimError(missing, 404);
    const user = await createUser();
    const other = await createUser();
    const res = await okta('PUT', `/Users/${user.id}`, { ...user, id: other.id, title: 'Echo' });
    expect([200, 400]).toContain(res.status);
    expect((await getResource(`/Users/${other.id}`)).title).toBeUndefined();
    if (res.status === 200) expect(res.body.id).toBe(user.id);
  });
});

describe('Group push', () => {
  it('OIN: create, add members by PATCH, rename with the read-only id in the value, remove by filter and add, replace, delete', async () => {
    const [a, b, c] = [await createUser(), await createUser(), await createUser()];
    const name = unique('Okta Push ');
    // The cached list Okta reads on saving "To App".
    expectListResponse(await okta('GET', '/Groups?startIndex=1&count=100'));

    const created = await okta('POST', '/Groups', { schemas: [URN.Group], displayName: name, members: [] });
    expectStatus(created, 201);
    expectGroupResource(created.body);
    expect(created.body.displayName).toBe(name);
    expect(created.body.members ?? []).toEqual([]);
    expect(created.body.meta.resourceType).toBe('Group');
    const gid = created.body.id;

    const add = await okta('PATCH', `/Groups/${gid}`, patchOp({ op: 'add', path: 'members', value: [{ value: a.id, display: a.userName }, { value: b.id, display: b.userName }] }));
    expect([200, 204]).toContain(add.status);
    expect(await memberIdsOf(gid)).toEqual([a.id, b.id].sort());

    // Sent on every membership update: a path-less replace carrying the read-only id.
    const renamedTo = `${name} renamed`;
    const rename = await okta('PATCH', `/Groups/${gid}`, patchOp({ op: 'replace', value: { id: gid, displayName: renamedTo } }));
    expect([200, 204]).toContain(rename.status);
    const afterRename = await getResource(`/Groups/${gid}`);
    expect(afterRename.displayName).toBe(renamedTo);
    expect(afterRename.id).toBe(gid);

    const swap = await okta('PATCH', `/Groups/${gid}`, patchOp(
      { op: 'remove', path: `members[value eq "${a.id}"]` },
      { op: 'add', path: 'members', value: [{ value: c.id, display: c.userName }] },
    ));
    expect([200, 204]).toContain(swap.status);
    expect(await memberIdsOf(gid)).toEqual([b.id, c.id].sort());

    const full = await okta('PATCH', `/Groups/${gid}`, patchOp({ op: 'replace', path: 'members', value: [{ value: a.id, display: a.userName }] }));
    expect([200, 204]).toContain(full.status);
    const got = await getResource(`/Groups/${gid}`);
    expect(got.members).toEqual([expect.objectContaining({ value: a.id, display: expect.any(String) })]);
    expect((await getResource(`/Users/${a.id}`)).groups.map((g: Json) => g.value)).toContain(gid);
    expect((await getResource(`/Users/${b.id}`)).groups ?? []).toEqual([]);

    const del = await okta('DELETE', `/Groups/${gid}`);
    expectStatus(del, 204);
    expect(del.text).toBe('');
    expectScimError(await okta('GET', `/Groups/${gid}`), 404);
    expect((await getResource(`/Users/${a.id}`)).groups ?? []).toEqual([]);
  });

  it('AIW: POST with members, GET, then full-list PUTs (omitted members are removed)', async () => {
    const [a, b, c] = [await createUser(), await createUser(), await createUser()];
    const name = unique('AIW Push ');
    const created = await okta('POST', '/Groups', { displayName: name, members: [{ value: a.id, display: a.userName }] });
    expectStatus(created, 201);
    expect(created.body.members).toEqual([expect.objectContaining({ value: a.id })]);
    const gid = created.body.id;

    const got = await okta('GET', `/Groups/${gid}`);
    expectStatus(got, 200);
    expect(got.body.members.map((m: Json) => m.value)).toEqual([a.id]);
    expect(got.body.members[0].display).toBe(a.displayName);

    const put = await okta('PUT', `/Groups/${gid}`, {
      schemas: [URN.Group],
      displayName: name,
      members: [{ value: b.id, display: b.userName }, { value: c.id, display: c.userName }],
    });
    expectStatus(put, 200);
    expectGroupResource(put.body, gid);
    expect(put.body.members.map((m: Json) => m.value).sort()).toEqual([b.id, c.id].sort());
    expect(await memberIdsOf(gid)).toEqual([b.id, c.id].sort());

    // Okta's read-modify-write echoes id and meta; a rename by PUT keeps the members it lists.
    const echo = structuredClone(put.body);
    echo.displayName = `${name} v2`;
    echo.members = echo.members.filter((m: Json) => m.value === c.id);
    const put2 = await okta('PUT', `/Groups/${gid}`, echo);
    expectStatus(put2, 200);
    expect(put2.body.displayName).toBe(`${name} v2`);
    expect(await memberIdsOf(gid)).toEqual([c.id]);

    const empty = await okta('PUT', `/Groups/${gid}`, { schemas: [URN.Group], displayName: `${name} v2`, members: [] });
    expectStatus(empty, 200);
    expect(await memberIdsOf(gid)).toEqual([]);
    expectStatus(await okta('DELETE', `/Groups/${gid}`), 204);
  });

  it('refuses a second group with the same displayName in another case (409 uniqueness)', async () => {
    const name = unique('Unique Group ');
    await createGroup([], name);
    expectScimError(await okta('POST', '/Groups', { displayName: name.toUpperCase() }), 409, 'uniqueness');
  });
});

describe("Okta's matching filter with the set-up guide's unique identifier field", () => {
  it('answers `email eq "…"` (and `emails eq`, `emails.value eq`) case-insensitively instead of 400', async () => {
    const userName = uniqueUserName('guide');
    const email = `Guide.${userName}`;
    const user = await createUser({ emails: [{ primary: true, value: email, type: 'work' }] }, userName);
    for (const attribute of ['email', 'emails', 'emails.value', 'Emails.Value']) {
      const found = await matchUser(attribute, email.toUpperCase());
      expect(found.map((u) => u.id), attribute).toEqual([user.id]);
    }
    expect(await matchUser('email', `nobody.${userName}`)).toEqual([]);
  });
});

describe('Extension attributes nested under their URN', () => {
  it('stores, returns, filters and round-trips enterprise and custom-namespace attributes', async () => {
    const userName = uniqueUserName('ext');
    const body = oktaUser(userName, {
      schemas: [URN.User, URN.Enterprise, CUSTOM_URN],
      title: 'Manager',
      [URN.Enterprise]: { department: 'Engineering', costCenter: 'CC-1' },
      [CUSTOM_URN]: { costCode: 'X-42', badgeNumber: 4242, contractor: true },
    });
    const created = await okta('POST', '/Users', body);
    expectStatus(created, 201);
    expect(created.body.schemas).toEqual(expect.arrayContaining([URN.User, URN.Enterprise, CUSTOM_URN]));
    expect(created.body[URN.Enterprise]).toEqual({ department: 'Engineering', costCenter: 'CC-1' });
    expect(created.body[CUSTOM_URN]).toEqual({ costCode: 'X-42', badgeNumber: 4242, contractor: true });
    const id = created.body.id;

    const byDept = await okta('GET', filterQuery('Users', `${URN.Enterprise}:department eq "engineering" and userName eq "${userName}"`));
    expect(expectListResponse(byDept).map((u) => u.id)).toEqual([id]);
    const byBadge = await okta('GET', filterQuery('Users', `${CUSTOM_URN}:badgeNumber gt 4241 and ${CUSTOM_URN}:contractor eq true and userName eq "${userName}"`));
    expect(expectListResponse(byBadge).map((u) => u.id)).toEqual([id]);

    // AIW read-modify-write keeps the extensions and applies changes inside them.
    const put = await aiwUpdate(id, (copy) => {
      copy[URN.Enterprise].department = 'Research';
      copy[CUSTOM_URN].badgeNumber = 7;
    });
    expectStatus(put, 200);
    expect(put.body[URN.Enterprise]).toEqual({ department: 'Research', costCenter: 'CC-1' });
    expect(put.body[CUSTOM_URN]).toEqual({ costCode: 'X-42', badgeNumber: 7, contractor: true });
    expect(await getResource(`/Users/${id}`)).toMatchObject({ title: 'Manager', [CUSTOM_URN]: { badgeNumber: 7 } });

    // An attribute outside any declared namespace is ignored, not stored and not an error.
    const stray = await okta('POST', '/Users', oktaUser(uniqueUserName('stray'), { favouriteColour: 'green', 'urn:ietf:params:scim:schemas:extension:unknown:2.0:User': { x: 1 } }));
    expectStatus(stray, 201);
    expect(stray.text).not.toContain('favouriteColour');
    expect(stray.text).not.toContain('extension:unknown');
  });
});
