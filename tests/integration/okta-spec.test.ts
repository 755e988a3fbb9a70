/**
 * Okta's SCIM 2.0 SPEC test (Runscope export Okta-SCIM-20-SPEC-Test.json),
 * all 12 request steps in order, with the headers, bodies and assertions of
 * the export (okta.md §2) and the variables of its Initial Script. The
 * precondition ("create at least one user first") is met by the global
 * set-up, which seeds a realistic user before any test file runs; the
 * Runscope pauses are skipped.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { expectScimContentType } from './support/assertions';
import { URN } from './support/constants';
import { getResource } from './support/fixtures';
import { scim, type ScimResponse } from './support/scim-client';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const digits = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join('');
const lowers = (n: number) => Array.from({ length: n }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');

/** Initial_Script_Spec.txt */
const randomGivenName = `Runscope${digits(3)}`;
const randomFamilyName = `${String.fromCharCode(65 + Math.floor(Math.random() * 26))}${lowers(8)}${digits(3)}`;
const randomEmail = `${randomGivenName}${randomFamilyName}@atko.com`;
const randomUsername = randomEmail;
const randomUsernameCaps = randomEmail.toUpperCase();
const InvalidUserEmail = 'abcdefgh@atko.com';
const UserIdThatDoesNotExist = '010101001010101011001010101011';

/** Runscope's `not_empty`: present and not "" / [] / {} (booleans count). */
function notEmpty(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

const GET_HEADERS = {
  'Accept-Charset': 'utf-8',
  'Content-Type': 'application/scim+json; charset=utf-8',
  Accept: 'application/scim+json',
  'User-Agent': 'OKTA SCIM Integration',
};
const POST_HEADERS = { 'Content-Type': 'application/json', Accept: 'application/scim+json; charset=utf-8' };

/** Runscope sends the filter with raw spaces and quotes; fetch percent-encodes them as a browser would. */
const get = (path: string, authorization?: string) =>
  scim<Json>('GET', path, { headers: GET_HEADERS, ...(authorization ? { authorization } : {}) });

const createBody = (email: string) => ({
  schemas: [URN.User],
  userName: randomUsername,
  name: { givenName: randomGivenName, familyName: randomFamilyName },
  emails: [{ primary: true, value: email, type: 'work' }],
  displayName: `${randomGivenName} ${randomFamilyName}`,
  active: true,
});

function expectErrorShape(res: ScimResponse<Json>, status: number) {
  expect(res.status).toBe(status);
  expectScimContentType(res);
  expect(notEmpty(res.body.detail)).toBe(true);
  expect(String(res.body.status)).toBe(String(status));
  expect(res.body.schemas).toContain(URN.Error);
}

describe('Okta SCIM 2.0 SPEC test', () => {
  let ISVUserid = '';
  let idUserOne = '';

  beforeAll(async () => {
    // Precondition: at least one realistic user exists (seeded by the global set-up).
    const users = await getResource('/Users?count=1');
    expect(users.totalResults).toBeGreaterThanOrEqual(1);
  });

  it('1. Required Test: Test Users endpoint (GET /Users?count=1&startIndex=1)', async () => {
    const res = await get('/Users?count=1&startIndex=1');
    expect(res.status).toBe(200);
    expectScimContentType(res);
    const b = res.body;
    expect(notEmpty(b.Resources)).toBe(true);
    expect(b.schemas).toContain(URN.ListResponse);
    expect(typeof b.itemsPerPage).toBe('number');
    expect(typeof b.startIndex).toBe('number');
    expect(typeof b.totalResults).toBe('number');
    const first = b.Resources[0];
    expect(notEmpty(first.id)).toBe(true);
    expect(notEmpty(first.name?.familyName)).toBe(true);
    expect(notEmpty(first.name?.givenName)).toBe(true);
    expect(notEmpty(first.userName)).toBe(true);
    expect(first.active).toBe(true);
    expect(notEmpty(first.emails?.[0]?.value)).toBe(true);
    ISVUserid = first.id;
  });

  it('2. Required Test: Get Users/{{id}}', async () => {
    const res = await get(`/Users/${ISVUserid}`);
    expect(res.status).toBe(200);
    expectScimContentType(res);
    const b = res.body;
    for (const value of [b.id, b.name?.familyName, b.name?.givenName, b.userName, b.active, b.emails?.[0]?.value]) {
      expect(notEmpty(value)).toBe(true);
    }
    expect(b.id).toBe(ISVUserid);
  });

  it('3. Required Test: Test invalid User by username', async () => {
    const res = await get(`/Users?filter=userName eq "${InvalidUserEmail}"`);
    expect(res.status).toBe(200);
    expect(res.body.schemas).toContain(URN.ListResponse);
    expect(String(res.body.totalResults)).toBe('0');
  });

  it('4. Required Test: Test invalid User by ID (a 30-digit id, not a UUID)', async () => {
    const res = await get(`/Users/${UserIdThatDoesNotExist}`);
    expect(res.status).toBe(404);
    expect(notEmpty(res.body.detail)).toBe(true);
    expect(res.body.schemas).toContain(URN.Error);
  });

  it("5. Required Test: Make sure random user doesn't exist", async () => {
    const res = await get(`/Users?filter=userName eq "${randomEmail}"`);
    expect(res.status).toBe(200);
    expect(res.body.totalResults).toBe(0);
    expect(res.body.schemas).toContain(URN.ListResponse);
  });

  it('6. Required Test: Create Okta user with realistic values', async () => {
    const res = await scim<Json>('POST', '/Users', { headers: POST_HEADERS, body: createBody(randomEmail) });
    expect(res.status).toBe(201);
    expectScimContentType(res);
    const b = res.body;
    expect(String(b.active)).toBe('true');
    expect(notEmpty(b.id)).toBe(true);
    expect(b.name.familyName).toBe(randomFamilyName);
    expect(b.name.givenName).toBe(randomGivenName);
    expect(b.schemas).toContain(URN.User);
    expect(b.userName).toBe(randomUsername); // exact case, as sent
    idUserOne = b.id;
    expect(b.emails[0].value).toBe(randomEmail);
  });

  it('7. Required Test: Verify that user was created', async () => {
    const res = await get(`/Users/${idUserOne}`);
    expect(res.status).toBe(200);
    expect(res.body.userName).toBe(randomUsername);
    expect(res.body.name.familyName).toBe(randomFamilyName);
    expect(res.body.name.givenName).toBe(randomGivenName);
  });

  it('8. Required Test: Expect failure when recreating user with same values', async () => {
    const res = await scim<Json>('POST', '/Users', { headers: POST_HEADERS, body: createBody(randomUsername) });
    expect(res.status).toBe(409);
    // Beyond the SPEC test: the RFC error envelope with scimType uniqueness (okta.md §1.3).
    expectErrorShape(res, 409);
    expect(res.body.scimType).toBe('uniqueness');
  });

  it('9. Required Test: Username Case Sensitivity Check', async () => {
    const res = await get(`/Users?filter=userName eq "${randomUsernameCaps}"`);
    expect(res.status).toBe(200);
    // The SPEC test stops at 200; userName is caseExact:false, so the upper-cased filter finds the user.
    expect(res.body.totalResults).toBe(1);
    expect(res.body.Resources[0].id).toBe(idUserOne);
    expect(res.body.Resources[0].userName).toBe(randomUsername);
  });

  it('10. Optional Test: Verify Groups endpoint', async () => {
    const started = performance.now();
    const res = await get('/Groups');
    const elapsed = performance.now() - started;
    expect(res.status).toBe(200);
    expect(elapsed).toBeLessThan(600);
    expect(typeof res.body.totalResults).toBe('number');
    if (res.body.totalResults !== 0) expect(Array.isArray(res.body.Resources)).toBe(true);
  });

  it('11. Required Test: Check status 401 (Authorization: non-token)', async () => {
    const res = await get(`/Users?filter=userName eq "${randomUsernameCaps}"`, 'non-token');
    expectErrorShape(res, 401);
    expect(res.body.status).toBe('401');
  });

  it('12. Required Test: Check status 404 (GET /Users/00919288221112222)', async () => {
    const res = await get('/Users/00919288221112222');
    expectErrorShape(res, 404);
    expect(res.body.status).toBe('404');
  });

  it('ran all 12 SPEC steps against one user id captured from the server', () => {
    expect(ISVUserid).not.toBe('');
    expect(idUserOne).not.toBe('');
    expect(idUserOne).not.toBe(ISVUserid);
    expect(inject('scimBase')).toMatch(/\/scim\/v2$/);
  });
});
