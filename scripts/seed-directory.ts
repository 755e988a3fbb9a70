/**
 * Seeds a large synthetic directory to measure the dashboard at scale:
 * `npx tsx scripts/seed-directory.ts --users 100000 --groups 1000`.
 * Works on the configured database (DATABASE_URL, or the embedded one in
 * ROSTER_DATA_DIR with the server stopped). Rows are generated inside the
 * database with INSERT … SELECT generate_series, so 100k users take seconds,
 * not a round trip each. Seeded rows carry an externalId starting with
 * "seed-"; a new run replaces the previous seed and leaves every other row alone.
 */
import { parseArgs } from 'node:util';
import { connectDatabase } from '../lib/db';
import type { Queryable } from '../lib/db/sql';

const FIRST = ['Ada', 'Alan', 'Grace', 'Linus', 'Margaret', 'Dennis', 'Barbara', 'Ken', 'Frances', 'John', 'Radia', 'Tim', 'Hedy', 'Edsger', 'Katherine', 'Donald', 'Joan', 'Niklaus', 'Sophie', 'Guido', 'Anita', 'Bjarne', 'Shafi', 'Leslie', 'Mary', 'Vint', 'Lynn', 'Whitfield', 'Adele', 'Claude'];
const LAST = ['Lovelace', 'Turing', 'Hopper', 'Torvalds', 'Hamilton', 'Ritchie', 'Liskov', 'Thompson', 'Allen', 'Backus', 'Perlman', 'Berners-Lee', 'Lamarr', 'Dijkstra', 'Johnson', 'Knuth', 'Clarke', 'Wirth', 'Wilson', 'van Rossum', 'Borg', 'Stroustrup', 'Goldwasser', 'Lamport', 'Jackson', 'Cerf', 'Conway', 'Diffie', 'Goldberg', 'Shannon'];
const DEPARTMENTS = ['Engineering', 'Sales', 'Marketing', 'Finance', 'Support', 'Legal', 'People', 'Operations', 'Design', 'Research'];

const sqlArray = (values: string[]) => `ARRAY[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(',')}]::text[]`;

async function clearSeed(db: Queryable) {
  await db.query(`DELETE FROM group_members gm USING groups g WHERE g.id = gm.group_id AND g.external_id LIKE 'seed-%'`);
  await db.query(`DELETE FROM groups WHERE external_id LIKE 'seed-%'`);
  await db.query(`DELETE FROM users WHERE external_id LIKE 'seed-%'`);
  await db.query(`DELETE FROM activity_log WHERE action LIKE 'seed.%'`);
}

async function seedUsers(db: Queryable, count: number) {
  // One user every 5 minutes going back in time; 5 % deprovisioned; 1 in 10 signed in once.
  await db.query(
    `WITH n AS (
       SELECT i,
              (${sqlArray(FIRST)})[1 + i % ${FIRST.length}] AS first,
              (${sqlArray(LAST)})[1 + (i / ${FIRST.length}) % ${LAST.length}] AS last,
              (${sqlArray(DEPARTMENTS)})[1 + i % ${DEPARTMENTS.length}] AS dept,
              i % 20 <> 0 AS active,
              now() - (($1::int - i) * interval '5 minutes') AS created
         FROM generate_series(1, $1::int) AS i
     ), v AS (
       SELECT n.*, lower(replace(first || '.' || last, ' ', '')) || '.' || i || '@example.com' AS login FROM n
     )
     INSERT INTO users (id, user_name, user_name_key, external_id, given_name, family_name, display_name, email, email_keys, email_search,
                        active, attributes, source, role, created_at, updated_at, deactivated_at, last_sign_in_at)
     SELECT gen_random_uuid(), login, login, 'seed-' || i, first, last, first || ' ' || last, login, ARRAY[login], E'\\n' || login || E'\\n', active,
            jsonb_build_object(
              'userName', login, 'externalId', 'seed-' || i, 'displayName', first || ' ' || last, 'active', active,
              'name', jsonb_build_object('givenName', first, 'familyName', last, 'formatted', first || ' ' || last),
              'emails', jsonb_build_array(jsonb_build_object('value', login, 'type', 'work', 'primary', true)),
              'title', dept || ' specialist',
              'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
                jsonb_build_object('employeeNumber', i::text, 'department', dept, 'costCenter', 'CC-' || (i % 97))
            ),
            'SCIM', 'MEMBER', created, created + interval '1 hour',
            CASE WHEN active THEN NULL ELSE created + interval '2 hours' END,
            CASE WHEN i % 10 = 0 THEN created + interval '3 hours' END
       FROM v`,
    [count],
  );
}

async function seedGroups(db: Queryable, count: number, perUser: number) {
  await db.query(
    `INSERT INTO groups (id, display_name, display_name_key, external_id, attributes, source, created_at, updated_at)
     SELECT gen_random_uuid(), name, lower(name), 'seed-g-' || j, jsonb_build_object('displayName', name, 'externalId', 'seed-g-' || j), 'SCIM',
            now() - (j * interval '1 hour'), now() - (j * interval '30 minutes')
       FROM (SELECT j, (${sqlArray(DEPARTMENTS)})[1 + j % ${DEPARTMENTS.length}] || ' team ' || j AS name FROM generate_series(0, $1::int - 1) AS j) g`,
    [count],
  );
  if (perUser === 0 || count === 0) return;
  // Each user joins `perUser` groups spread over all of them (group sizes stay even).
  await db.query(
    `INSERT INTO group_members (group_id, user_id, created_at)
     SELECT g.id, u.id, u.created_at
       FROM users u
       CROSS JOIN generate_series(0, $2::int - 1) AS k
       JOIN groups g ON g.external_id = 'seed-g-' || ((substr(u.external_id, 6)::int * 7 + k * 13) % $1::int)
      WHERE u.external_id LIKE 'seed-%'
     ON CONFLICT DO NOTHING`,
    [count, perUser],
  );
}

async function seedActivity(db: Queryable, count: number) {
  // SCIM traffic over the last 7 days: 3 % errors, each entry about a seeded user.
  await db.query(
    `INSERT INTO activity_log (created_at, kind, action, status, method, path, duration_ms, resource_type, resource_id, resource_name, summary, details)
     SELECT now() - (i * (interval '7 days' / $1::int)), 'SCIM', 'seed.user.update',
            CASE WHEN i % 33 = 0 THEN 400 ELSE 200 END, 'PATCH', '/scim/v2/Users/' || u.id, 5 + i % 40,
            'User', u.id::text, u.user_name,
            CASE WHEN i % 33 = 0 THEN 'Seeded error' ELSE 'Seeded update of ' || u.user_name END,
            jsonb_build_object('changed', jsonb_build_array('title'))
       FROM generate_series(1, $1::int) AS i
       JOIN users u ON u.external_id = 'seed-' || (1 + i % greatest((SELECT count(*) FROM users WHERE external_id LIKE 'seed-%'), 1))`,
    [count],
  );
}

async function main() {
  const { values } = parseArgs({
    options: {
      users: { type: 'string', default: '1000' },
      groups: { type: 'string', default: '100' },
      'groups-per-user': { type: 'string', default: '3' },
      activity: { type: 'string', default: '0' },
      clear: { type: 'boolean', default: false },
    },
  });
  const users = Number(values.users);
  const groups = Number(values.groups);
  const perUser = Math.min(Number(values['groups-per-user']), groups);
  const activity = Number(values.activity);
  if (![users, groups, perUser, activity].every((n) => Number.isInteger(n) && n >= 0)) throw new Error('Counts must be whole numbers ≥ 0.');

  const db = await connectDatabase();
  const step = async (label: string, fn: () => Promise<void>) => {
    const started = Date.now();
    await fn();
    console.log(`${label}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  };
  try {
    console.log(`Seeding ${db.describe}`);
    await step('clear previous seed', () => clearSeed(db.sql));
    if (!values.clear) {
      await step(`${users} users`, () => seedUsers(db.sql, users));
      await step(`${groups} groups, ${perUser} per user`, () => seedGroups(db.sql, groups, perUser));
      if (activity) await step(`${activity} activity entries`, () => seedActivity(db.sql, activity));
      // VACUUM cannot share a statement batch (implicit transaction): one table at a time.
      await step('vacuum analyze', async () => {
        for (const table of ['users', 'groups', 'group_members', 'activity_log']) await db.sql.exec(`VACUUM ANALYZE ${table}`);
      });
    }
  } finally {
    await db.close();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
