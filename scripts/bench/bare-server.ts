/**
 * The bare baseline: the least a server on this machine must do to answer
 * Okta's `userName eq` lookup and a GET by id. node:http and pg (or PGlite),
 * no framework, no auth, no activity log: ONE indexed query per request
 * (the user row with its groups aggregated) and a SCIM-shaped JSON body.
 * Every SCIM scenario is reported as a ratio to it.
 *
 * Environment: PORT; DATABASE_URL (PostgreSQL) or ROSTER_DATA_DIR (PGlite);
 * DATABASE_POOL_SIZE (default 10, as the app).
 */
import http from 'node:http';
import path from 'node:path';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const COLUMNS = `u.id, u.user_name, u.external_id, u.display_name, u.active, u.attributes, u.version, u.created_at, u.updated_at,
  (SELECT coalesce(json_agg(json_build_object('value', g.id, 'display', g.display_name) ORDER BY g.display_name_key), '[]'::json)
     FROM group_members gm JOIN groups g ON g.id = gm.group_id WHERE gm.user_id = u.id) AS groups`;
const BY_USERNAME = `SELECT ${COLUMNS} FROM users u WHERE u.user_name_key = $1`;
const BY_ID = `SELECT ${COLUMNS} FROM users u WHERE u.id = $1`;

interface Row {
  id: string;
  external_id: string | null;
  attributes: Record<string, unknown>;
  version: number;
  created_at: Date | string;
  updated_at: Date | string;
  groups: { value: string; display: string }[];
}

type Query = (text: string, params: unknown[]) => Promise<Row[]>;

async function connect(): Promise<Query> {
  if (process.env.DATABASE_URL) {
    const pg = (await import('pg')).default;
    const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
    return async (text, params) => (await pool.query(text, params)).rows as Row[];
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const db = await PGlite.create(path.join(process.env.ROSTER_DATA_DIR ?? 'data', 'pglite'), { extensions: { pg_trgm } });
  return async (text, params) => (await db.query<Row>(text, params)).rows;
}

const iso = (d: Date | string) => (d instanceof Date ? d.toISOString() : new Date(d).toISOString());

function render(row: Row, base: string) {
  const location = `${base}/Users/${row.id}`;
  return {
    schemas: [USER, ...Object.keys(row.attributes).filter((k) => k.startsWith('urn:'))],
    id: row.id,
    ...row.attributes,
    groups: row.groups.map((g) => ({ value: g.value, $ref: `${base}/Groups/${g.value}`, display: g.display, type: 'direct' })),
    meta: { resourceType: 'User', created: iso(row.created_at), lastModified: iso(row.updated_at), version: `W/"${row.version}"`, location },
  };
}

function send(res: http.ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/scim+json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store' });
  res.end(text);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const USERNAME_EQ = /^userName eq "((?:[^"\\]|\\.)*)"$/i;

async function main() {
  const query = await connect();
  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const base = `http://${req.headers.host}/scim/v2`;
      if (url.pathname === '/health') return send(res, 200, { status: 'ok' });
      if (url.pathname === '/scim/v2/Users') {
        const m = USERNAME_EQ.exec(url.searchParams.get('filter') ?? '');
        if (!m) return send(res, 400, { status: '400', detail: 'only userName eq' });
        const rows = await query(BY_USERNAME, [JSON.parse(`"${m[1]}"`).toLowerCase()]);
        return send(res, 200, { schemas: [LIST], totalResults: rows.length, startIndex: 1, itemsPerPage: rows.length, Resources: rows.map((r) => render(r, base)) });
      }
      const byId = /^\/scim\/v2\/Users\/([^/]+)$/.exec(url.pathname);
      if (byId) {
        const rows = UUID.test(byId[1]) ? await query(BY_ID, [byId[1]]) : [];
        if (!rows.length) return send(res, 404, { status: '404', detail: 'not found' });
        return send(res, 200, render(rows[0], base));
      }
      send(res, 404, { status: '404' });
    } catch (err) {
      send(res, 500, { status: '500', detail: String(err) });
    }
  });
  server.keepAliveTimeout = 60_000;
  server.listen(Number(process.env.PORT ?? 3999), '127.0.0.1');
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
