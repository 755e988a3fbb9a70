/**
 * Many simultaneous requests, as an IdP's parallel workers send them: never
 * a 500, never a retry-later answer for a write the IdP cannot retry, and
 * never a lost acknowledged write.
 */
import { describe, expect, it } from 'vitest';
import { expectListResponse, expectScimError, expectStatus } from './support/assertions';
import { CUSTOM_URN, URN } from './support/constants';
import { createGroup, createUser, filterQuery, getResource, memberIdsOf, patchOp, uniqueUserName } from './support/fixtures';
import { oktaUser, scim, unique, type ScimResponse } from './support/scim-client';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const statuses = (responses: ScimResponse[]) => responses.map((r) => r.status);
const count = (responses: ScimResponse[], status: number) => responses.filter((r) => r.status === status).length;
function expectNoServerError(responses: ScimResponse[]) {
  for (const r of responses) expect(r.status, r.text.slice(0, 300)).toBeLessThan(500);
}

describe('concurrent creation', () => {
  it('50 simultaneous POSTs of one userName (case variants too): exactly one 201, the rest 409', async () => {
    const userName = uniqueUserName('race');
    const variants = [userName, userName.toUpperCase(), userName[0].toUpperCase() + userName.slice(1), userName.toLowerCase()];
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) => scim('POST', '/Users', { body: oktaUser(variants[i % variants.length]) })),
    );
    expect(count(responses, 201), statuses(responses).join(',')).toBe(1);
    expect(count(responses, 409)).toBe(49);
    for (const r of responses.filter((x) => x.status === 409)) expectScimError(r, 409, 'uniqueness');
    const winner = responses.find((r) => r.status === 201)!.body as Json;
    const found = expectListResponse(await scim('GET', filterQuery('Users', `userName eq "${userName}"`)), { total: 1 });
    expect(found[0].id).toBe(winner.id);
    expect(variants).toContain(found[0].userName);
  });

  it('20 simultaneous POSTs of one group displayName: one 201, the rest 409', async () => {
    const name = unique('Race Group ');
    const responses = await Promise.all(Array.from({ length: 20 }, (_, i) => scim('POST', '/Groups', { body: { schemas: [URN.Group], displayName: i % 2 ? name.toUpperCase() : name } })));
    expect(count(responses, 201), statuses(responses).join(',')).toBe(1);
    expect(count(responses, 409)).toBe(19);
    expectListResponse(await scim('GET', filterQuery('Groups', `displayName eq "${name}"`)), { total: 1 });
  });
});

describe('concurrent updates of one user', () => {
  it('20 simultaneous PATCHes of different attributes: all acknowledged, all applied', async () => {
    const user = await createUser();
    const writes: [string, unknown][] = [
      ['title', 'T'], ['nickName', 'N'], ['displayName', 'D'], ['locale', 'fr-FR'], ['timezone', 'Europe/Paris'],
      ['userType', 'Employee'], ['preferredLanguage', 'fr'], ['profileUrl', 'https://example.com/p'],
      ['name.givenName', 'G'], ['name.familyName', 'F'], ['name.middleName', 'M'], ['name.honorificPrefix', 'Dr'], ['name.honorificSuffix', 'III'],
      [`${URN.Enterprise}:employeeNumber`, '42'], [`${URN.Enterprise}:costCenter`, 'CC'], [`${URN.Enterprise}:organization`, 'Org'],
      [`${URN.Enterprise}:division`, 'Div'], [`${URN.Enterprise}:department`, 'Dep'], [`${CUSTOM_URN}:costCode`, 'X'], [`${CUSTOM_URN}:badgeNumber`, 20],
    ];
    expect(writes).toHaveLength(20);
    const responses = await Promise.all(
      writes.map(([path, value], i) =>
        // Half as Entra (path), half as Okta/Entra-with-flag (path-less value with a dotted or URN key).
        scim('PATCH', `/Users/${user.id}`, { body: patchOp(i % 2 ? { op: 'Replace', path, value } : { op: 'replace', value: { [path]: value } }) }),
      ),
    );
    expectNoServerError(responses);
    expect(statuses(responses).every((s) => s === 200 || s === 204), statuses(responses).join(',')).toBe(true);
    const got = await getResource(`/Users/${user.id}`);
    expect(got).toMatchObject({ title: 'T', nickName: 'N', displayName: 'D', locale: 'fr-FR', timezone: 'Europe/Paris', userType: 'Employee', preferredLanguage: 'fr', profileUrl: 'https://example.com/p' });
    expect(got.name).toMatchObject({ givenName: 'G', familyName: 'F', middleName: 'M', honorificPrefix: 'Dr', honorificSuffix: 'III' });
    expect(got[URN.Enterprise]).toEqual({ employeeNumber: '42', costCenter: 'CC', organization: 'Org', division: 'Div', department: 'Dep' });
    expect(got[CUSTOM_URN]).toEqual({ costCode: 'X', badgeNumber: 20 });
    expect(got.meta.version).toBe('W/"21"');
  });

  it('simultaneous PUTs and PATCHes never 500 and each one is counted', async () => {
    const user = await createUser();
    const puts = Array.from({ length: 10 }, (_, i) => scim('PUT', `/Users/${user.id}`, { body: { ...user, title: `put-${i}` } }));
    const patches = Array.from({ length: 10 }, (_, i) => scim('PATCH', `/Users/${user.id}`, { body: patchOp({ op: 'replace', path: 'nickName', value: `patch-${i}` }) }));
    const responses = await Promise.all([...puts, ...patches]);
    expectNoServerError(responses);
    expect(statuses(responses).every((s) => s === 200), statuses(responses).join(',')).toBe(true);
    const got = await getResource(`/Users/${user.id}`);
    // Every write was a change applied on top of the previous one.
    expect(got.meta.version).toBe('W/"21"');
    expect(got.title).toMatch(/^put-\d$/);
    expect(got.userName).toBe(user.userName);
  });

  it('simultaneous deactivate/reactivate flips never 500 and end in a consistent state', async () => {
    const user = await createUser();
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => scim('PATCH', `/Users/${user.id}`, { body: patchOp({ op: 'replace', value: { active: i % 2 === 0 } }) })),
    );
    expectNoServerError(responses);
    expect(statuses(responses).every((s) => s === 200)).toBe(true);
    const got = await getResource(`/Users/${user.id}`);
    expect(typeof got.active).toBe('boolean');
    const listed = expectListResponse(await scim('GET', filterQuery('Users', `id eq "${user.id}" and active eq ${got.active}`)));
    expect(listed).toHaveLength(1);
  });

  it('simultaneous DELETEs and GETs: one 204, then only 404s, never 500', async () => {
    const user = await createUser();
    const responses = await Promise.all([
      ...Array.from({ length: 10 }, () => scim('DELETE', `/Users/${user.id}`)),
      ...Array.from({ length: 10 }, () => scim('GET', `/Users/${user.id}`)),
      ...Array.from({ length: 5 }, () => scim('PATCH', `/Users/${user.id}`, { body: patchOp({ op: 'replace', path: 'title', value: 'late' }) })),
    ]);
    expectNoServerError(responses);
    expect(count(responses.slice(0, 10), 204)).toBe(1);
    expect(count(responses.slice(0, 10), 404)).toBe(9);
    for (const r of responses.slice(10)) expect([200, 404]).toContain(r.status);
    expectScimError(await scim('GET', `/Users/${user.id}`), 404);
  });
});

describe('concurrent membership changes of one group', () => {
  it('20 simultaneous member adds and removes: none lost', async () => {
    const leaving = await Promise.all(Array.from({ length: 10 }, () => createUser()));
    const joining = await Promise.all(Array.from({ length: 10 }, () => createUser()));
    const group = await createGroup(leaving.map((u) => u.id));
    const responses = await Promise.all([
      // Okta / Entra-with-flag add, Entra default add
      ...joining.map((u, i) => scim('PATCH', `/Groups/${group.id}`, { body: patchOp(i % 2 ? { op: 'add', path: 'members', value: [{ value: u.id, display: u.userName }] } : { op: 'Add', path: 'members', value: [{ $ref: null, value: u.id }] }) })),
      // RFC filter remove, Entra value-array remove
      ...leaving.map((u, i) => scim('PATCH', `/Groups/${group.id}`, { body: patchOp(i % 2 ? { op: 'remove', path: `members[value eq "${u.id}"]` } : { op: 'Remove', path: 'members', value: [{ value: u.id }] }) })),
    ]);
    expectNoServerError(responses);
    expect(statuses(responses).every((s) => s === 204 || s === 200), statuses(responses).join(',')).toBe(true);
    expect(await memberIdsOf(group.id)).toEqual(joining.map((u) => u.id).sort());
    for (const u of joining.slice(0, 3)) expect((await getResource(`/Users/${u.id}`)).groups.map((g: Json) => g.value)).toEqual([group.id]);
  });

  it('the same member added 10 times at once is a member once', async () => {
    const user = await createUser();
    const group = await createGroup();
    const responses = await Promise.all(Array.from({ length: 10 }, () => scim('PATCH', `/Groups/${group.id}`, { body: patchOp({ op: 'add', path: 'members', value: [{ value: user.id }] }) })));
    expectNoServerError(responses);
    expect(statuses(responses).every((s) => s === 204)).toBe(true);
    expect(await memberIdsOf(group.id)).toEqual([user.id]);
  });

  it('adding a member while the user is being deleted never 500s', async () => {
    const group = await createGroup();
    for (let round = 0; round < 10; round += 1) {
      const user = await createUser();
      const [add, del] = await Promise.all([
        scim('PATCH', `/Groups/${group.id}`, { body: patchOp({ op: 'add', path: 'members', value: [{ value: user.id }] }) }),
        scim('DELETE', `/Users/${user.id}`),
      ]);
      expectNoServerError([add, del]);
      expectStatus(del, 204);
      expect([200, 204]).toContain(add.status);
      expect(await memberIdsOf(group.id)).not.toContain(user.id);
    }
  });

  it('full-list PUTs racing PATCH adds never 500 and leave a list one of them wrote', async () => {
    const users = await Promise.all(Array.from({ length: 6 }, () => createUser()));
    const group = await createGroup();
    const responses = await Promise.all([
      scim('PUT', `/Groups/${group.id}`, { body: { schemas: [URN.Group], displayName: group.displayName, members: users.slice(0, 3).map((u) => ({ value: u.id })) } }),
      scim('PUT', `/Groups/${group.id}`, { body: { schemas: [URN.Group], displayName: group.displayName, members: users.slice(3).map((u) => ({ value: u.id })) } }),
      ...users.map((u) => scim('PATCH', `/Groups/${group.id}`, { body: patchOp({ op: 'add', path: 'members', value: [{ value: u.id }] }) })),
    ]);
    expectNoServerError(responses);
    const members = await memberIdsOf(group.id);
    expect(members.every((id) => users.some((u) => u.id === id))).toBe(true);
    expect(new Set(members).size).toBe(members.length);
  });
});
