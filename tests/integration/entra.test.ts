/**
 * Microsoft Entra ID's provisioning sequences (entra.md §3), once as the
 * default client sends them and once with the `aadOptscim062020` flag the
 * admin appends to the Tenant URL (sent as a query parameter on every URL
 * here, which the server must ignore): Test Connection, create with the
 * enterprise extension, updates, soft delete/restore, manager, groups and
 * hard delete.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { expectGroupResource, expectListResponse, expectScimContentType, expectScimError, expectStatus, expectUserResource } from './support/assertions';
import { URN } from './support/constants';
import { patchOp } from './support/fixtures';
import { scim } from './support/scim-client';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const ENTRA_HEADERS = { 'Content-Type': 'application/scim+json; charset=utf-8' };

describe.each([
  { label: 'default (no flag)', flag: false },
  { label: 'with ?aadOptscim062020', flag: true },
])('Entra ID, $label', ({ flag }) => {
  /** Appends the compatibility flag to a path the way a Tenant URL query string would ride along. */
  const url = (path: string) => (flag ? `${path}${path.includes('?') ? '&' : '?'}aadOptscim062020` : path);
  const entra = <T = Json>(method: string, path: string, body?: unknown) =>
    scim<T>(method, url(path), { headers: ENTRA_HEADERS, ...(body === undefined ? {} : { body }) });
  const query = (resource: string, filter: string, extra = '') => entra('GET', `/${resource}?filter=${encodeURIComponent(filter)}${extra}`);
  /** Entra spells ops "Replace"/"Add"/"Remove" without the flag and lower-case with it. */
  const op = (name: 'add' | 'replace' | 'remove') => (flag ? name : name[0].toUpperCase() + name.slice(1));
  const testUserName = () => `Test_User_${randomUUID()}`;

  async function getUser(id: string): Promise<Json> {
    const res = await entra('GET', `/Users/${id}`);
    expectStatus(res, 200);
    return res.body;
  }

  /** Entra's create: match query for the userName → 0 results → POST. */
  async function provision(extra: Json = {}): Promise<Json> {
    const userName = testUserName();
    expectListResponse(await query('Users', `userName eq "${userName}"`), { total: 0 });
    const res = await entra('POST', '/Users', {
      schemas: [URN.User, URN.Enterprise],
      externalId: randomUUID(),
      userName,
      active: true,
      emails: [{ primary: true, type: 'work', value: `${userName}@testuser.com` }],
      meta: { resourceType: 'User' },
      name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' },
      roles: [],
      ...extra,
    });
    expectStatus(res, 201);
    expectUserResource(res.body);
    return res.body;
  }

  it('Test Connection: a random GUID filter is an empty 200 ListResponse, for users and for groups without members', async () => {
    const users = await query('Users', `userName eq "${randomUUID()}"`);
    expect(expectListResponse(users, { total: 0, startIndex: 1 })).toEqual([]);
    expect(users.body.itemsPerPage).toBe(0);
    const groups = await query('Groups', `displayName eq "${randomUUID()}"`, '&excludedAttributes=members');
    expect(expectListResponse(groups, { total: 0 })).toEqual([]);
    // "fetch a random user": an unknown id of any format is a 404 SCIM error, never a 400.
    expectScimError(await entra('GET', `/Users/${randomUUID()}`), 404);
    expectScimError(await entra('GET', '/Users/23B51B0E5D7AE9110A49411D@7cca31655d49f3640a494224'), 404);
  });

  it('creates a user with the enterprise extension, explicit nulls, client meta and a typo’d schema URN', async () => {
    const userName = testUserName();
    const res = await entra('POST', '/Users', {
      schemas: [URN.User, 'urn:ietf:params:scim:schemas:extension:enterprise:2.0User'],
      externalId: 'jyoung' + userName.slice(-6),
      userName,
      active: true,
      addresses: null,
      displayName: 'Jo Young',
      emails: [{ Primary: true, type: 'work', value: `${userName}@contoso.com` }],
      meta: { resourceType: 'User', created: '2001-01-01T00:00:00Z' },
      name: { familyName: 'Young', givenName: 'Jo' },
      phoneNumbers: null,
      title: null,
      roles: [],
      [URN.Enterprise]: { department: 'Sales', employeeNumber: '1001', manager: null },
    });
    expectStatus(res, 201);
    expectScimContentType(res);
    const b = res.body;
    expectUserResource(b);
    expect(b).toMatchObject({ userName, active: true, displayName: 'Jo Young', name: { familyName: 'Young', givenName: 'Jo' } });
    expect(b.emails).toEqual([{ primary: true, type: 'work', value: `${userName}@contoso.com` }]);
    expect(b[URN.Enterprise]).toEqual({ department: 'Sales', employeeNumber: '1001' });
    expect(b.schemas).toContain(URN.Enterprise);
    expect(b.schemas).not.toContain('urn:ietf:params:scim:schemas:extension:enterprise:2.0User');
    for (const key of ['addresses', 'phoneNumbers', 'title', 'roles']) expect(b).not.toHaveProperty(key);
    expect(b.meta.created).not.toBe('2001-01-01T00:00:00Z');
    expect(res.text).not.toContain('null');
    // Legacy unquoted matching value (Entra docs: `externalId eq jyoung`).
    const byExternalId = await query('Users', `externalId eq ${b.externalId}`);
    expect(expectListResponse(byExternalId).map((u) => u.id)).toEqual([b.id]);
    // A duplicate userName is a 409, even in another case.
    expectScimError(await entra('POST', '/Users', { schemas: [URN.User], userName: userName.toLowerCase() }), 409, 'uniqueness');
  });

  it('updates attributes: capitalised ops, value-path targets, dotted and URN keys in a path-less replace, Add on a single value', async () => {
    const user = await provision();
    const newMail = `updated.${user.userName}@microsoft.com`;
    const r1 = await entra('PATCH', `/Users/${user.id}`, patchOp(
      { op: op('replace'), path: 'emails[type eq "work"].value', value: newMail },
      { op: op('replace'), path: 'name.familyName', value: 'updatedFamilyName' },
      { op: op('add'), path: 'nickName', value: 'Babs' },
      { op: op('replace'), path: `${URN.Enterprise}:employeeNumber`, value: 'Eqpj' },
    ));
    expect([200, 204]).toContain(r1.status);
    let got = await getUser(user.id);
    expect(got.emails).toEqual([{ primary: true, type: 'work', value: newMail }]);
    expect(got.name).toMatchObject({ familyName: 'updatedFamilyName', givenName: 'givenName' });
    expect(got.nickName).toBe('Babs');
    expect(got[URN.Enterprise].employeeNumber).toBe('Eqpj');

    // The aadOptscim062020 form (and the SCIM Validator's): keys are dotted paths and qualified URNs.
    const r2 = await entra('PATCH', `/Users/${user.id}`, patchOp(
      { op: op('replace'), path: 'emails[type eq "work"].value', value: `m.${newMail}` },
      { op: op('replace'), value: { displayName: 'Bjfe', 'name.givenName': 'Kkom', 'name.familyName': 'Unua', [`${URN.Enterprise}:employeeNumber`]: 'Aklq', [`${URN.Enterprise}:department`]: 'R&D' } },
    ));
    expect([200, 204]).toContain(r2.status);
    got = await getUser(user.id);
    expect(got).toMatchObject({ displayName: 'Bjfe', name: { givenName: 'Kkom', familyName: 'Unua' } });
    expect(got[URN.Enterprise]).toMatchObject({ employeeNumber: 'Aklq', department: 'R&D' });
    expect(Object.keys(got)).not.toContain('name.givenName');
    expect(JSON.stringify(got)).not.toContain('"name.givenName"');
    expect(got.emails.map((e: Json) => e.value)).toEqual([`m.${newMail}`]);

    // Replace userName (Entra's userPrincipalName change).
    const renamed = testUserName();
    expect([200, 204]).toContain((await entra('PATCH', `/Users/${user.id}`, patchOp({ op: op('replace'), path: 'userName', value: renamed }))).status);
    expect((await getUser(user.id)).userName).toBe(renamed);
  });

  it('soft-deletes with "False" and restores with "True" (strings without the flag, booleans with it), same id', async () => {
    const user = await provision();
    const off = await entra('PATCH', `/Users/${user.id}`, patchOp({ op: op('replace'), path: 'active', value: flag ? false : 'False' }));
    expect([200, 204]).toContain(off.status);
    const disabled = await getUser(user.id);
    expect(disabled.active).toBe(false);
    expect(disabled.userName).toBe(user.userName);
    // Still found by the matching query, with active:false.
    expect(expectListResponse(await query('Users', `userName eq "${user.userName}"`)).map((u) => [u.id, u.active])).toEqual([[user.id, false]]);
    const on = await entra('PATCH', `/Users/${user.id}`, patchOp({ op: op('replace'), path: 'active', value: flag ? true : 'True' }));
    expect([200, 204]).toContain(on.status);
    expect((await getUser(user.id)).active).toBe(true);
    // Lower-case string and Add (rancher#54025) work too; so does a path-less object.
    expect([200, 204]).toContain((await entra('PATCH', `/Users/${user.id}`, patchOp({ op: op('add'), path: 'active', value: 'false' }))).status);
    expect((await getUser(user.id)).active).toBe(false);
    expect([200, 204]).toContain((await entra('PATCH', `/Users/${user.id}`, patchOp({ op: op('add'), value: { active: true } }))).status);
    expect((await getUser(user.id)).active).toBe(true);
    // Entra's periodic active=true on an active user is a no-op, not an error.
    const again = await entra('PATCH', `/Users/${user.id}`, patchOp({ op: op('replace'), path: 'active', value: flag ? true : 'True' }));
    expect([200, 204]).toContain(again.status);
  });

  it('Add on emails[type eq "work"].value creates the work email when the user has none, and the filter finds it', async () => {
    const user = await provision({ emails: undefined });
    expect(user.emails).toBeUndefined();
    const mail = `first.mail.${user.userName}@contoso.com`;
    const res = await entra('PATCH', `/Users/${user.id}`, patchOp({ op: op('add'), path: 'emails[type eq "work"].value', value: mail }));
    expect([200, 204]).toContain(res.status);
    expect((await getUser(user.id)).emails).toEqual([{ type: 'work', value: mail }]);
    const found = await query('Users', `emails[type eq "work"].value eq "${mail.toUpperCase()}"`);
    expect(expectListResponse(found).map((u) => u.id)).toEqual([user.id]);
    // Mobile phone the same way (phoneNumbers[type eq "mobile"].value).
    expect([200, 204]).toContain((await entra('PATCH', `/Users/${user.id}`, patchOp({ op: op('add'), path: 'phoneNumbers[type eq "mobile"].value', value: '+1 555 0100' }))).status);
    expect((await getUser(user.id)).phoneNumbers).toEqual([{ type: 'mobile', value: '+1 555 0100' }]);
  });

  it("writes Entra's default mappings, odd capitals included (addresses[…].Formatted, emails[…].Value)", async () => {
    const user = await provision();
    const res = await entra('PATCH', `/Users/${user.id}`, patchOp(
      { op: op('add'), path: 'addresses[type eq "work"].streetAddress', value: '1 Main St' },
      { op: op('add'), path: 'addresses[type eq "work"].postalCode', value: '12345' },
      { op: op('add'), path: 'addresses[type eq "other"].Formatted', value: 'Building 7' },
      { op: op('add'), path: 'emails[type eq "other"].Value', value: `proxy.${user.userName}@contoso.com` },
      { op: op('add'), path: 'phoneNumbers[type eq "work"].value', value: '+1 555 0101' },
      { op: op('add'), path: 'phoneNumbers[type eq "fax"].value', value: '+1 555 0102' },
      { op: op('replace'), path: 'title', value: 'Lead' },
    ));
    expect([200, 204]).toContain(res.status);
    const got = await getUser(user.id);
    expect(got.addresses).toEqual([{ type: 'work', streetAddress: '1 Main St', postalCode: '12345' }, { type: 'other', formatted: 'Building 7' }]);
    expect(got.emails).toEqual([user.emails[0], { type: 'other', value: `proxy.${user.userName}@contoso.com` }]);
    expect(got.phoneNumbers).toEqual([{ type: 'work', value: '+1 555 0101' }, { type: 'fax', value: '+1 555 0102' }]);
    // A second sync cycle replaces in place rather than adding duplicates.
    expect([200, 204]).toContain((await entra('PATCH', `/Users/${user.id}`, patchOp({ op: op('replace'), path: 'addresses[type eq "work"].postalCode', value: '54321' }))).status);
    expect((await getUser(user.id)).addresses[0]).toEqual({ type: 'work', streetAddress: '1 Main St', postalCode: '54321' });
    const found = await query('Users', `addresses[type eq "work"].postalCode eq "54321" and id eq "${user.id}"`);
    expect(expectListResponse(found).map((u) => u.id)).toEqual([user.id]);
  });

  it('sets the manager from a plain string or a [{$ref, value}] list, returns it as an object and filters on it', async () => {
    const manager = await provision();
    const report = await provision();
    // Entra checks first: id eq <user> and manager eq <manager>, attributes=id → nothing yet.
    const check = `id eq "${report.id}" and manager eq "${manager.id}"`;
    expectListResponse(await query('Users', check, '&attributes=id'), { total: 0 });

    const body = flag
      ? patchOp({ op: 'add', path: `${URN.Enterprise}:manager`, value: manager.id })
      : patchOp({ op: 'Add', path: 'manager', value: [{ $ref: `https://example.invalid/scim/Users/${manager.id}`, value: manager.id }] });
    expect([200, 204]).toContain((await entra('PATCH', `/Users/${report.id}`, body)).status);
    const got = await getUser(report.id);
    expect(got[URN.Enterprise].manager).toMatchObject({ value: manager.id });
    expect(typeof got[URN.Enterprise].manager).toBe('object');

    const found = expectListResponse(await query('Users', check, '&attributes=id'), { total: 1 });
    expect(found[0]).toEqual(expect.objectContaining({ id: report.id }));
    expect(found[0]).not.toHaveProperty('userName');
    const byQualified = await query('Users', `${URN.Enterprise}:manager.value eq "${manager.id}"`);
    expect(expectListResponse(byQualified).map((u) => u.id)).toEqual([report.id]);

    // A manager given as a plain string in a POST comes back as an object too.
    const other = await provision({ [URN.Enterprise]: { manager: manager.id } });
    expect(other[URN.Enterprise].manager).toMatchObject({ value: manager.id });

    // SCIM_Update_Manager "replace with empty" clears it.
    expect([200, 204]).toContain((await entra('PATCH', `/Users/${report.id}`, patchOp({ op: op('replace'), path: `${URN.Enterprise}:manager`, value: '' }))).status);
    expect((await getUser(report.id))[URN.Enterprise]?.manager).toBeUndefined();
  });

  it('clears optional attributes sent as "" and then null (SCIM_Null_Update)', async () => {
    const user = await provision({ title: 'Lead', nickName: 'Nick' });
    expect(user.title).toBe('Lead');
    expect([200, 204]).toContain((await entra('PATCH', `/Users/${user.id}`, patchOp({ op: op('replace'), path: 'title', value: '' }))).status);
    expect([200, 204]).toContain((await entra('PATCH', `/Users/${user.id}`, patchOp({ op: op('replace'), path: 'nickName', value: null }))).status);
    const got = await getUser(user.id);
    expect(got).not.toHaveProperty('title');
    expect(got).not.toHaveProperty('nickName');
    expect(got.userName).toBe(user.userName);
  });

  it('provisions groups: ADSCIM schema URN, members added and removed in both wire forms, rename, delete', async () => {
    const [a, b, c] = [await provision(), await provision(), await provision()];
    const name = `Entra group ${randomUUID()}`;
    expectListResponse(await query('Groups', `displayName eq "${name}"`, '&excludedAttributes=members'), { total: 0 });
    const created = await entra('POST', '/Groups', {
      schemas: [URN.Group, URN.AdscimGroup],
      externalId: randomUUID(),
      displayName: name,
      meta: { resourceType: 'Group' },
    });
    expectStatus(created, 201);
    expectGroupResource(created.body);
    expect(created.body.members ?? []).toEqual([]);
    expect(created.body.schemas).toEqual([URN.Group]);
    const gid = created.body.id;

    const add = await entra('PATCH', `/Groups/${gid}`, patchOp({ op: op('add'), path: 'members', value: [{ $ref: null, value: a.id }, { $ref: null, value: b.id }, { $ref: null, value: c.id }] }));
    expect([200, 204]).toContain(add.status);
    if (add.status === 204) expect(add.text).toBe('');

    const remove = flag
      ? patchOp({ op: 'remove', path: `members[value eq "${a.id}"]` })
      : patchOp({ op: 'Remove', path: 'members', value: [{ $ref: null, value: a.id }] });
    expect([200, 204]).toContain((await entra('PATCH', `/Groups/${gid}`, remove)).status);

    const withMembers = await entra('GET', `/Groups/${gid}`);
    expectStatus(withMembers, 200);
    expect(withMembers.body.members.map((m: Json) => m.value).sort()).toEqual([b.id, c.id].sort());
    const without = await entra('GET', `/Groups/${gid}?excludedAttributes=members`);
    expectStatus(without, 200);
    expect(without.body).not.toHaveProperty('members');
    expect(without.body.displayName).toBe(name);
    const listed = expectListResponse(await query('Groups', `displayName eq "${name}"`, '&excludedAttributes=members'), { total: 1 });
    expect(listed[0].id).toBe(gid);
    expect(listed[0]).not.toHaveProperty('members');

    const renamed = `${name} updatedDisplayName`;
    const rename = await entra('PATCH', `/Groups/${gid}`, patchOp({ op: op('replace'), path: 'displayName', value: renamed }));
    expect([200, 204]).toContain(rename.status);
    expect((await entra('GET', `/Groups/${gid}?excludedAttributes=members`)).body.displayName).toBe(renamed);
    // Membership survived the rename; a user's groups reflect it.
    expect((await getUser(b.id)).groups.map((g: Json) => g.value)).toEqual([gid]);

    expectStatus(await entra('DELETE', `/Groups/${gid}`), 204);
    expectScimError(await entra('GET', `/Groups/${gid}`), 404);
  });

  it('hard delete: DELETE 204, then GET 404, and the userName can be provisioned again', async () => {
    const user = await provision();
    const del = await entra('DELETE', `/Users/${user.id}`);
    expectStatus(del, 204);
    expect(del.text).toBe('');
    expectScimError(await entra('GET', `/Users/${user.id}`), 404);
    expectScimError(await entra('DELETE', `/Users/${user.id}`), 404);
    expectListResponse(await query('Users', `userName eq "${user.userName}"`), { total: 0 });
    const again = await entra('POST', '/Users', { schemas: [URN.User], userName: user.userName, active: true });
    expectStatus(again, 201);
    expect(again.body.id).not.toBe(user.id);
    expect(expectListResponse(await query('Users', `userName eq "${user.userName}"`)).map((u) => u.id)).toEqual([again.body.id]);
  });

  it('answers an empty Operations list (the SCIM Validator sends one) without changing anything', async () => {
    const user = await provision();
    const res = await entra('PATCH', `/Users/${user.id}`, { schemas: [URN.PatchOp], Operations: [] });
    expect([200, 204, 400]).toContain(res.status);
    if (res.status === 400) expectScimError(res, 400);
    const got = await getUser(user.id);
    expect(got.meta.version).toBe(user.meta.version);
  });
});
