/**
 * Test fixture for the SQL compiler: tables mirroring the columns of
 * prisma/schema.prisma that filters touch, a handful of users and groups with
 * deliberately awkward data (LIKE wildcards in values, "True"/"False" and
 * numbers stored as strings, invalid dates, case variants), and two drivers:
 * in-memory PGlite always, real PostgreSQL when TEST_DATABASE_URL is set.
 */
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { buildGroupSchemas, buildUserSchemas, type CustomAttributeSpec } from '../schemas/registry';
import { URN } from '../schemas/urns';
import { valueSearchText } from './storage';

export const ENT = URN.EnterpriseUser;
export const ACME = 'urn:ietf:params:scim:schemas:extension:acme:2.0:User';

export const ID = {
  alice: '00000000-0000-4000-8000-000000000001',
  bob: '00000000-0000-4000-8000-000000000002',
  carol: '00000000-0000-4000-8000-000000000003',
  dan: '00000000-0000-4000-8000-000000000004',
  erin: '00000000-0000-4000-8000-000000000005',
  admins: '00000000-0000-4000-8000-0000000000a1',
  engineering: '00000000-0000-4000-8000-0000000000a2',
  empty: '00000000-0000-4000-8000-0000000000a3',
  equipe: '00000000-0000-4000-8000-0000000000a4',
} as const;

export type Name = keyof typeof ID;

const custom = (name: string, type: CustomAttributeSpec['type'], extra: Partial<CustomAttributeSpec> = {}): CustomAttributeSpec => ({
  schemaUrn: ACME,
  name,
  type,
  multiValued: false,
  required: false,
  caseExact: false,
  description: '',
  ...extra,
});

export const userSchemas = buildUserSchemas([
  custom('badge', 'string'),
  custom('level', 'integer'),
  custom('hired', 'dateTime'),
  custom('remote', 'boolean'),
  custom('tags', 'string', { multiValued: true }),
  custom('code', 'string', { caseExact: true }),
  { ...custom('building', 'string'), schemaUrn: ENT },
]);
export const groupSchemas = buildGroupSchemas();

export const CREATE_TABLES = `
CREATE TABLE users (
  id uuid PRIMARY KEY,
  user_name text NOT NULL,
  user_name_key text NOT NULL UNIQUE,
  external_id text,
  given_name text,
  family_name text,
  display_name text,
  email text,
  email_keys text[] NOT NULL DEFAULT '{}',
  email_search text NOT NULL DEFAULT '',
  active boolean NOT NULL DEFAULT true,
  attributes jsonb NOT NULL DEFAULT '{}',
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX users_email_keys_idx ON users USING gin (email_keys);
CREATE TABLE groups (
  id uuid PRIMARY KEY,
  display_name text NOT NULL,
  display_name_key text NOT NULL UNIQUE,
  external_id text,
  attributes jsonb NOT NULL DEFAULT '{}',
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE TABLE group_members (
  group_id uuid NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (group_id, user_id)
);`;

interface UserRow {
  name: Name;
  userName: string;
  externalId?: string;
  givenName?: string;
  familyName?: string;
  displayName?: string;
  emails: { value: string; type?: string; primary?: boolean }[];
  active: boolean;
  version: number;
  created: string;
  updated?: string;
  attributes: Record<string, unknown>;
}

export const USERS: UserRow[] = [
  {
    name: 'alice',
    userName: 'Alice@Example.com',
    externalId: 'ext-alice',
    givenName: 'Alice',
    familyName: 'Smith',
    displayName: 'Alice Smith',
    emails: [
      { value: 'Alice@Example.com', type: 'work', primary: true },
      { value: 'alice@home.org', type: 'home' },
    ],
    active: true,
    version: 3,
    created: '2015-06-01T00:00:00Z',
    updated: '2024-01-01T00:00:00Z',
    attributes: {
      title: 'Engineer',
      name: { givenName: 'Alice', familyName: 'Smith', formatted: 'Alice Smith' },
      phoneNumbers: [{ value: '+1 555 0100', type: 'mobile' }],
      roles: [{ value: 'admin', primary: 'True' }],
      [ENT]: { department: 'R&D', employeeNumber: '100', manager: { value: '00000000-0000-4000-8000-000000000002' }, building: 'HQ' },
      [ACME]: { badge: 'Gold', level: 3, hired: '2020-01-15T09:00:00Z', remote: true, tags: ['Blue', 'green'], code: 'AbC' },
    },
  },
  {
    name: 'bob',
    userName: 'bob',
    externalId: 'jyoung',
    givenName: 'Bob',
    familyName: 'Employee',
    displayName: 'Bob 100% Jones',
    emails: [{ value: 'bob@example.com', type: 'work', primary: true }],
    active: false,
    version: 1,
    created: '2016-01-01T00:00:00Z',
    attributes: {
      title: null,
      [ENT]: { department: 'Sales' },
      [ACME]: { level: '7', remote: 'False', hired: '2021-06-01T00:00:00+02:00', badge: 'silver_star', tags: ['red'] },
    },
  },
  {
    name: 'carol',
    userName: "O'Malley",
    externalId: 'EXT-ALICE',
    givenName: 'Carol',
    familyName: 'Employee',
    displayName: 'Carol_OMalley',
    // The primary email is not the first one: sorting must pick the primary.
    emails: [
      { value: 'c_x@other.net', type: 'other' },
      { value: 'carol@example.org', type: 'work', primary: true },
    ],
    active: true,
    version: 2,
    created: '2017-01-01T00:00:00Z',
    attributes: { title: '', [ACME]: { tags: [], code: 'abc', level: 12, hired: 'not a date', badge: '100%' } },
  },
  {
    name: 'dan',
    userName: 'dan\\man',
    givenName: 'Dan',
    familyName: 'Employee',
    displayName: 'Dan',
    emails: [{ value: 'dan@example.com' }],
    active: true,
    version: 1,
    created: '2018-01-01T00:00:00Z',
    attributes: {
      title: 'Manager',
      [ENT]: { department: 'r&d', manager: { value: '00000000-0000-4000-8000-000000000001' } },
      // Not a real day (2019 is no leap year): must read as "no value", never a cast error.
      [ACME]: { hired: '2019-02-29T00:00:00Z', level: 'abc', remote: 'yes' },
    },
  },
  {
    name: 'erin',
    userName: 'erin',
    familyName: 'Other',
    emails: [],
    active: true,
    version: 1,
    created: '2019-01-01T00:00:00Z',
    attributes: {},
  },
];

export const GROUPS: { name: Name; displayName: string; externalId?: string; members: Name[]; created: string }[] = [
  { name: 'admins', displayName: 'Admins', externalId: 'g-ext-1', members: ['alice', 'bob'], created: '2020-01-01T00:00:00Z' },
  { name: 'engineering', displayName: 'Engineering', members: ['alice'], created: '2021-01-01T00:00:00Z' },
  { name: 'empty', displayName: 'Empty', members: [], created: '2022-01-01T00:00:00Z' },
  // Non-ASCII: key columns are lower-cased by JS, whatever the database's locale.
  { name: 'equipe', displayName: 'Équipe', members: [], created: '2023-01-01T00:00:00Z' },
];

/** The smallest driver surface both PGlite and node-postgres offer. */
export interface Db {
  exec(sql: string): Promise<void>;
  query(sql: string, params: unknown[]): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

export async function seed(db: Db): Promise<void> {
  await db.exec(CREATE_TABLES);
  for (const u of USERS) {
    const emails = u.emails.map((e) => e.value);
    const primary = u.emails.find((e) => e.primary)?.value ?? emails[0] ?? null;
    await db.query(
      `INSERT INTO users (id, user_name, user_name_key, external_id, given_name, family_name, display_name, email, email_keys,
         active, attributes, version, created_at, updated_at, email_search)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::text[], $10, $11::jsonb, $12, $13, $14, $15)`,
      [
        ID[u.name], u.userName, u.userName.toLowerCase(), u.externalId ?? null, u.givenName ?? null, u.familyName ?? null,
        u.displayName ?? null, primary, emails.map((e) => e.toLowerCase()), u.active,
        JSON.stringify({ ...u.attributes, ...(u.emails.length ? { emails: u.emails } : {}) }),
        u.version, u.created, u.updated ?? u.created, valueSearchText(emails),
      ],
    );
  }
  for (const g of GROUPS) {
    await db.query(
      `INSERT INTO groups (id, display_name, display_name_key, external_id, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5)`,
      [ID[g.name], g.displayName, g.displayName.toLowerCase(), g.externalId ?? null, g.created],
    );
    for (const m of g.members) await db.query('INSERT INTO group_members (group_id, user_id) VALUES ($1, $2)', [ID[g.name], ID[m]]);
  }
}

export async function openPglite(): Promise<Db> {
  const db = new PGlite();
  return {
    exec: async (sql) => {
      await db.exec(sql);
    },
    query: async (sql, params) => (await db.query<Record<string, unknown>>(sql, params)).rows,
    close: () => db.close(),
  };
}

/** A fresh schema on a real server, dropped on close. */
export async function openPostgres(url: string): Promise<Db> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const schema = `filter_test_${Math.random().toString(36).slice(2, 10)}`;
  await client.query(`CREATE SCHEMA ${schema}`);
  await client.query(`SET search_path TO ${schema}`);
  return {
    exec: async (sql) => {
      await client.query(sql);
    },
    query: async (sql, params) => (await client.query(sql, params)).rows as Record<string, unknown>[],
    close: async () => {
      try {
        await client.query(`DROP SCHEMA ${schema} CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

const NAME_BY_ID = new Map<string, Name>(Object.entries(ID).map(([name, id]) => [id, name as Name]));
export const nameOf = (id: unknown): Name | string => NAME_BY_ID.get(String(id)) ?? String(id);
