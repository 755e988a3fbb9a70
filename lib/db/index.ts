/**
 * The process-wide database handle: opened lazily on first use (never at
 * import, so `next build` touches no database), migrated before anything
 * else may use it, and kept on globalThis so every route bundle of the
 * Next.js server shares one pool (and PGlite, which allows only one opener).
 */
import { databaseMode, databaseUrl, dataDir } from '../server/env';
import { openEmbedded, openMemory, openPostgres, type OpenDatabase } from './drivers';
import { PrismaClient } from './generated/client';
import { applyMigrations } from './migrate';
import type { Sql } from './sql';

export interface Database {
  prisma: PrismaClient;
  sql: Sql;
  describe: string;
  close(): Promise<void>;
}

const KEY = Symbol.for('roster.database');
type Holder = { [KEY]?: Promise<Database> };

async function open(opened: OpenDatabase, migrate: boolean): Promise<Database> {
  if (migrate) {
    const applied = await applyMigrations(opened.sql);
    if (applied.length) console.log(`[db] applied migrations: ${applied.join(', ')}`);
  }
  const prisma = new PrismaClient({ adapter: opened.adapter });
  return {
    prisma,
    sql: opened.sql,
    describe: opened.describe,
    close: async () => {
      await prisma.$disconnect();
      await opened.sql.close();
    },
  };
}

/** Opens the database the environment names (see lib/server/env.ts). */
export async function connectDatabase({ migrate = true } = {}): Promise<Database> {
  const url = databaseUrl();
  const opened = databaseMode() === 'postgres' && url ? await openPostgres(url) : await openEmbedded(dataDir());
  return open(opened, migrate);
}

/** A migrated in-memory database, for tests. */
export async function connectMemoryDatabase(): Promise<Database> {
  return open(await openMemory(), true);
}

export function getDb(): Promise<Database> {
  const holder = globalThis as Holder;
  if (!holder[KEY]) {
    holder[KEY] = connectDatabase().catch((err) => {
      delete holder[KEY];
      throw err;
    });
  }
  return holder[KEY];
}

/** Installs an already-open database as the process's (tests, CLI). */
export function setDb(db: Database): void {
  (globalThis as Holder)[KEY] = Promise.resolve(db);
}
