/**
 * RFC 7643/7644 behaviour over HTTP: discovery, paging, sorting, attribute
 * projection, /.search, the filter grammar, ETags, routing (trailing slashes,
 * unknown endpoints, unsupported methods), media types and authentication.
 * Tests that need the command line or the database beside the running
 * server are PostgreSQL-only (PGlite allows one process) and say so.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { expectListResponse, expectScimContentType, expectScimError, expectStatus, expectUserResource } from './support/assertions';
import { CUSTOM_URN, URN } from './support/constants';
import { cli, createGroup, createUser, eventually, filterQuery, getResource, isPostgres, patchOp, sqlQuery, uniqueUserName } from './support/fixtures';
import { scim, unique } from './support/scim-client';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const ids = (resources: Json[]) => resources.map((r) => r.id as string);

describe('discovery', () => {
  it('ServiceProviderConfig tells what is implemented', async () => {
    const res = await scim('GET', '/ServiceProviderConfig');
    expectStatus(res, 200);
    expectScimContentType(res);
    const b = res.body as Json;
    expect(b.schemas).toEqual([URN.ServiceProviderConfig]);
    expect(b.patch).toEqual({ supported: true });
    expect(b.filter.supported).toBe(true);
    expect(Number.isInteger(b.filter.maxResults)).toBe(true);
    expect(b.filter.maxResults).toBeGreaterThan(0);
    expect(b.sort).toEqual({ supported: true });
    expect(b.etag).toEqual({ supported: true });
    expect(b.bulk.supported).toBe(false);
    expect(b.changePassword).toEqual({ supported: false });
    expect(b.authenticationSchemes.map((s: Json) => s.type)).toContain('oauthbearertoken');
    expect(b.meta.location).toBe(`${inject('scimBase')}/ServiceProviderConfig`);
    expect(res.text).not.toContain('null');
  });

  it('ResourceTypes lists User (with its extensions) and Group; each is readable by name', async () => {
    const list = expectListResponse(await scim('GET', '/ResourceTypes'));
    const user = list.find((r) => r.id === 'User');
    const group = list.find((r) => r.id === 'Group');
    expect(user).toMatchObject({ schemas: [URN.ResourceType], name: 'User', endpoint: '/Users', schema: URN.User });
    expect(user!.schemaExtensions).toEqual(expect.arrayContaining([{ schema: URN.Enterprise, required: false }, { schema: CUSTOM_URN, required: false }]));
    expect(group).toMatchObject({ name: 'Group', endpoint: '/Groups', schema: URN.Group });
    const one = await scim('GET', '/ResourceTypes/User');
    expectStatus(one, 200);
    expectScimContentType(one);
    expect((one.body as Json).endpoint).toBe('/Users');
    expect(((await scim('GET', '/ResourceTypes/group')).body as Json).id).toBe('Group');
    expectScimError(await scim('GET', '/ResourceTypes/Device'), 404);
  });

  it('Schemas lists core, enterprise and custom schemas as data, each readable by URN', async () => {
    const res = await scim('GET', '/Schemas');
    const list = expectListResponse(res);
    expect(ids(list)).toEqual(expect.arrayContaining([URN.User, URN.Group, URN.Enterprise, CUSTOM_URN]));
    expect(res.text).not.toContain(':null');
    const user = list.find((s) => s.id === URN.User)!;
    const attr = (name: string) => user.attributes.find((a: Json) => a.name === name);
    expect(attr('userName')).toMatchObject({ type: 'string', required: true, caseExact: false, uniqueness: 'server', mutability: 'readWrite' });
    expect(attr('password')).toMatchObject({ mutability: 'writeOnly', returned: 'never' });
    expect(attr('emails').subAttributes.map((s: Json) => s.name)).toEqual(expect.arrayContaining(['value', 'type', 'primary']));
    expect(attr('groups').mutability).toBe('readOnly');

    for (const urn of [URN.User, URN.Group, URN.Enterprise, CUSTOM_URN]) {
      const one = await scim('GET', `/Schemas/${urn}`);
      expectStatus(one, 200);
      expect((one.body as Json).id).toBe(urn);
      expect((one.body as Json).schemas).toEqual([URN.Schema]);
    }
    const custom = await getResource(`/Schemas/${CUSTOM_URN.toUpperCase()}`);
    expect(custom.attributes.map((a: Json) => [a.name, a.type])).toEqual([['costCode', 'string'], ['badgeNumber', 'integer'], ['contractor', 'boolean']]);
    expectScimError(await scim('GET', '/Schemas/urn:ietf:params:scim:schemas:extension:nope:2.0:User'), 404);
  });

  it.skipIf(!isPostgres())('a custom attribute added with the CLI shows up in /Schemas and is stored, then removed (PostgreSQL only: CLI beside the server)', async () => {
    const urn = `urn:ietf:params:scim:schemas:extension:${unique('cli')}:2.0:User`;
    await cli(['attribute', 'add', '--schema', urn, '--name', 'floor', '--type', 'integer']);
    const schema = await eventually(async () => {
      const res = await scim('GET', `/Schemas/${urn}`);
      expectStatus(res, 200);
      return res.body as Json;
    });
    expect(schema.attributes).toEqual([expect.objectContaining({ name: 'floor', type: 'integer', multiValued: false })]);
    const rt = await getResource('/ResourceTypes/User');
    expect(rt.schemaExtensions).toContainEqual({ schema: urn, required: false });
    const user = await createUser({ schemas: [URN.User, urn], [urn]: { floor: '12' } });
    expect(user[urn]).toEqual({ floor: 12 });
    const found = expectListResponse(await scim('GET', filterQuery('Users', `${urn}:floor eq 12`)));
    expect(ids(found)).toEqual([user.id]);

    await cli(['attribute', 'remove', '--schema', urn, '--name', 'floor']);
    await eventually(async () => expectScimError(await scim('GET', `/Schemas/${urn}`), 404));
    expect(await getResource(`/Users/${user.id}`)).not.toHaveProperty(urn);
  });
});

describe('paging', () => {
  const tag = unique('pg');
  const byTag = (extra: string) => scim('GET', `${filterQuery('Users', `userName sw "${tag}"`)}${extra}`);
  let created: Json[] = [];

  beforeAll(async () => {
    created = [];
    // Created one by one: creation order is the default order.
    for (let i = 0; i < 12; i += 1) {
      const letter = String.fromCharCode(108 - i); // family names l…a: reverse of creation order
      created.push(await createUser({ name: { givenName: `Page${i}`, familyName: `${letter}-family` } }, `${tag}-${String(i).padStart(2, '0')}@example.com`));
    }
  });

  it('returns integers, echoes startIndex and sets itemsPerPage to the number returned', async () => {
    const res = await byTag('&startIndex=3&count=4');
    const page = expectListResponse(res, { total: 12, startIndex: 3 });
    expect(page).toHaveLength(4);
    expect(ids(page)).toEqual(ids(created.slice(2, 6)));
    const last = expectListResponse(await byTag('&startIndex=10&count=5'), { total: 12, startIndex: 10 });
    expect(ids(last)).toEqual(ids(created.slice(9)));
  });

  it('gives an empty page beyond the end, totals only for count=0, and treats startIndex < 1 as 1', async () => {
    expect(expectListResponse(await byTag('&startIndex=13&count=5'), { total: 12, startIndex: 13 })).toEqual([]);
    expect(expectListResponse(await byTag('&startIndex=101&count=100'), { total: 12 })).toEqual([]);
    expect(expectListResponse(await byTag('&count=0'), { total: 12 })).toEqual([]);
    expect(expectListResponse(await byTag('&count=-5'), { total: 12 })).toEqual([]);
    expect(ids(expectListResponse(await byTag('&startIndex=0&count=2'), { startIndex: 1 }))).toEqual(ids(created.slice(0, 2)));
    expect(ids(expectListResponse(await byTag('&startIndex=-3&count=2'), { startIndex: 1 }))).toEqual(ids(created.slice(0, 2)));
    expectScimError(await byTag('&count=ten'), 400, 'invalidValue');
    expectScimError(await byTag('&startIndex=first'), 400, 'invalidValue');
  });

  it('pages in a stable order with no repeats or gaps (Entra count=5, startIndex echoed)', async () => {
    const seen: string[] = [];
    for (let page = 0; page < 3; page += 1) {
      const res = await byTag(`&startIndex=${page * 5 + 1}&count=5`);
      const resources = expectListResponse(res, { total: 12, startIndex: page * 5 + 1 });
      seen.push(...ids(resources));
    }
    expect(seen).toEqual(ids(created));
  });

  it('clamps count to filter.maxResults and pages through every user without repeats (Okta import)', async () => {
    const max = (await getResource('/ServiceProviderConfig')).filter.maxResults as number;
    const total = (await getResource('/Users?count=0')).totalResults as number;
    // Make sure there are more users than one page can hold.
    for (let i = total; i <= max; i += 10) {
      await Promise.all(Array.from({ length: 10 }, () => createUser()));
    }
    const all = (await getResource('/Users?count=0')).totalResults as number;
    expect(all).toBeGreaterThan(max);
    const big = expectListResponse(await scim('GET', `/Users?startIndex=1&count=${max + 50}`), { total: all });
    expect(big).toHaveLength(max);
    const unbounded = expectListResponse(await scim('GET', '/Users'), { total: all });
    expect(unbounded).toHaveLength(max);

    const seen = new Set<string>();
    for (let start = 1; start <= all; start += max) {
      const page = expectListResponse(await scim('GET', `/Users?startIndex=${start}&count=${max}`), { total: all, startIndex: start });
      for (const id of ids(page)) {
        expect(seen.has(id)).toBe(false);
        seen.add(id);
      }
    }
    expect(seen.size).toBe(all);
  });

  it('sorts by sortBy/sortOrder, attribute names case-insensitive, ties broken stably', async () => {
    const asc = ids(expectListResponse(await byTag('&sortBy=name.familyName')));
    expect(asc).toEqual(ids([...created].reverse()));
    const desc = ids(expectListResponse(await byTag('&sortBy=Name.FamilyName&sortOrder=descending')));
    expect(desc).toEqual(ids(created));
    const byUserNameDesc = ids(expectListResponse(await byTag('&sortBy=userName&sortOrder=DESCENDING&count=3')));
    expect(byUserNameDesc).toEqual(ids(created.slice(9).reverse()));
    const byCreated = ids(expectListResponse(await byTag('&sortBy=meta.created&sortOrder=descending')));
    expect(byCreated).toEqual(ids([...created].reverse()));
    // Equal keys (all active): creation order.
    expect(ids(expectListResponse(await byTag('&sortBy=active')))).toEqual(ids(created));
    expectScimError(await byTag('&sortBy=name.familyName&sortOrder=sideways'), 400, 'invalidValue');
    expectScimError(await byTag('&sortBy=nope'), 400, 'invalidValue');
  });
});

describe('attribute projection', () => {
  let user: Json;
  beforeAll(async () => {
    user = await createUser({ schemas: [URN.User, URN.Enterprise], title: 'Analyst', [URN.Enterprise]: { department: 'Ops', employeeNumber: '77' } });
  });

  it('attributes= returns only what is asked (plus id and schemas)', async () => {
    const one = await getResource(`/Users/${user.id}?attributes=userName,emails`);
    expect(Object.keys(one).sort()).toEqual(['emails', 'id', 'schemas', 'userName']);
    const sub = await getResource(`/Users/${user.id}?attributes=name.givenName`);
    expect(sub.name).toEqual({ givenName: user.name.givenName });
    expect(sub).not.toHaveProperty('userName');
    const qualified = await getResource(`/Users/${user.id}?attributes=${URN.User}:userName,${URN.Enterprise}:department`);
    expect(qualified.userName).toBe(user.userName);
    expect(qualified[URN.Enterprise]).toEqual({ department: 'Ops' });
    const list = expectListResponse(await scim('GET', `${filterQuery('Users', `id eq "${user.id}"`)}&attributes=userName`));
    expect(list).toEqual([{ schemas: [URN.User], id: user.id, userName: user.userName }]);
  });

  it('excludedAttributes= drops attributes but never id', async () => {
    const got = await getResource(`/Users/${user.id}?excludedAttributes=emails,name,id,${URN.Enterprise}`);
    expect(got.id).toBe(user.id);
    expect(got.userName).toBe(user.userName);
    expect(got).not.toHaveProperty('emails');
    expect(got).not.toHaveProperty('name');
    expect(got).not.toHaveProperty(URN.Enterprise);
    expect(got.title).toBe('Analyst');
    // Unknown names are ignored, not errors.
    expect((await getResource(`/Users/${user.id}?excludedAttributes=nope&attributes=userName,nope`)).userName).toBe(user.userName);
  });

  it('POST /Users/.search and /Groups/.search take a SearchRequest body', async () => {
    const res = await scim('POST', '/Users/.search', {
      body: { schemas: [URN.SearchRequest], filter: `userName eq "${user.userName.toUpperCase()}"`, attributes: ['userName', 'title'], startIndex: 1, count: 10 },
    });
    expect(expectListResponse(res, { total: 1 })).toEqual([{ schemas: [URN.User], id: user.id, userName: user.userName, title: 'Analyst' }]);
    const group = await createGroup([user.id]);
    const groups = await scim('POST', '/Groups/.search', { body: { schemas: [URN.SearchRequest], filter: `displayName eq "${group.displayName}"`, excludedAttributes: ['members'] } });
    const found = expectListResponse(groups, { total: 1 });
    expect(found[0].id).toBe(group.id);
    expect(found[0]).not.toHaveProperty('members');
    expectScimError(await scim('POST', '/Users/.search', { body: { schemas: [URN.PatchOp], filter: 'userName pr' } }), 400);
    expectScimError(await scim('POST', '/Users/.search', { body: { filter: 'userName eq' } }), 400, 'invalidFilter');
  });
});

describe('filters over HTTP', () => {
  const tag = unique('flt');
  const u: Record<'alice' | 'bob' | 'carol' | 'dan', Json> = {} as never;
  let groupId = '';
  const find = async (filter: string) =>
    ids(expectListResponse(await scim('GET', filterQuery('Users', `userName sw "${tag}" and (${filter})`)))).sort();
  const expectMatch = async (filter: string, who: (keyof typeof u)[]) => expect(await find(filter), filter).toEqual(who.map((w) => u[w].id).sort());

  beforeAll(async () => {
    u.alice = await createUser({
      schemas: [URN.User, URN.Enterprise, CUSTOM_URN],
      name: { givenName: 'Alice', familyName: 'Smith' },
      displayName: 'Alice 100% Smith',
      nickName: 'The "Ace"',
      title: 'Engineer',
      externalId: `EXT-A-${tag}`,
      emails: [{ value: `alice.${tag}@example.com`, type: 'work', primary: true }, { value: `alice.${tag}@home.org`, type: 'home' }],
      [URN.Enterprise]: { department: 'R&D' },
      [CUSTOM_URN]: { badgeNumber: 3, contractor: false },
    }, `${tag}.alice@example.com`);
    u.bob = await createUser({
      schemas: [URN.User, CUSTOM_URN],
      name: { givenName: 'Bob', familyName: 'Jones' },
      displayName: 'bob_under',
      title: 'engineer',
      externalId: `ext-b-${tag}`,
      emails: [{ value: `bob.${tag}@corp.test`, type: 'work' }],
      active: false,
      [CUSTOM_URN]: { badgeNumber: 7 },
    }, `${tag}.bob@example.com`);
    u.carol = await createUser({
      name: { givenName: 'Carol', familyName: "O'Malley" },
      displayName: 'carol\\back',
      title: undefined,
      externalId: undefined,
      emails: [{ value: `carol.${tag}@x.net`, type: 'other' }],
      [CUSTOM_URN]: { badgeNumber: 12, contractor: true },
    }, `${tag}.carol@example.com`);
    u.dan = await createUser({ name: { givenName: 'Dan', familyName: 'Brown' }, displayName: 'dan', title: 'Manager', nickName: 'D', emails: undefined, externalId: undefined }, `${tag}.dan@example.com`);
    groupId = (await createGroup([u.alice.id, u.dan.id])).id;
  });

  it('compares strings with eq ne co sw ew, honouring caseExact', async () => {
    await expectMatch('title eq "ENGINEER"', ['alice', 'bob']);
    await expectMatch('title ne "Engineer"', ['carol', 'dan']);
    await expectMatch('name.familyName sw "sm"', ['alice']);
    await expectMatch('Name.FamilyName EQ "SMITH"', ['alice']);
    await expectMatch('displayName ew "SMITH"', ['alice']);
    await expectMatch(`externalId eq "EXT-A-${tag}"`, ['alice']);
    await expectMatch(`externalId eq "ext-a-${tag}"`, []); // externalId is caseExact
    await expectMatch('nickName pr', ['alice', 'dan']);
    await expectMatch('nickName eq "the \\"ace\\""', ['alice']);
    await expectMatch("name.familyName eq \"O'Malley\"", ['carol']);
  });

  it('matches %, _ and backslash literally', async () => {
    await expectMatch('displayName co "%"', ['alice']);
    await expectMatch('displayName co "100%"', ['alice']);
    await expectMatch('displayName co "_"', ['bob']);
    await expectMatch('displayName sw "bob_"', ['bob']);
    await expectMatch('displayName sw "b_b"', []); // an unescaped _ would match "bob_under"
    await expectMatch('displayName sw "Alice%Smith"', []); // an unescaped % would match
    await expectMatch('displayName co "\\\\"', ['carol']);
    await expectMatch('displayName co "l\\\\b"', ['carol']);
  });

  it('handles multi-valued attributes, value paths and presence', async () => {
    await expectMatch(`emails[type eq "work" and value co "@example.com"]`, ['alice']);
    await expectMatch('emails[type eq "home"]', ['alice']);
    await expectMatch('emails.value ew ".NET"', ['carol']);
    await expectMatch(`emails eq "BOB.${tag}@corp.test"`, ['bob']);
    await expectMatch(`emails[type eq "work"].value eq "alice.${tag}@example.com"`, ['alice']);
    await expectMatch('emails pr', ['alice', 'bob', 'carol']);
    await expectMatch('not (emails pr)', ['dan']);
    await expectMatch(`groups.value eq "${groupId}"`, ['alice', 'dan']);
    await expectMatch(`groups[value eq "${groupId}"] and title pr`, ['alice', 'dan']);
  });

  it('compares numbers, booleans and dateTimes; extension attributes by full URN path', async () => {
    await expectMatch(`${URN.Enterprise}:department eq "r&d"`, ['alice']);
    await expectMatch(`${CUSTOM_URN}:badgeNumber gt 5`, ['bob', 'carol']);
    await expectMatch(`${CUSTOM_URN}:badgeNumber ge 7`, ['bob', 'carol']);
    await expectMatch(`${CUSTOM_URN}:badgeNumber lt 7`, ['alice']);
    await expectMatch(`${CUSTOM_URN}:badgeNumber le 7`, ['alice', 'bob']);
    await expectMatch(`${CUSTOM_URN}:contractor eq true`, ['carol']);
    await expectMatch('active eq false', ['bob']);
    await expectMatch('active eq "True"', ['alice', 'carol', 'dan']);
    await expectMatch(`meta.created ge "${u.alice.meta.created}"`, ['alice', 'bob', 'carol', 'dan']);
    await expectMatch(`meta.created gt "${u.alice.meta.created}"`, ['bob', 'carol', 'dan']);
    await expectMatch(`meta.lastModified lt "${u.alice.meta.created}"`, []);
    await expectMatch('meta.Created gt 2015-10-10T14:38:21.8617979-07:00', ['alice', 'bob', 'carol', 'dan']);
    await expectMatch(`id eq "${u.bob.id}"`, ['bob']);
    await expectMatch('id eq "010101001010101011001010101011"', []);
  });

  it('combines with and / or / not and parentheses', async () => {
    await expectMatch('(title eq "Engineer" or title eq "Manager") and not (active eq false)', ['alice', 'dan']);
    await expectMatch('title eq "Manager" or emails[type eq "other"]', ['carol', 'dan']);
    await expectMatch('not (title pr) or nickName eq "D"', ['carol', 'dan']);
    // Microsoft's Postman collection: unquoted values, capitalised sub-attributes, parentheses.
    await expectMatch('name.FamilyName eq Smith and (emails.Value co example.com or emails.Value co example.org)', ['alice']);
  });

  it('accepts + for spaces, unquoted legacy values and case-insensitive operators', async () => {
    const plus = await scim('GET', `/Users?filter=userName+sw+%22${tag}%22+and+title+EQ+%22Manager%22`);
    expect(ids(expectListResponse(plus))).toEqual([u.dan.id]);
    const bare = await scim('GET', filterQuery('Users', `USERNAME SW ${tag.toUpperCase()}`));
    expect(ids(expectListResponse(bare)).sort()).toEqual(ids(Object.values(u)).sort());
  });

  it('filters groups by displayName and member', async () => {
    const g = await getResource(`/Groups/${groupId}`);
    const byName = expectListResponse(await scim('GET', filterQuery('Groups', `displayName eq "${g.displayName.toUpperCase()}"`)));
    expect(ids(byName)).toEqual([groupId]);
    const byMember = expectListResponse(await scim('GET', filterQuery('Groups', `members[value eq "${u.dan.id}"]`)));
    expect(ids(byMember)).toEqual([groupId]);
    expect(expectListResponse(await scim('GET', filterQuery('Groups', `members.value eq "${u.bob.id}"`)))).toEqual([]);
  });

  it.each([
    'nope eq "x"',
    'userName eq',
    '((userName eq "x")',
    'userName zz "x"',
    'userName eq "unterminated',
    'password eq "secret"',
    'emails[type eq "work"',
    'name eq "x"',
    'active gt true',
    'meta.created gt "last tuesday"',
    'userName eq "a" and',
    'urn:ietf:params:scim:schemas:extension:nope:2.0:User:x eq 1',
  ])('answers 400 invalidFilter for %s, never an empty list', async (filter) => {
    expectScimError(await scim('GET', filterQuery('Users', filter)), 400, 'invalidFilter');
  });
});

describe('ETags', () => {
  it('sends ETag = meta.version, answers If-None-Match with 304 and stale If-Match with 412', async () => {
    const created = await scim('POST', '/Users', { body: { schemas: [URN.User], userName: uniqueUserName('etag') } });
    expectStatus(created, 201);
    expect(created.headers.get('etag')).toBe('W/"1"');
    expect((created.body as Json).meta.version).toBe('W/"1"');
    const user = await createUser();
    const got = await scim('GET', `/Users/${user.id}`);
    expectStatus(got, 200);
    const etag = got.headers.get('etag')!;
    expect(etag).toBe((got.body as Json).meta.version);
    const notModified = await scim('GET', `/Users/${user.id}`, { headers: { 'If-None-Match': etag } });
    expect(notModified.status).toBe(304);
    expect(notModified.text).toBe('');
    expectStatus(await scim('GET', `/Users/${user.id}`, { headers: { 'If-None-Match': 'W/"999999"' } }), 200);

    const patched = await scim('PATCH', `/Users/${user.id}`, { headers: { 'If-Match': etag }, body: patchOp({ op: 'replace', path: 'title', value: 'v2' }) });
    expectStatus(patched, 200);
    const newTag = patched.headers.get('etag')!;
    expect(newTag).not.toBe(etag);
    expect((patched.body as Json).meta.version).toBe(newTag);

    const stale = await scim('PATCH', `/Users/${user.id}`, { headers: { 'If-Match': etag }, body: patchOp({ op: 'replace', path: 'title', value: 'lost' }) });
    expectScimError(stale, 412);
    expectScimError(await scim('PUT', `/Users/${user.id}`, { headers: { 'If-Match': etag }, body: { ...user, title: 'lost' } }), 412);
    expectScimError(await scim('DELETE', `/Users/${user.id}`, { headers: { 'If-Match': etag } }), 412);
    expect((await getResource(`/Users/${user.id}`)).title).toBe('v2');
    expectStatus(await scim('PUT', `/Users/${user.id}`, { headers: { 'If-Match': '*' }, body: { ...user, title: 'v3' } }), 200);

    const group = await createGroup();
    const gTag = (await scim('GET', `/Groups/${group.id}`)).headers.get('etag')!;
    expect(gTag).toBe(group.meta.version);
    await scim('PATCH', `/Groups/${group.id}`, { body: patchOp({ op: 'replace', path: 'displayName', value: unique('Renamed ') }) });
    expectScimError(await scim('DELETE', `/Groups/${group.id}`, { headers: { 'If-Match': gTag } }), 412);
    expectStatus(await scim('DELETE', `/Groups/${group.id}`), 204);
  });
});

describe('routing and media types', () => {
  it('routes a trailing slash the same, without a redirect', async () => {
    const user = await createUser();
    const list = await scim('GET', `/Users/?filter=${encodeURIComponent(`userName eq "${user.userName}"`)}`);
    expect(list.redirected).toBe(false);
    expect(ids(expectListResponse(list))).toEqual([user.id]);
    const one = await scim('GET', `/Users/${user.id}/`);
    expect(one.redirected).toBe(false);
    expectStatus(one, 200);
    expectUserResource(one.body as Json, user.id);
    const created = await scim('POST', '/Users/', { body: { schemas: [URN.User], userName: uniqueUserName('slash') } });
    expect(created.redirected).toBe(false);
    expectStatus(created, 201);
    expect(((await scim('GET', '/Groups/')).body as Json).schemas).toEqual([URN.ListResponse]);
    expectStatus(await scim('GET', '/ServiceProviderConfig/'), 200);
    // Entra's Tenant URL may carry its flag: unknown query parameters are ignored everywhere.
    expectStatus(await scim('GET', `/Users/${user.id}?aadOptscim062020&foo=bar`), 200);
  });

  it.each(['/Nope', '/Users/abc/def', '/Bulk', '/Me', '', '/', '/Users/..%2F..%2Fapi%2Fhealth'])('answers an unknown endpoint %s with a SCIM 404', async (path) => {
    const res = await scim('GET', path);
    expect(res.redirected).toBe(false);
    expectScimError(res, 404);
  });

  it.each([
    ['DELETE', '/Users'],
    ['PUT', '/Users'],
    ['PATCH', '/Groups'],
    ['POST', '/ServiceProviderConfig'],
    ['DELETE', '/Schemas'],
    ['PUT', `/Schemas/${URN.User}`],
    ['PATCH', '/ResourceTypes/User'],
  ])('answers %s %s with a SCIM 405 and an Allow header', async (method, path) => {
    const res = await scim(method, path, method === 'DELETE' ? {} : { body: {} });
    expectScimError(res, 405);
    expect(res.headers.get('allow') ?? '').toMatch(/GET/);
  });

  it('answers POST on a single resource with 405', async () => {
    const user = await createUser();
    const res = await scim('POST', `/Users/${user.id}`, { body: {} });
    expectScimError(res, 405);
    expect(res.headers.get('allow')).toBe('GET, PUT, PATCH, DELETE');
  });

  it('accepts application/scim+json and application/json bodies and always answers application/scim+json', async () => {
    for (const type of ['application/scim+json', 'application/scim+json; charset=utf-8', 'application/json', 'application/json; charset=UTF-8']) {
      const res = await scim('POST', '/Users', { headers: { 'Content-Type': type }, body: { schemas: [URN.User], userName: uniqueUserName('ct') } });
      expectStatus(res, 201);
      expectScimContentType(res);
    }
    // A bodiless GET that carries a Content-Type (Okta's SPEC suite) is fine.
    expectStatus(await scim('GET', '/Users?count=1', { headers: { 'Content-Type': 'application/scim+json; charset=utf-8' } }), 200);
    expectScimContentType(await scim('GET', '/Schemas'));
  });
});

describe('authentication', () => {
  const users = '/Users?count=1';

  it('refuses missing and wrong credentials with a 401 SCIM error', async () => {
    for (const authorization of [undefined, 'Bearer', 'Bearer garbage', 'Basic dXNlcjpwYXNz', `Bearer ${inject('token')}x`, 'non-token']) {
      const res = await scim('GET', users, authorization === undefined ? { token: null } : { authorization });
      expectScimError(res, 401);
      expect(res.headers.get('www-authenticate') ?? '').toMatch(/^Bearer/);
    }
    // Every endpoint is protected, the unknown ones too.
    expectScimError(await scim('GET', '/ServiceProviderConfig', { token: null }), 401);
    expectScimError(await scim('GET', '/Nope', { token: null }), 401);
  });

  it('accepts the bare token and any case of the Bearer scheme', async () => {
    const token = inject('token');
    for (const authorization of [token, `bearer ${token}`, `BEARER ${token}`, `Bearer   ${token}  `]) {
      expectStatus(await scim('GET', users, { authorization }), 200);
    }
  });

  it.skipIf(!isPostgres())('refuses a revoked token on the very next request (PostgreSQL only: CLI beside the server)', async () => {
    const spare = inject('spareToken');
    expectStatus(await scim('GET', users, { token: spare }), 200);
    const line = (await cli(['token', 'list'])).split('\n').find((l) => /\bspare token\b/.test(l));
    const id = line?.match(/^[0-9a-f-]{36}/)?.[0];
    expect(id).toBeDefined();
    await cli(['token', 'revoke', id!]);
    const res = await scim('GET', users, { token: spare });
    expect(expectScimError(res, 401).detail).toMatch(/revoked/i);
    expectStatus(await scim('GET', users), 200); // the other token still works
  });

  it.skipIf(!isPostgres())('refuses an expired token (PostgreSQL only: CLI and SQL beside the server)', async () => {
    const label = unique('expiring ');
    const token = (await cli(['token', 'create', '--label', label, '--expires-days', '7'])).trim().split('\n').pop()!.trim();
    expectStatus(await scim('GET', users, { token }), 200);
    await sqlQuery(`UPDATE infra_tokens SET expires_at = now() - interval '1 second' WHERE label = $1`, [label]);
    expect(expectScimError(await scim('GET', users, { token }), 401).detail).toMatch(/expired/i);
  });

  it.skipIf(!isPostgres())('answers 403 "SCIM is off" while SCIM Provisioning is disabled (PostgreSQL only: CLI beside the server)', async () => {
    await cli(['scim', 'disable']);
    try {
      for (const path of [users, '/Groups', '/ServiceProviderConfig']) {
        expect(expectScimError(await scim('GET', path), 403).detail).toMatch(/SCIM Provisioning is turned off/);
      }
      // Credentials are still checked first.
      expectScimError(await scim('GET', users, { token: null }), 401);
    } finally {
      await cli(['scim', 'enable']);
    }
    expectStatus(await scim('GET', users), 200);
  });
});

describe.skipIf(!isPostgres())('local accounts and the activity log (PostgreSQL only: CLI and SQL beside the server)', () => {
  it('lists SCIM users before local admins, and never deactivates or deletes the last active admin', async () => {
    const email = uniqueUserName('admin');
    await cli(['admin', 'create', '--email', email, '--name', 'Solo'], 'correct horse battery staple 42');
    const later = await createUser();
    const [admin] = expectListResponse(await scim('GET', filterQuery('Users', `userName eq "${email}"`)));
    expect(admin).toMatchObject({ userName: email, active: true });
    // Without sortBy, SCIM-provisioned users (even newer ones) come first.
    const all: string[] = [];
    const total = (await getResource('/Users?count=0')).totalResults as number;
    for (let start = 1; start <= total; start += 100) all.push(...ids(expectListResponse(await scim('GET', `/Users?startIndex=${start}&count=100`))));
    expect(all.indexOf(later.id)).toBeLessThan(all.indexOf(admin.id));
    expect(all.indexOf(admin.id)).toBe(all.length - 1);

    const off = await scim('PATCH', `/Users/${admin.id}`, { body: patchOp({ op: 'replace', value: { active: false } }) });
    expect(expectScimError(off, 403).detail).toMatch(/last active admin/);
    expectScimError(await scim('DELETE', `/Users/${admin.id}`), 403);
    expect((await getResource(`/Users/${admin.id}`)).active).toBe(true);
    const rows = await eventually(async () => {
      const r = await sqlQuery(`SELECT status, method FROM activity_log WHERE resource_id = $1 AND status = 403`, [admin.id]);
      expect(r.length).toBe(2);
      return r;
    });
    expect(rows.map((r) => r.method).sort()).toEqual(['DELETE', 'PATCH']);
  });

  it('records last use of a token, and a deactivation stamps the user so sessions issued before it are dead', async () => {
    const [token] = await eventually(async () => {
      const r = await sqlQuery<{ last_used_at: Date | null }>(`SELECT last_used_at FROM infra_tokens WHERE label = 'integration tests'`);
      expect(r[0].last_used_at).not.toBeNull();
      return r;
    });
    expect(Date.now() - new Date(token.last_used_at!).getTime()).toBeLessThan(30 * 60_000);
    const user = await createUser();
    await scim('PATCH', `/Users/${user.id}`, { body: patchOp({ op: 'replace', value: { active: false } }) });
    const [off] = await sqlQuery(`SELECT active, deactivated_at, sessions_valid_after FROM users WHERE id = $1`, [user.id]);
    expect(off.active).toBe(false);
    expect(off.deactivated_at).not.toBeNull();
    expect(off.sessions_valid_after).not.toBeNull();
    await scim('PATCH', `/Users/${user.id}`, { body: patchOp({ op: 'replace', value: { active: true } }) });
    const [on] = await sqlQuery(`SELECT active, deactivated_at, sessions_valid_after FROM users WHERE id = $1`, [user.id]);
    expect(on.active).toBe(true);
    expect(on.deactivated_at).toBeNull();
    // Old sessions stay dead after reactivation.
    expect(on.sessions_valid_after).toEqual(off.sessions_valid_after);
  });

  it('keeps a deleted user in the activity log', async () => {
    const user = await createUser();
    expectStatus(await scim('DELETE', `/Users/${user.id}`), 204);
    const rows = await eventually(async () => {
      const r = await sqlQuery(`SELECT action, status, resource_name, summary FROM activity_log WHERE resource_id = $1 ORDER BY created_at`, [user.id]);
      expect(r.map((x) => x.action)).toEqual(['user.create', 'user.delete']);
      return r;
    });
    expect(rows[1]).toMatchObject({ status: 204, resource_name: user.userName });
    expect(rows[1].summary).toMatch(/Deleted user/);
  });

  it('records each SCIM request with token label, status and the attributes it ignored', async () => {
    const res = await scim('POST', '/Users', { body: { schemas: [URN.User], userName: uniqueUserName('log'), favouriteColour: 'green' } });
    expectStatus(res, 201);
    const id = (res.body as Json).id;
    const [row] = await eventually(async () => {
      const r = await sqlQuery(`SELECT status, method, path, token_label, details FROM activity_log WHERE resource_id = $1`, [id]);
      expect(r.length).toBe(1);
      return r;
    });
    expect(row).toMatchObject({ status: 201, method: 'POST', path: '/scim/v2/Users', token_label: 'integration tests' });
    expect(row.details.ignored).toContain('favouriteColour');
  });
});
