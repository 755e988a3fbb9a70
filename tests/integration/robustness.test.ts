/**
 * Bad input over HTTP: every malformed, oversized, hostile or oddly typed
 * request gets a clean 4xx SCIM error (never a 500, never a hang), nothing
 * leaks onto Object.prototype, and a failed write leaves nothing half-written.
 */
import { describe, expect, inject, it } from 'vitest';
import { expectListResponse, expectScimError, expectStatus } from './support/assertions';
import { URN } from './support/constants';
import { createGroup, createUser, filterQuery, getResource, memberIdsOf, patchOp, uniqueUserName } from './support/fixtures';
import { scim } from './support/scim-client';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const MiB = 1024 * 1024;
const raw = (method: string, path: string, rawBody: string, contentType = 'application/scim+json') =>
  scim(method, path, { rawBody, headers: { 'Content-Type': contentType } });

describe('malformed bodies', () => {
  it.each([
    ['truncated JSON', '{"userName": '],
    ['Postman garbage', '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"x","acve": tre}'],
    ['trailing comma', '{"userName": "x",}'],
    ['single quotes', "{'userName': 'x'}"],
    ['not JSON at all', 'userName=x'],
    ['a BOM and garbage', '\uFEFF{{'],
  ])('answers %s with 400 invalidSyntax', async (_label, body) => {
    expectScimError(await raw('POST', '/Users', body), 400, 'invalidSyntax');
  });

  it.each([
    ['an array', '[{"userName":"x"}]'],
    ['a string', '"userName"'],
    ['null', 'null'],
    ['a number', '42'],
  ])('answers a body that is %s with 400', async (_label, body) => {
    expectScimError(await raw('POST', '/Users', body), 400);
    expectScimError(await raw('POST', '/Groups', body), 400);
  });

  it('answers an empty body with 400 on POST, PUT and PATCH', async () => {
    const user = await createUser();
    for (const [method, path] of [['POST', '/Users'], ['PUT', `/Users/${user.id}`], ['PATCH', `/Users/${user.id}`], ['POST', '/Users/.search']]) {
      expectScimError(await raw(method, path, ''), 400, 'invalidSyntax');
      expectScimError(await raw(method, path, '   \n'), 400, 'invalidSyntax');
    }
  });

  it.each([
    ['text/plain', 'text/plain'],
    ['XML', 'application/xml'],
    ['a form', 'application/x-www-form-urlencoded'],
    ['multipart', 'multipart/form-data; boundary=x'],
  ])('answers a %s body with 415', async (_label, type) => {
    const user = await createUser();
    const body = JSON.stringify({ schemas: [URN.User], userName: uniqueUserName('ct') });
    expectScimError(await raw('POST', '/Users', body, type), 415);
    expectScimError(await raw('PATCH', `/Users/${user.id}`, JSON.stringify(patchOp({ op: 'replace', path: 'title', value: 'x' })), type), 415);
    expect((await getResource(`/Users/${user.id}`)).title).toBeUndefined();
  });
});

describe('wrong types', () => {
  it.each([
    ['userName as an object', { userName: { value: 'x' } }],
    ['no userName', { userName: undefined, name: { givenName: 'No', familyName: 'Name' } }],
    ['an empty userName', { userName: '' }],
    ['active as a word', { active: 'maybe' }],
    ['name as a string', { name: 'Just A String' }],
    ['emails[0].primary as a word', { emails: [{ value: 'a@b.c', primary: 'sometimes' }] }],
    ['a custom integer that is text', { 'urn:ietf:params:scim:schemas:extension:rosterit:2.0:User': { badgeNumber: 'seven' } }],
    ['an extension that is not an object', { [URN.Enterprise]: 'Sales' }],
    ['two values for a single-valued complex attribute', { name: [{ givenName: 'A' }, { givenName: 'B' }] }],
  ])('answers a POST with %s with 400', async (_label, extra) => {
    const body = { schemas: [URN.User], userName: uniqueUserName('type'), ...extra };
    expectScimError(await scim('POST', '/Users', { body }), 400);
  });

  it.each([
    ['no Operations', { schemas: [URN.PatchOp] }],
    ['Operations as an object', { Operations: { op: 'replace', path: 'title', value: 'x' } }],
    ['an unknown op', { Operations: [{ op: 'move', path: 'title', value: 'x' }] }],
    ['a numeric path', { Operations: [{ op: 'replace', path: 42, value: 'x' }] }],
    ['a path that does not parse', { Operations: [{ op: 'replace', path: 'emails[type eq', value: 'x' }] }],
    ['remove without a path', { Operations: [{ op: 'remove' }] }],
    ['a path-less replace with a string value', { Operations: [{ op: 'replace', value: 'x' }] }],
    ['active as an object', { Operations: [{ op: 'replace', path: 'active', value: { yes: true } }] }],
    ['an operation that is a string', { Operations: ['replace title'] }],
    ['1001 operations', { Operations: Array.from({ length: 1001 }, () => ({ op: 'replace', path: 'title', value: 'x' })) }],
  ])('answers a PATCH with %s with 400 and changes nothing', async (_label, body) => {
    const user = await createUser({ title: 'Before' });
    expectScimError(await scim('PATCH', `/Users/${user.id}`, { body }), 400);
    const after = await getResource(`/Users/${user.id}`);
    expect(after.title).toBe('Before');
    expect(after.meta.version).toBe(user.meta.version);
  });

  it.each(['count=1e400', 'count=ten', 'startIndex=1e30', 'startIndex=99999999999999999999', 'sortOrder=up', 'count=1&count=x'])(
    'answers list parameters %s with 400 invalidValue or a valid page',
    async (query) => {
      const res = await scim('GET', `/Users?${query}`);
      if (res.status === 200) {
        const body = res.body as Json;
        expect(Number.isSafeInteger(body.startIndex)).toBe(true);
        expectListResponse(res);
      } else expectScimError(res, 400, 'invalidValue');
    },
  );
});

describe('oversized and deeply nested input', () => {
  it('answers a body over 1 MiB with 413, with or without Content-Length', async () => {
    const big = JSON.stringify({ schemas: [URN.User], userName: uniqueUserName('big'), title: 'x'.repeat(MiB + 10) });
    expectScimError(await raw('POST', '/Users', big), 413);
    // Streamed (chunked, no Content-Length): the cap holds while reading.
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) controller.enqueue(new TextEncoder().encode('{"userName":"stream","title":"'));
        if (sent > 2 * MiB) {
          controller.enqueue(new TextEncoder().encode('"}'));
          controller.close();
          return;
        }
        controller.enqueue(chunk);
        sent += chunk.byteLength;
      },
    });
    // The server answers 413 and stops reading; the client may see that answer, or
    // (still uploading) a reset connection. Either way: no hang, nothing stored.
    const res = await fetch(`${inject('scimBase')}/Users`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${inject('token')}`, 'Content-Type': 'application/scim+json' },
      body: stream,
      duplex: 'half',
      signal: AbortSignal.timeout(20_000),
    } as RequestInit).catch((err: Error) => err);
    if (res instanceof Response) {
      expect(res.status).toBe(413);
      expect(res.headers.get('content-type')).toMatch(/^application\/scim\+json/);
      expect(((await res.json()) as Json).status).toBe('413');
    } else {
      expect(String((res.cause as { code?: string } | undefined)?.code ?? res.message)).toMatch(/ECONNRESET|EPIPE|other side closed|fetch failed/);
    }
    expectListResponse(await scim('GET', filterQuery('Users', 'userName eq "stream"')), { total: 0 });
  });

  it('accepts a body just under 1 MiB', async () => {
    const body = JSON.stringify({ schemas: [URN.User], userName: uniqueUserName('near'), title: 'y'.repeat(MiB - 200) });
    const res = await raw('POST', '/Users', body);
    expectStatus(res, 201);
    expect((res.body as Json).title).toHaveLength(MiB - 200);
  });

  it('answers values too long to index (userName, names, emails, externalId, group displayName) with 400, never 500', async () => {
    // Random text does not compress: 9000 characters overflow PostgreSQL's 2704-byte btree entries.
    const long = () => Array.from({ length: 9000 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');
    for (const extra of [
      { userName: `${long()}@example.com` },
      { displayName: long() },
      { externalId: long() },
      { name: { givenName: 'A', familyName: long() } },
      { emails: [{ value: `${long()}@example.com`, type: 'work' }] },
    ]) {
      const res = await scim('POST', '/Users', { body: { schemas: [URN.User], userName: uniqueUserName('long'), ...extra } });
      expect(expectScimError(res, 400, 'invalidValue').detail).toMatch(/too long/);
    }
    const user = await createUser();
    expectScimError(await scim('PATCH', `/Users/${user.id}`, { body: patchOp({ op: 'replace', path: 'name.givenName', value: long() }) }), 400, 'invalidValue');
    expectScimError(await scim('PUT', `/Users/${user.id}`, { body: { ...user, displayName: long() } }), 400, 'invalidValue');
    expectScimError(await scim('POST', '/Groups', { body: { schemas: [URN.Group], displayName: long() } }), 400, 'invalidValue');
    const group = await createGroup();
    expectScimError(await scim('PATCH', `/Groups/${group.id}`, { body: patchOp({ op: 'replace', path: 'displayName', value: long() }) }), 400, 'invalidValue');
    // Long values of attributes that are not indexed are fine, and so is a long-ish userName.
    expectStatus(await scim('POST', '/Users', { body: { schemas: [URN.User], userName: `${'u'.repeat(900)}${uniqueUserName('ok')}`, title: long() } }), 201);
  });

  it('answers deeply nested JSON with 400, never a stack overflow', async () => {
    for (const depth of [100, 5_000, 100_000]) {
      const nested = `{"schemas":["${URN.User}"],"userName":"deep","name":${'['.repeat(depth)}${']'.repeat(depth)}}`;
      expectScimError(await raw('POST', '/Users', nested), 400);
      const patch = `{"Operations":[{"op":"add","path":"title","value":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}]}`;
      const user = await createUser();
      expectScimError(await raw('PATCH', `/Users/${user.id}`, patch), 400);
    }
  });

  it('answers a 20 KB filter with 400 invalidFilter, in /.search and in the URL', async () => {
    const filter = Array.from({ length: 700 }, (_, i) => `userName eq "user-${i}@example.com"`).join(' or ');
    expect(filter.length).toBeGreaterThan(20_000);
    expectScimError(await scim('POST', '/Users/.search', { body: { schemas: [URN.SearchRequest], filter } }), 400, 'invalidFilter');
    // The server runs with a 64 KB header limit (npm run serve), so the URL form reaches SCIM too.
    expectScimError(await scim('GET', filterQuery('Users', filter)), 400, 'invalidFilter');
    // Within the URL limit, too many comparisons are a SCIM 400.
    const many = Array.from({ length: 150 }, (_, i) => `title eq "${i}"`).join(' or ');
    expectScimError(await scim('GET', filterQuery('Users', many)), 400, 'invalidFilter');
    const nestedParens = `${'('.repeat(200)}userName pr${')'.repeat(200)}`;
    expectScimError(await scim('GET', filterQuery('Users', nestedParens)), 400, 'invalidFilter');
  });
});

describe('hostile keys', () => {
  it('never lets __proto__ / constructor / prototype keys reach Object.prototype or the stored resource', async () => {
    const userName = uniqueUserName('proto');
    const body = `{"schemas":["${URN.User}"],"userName":"${userName}",
      "__proto__":{"polluted":"yes","active":false},
      "constructor":{"prototype":{"polluted":"yes"}},
      "prototype":{"polluted":"yes"},
      "name":{"__proto__":{"givenName":"Proto"},"familyName":"Safe","constructor":"x"},
      "emails":[{"value":"${userName}","__proto__":{"primary":true}}],
      "${URN.Enterprise}":{"__proto__":{"department":"Evil"},"department":"Good"}}`;
    const res = await raw('POST', '/Users', body);
    expect([201, 400]).toContain(res.status);
    if (res.status === 201) {
      const created = res.body as Json;
      expect(created.active).toBe(true);
      expect(created.name).toEqual({ familyName: 'Safe' });
      expect(created.emails).toEqual([{ value: userName }]);
      expect(created[URN.Enterprise]).toEqual({ department: 'Good' });
      expect(res.text).not.toContain('polluted');
      const patch = `{"Operations":[{"op":"replace","value":{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"title":"ok"}},
        {"op":"add","path":"__proto__","value":{"polluted":"yes"}},{"op":"replace","path":"constructor.prototype","value":"yes"}]}`;
      const patched = await raw('PATCH', `/Users/${created.id}`, patch);
      expect([200, 204, 400]).toContain(patched.status);
      expect(patched.text).not.toContain('polluted');
    } else expectScimError(res, 400);

    // Filters and projections naming them are ordinary unknown attributes.
    for (const name of ['__proto__', 'constructor', 'constructor.prototype', 'toString']) {
      expectScimError(await scim('GET', filterQuery('Users', `${name} eq "x"`)), 400, 'invalidFilter');
      expectStatus(await scim('GET', `/Users?count=1&attributes=${name}`), 200);
    }
    expectScimError(await scim('POST', '/Users/.search', { rawBody: '{"__proto__":{"filter":"userName pr"},"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],"count":"x"}', headers: { 'Content-Type': 'application/scim+json' } }), 400);

    // No effect on later responses: a plain new user carries nothing it was not sent.
    const plain = await scim('POST', '/Users', { body: { schemas: [URN.User], userName: uniqueUserName('after') } });
    expectStatus(plain, 201);
    expect(Object.keys(plain.body as Json).sort()).toEqual(['active', 'displayName', 'id', 'meta', 'schemas', 'userName']);
    expect(plain.text).not.toContain('polluted');
    const list = await scim('GET', '/Users?count=5');
    expect(list.text).not.toContain('polluted');
    expect((list.body as Json).Resources.every((r: Json) => !('polluted' in r))).toBe(true);
  });
});

describe('control characters and U+0000', () => {
  it('stores control characters (other than U+0000) exactly and refuses U+0000 with 400', async () => {
    const weird = 'tab\there\nnewline \u0001\u001f bell\u0007 \u2028 emoji 🚀 é';
    const user = await createUser({ title: weird, nickName: 'Zero\u200bWidth' });
    expect(user.title).toBe(weird);
    expect((await getResource(`/Users/${user.id}`)).title).toBe(weird);
    const found = expectListResponse(await scim('GET', filterQuery('Users', `title eq "${weird.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\t/g, '\\t')}" and id eq "${user.id}"`)));
    expect(found.map((u) => u.id)).toEqual([user.id]);

    for (const body of [
      { schemas: [URN.User], userName: `nul\u0000${uniqueUserName()}` },
      { schemas: [URN.User], userName: uniqueUserName('nul'), title: 'a\u0000b' },
      { schemas: [URN.User], userName: uniqueUserName('nul'), [URN.Enterprise]: { department: '\u0000' } },
      { schemas: [URN.User], userName: uniqueUserName('nul'), emails: [{ value: 'x@y.z', type: 'wo\u0000rk' }] },
    ]) {
      expectScimError(await scim('POST', '/Users', { body }), 400, 'invalidValue');
    }
    expectScimError(await scim('PATCH', `/Users/${user.id}`, { body: patchOp({ op: 'replace', path: 'title', value: '\u0000' }) }), 400);
    const group = await createGroup();
    expectScimError(await scim('PATCH', `/Groups/${group.id}`, { body: patchOp({ op: 'add', path: 'members', value: [{ value: `${user.id}\u0000` }] }) }), 400);
    expect((await getResource(`/Users/${user.id}`)).title).toBe(weird);
  });

  it('ignores U+0000 in an unknown attribute name instead of failing', async () => {
    const res = await scim('POST', '/Users', { body: { schemas: [URN.User], userName: uniqueUserName('key'), 'fav\u0000ourite': 'x' } });
    expectStatus(res, 201);
  });

  it('answers U+0000 in a filter, a path or an id with a 4xx, never 500', async () => {
    expectScimError(await scim('GET', '/Users?filter=userName%20eq%20%22a%00b%22'), 400, 'invalidFilter');
    expectScimError(await scim('GET', filterQuery('Users', 'userName eq "a\\u0000b"')), 400, 'invalidFilter');
    expectScimError(await scim('GET', filterQuery('Users', 'title co "\u0000"')), 400, 'invalidFilter');
    expectScimError(await scim('GET', '/Users/%00'), 404);
    expectScimError(await scim('GET', '/Groups/abc%00def'), 404);
    const user = await createUser();
    const res = await scim('PATCH', `/Users/${user.id}`, { body: patchOp({ op: 'replace', path: 'emails[type eq "wo\\u0000rk"].value', value: 'x@y.z' }) });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });

  it('answers text that is not valid Unicode (lone surrogates) with 400, never 500', async () => {
    const lone = (value: string) => `{"schemas":["${URN.User}"],"userName":"${uniqueUserName('sur')}","title":"${value}"}`;
    expectScimError(await raw('POST', '/Users', lone('a\\ud800b')), 400, 'invalidValue');
    expectScimError(await raw('POST', '/Users', lone('\\udc00')), 400, 'invalidValue');
    expectScimError(await raw('POST', '/Users', `{"userName":"x\\ud800@example.com"}`), 400, 'invalidValue');
    const user = await createUser();
    expectScimError(await raw('PATCH', `/Users/${user.id}`, '{"Operations":[{"op":"replace","value":{"displayName":"\\ud83d"}}]}'), 400, 'invalidValue');
    expectStatus(await raw('POST', '/Users', `{"userName":"${uniqueUserName('key')}","fav\\ud800":"x"}`), 201);
    const filtered = await scim('GET', filterQuery('Users', 'title eq "\\ud800"'));
    expect([200, 400]).toContain(filtered.status);
    if (filtered.status === 200) expectListResponse(filtered, { total: 0 });
    // A well-formed pair is fine.
    const ok = await raw('POST', '/Users', lone('rocket \\ud83d\\ude80'));
    expectStatus(ok, 201);
    expect((ok.body as Json).title).toBe('rocket 🚀');
  });
});

describe('atomicity: a failed write leaves nothing half-written', () => {
  it('applies no operation of a user PATCH when a later one fails', async () => {
    const user = await createUser({ title: 'Before', nickName: 'Nick' });
    const res = await scim('PATCH', `/Users/${user.id}`, {
      body: patchOp(
        { op: 'replace', path: 'title', value: 'After' },
        { op: 'remove', path: 'nickName' },
        { op: 'add', path: 'emails', value: [{ value: 'second@example.com', type: 'home' }] },
        { op: 'replace', path: 'active', value: 'maybe' },
      ),
    });
    expectScimError(res, 400, 'invalidValue');
    const after = await getResource(`/Users/${user.id}`);
    expect(after).toMatchObject({ title: 'Before', nickName: 'Nick', active: true, emails: user.emails });
    expect(after.meta.version).toBe(user.meta.version);
    // Removing a required attribute fails the whole request too.
    expectScimError(await scim('PATCH', `/Users/${user.id}`, { body: patchOp({ op: 'replace', path: 'title', value: 'After' }, { op: 'remove', path: 'userName' }) }), 400);
    expect((await getResource(`/Users/${user.id}`)).title).toBe('Before');
  });

  it('rolls back a userName change that collides (409) with everything else in the request', async () => {
    const a = await createUser({ title: 'A' });
    const b = await createUser();
    const res = await scim('PATCH', `/Users/${a.id}`, { body: patchOp({ op: 'replace', path: 'title', value: 'Changed' }, { op: 'replace', path: 'userName', value: b.userName.toUpperCase() }) });
    expectScimError(res, 409, 'uniqueness');
    expect(await getResource(`/Users/${a.id}`)).toMatchObject({ title: 'A', userName: a.userName });
    const put = await scim('PUT', `/Users/${a.id}`, { body: { ...a, userName: b.userName, title: 'Changed' } });
    expectScimError(put, 409, 'uniqueness');
    expect((await getResource(`/Users/${a.id}`)).title).toBe('A');
  });

  it('applies no membership change of a group PATCH when another operation fails', async () => {
    const [m1, m2] = [await createUser(), await createUser()];
    const group = await createGroup([m1.id]);
    const other = await createGroup();
    const bad = await scim('PATCH', `/Groups/${group.id}`, {
      body: patchOp(
        { op: 'add', path: 'members', value: [{ value: m2.id }] },
        { op: 'remove', path: `members[value eq "${m1.id}"]` },
        { op: 'replace', path: 'displayName', value: other.displayName.toLowerCase() },
      ),
    });
    expectScimError(bad, 409, 'uniqueness');
    expect(await memberIdsOf(group.id)).toEqual([m1.id]);
    expect((await getResource(`/Groups/${group.id}`)).displayName).toBe(group.displayName);

    const invalid = await scim('PATCH', `/Groups/${group.id}`, {
      body: patchOp({ op: 'add', path: 'members', value: [{ value: m2.id }] }, { op: 'add', path: 'members[value eq "x"]', value: [{ value: m2.id }] }),
    });
    expectScimError(invalid, 400);
    expect(await memberIdsOf(group.id)).toEqual([m1.id]);
  });

  it('creates nothing when a group POST fails', async () => {
    const member = await createUser();
    const existing = await createGroup();
    const res = await scim('POST', '/Groups', { body: { schemas: [URN.Group], displayName: existing.displayName.toUpperCase(), members: [{ value: member.id }] } });
    expectScimError(res, 409, 'uniqueness');
    expect((await getResource(`/Users/${member.id}`)).groups ?? []).toEqual([]);
    expectScimError(await scim('POST', '/Groups', { body: { schemas: [URN.Group], members: [{ value: member.id }] } }), 400);
    expect((await getResource(`/Users/${member.id}`)).groups ?? []).toEqual([]);
  });
});
