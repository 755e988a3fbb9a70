import { afterEach, describe, expect, it } from 'vitest';
import { openMemory, type OpenDatabase } from './drivers';
import { applyMigrations, MigrationError, readMigrations, type Migration } from './migrate';

describe('start-up migrations', () => {
  let opened: OpenDatabase | undefined;
  afterEach(async () => {
    await opened?.sql.close();
    opened = undefined;
  });

  it('applies every migration once and records them as Prisma Migrate does', async () => {
    opened = await openMemory();
    const all = readMigrations();
    expect(all.length).toBeGreaterThan(0);
    expect(await applyMigrations(opened.sql, all)).toEqual(all.map((m) => m.name));
    expect(await applyMigrations(opened.sql, all)).toEqual([]);
    const rows = await opened.sql.query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }>(
      'SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name',
    );
    expect(rows.map((r) => r.migration_name)).toEqual(all.map((m) => m.name));
    expect(rows.every((r) => r.finished_at && r.applied_steps_count === 1)).toBe(true);
    expect(rows.map((r) => r.checksum)).toEqual(all.map((m) => m.checksum));
  });

  it('rolls back everything when a migration fails, and says which one', async () => {
    opened = await openMemory();
    const broken: Migration[] = [
      { name: '0001_ok', script: 'CREATE TABLE first_table (id int);', checksum: 'a'.repeat(64) },
      { name: '0002_broken', script: 'CREATE TABLE second_table (id int); SELECT * FROM no_such_table;', checksum: 'b'.repeat(64) },
    ];
    await expect(applyMigrations(opened.sql, broken)).rejects.toThrow(MigrationError);
    await expect(applyMigrations(opened.sql, broken)).rejects.toThrow(/0002_broken/);
    const tables = await opened.sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name IN ('first_table', 'second_table')`,
    );
    expect(tables[0].n).toBe(0);
  });
});
