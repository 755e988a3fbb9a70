/**
 * EXPLAIN (ANALYZE, BUFFERS) of the queries behind the hot SCIM list
 * requests, exactly as the server issues them: the bench calls the server's
 * own listScimUsers (lib/services/scim-users: filter compiler, sort, paging
 * and group lookups) on a recording database handle that explains every
 * statement before running it. Each plan runs twice and the warm one is kept.
 */
import { setDb } from '../../lib/db';
import type { Queryable, Sql } from '../../lib/db/sql';
import { listScimUsers } from '../../lib/services/scim-users';
import { buildUserSchemas } from '../../lib/scim/schemas/registry';

export interface Plan {
  id: string;
  title: string;
  sql: string;
  params: unknown[];
  plan: string;
  executionMs: number;
  /** The statement reads (nearly) every user: a Seq Scan of users, or an index walk that filters most rows away. */
  fullScan: boolean;
}

/**
 * Whether a plan reads the whole users table: a Seq Scan on users, or a scan
 * that removes at least half of the directory by filter (an index walked
 * end to end, e.g. `Rows Removed by Filter: 101000`).
 */
export function readsWholeTable(plan: string, totalUsers: number): boolean {
  if (/Seq Scan on users\b/.test(plan)) return true;
  const removed = [...plan.matchAll(/Rows Removed by Filter: (\d+)/g)].map((m) => Number(m[1]));
  return removed.some((n) => n >= totalUsers / 2);
}

interface Recorded {
  sql: string;
  params: unknown[];
  plan: string;
}

/** A Sql that records the plan of every statement it runs. */
function recording(inner: Sql, log: Recorded[]): Sql {
  const wrap = (q: Queryable): Queryable => ({
    async query<T>(text: string, params?: readonly unknown[]) {
      let rows: Record<string, string>[] = [];
      for (let i = 0; i < 2; i++) rows = await q.query<Record<string, string>>(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, params);
      log.push({ sql: text, params: [...(params ?? [])], plan: rows.map((r) => r['QUERY PLAN']).join('\n') });
      return q.query<T>(text, params);
    },
    exec: (script) => q.exec(script),
  });
  return { ...wrap(inner), transaction: (fn) => inner.transaction((tx) => fn(wrap(tx))), close: () => inner.close() };
}

/** What a statement of a list request does, from its text. */
function kind(sql: string): string {
  if (/^\s*SELECT count\(\*\)/i.test(sql)) return 'count';
  if (/FROM group_members/i.test(sql) && !/FROM users u/i.test(sql)) return 'groups';
  return 'page';
}

export interface PlanInputs {
  userName: string;
  coFragment: string;
  totalUsers: number;
}

export async function explainHotQueries(sql: Sql, input: PlanInputs): Promise<Plan[]> {
  const schemas = buildUserSchemas();
  const cases: { id: string; title: string; filter?: string; startIndex: number }[] = [
    { id: 'eq', title: `userName eq "${input.userName}"`, filter: `userName eq "${input.userName}"`, startIndex: 1 },
    { id: 'co', title: `emails co "${input.coFragment}"`, filter: `emails co "${input.coFragment}"`, startIndex: 1 },
    { id: 'first', title: 'first page (startIndex=1, count=100)', startIndex: 1 },
    { id: 'last', title: `last page (startIndex=${input.totalUsers - 99}, count=100)`, startIndex: input.totalUsers - 99 },
  ];
  const plans: Plan[] = [];
  for (const c of cases) {
    const log: Recorded[] = [];
    setDb({ prisma: undefined as never, sql: recording(sql, log), describe: 'bench EXPLAIN', close: async () => {} });
    await listScimUsers({ filter: c.filter, startIndex: c.startIndex, count: 100 }, schemas);
    const seen = new Map<string, number>();
    for (const r of log) {
      const k = kind(r.sql);
      const n = (seen.get(k) ?? 0) + 1;
      seen.set(k, n);
      const m = /Execution Time: ([\d.]+) ms/.exec(r.plan);
      plans.push({
        id: `${c.id}.${k}${n > 1 ? n : ''}`,
        title: `${c.title}: ${k} query${n > 1 ? ` ${n}` : ''}`,
        sql: r.sql,
        params: r.params,
        plan: r.plan,
        executionMs: m ? Number(m[1]) : NaN,
        fullScan: readsWholeTable(r.plan, input.totalUsers),
      });
    }
  }
  return plans;
}
