/**
 * One server for the whole integration run: a production build on a fresh
 * database (PGlite, or PostgreSQL with ROSTER_TEST_DB=postgres), SCIM
 * Provisioning turned on and InfraTokens created through the command line.
 */
import type { TestProject } from 'vitest/node';
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

export default async function setup(project: TestProject) {
  const kind = process.env.ROSTER_TEST_DB === 'postgres' ? 'postgres' : 'pglite';
  const db = await createTestDatabase(kind);
  roster(db.env, ['scim', 'enable']);
  const token = createToken(db.env, 'integration tests');
  const spareToken = createToken(db.env, 'spare token', ['--expires-days', '30']);
  const server = await startServer(db.env);
  project.provide('origin', server.origin);
  project.provide('scimBase', `${server.origin}/scim/v2`);
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
