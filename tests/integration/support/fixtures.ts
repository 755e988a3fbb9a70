/** Creating the resources a test needs, through the API as an IdP would, and the CLI in PostgreSQL mode. */
import pg from 'pg';
import { expect, inject } from 'vitest';
import { expectStatus } from './assertions';
import { URN } from './constants';
import { oktaUser, scim, unique } from './scim-client';
import { rosterAsync } from './server';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A fresh userName that looks like an email address. */
export function uniqueUserName(prefix = 'user'): string {
  return `${unique(prefix)}@example.com`;
}

/** POST /Users with Okta's body shape (plus `extra`); asserts 201 and returns the created resource. */
export async function createUser(extra: Json = {}, userName = uniqueUserName()): Promise<Json> {
  const res = await scim('POST', '/Users', { body: oktaUser(userName, extra) });
  expectStatus(res, 201);
  return res.body as Json;
}

/** POST /Groups; asserts 201 and returns the created resource. */
export async function createGroup(memberIds: string[] = [], displayName = unique('Group ')): Promise<Json> {
  const res = await scim('POST', '/Groups', {
    body: { schemas: [URN.Group], displayName, members: memberIds.map((value) => ({ value })) },
  });
  expectStatus(res, 201);
  return res.body as Json;
}

export async function getResource(path: string): Promise<Json> {
  const res = await scim('GET', path);
  expectStatus(res, 200);
  return res.body as Json;
}

/** The member ids of a group, sorted (GET /Groups/{id}). */
export async function memberIdsOf(groupId: string): Promise<string[]> {
  const body = await getResource(`/Groups/${groupId}`);
  return ((body.members ?? []) as Json[]).map((m) => m.value as string).sort();
}

export function patchOp(...operations: Json[]): Json {
  return { schemas: [URN.PatchOp], Operations: operations };
}

/** `/Users?filter=…` with the filter URL-encoded, plus extra query text. */
export function filterQuery(resource: 'Users' | 'Groups', filter: string, extra = ''): string {
  return `/${resource}?filter=${encodeURIComponent(filter)}${extra}`;
}

export const isPostgres = () => inject('dbKind') === 'postgres';

/** Runs the CLI against the server's database. PostgreSQL only: PGlite allows one process. */
export function cli(args: string[], stdin?: string): Promise<string> {
  expect(isPostgres(), 'the CLI can only run beside the server on PostgreSQL').toBe(true);
  return rosterAsync(inject('dbEnv'), args, stdin);
}

/** One SQL statement on the server's database, for what no API exposes (PostgreSQL only). */
export async function sqlQuery<T = Json>(text: string, params: unknown[] = []): Promise<T[]> {
  expect(isPostgres(), 'direct SQL is only possible on PostgreSQL').toBe(true);
  const client = new pg.Client({ connectionString: inject('dbEnv').DATABASE_URL });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Polls until `check` stops throwing (activity rows are written after the response; schema caches refresh). */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 8000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 150));
    }
  }
}
