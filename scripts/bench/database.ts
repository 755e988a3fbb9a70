/**
 * The bench's own databases: a new PostgreSQL database on the server of
 * BENCH_DATABASE_URL (dropped at the end unless --keep), or a new PGlite
 * data directory. Migrated with the app's own runner (lib/db/migrate), set
 * up through the real command line (scim enable, token create, admin create),
 * and sampled for the scenarios before any server starts (PGlite allows one
 * process at a time).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openEmbedded, openPostgres } from '../../lib/db/drivers';
import { applyMigrations, readMigrations } from '../../lib/db/migrate';
import type { Sql } from '../../lib/db/sql';
import type { BenchOptions } from './options';
import { BIG_GROUP, SMALL_GROUP } from './seed';

export const NEXTAUTH_SECRET = 'roster-bench-secret-0123456789abcdef0123456789';
export const ADMIN_EMAIL = 'bench-admin@example.com';
export const ADMIN_PASSWORD = 'bench-admin-password-0123';

export interface BenchDatabase {
  kind: 'postgres' | 'pglite';
  /** Database name (PostgreSQL) or data directory (PGlite). */
  label: string;
  /** PostgreSQL database name, to find its backends in pg_stat_activity. */
  pgName?: string;
  /** What the app server, the CLI and the bare server need to reach it. */
  env: Record<string, string>;
  open(): Promise<Sql>;
  drop(): Promise<void>;
}

export async function createBenchDatabase(options: BenchOptions, name: string): Promise<BenchDatabase> {
  if (options.db === 'pglite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${name}-`));
    return {
      kind: 'pglite',
      label: dir,
      env: { ROSTER_DATA_DIR: dir, NEXTAUTH_SECRET },
      open: async () => (await openEmbedded(dir)).sql,
      drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  const admin = new pg.Client({ connectionString: options.serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(options.serverUrl);
  url.pathname = `/${name}`;
  return {
    kind: 'postgres',
    label: name,
    pgName: name,
    env: { DATABASE_URL: url.toString(), NEXTAUTH_SECRET },
    open: async () => (await openPostgres(url.toString())).sql,
    drop: async () => {
      const c = new pg.Client({ connectionString: options.serverUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

export async function migrate(sql: Sql): Promise<string[]> {
  return applyMigrations(sql, readMigrations(path.resolve('prisma/migrations')));
}

/** The environment of a child process on this database (the embedded mode needs DATABASE_URL unset). */
export function childEnv(db: BenchDatabase, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...db.env, ...extra };
  if (!db.env.DATABASE_URL) delete env.DATABASE_URL;
  return env;
}

/** `npm run roster -- …` through tsx, as an operator would; returns stdout. */
export function roster(db: BenchDatabase, args: string[], input?: string): string {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/roster.ts', ...args], {
    env: childEnv(db),
    input,
    encoding: 'utf8',
    timeout: 180_000,
  });
  if (result.status !== 0) throw new Error(`roster ${args.join(' ')} failed (${result.status}): ${result.stderr}${result.stdout}`);
  return result.stdout;
}

/** Enables SCIM, creates an InfraToken and an admin; returns the token. */
export function setUpInstance(db: BenchDatabase): string {
  roster(db, ['scim', 'enable']);
  const lines = roster(db, ['token', 'create', '--label', 'bench']).trim().split('\n');
  roster(db, ['admin', 'create', '--email', ADMIN_EMAIL, '--name', 'Bench Admin'], ADMIN_PASSWORD);
  return lines[lines.length - 1].trim();
}

export interface SampleUser {
  id: string;
  userName: string;
  /** Primary email, lower-cased (the first of email_keys). */
  email: string;
  active: boolean;
  attributes: Record<string, unknown>;
}

export interface DirectorySample {
  users: SampleUser[];
  spare: SampleUser[];
  bigGroupId: string;
  smallGroupId: string;
  bigGroupMembers: number;
  totalUsers: number;
}

export async function sampleDirectory(sql: Sql, size = 4_000): Promise<DirectorySample> {
  const pick = (where: string, limit: number) =>
    sql.query<{ id: string; user_name: string; email: string; active: boolean; attributes: Record<string, unknown> }>(
      `SELECT id, user_name, email_keys[1] AS email, active, attributes FROM users WHERE role = 'MEMBER' AND ${where} ORDER BY random() LIMIT ${limit}`,
    );
  const shape = (r: { id: string; user_name: string; email: string; active: boolean; attributes: Record<string, unknown> }): SampleUser => ({
    id: r.id,
    userName: r.user_name,
    email: r.email,
    active: r.active,
    attributes: r.attributes,
  });
  const users = (await pick(`user_name_key NOT LIKE 'spare.%'`, size)).map(shape);
  const spare = (await pick(`user_name_key LIKE 'spare.%'`, 1_000)).map(shape);
  const groups = await sql.query<{ id: string; display_name_key: string }>(
    `SELECT id, display_name_key FROM groups WHERE display_name_key IN ($1, $2)`,
    [BIG_GROUP.toLowerCase(), SMALL_GROUP.toLowerCase()],
  );
  const [{ n }] = await sql.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
  const bigGroupId = groups.find((g) => g.display_name_key === BIG_GROUP.toLowerCase())!.id;
  const [{ m }] = await sql.query<{ m: number }>('SELECT count(*)::int AS m FROM group_members WHERE group_id = $1', [bigGroupId]);
  return {
    users,
    spare,
    bigGroupId,
    smallGroupId: groups.find((g) => g.display_name_key === SMALL_GROUP.toLowerCase())!.id,
    bigGroupMembers: m,
    totalUsers: n,
  };
}

/** Backend pids of one database (PostgreSQL only), through a connection to another database. */
export class BackendMonitor {
  private client?: pg.Client;

  constructor(private readonly serverUrl: string) {}

  async pids(database: string): Promise<number[]> {
    if (!this.client) {
      this.client = new pg.Client({ connectionString: this.serverUrl, application_name: 'roster-bench-monitor' });
      await this.client.connect();
    }
    const { rows } = await this.client.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [database]);
    return rows.map((r) => r.pid);
  }

  async close(): Promise<void> {
    await this.client?.end().catch(() => {});
    this.client = undefined;
  }
}
