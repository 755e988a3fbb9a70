/**
 * Seeds a benchmark directory with bulk SQL (INSERT … SELECT generate_series):
 * N users whose rows look exactly like what the SCIM services write
 * (lib/db/scim-rows.ts userColumns: user_name_key lower-cased, email_keys of
 * every email lower-cased, email_search of every email as sent between
 * newlines, the normalized document in attributes), 1,000
 * spare users that belong to no large group (members to add in the group
 * scenarios), one group of min(N, 100k) members, one of 10, and 100 teams
 * that hold every user once. Secondary indexes are dropped during the load
 * and rebuilt from their own definitions, then the tables are vacuumed and
 * analyzed (the steady state of a live directory).
 *
 * User ids are md5('<salt>:<i>')::uuid, so memberships need no lookup;
 * user i was created at 2021-01-01 + i minutes, so paging order is i order.
 */
import type { Sql } from '../../lib/db/sql';

export const SPARE_USERS = 1_000;
export const BIG_GROUP = 'All Employees';
export const SMALL_GROUP = 'Bench Ten';
export const BIG_GROUP_MAX = 100_000;
const TEAMS = 100;
const BATCH = 100_000;

const FIRST = ['Ada', 'Alan', 'Grace', 'Linus', 'Margaret', 'Dennis', 'Barbara', 'Ken', 'Frances', 'John', 'Radia', 'Tim', 'Hedy', 'Edsger', 'Katherine', 'Donald', 'Joan', 'Niklaus', 'Sophie', 'Guido', 'Anita', 'Bjarne', 'Shafi', 'Leslie', 'Mary', 'Vint', 'Lynn', 'Whitfield', 'Adele', 'Claude', 'Ivan', 'Jean', 'Evelyn', 'Carol', 'Robert', 'Susan', 'Martha', 'Peter', 'Yukihiro', 'Olga'];
const LAST = ['Lovelace', 'Turing', 'Hopper', 'Torvalds', 'Hamilton', 'Ritchie', 'Liskov', 'Thompson', 'Allen', 'Backus', 'Perlman', 'Lee', 'Lamarr', 'Dijkstra', 'Johnson', 'Knuth', 'Clarke', 'Wirth', 'Wilson', 'Rossum', 'Borg', 'Stroustrup', 'Goldwasser', 'Lamport', 'Jackson', 'Cerf', 'Conway', 'Diffie', 'Goldberg', 'Shannon', 'Sutherland', 'Sammet', 'Boyer', 'Shaw', 'Kahn', 'Kare', 'Hellman', 'Naur', 'Matsumoto', 'Taussky'];
const DEPARTMENTS = ['Engineering', 'Sales', 'Marketing', 'Finance', 'Support', 'Legal', 'People', 'Operations', 'Design', 'Research'];
const TITLES = ['Engineer', 'Senior Engineer', 'Manager', 'Analyst', 'Designer', 'Director', 'Specialist', 'Consultant'];
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
const arr = (values: string[]) => `ARRAY[${values.map(lit).join(',')}]::text[]`;

/** The user id the seed gives user number i. */
export const userIdSql = (salt: string, i: string) => `md5(${lit(salt)} || ':' || ${i})::uuid`;

/** Users from..to (inclusive); spare users get a "spare." userName prefix. */
function insertUsersSql(salt: string, from: number, to: number, spare: boolean): string {
  const prefix = spare ? 'spare.' : '';
  return `
    INSERT INTO users (id, user_name, user_name_key, external_id, given_name, family_name, display_name, email, email_keys, email_search,
                       active, attributes, version, source, role, deactivated_at, created_at, updated_at)
    SELECT ${userIdSql(salt, 'v.i')}, v.user_name, lower(v.user_name), v.external_id, v.first, v.last, v.display_name, v.user_name,
           CASE WHEN v.home IS NULL THEN ARRAY[lower(v.user_name)] ELSE ARRAY[lower(v.user_name), lower(v.home)] END,
           E'\\n' || v.user_name || E'\\n' || COALESCE(v.home || E'\\n', ''),
           v.active,
           jsonb_build_object(
             'userName', v.user_name,
             'name', jsonb_build_object('givenName', v.first, 'familyName', v.last, 'formatted', v.display_name),
             'emails', CASE WHEN v.home IS NULL
                         THEN jsonb_build_array(jsonb_build_object('value', v.user_name, 'type', 'work', 'primary', true))
                         ELSE jsonb_build_array(jsonb_build_object('value', v.user_name, 'type', 'work', 'primary', true),
                                                jsonb_build_object('value', v.home, 'type', 'home')) END,
             'displayName', v.display_name,
             'title', v.title,
             'locale', 'en-US',
             'externalId', v.external_id,
             'active', v.active,
             ${lit(ENTERPRISE)}, jsonb_build_object('employeeNumber', v.i::text, 'department', v.department)
           ),
           1, 'SCIM', 'MEMBER',
           CASE WHEN v.active THEN NULL ELSE v.created + interval '30 days' END,
           v.created, CASE WHEN v.active THEN v.created ELSE v.created + interval '30 days' END
      FROM (
        SELECT n.i, n.first, n.last, n.first || ' ' || n.last AS display_name,
               ${lit(prefix)} || n.first || '.' || n.last || n.i || '@example.com' AS user_name,
               CASE WHEN n.i % 3 = 0 THEN lower(n.first) || n.i || '@mail.example.org' END AS home,
               '00u' || lpad(to_hex(n.i), 17, '0') AS external_id,
               n.i % 20 <> 0 AS active,
               (${arr(TITLES)})[1 + n.i % ${TITLES.length}] AS title,
               (${arr(DEPARTMENTS)})[1 + n.i % ${DEPARTMENTS.length}] AS department,
               timestamptz '2021-01-01 00:00:00+00' + n.i * interval '1 minute' AS created
          FROM (SELECT i, (${arr(FIRST)})[1 + i % ${FIRST.length}] AS first,
                          (${arr(LAST)})[1 + (i / ${FIRST.length}) % ${LAST.length}] AS last
                  FROM generate_series(${from}, ${to}) AS i) n
      ) v`;
}

function insertGroupSql(name: string, externalId: string): string {
  return `INSERT INTO groups (id, display_name, display_name_key, external_id, attributes, source, created_at, updated_at)
          VALUES (gen_random_uuid(), ${lit(name)}, ${lit(name.toLowerCase())}, ${lit(externalId)},
                  jsonb_build_object('displayName', ${lit(name)}, 'externalId', ${lit(externalId)}), 'SCIM', now(), now())`;
}

export interface SeedResult {
  users: number;
  spareUsers: number;
  bigGroupMembers: number;
  seconds: number;
}

export async function seedDirectory(sql: Sql, users: number, salt: string, log: (line: string) => void): Promise<SeedResult> {
  const started = performance.now();
  const secondary = await sql.query<{ indexname: string; indexdef: string }>(
    `SELECT i.indexname, i.indexdef FROM pg_indexes i
      WHERE i.schemaname = current_schema() AND i.tablename IN ('users', 'group_members')
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
  );
  for (const ix of secondary) await sql.query(`DROP INDEX "${ix.indexname}"`);

  for (let from = 1; from <= users; from += BATCH) {
    const to = Math.min(users, from + BATCH - 1);
    await sql.query(insertUsersSql(salt, from, to, false));
    log(`  users ${to.toLocaleString('en-US')} / ${users.toLocaleString('en-US')}`);
  }
  await sql.query(insertUsersSql(salt, users + 1, users + SPARE_USERS, true));

  await sql.query(insertGroupSql(BIG_GROUP, '00g-all-employees'));
  await sql.query(insertGroupSql(SMALL_GROUP, '00g-bench-ten'));
  await sql.query(
    `INSERT INTO groups (id, display_name, display_name_key, external_id, attributes, source, created_at, updated_at)
     SELECT gen_random_uuid(), 'Team ' || lpad(t::text, 3, '0'), 'team ' || lpad(t::text, 3, '0'), '00g-team-' || t,
            jsonb_build_object('displayName', 'Team ' || lpad(t::text, 3, '0'), 'externalId', '00g-team-' || t), 'SCIM', now(), now()
       FROM generate_series(1, ${TEAMS}) AS t`,
  );
  const bigMembers = Math.min(users, BIG_GROUP_MAX);
  const member = (group: string, to: number) =>
    sql.query(
      `INSERT INTO group_members (group_id, user_id, created_at)
       SELECT (SELECT id FROM groups WHERE display_name_key = ${lit(group.toLowerCase())}), ${userIdSql(salt, 'i')},
              timestamptz '2022-01-01 00:00:00+00' + i * interval '1 second'
         FROM generate_series(1, ${to}) AS i`,
    );
  await member(BIG_GROUP, bigMembers);
  await member(SMALL_GROUP, 10);
  await sql.query(
    `INSERT INTO group_members (group_id, user_id, created_at)
     SELECT g.id, ${userIdSql(salt, 'i')}, timestamptz '2022-01-01 00:00:00+00' + i * interval '1 second'
       FROM generate_series(1, ${users}) AS i
       JOIN groups g ON g.display_name_key = 'team ' || lpad((1 + i % ${TEAMS})::text, 3, '0')`,
  );
  log(`  groups: "${BIG_GROUP}" (${bigMembers.toLocaleString('en-US')} members), "${SMALL_GROUP}" (10), ${TEAMS} teams`);

  await sql.transaction(async (tx) => {
    await tx.query(`SET LOCAL maintenance_work_mem = '256MB'`);
    for (const ix of secondary) await tx.query(ix.indexdef);
  });
  log(`  rebuilt ${secondary.length} indexes`);
  for (const table of ['users', 'groups', 'group_members']) await sql.query(`VACUUM (ANALYZE) ${table}`);
  return { users, spareUsers: SPARE_USERS, bigGroupMembers: bigMembers, seconds: (performance.now() - started) / 1000 };
}
