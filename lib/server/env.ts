/**
 * The environment Roster reads, in one place. Two modes:
 *  - embedded: no DATABASE_URL; PGlite in ROSTER_DATA_DIR, secrets generated
 *    and kept there, so the first run needs no configuration;
 *  - production: DATABASE_URL points at PostgreSQL; secrets must be given.
 */
import path from 'node:path';

export type DatabaseMode = 'embedded' | 'postgres';

export function databaseUrl(): string | undefined {
  const url = process.env.DATABASE_URL?.trim();
  return url ? url : undefined;
}

export function databaseMode(): DatabaseMode {
  return databaseUrl() ? 'postgres' : 'embedded';
}

/** Where the embedded database and generated secrets live. */
export function dataDir(): string {
  // Resolved at run time against the working directory; not a build input.
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), process.env.ROSTER_DATA_DIR?.trim() || 'data');
}

/** Public URL of the instance when configured (overrides the request origin). */
export function publicUrlFromEnv(): string | undefined {
  const url = (process.env.ROSTER_PUBLIC_URL ?? process.env.NEXTAUTH_URL)?.trim();
  return url ? url.replace(/\/+$/, '') : undefined;
}
