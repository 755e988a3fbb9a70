/**
 * Opens the database named by the environment: PostgreSQL through a pg Pool
 * when DATABASE_URL is set, otherwise the embedded PGlite database in the
 * data directory. Each returns the same two faces: raw Sql and a Prisma
 * driver adapter factory, both sharing one underlying connection pool.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type { QueryConfig } from 'pg';
import type { Queryable, Sql } from './sql';

export interface OpenDatabase {
  sql: Sql;
  adapter: SqlDriverAdapterFactory;
  describe: string;
}

/** Distinct statement texts a process keeps prepared on its connections, at most. */
const MAX_PREPARED_STATEMENTS = 1000;

/**
 * Names statements so that pg prepares each once per connection and then
 * only binds and executes it. PostgreSQL plans an unnamed statement anew on
 * every call, and planning against the users table (a dozen indexes) costs
 * more than running a lookup by key: named, a GET by id costs PostgreSQL
 * about a third of the CPU (scripts/bench, `pg ms/req`).
 *
 * Not named, so planned for their actual values every time: statements with
 * a LIKE pattern (a substring search plans differently for "%a%" and for
 * "%jane.doe%", and a generic plan would fix one choice for all), and any
 * text beyond the first MAX_PREPARED_STATEMENTS (compiled SCIM filters vary
 * with the client's filter; each prepared statement holds memory in every
 * backend). PostgreSQL itself keeps planning named statements per call while
 * a generic plan would cost more than the custom ones (plan_cache_mode auto).
 */
export function preparedStatementNames(limit = MAX_PREPARED_STATEMENTS): (text: string) => string | undefined {
  const names = new Map<string, string | undefined>();
  return (text) => {
    let name = names.get(text);
    if (name === undefined && !names.has(text) && names.size < limit) {
      name = /\bI?LIKE\b/i.test(text) ? undefined : `roster_${createHash('sha256').update(text).digest('base64url').slice(0, 32)}`;
      names.set(text, name);
    }
    return name;
  };
}

export async function openPostgres(url: string): Promise<OpenDatabase> {
  const pg = await import('pg');
  const { PrismaPg } = await import('@prisma/adapter-pg');
  const pool = new pg.default.Pool({
    connectionString: url,
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    // Fail fast while the database is down instead of hanging requests.
    connectionTimeoutMillis: Number(process.env.DATABASE_CONNECT_TIMEOUT_MS ?? 5000),
    idleTimeoutMillis: 30_000,
  });
  // A dropped idle connection (e.g. the server restarted) must not crash the process.
  pool.on('error', (err) => console.error('[db] idle connection error:', err.message));

  const statements = preparedStatementNames();
  const run = async <T,>(client: { query: (q: QueryConfig) => Promise<{ rows: unknown[] }> }, text: string, params?: readonly unknown[]) =>
    (await client.query({ name: statements(text), text, values: params ? [...params] : undefined })).rows as T[];

  const sql: Sql = {
    query: (text, params) => run(pool, text, params),
    exec: async (script) => {
      await pool.query(script);
    },
    transaction: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const tx: Queryable = {
          query: (text, params) => run(client, text, params),
          exec: async (script) => {
            await client.query(script);
          },
        };
        const result = await fn(tx);
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
  const safeUrl = url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
  return { sql, adapter: new PrismaPg(pool), describe: `PostgreSQL ${safeUrl}` };
}

async function wrapPglite(dataPath: string | undefined, describe: string): Promise<OpenDatabase> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const { PrismaPGlite } = await import('pglite-prisma-adapter');
  const db = dataPath
    ? await PGlite.create(dataPath, { extensions: { pg_trgm } })
    : await PGlite.create({ extensions: { pg_trgm } });
  type Runner = { query: typeof db.query; exec: typeof db.exec };
  const face = (runner: Runner): Queryable => ({
    query: async (text, params) => (await runner.query(text, params ? [...params] : undefined)).rows as never[],
    exec: async (script) => {
      await runner.exec(script);
    },
  });
  const sql: Sql = {
    ...face(db),
    // PGlite has one connection; its transaction() holds it exclusively.
    transaction: (fn) => db.transaction((tx) => fn(face(tx))),
    close: () => db.close(),
  };
  return { sql, adapter: new PrismaPGlite(db), describe };
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite itself has no lock, and a second process opening the same directory
 * can silently lose writes: a pid file makes the second opener fail loudly.
 */
function lockDataDir(dir: string): () => void {
  const file = path.join(dir, 'roster.pid');
  try {
    fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    const owner = Number(fs.readFileSync(file, 'utf8').trim());
    if (owner && owner !== process.pid && processAlive(owner)) {
      throw new Error(
        `The embedded database in ${dir} is in use by process ${owner} (a running Roster server?). ` +
          'Stop it first, or use PostgreSQL (DATABASE_URL) to run several processes against one database.',
      );
    }
    fs.writeFileSync(file, String(process.pid));
  }
  const unlock = () => {
    try {
      if (fs.readFileSync(file, 'utf8').trim() === String(process.pid)) fs.unlinkSync(file);
    } catch {
      // already gone
    }
  };
  process.once('exit', unlock);
  return unlock;
}

/** The embedded database: one process per data directory. */
export async function openEmbedded(dir: string): Promise<OpenDatabase> {
  fs.mkdirSync(dir, { recursive: true });
  const unlock = lockDataDir(dir);
  try {
    const opened = await wrapPglite(path.join(dir, 'pglite'), `embedded PGlite in ${dir}`);
    const close = opened.sql.close;
    opened.sql.close = async () => {
      await close();
      unlock();
    };
    return opened;
  } catch (err) {
    unlock();
    throw err;
  }
}

/** An in-memory PGlite (unit and integration tests). */
export function openMemory(): Promise<OpenDatabase> {
  return wrapPglite(undefined, 'in-memory PGlite');
}
