/** Assertions every suite makes about SCIM responses: status, media type and body shape. */
import { expect } from 'vitest';
import { URN } from './constants';
import type { ScimResponse } from './scim-client';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Every SCIM response with a body is application/scim+json (Entra's validator aborts otherwise). */
export function expectScimContentType(res: ScimResponse): void {
  expect(res.headers.get('content-type') ?? '', `content-type of ${res.status} ${res.text.slice(0, 200)}`).toMatch(/^application\/scim\+json\b/i);
}

/** The status, with the body in the failure message. */
export function expectStatus(res: ScimResponse, status: number): void {
  expect(res.status, `unexpected status; body: ${res.text.slice(0, 600)}`).toBe(status);
}

/** RFC 7644 §3.12 Error: schemas, status as a string equal to the HTTP code, detail, optional scimType. */
export function expectScimError(res: ScimResponse, status: number, scimType?: string): Json {
  expectStatus(res, status);
  expectScimContentType(res);
  const body = res.body as Json;
  expect(body, `error body: ${res.text.slice(0, 300)}`).toBeTypeOf('object');
  expect(body.schemas).toEqual([URN.Error]);
  expect(body.status).toBe(String(status));
  expect(typeof body.detail).toBe('string');
  expect(body.detail.length).toBeGreaterThan(0);
  if (scimType) expect(body.scimType).toBe(scimType);
  return body;
}

/** A ListResponse with integer paging fields and itemsPerPage = Resources.length. */
export function expectListResponse(res: ScimResponse, expected: { total?: number; startIndex?: number } = {}): Json[] {
  expectStatus(res, 200);
  expectScimContentType(res);
  const body = res.body as Json;
  expect(body.schemas).toEqual([URN.ListResponse]);
  expect(Number.isInteger(body.totalResults)).toBe(true);
  expect(Number.isInteger(body.startIndex)).toBe(true);
  expect(Number.isInteger(body.itemsPerPage)).toBe(true);
  expect(Array.isArray(body.Resources)).toBe(true);
  expect(body.itemsPerPage).toBe(body.Resources.length);
  if (expected.total !== undefined) expect(body.totalResults).toBe(expected.total);
  if (expected.startIndex !== undefined) expect(body.startIndex).toBe(expected.startIndex);
  return body.Resources as Json[];
}

/** A User resource as Okta and Entra read it back. */
export function expectUserResource(body: Json, id?: string): void {
  expect(body.schemas).toContain(URN.User);
  expect(typeof body.id).toBe('string');
  if (id) expect(body.id).toBe(id);
  expect(typeof body.userName).toBe('string');
  expect(typeof body.active).toBe('boolean');
  expect(body.meta?.resourceType).toBe('User');
  expect(body.meta?.location).toMatch(new RegExp(`/scim/v2/Users/${body.id}$`));
  expect(body.meta?.version).toMatch(/^W\/"\d+"$/);
  expect(body).not.toHaveProperty('password');
}

export function expectGroupResource(body: Json, id?: string): void {
  expect(body.schemas).toContain(URN.Group);
  expect(typeof body.id).toBe('string');
  if (id) expect(body.id).toBe(id);
  expect(typeof body.displayName).toBe('string');
  expect(body.meta?.resourceType).toBe('Group');
}
