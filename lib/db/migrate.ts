/**
 * Applies pending Prisma migrations at start-up, on PGlite and PostgreSQL
 * alike. It keeps Prisma Migrate's own bookkeeping (the `_prisma_migrations`
 * table, SHA-256 checksums, advisory lock 72707369), so `prisma migrate
 * status` and `prisma migrate deploy` see exactly what this runner did and
 * the other way round. All pending migrations run in one transaction: a
 * failure leaves nothing half-applied and stops start-up with a clear message.
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Queryable, Sql } from './sql';

/** Prisma Migrate's advisory lock key: concurrent deployers wait for each other. */
const PRISMA_MIGRATE_LOCK = 72707369;

export interface Migration {
  name: string;
  script: string;
  checksum: string;
}

export class MigrationError extends Error {}

export function migrationsDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), process.env.ROSTER_MIGRATIONS_DIR ?? 'prisma/migrations');
}

export function readMigrations(dir = migrationsDir()): Migration[] {
  if (!fs.existsSync(dir)) throw new MigrationError(`No migrations folder at ${dir}`);
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, 'migration.sql')))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const script = fs.readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, script, checksum: createHash('sha256').update(script).digest('hex') };
    });
}

const BOOKKEEPING = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id"                  VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum"            VARCHAR(64) NOT NULL,
  "finished_at"         TIMESTAMPTZ,
  "migration_name"      VARCHAR(255) NOT NULL,
  "logs"                TEXT,
  "rolled_back_at"      TIMESTAMPTZ,
  "started_at"          TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

async function pending(db: Queryable, migrations: Migration[]): Promise<Migration[]> {
  await db.exec(BOOKKEEPING);
  const rows = await db.query<AppliedRow>(
    'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"',
  );
  const failed = rows.find((r) => !r.finished_at && !r.rolled_back_at);
  if (failed) {
    throw new MigrationError(
      `Migration ${failed.migration_name} failed earlier and was not resolved. ` +
        `Fix the database, then run: npx prisma migrate resolve --rolled-back ${failed.migration_name}`,
    );
  }
  const done = new Set(rows.filter((r) => r.finished_at).map((r) => r.migration_name));
  return migrations.filter((m) => !done.has(m.name));
}

/**
 * Applies every pending migration and returns their names. On PostgreSQL the
 * whole run holds Prisma's advisory lock, so several instances starting at
 * once apply each migration exactly once.
 */
export async function applyMigrations(db: Sql, migrations = readMigrations()): Promise<string[]> {
  return db.transaction(async (lockTx) => {
    // A transaction-level advisory lock is released by COMMIT/ROLLBACK even if
    // this process dies, so a crashed deployer can never wedge the others.
    await lockTx.query('SELECT pg_advisory_xact_lock($1)', [PRISMA_MIGRATE_LOCK]);
    const todo = await pending(lockTx, migrations);
    for (const m of todo) {
      try {
        await lockTx.query(
          'INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count) VALUES ($1, $2, $3, now(), clock_timestamp(), 1)',
          [randomUUID(), m.checksum, m.name],
        );
        await lockTx.exec(m.script);
      } catch (err) {
        const detail = err instanceof Error ? err.message : String(err);
        throw new MigrationError(`Migration ${m.name} failed; nothing was applied: ${detail}`);
      }
    }
    return todo.map((m) => m.name);
  });
}
