// Prisma CLI configuration (Prisma 7).
//
// Offline schema engine: every Prisma CLI command first makes sure the native
// schema-engine binary is present and tries to download it otherwise, which
// fails on machines that can only reach the npm registry. Pointing
// PRISMA_SCHEMA_ENGINE_BINARY at tools/schema-engine/schema-engine.mjs (a
// stand-in built on @prisma/schema-engine-wasm) skips the download and makes
// `generate`, `validate`, `migrate *` and `db *` work unchanged.
// A value the caller already set wins, so a machine that has (or can
// download) the native binary keeps the standard behaviour by setting it.
// See tools/schema-engine/README.md.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'prisma/config';

const projectRoot = path.dirname(fileURLToPath(import.meta.url));

process.env.PRISMA_SCHEMA_ENGINE_BINARY ||= path.join(projectRoot, 'tools', 'schema-engine', 'schema-engine.mjs');

export default defineConfig({
  schema: path.join('prisma', 'schema.prisma'),
  migrations: {
    path: path.join('prisma', 'migrations'),
  },
  // Only set when DATABASE_URL is: `generate`, `validate` and
  // `migrate diff --from-empty --to-schema …` need no database.
  ...(process.env.DATABASE_URL ? { datasource: { url: process.env.DATABASE_URL } } : {}),
});
