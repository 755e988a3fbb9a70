/**
 * One server for the whole integration run: a production build on a fresh
 * database (PGlite, or PostgreSQL with ROSTER_TEST_DB=postgres), SCIM
 * Provisioning turned on and InfraTokens created through the command line.
 *
 * Before any test file runs, the instance gets what an admin sets up before
 * pointing an IdP at it: a custom extension schema (added with the CLI while
 * the server is stopped, since PGlite allows one process) and one realistic
 * SCIM user, the precondition of Okta's SPEC test ("Create at least one user
 * in your SCIM server before running").
 */
import type { TestProject } from 'vitest/node';
import { CUSTOM_ATTRIBUTES, CUSTOM_URN, PRECONDITION_USER } from './constants';
import { createTestDatabase, createToken, roster, startServer } from './server';

declare module 'vitest' {
  export interface ProvidedContext {
    origin: string;
    scimBase: string;
    token: string;
    /** A second valid token, for tests that revoke one. */
    spareToken: string;
    dbKind: 'pglite' | 'postgres';
    /** Environment that reaches the same database (PostgreSQL only: PGlite allows one process). */
    dbEnv: Record<string, string>;
  }
}

async function seedPreconditionUser(scimBase: string, token: string): Promise<void> {
  const res = await fetch(`${scimBase}/Users`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/scim+json' },
    body: JSON.stringify(PRECONDITION_USER),
  });
  if (res.status !== 201) throw new Error(`seeding the precondition user failed: ${res.status} ${await res.text()}`);
}

export default async function setup(project: TestProject) {
  const kind = process.env.ROSTER_TEST_DB === 'postgres' ? 'postgres' : 'pglite';
  const db = await createTestDatabase(kind);
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  let token: string;
  let spareToken: string;
  try {
    roster(db.env, ['scim', 'enable']);
    for (const a of CUSTOM_ATTRIBUTES) roster(db.env, ['attribute', 'add', '--schema', CUSTOM_URN, '--name', a.name, '--type', a.type]);
    token = createToken(db.env, 'integration tests');
    spareToken = createToken(db.env, 'spare token', ['--expires-days', '30']);
    server = await startServer(db.env);
    await seedPreconditionUser(`${server.origin}/scim/v2`, token);
  } catch (err) {
    // A failed set-up (e.g. no production build) must not leave a database behind.
    await server?.stop();
    await db.drop();
    throw err;
  }
  const scimBase = `${server.origin}/scim/v2`;
  project.provide('origin', server.origin);
  project.provide('scimBase', scimBase);
  project.provide('token', token);
  project.provide('spareToken', spareToken);
  project.provide('dbKind', kind);
  project.provide('dbEnv', kind === 'postgres' ? db.env : {});
  return async () => {
    await server.stop();
    if (process.env.ROSTER_TEST_SHOW_SERVER_LOG) console.log(server.output());
    await db.drop();
  };
}
