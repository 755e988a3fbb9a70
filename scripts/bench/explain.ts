/**
 * EXPLAIN (ANALYZE, BUFFERS) of the queries behind the hot SCIM list
 * requests, built the way the server builds them: the WHERE and ORDER BY come
 * from the filter compiler (lib/scim/filter) and the statement shapes from
 * pageUsers in lib/db/scim-store.ts (a count, then the page with LIMIT/OFFSET).
 * Each plan runs twice and the second (warm) run is kept.
 */
import { USER_COLUMNS } from '../../lib/db/scim-rows';
import type { Sql } from '../../lib/db/sql';
import { compileFilter, compileSort } from '../../lib/scim/filter/compile-sql';
import { parseFilter } from '../../lib/scim/filter/parse';
import { userStorage } from '../../lib/scim/filter/storage';
import { buildUserSchemas } from '../../lib/scim/schemas/registry';

export interface Plan {
  id: string;
  title: string;
  sql: string;
  params: unknown[];
  plan: string;
  executionMs: number;
  /** A sequential scan of users: the query reads the whole table. */
  seqScanOnUsers: boolean;
}

async function explain(sql: Sql, text: string, params: unknown[]): Promise<{ plan: string; executionMs: number }> {
  let rows: Record<string, string>[] = [];
  for (let i = 0; i < 2; i++) rows = await sql.query<Record<string, string>>(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, params);
  const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
  const m = /Execution Time: ([\d.]+) ms/.exec(plan);
  return { plan, executionMs: m ? Number(m[1]) : NaN };
}

export interface PlanInputs {
  userName: string;
  coFragment: string;
  totalUsers: number;
}

export async function explainHotQueries(sql: Sql, input: PlanInputs): Promise<Plan[]> {
  const schemas = buildUserSchemas();
  const orderBy = compileSort(undefined, undefined, schemas, userStorage);
  const cases: { id: string; title: string; filter?: string; startIndex: number }[] = [
    { id: 'eq', title: `userName eq "${input.userName}"`, filter: `userName eq "${input.userName}"`, startIndex: 1 },
    { id: 'co', title: `emails co "${input.coFragment}"`, filter: `emails co "${input.coFragment}"`, startIndex: 1 },
    { id: 'first', title: 'first page (startIndex=1, count=100)', startIndex: 1 },
    { id: 'last', title: `last page (startIndex=${input.totalUsers - 99}, count=100)`, startIndex: input.totalUsers - 99 },
  ];
  const plans: Plan[] = [];
  for (const c of cases) {
    const where = c.filter ? compileFilter(parseFilter(c.filter), schemas, userStorage) : { sql: 'TRUE', params: [] as unknown[] };
    const n = where.params.length;
    const statements = [
      { suffix: 'count', text: `SELECT count(*)::int AS total FROM users u WHERE ${where.sql}`, params: where.params },
      {
        suffix: 'page',
        text: `SELECT ${USER_COLUMNS} FROM users u WHERE ${where.sql} ORDER BY ${orderBy} LIMIT $${n + 1} OFFSET $${n + 2}`,
        params: [...where.params, 100, c.startIndex - 1],
      },
    ];
    for (const s of statements) {
      const { plan, executionMs } = await explain(sql, s.text, s.params);
      plans.push({
        id: `${c.id}.${s.suffix}`,
        title: `${c.title}: ${s.suffix} query`,
        sql: s.text,
        params: s.params,
        plan,
        executionMs,
        seqScanOnUsers: /Seq Scan on users\b/.test(plan),
      });
    }
  }
  return plans;
}
