#!/usr/bin/env node
// Offline stand-in for Prisma's native `schema-engine` binary.
//
// Why: every Prisma CLI command first makes sure the native schema-engine
// binary exists and downloads it otherwise, which cannot work on machines that
// only reach the npm registry. npm does ship the very same engine compiled to
// WebAssembly (@prisma/schema-engine-wasm), driven through driver adapters.
// This script speaks the native binary's command-line and JSON-RPC interface
// on top of that wasm build, so the standard, unmodified CLI works:
// `prisma.config.ts` points PRISMA_SCHEMA_ENGINE_BINARY at this file.
//
// Interface implemented (what the Prisma 7.10 CLI uses, see
// node_modules/prisma/build/cli.js):
//   schema-engine --version
//       -> "schema-engine-cli <engine commit hash>"
//   schema-engine --datasource '{"url":…}' cli can-connect-to-database
//                                           |create-database|drop-database
//       -> exit 0, or exit 1 with a JSON log line on stderr carrying
//          fields.error_code / fields.message (target schema_engine::logger)
//   schema-engine [--datamodels PATH]… [--datasource '{"url":…,"shadowDatabaseUrl":…}']
//       -> JSON-RPC 2.0 server, one JSON object per line on stdin/stdout;
//          logs are JSON lines on stderr.
//
// Databases: PostgreSQL URLs (postgres:// or postgresql://) through
// @prisma/adapter-pg. The shadow database that `migrate dev` and friends need
// is a fresh in-memory PGlite (PostgreSQL compiled to wasm) for every use,
// unless the datasource configures `shadowDatabaseUrl` (reset before each
// use, as natively). The main database is never used as a shadow database.
//
// Every workaround below says why it exists; tools/schema-engine/README.md
// has the overview and the upgrade procedure.
//
// Plain JavaScript ESM on purpose: it must run straight from a fresh checkout
// without a build step.

import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { bindMigrationAwareSqlAdapterFactory } = await import('@prisma/driver-adapter-utils');

/** JSON-RPC error code the native engine uses for every engine error. */
const RPC_ENGINE_ERROR = 4466;
/** Catalog column types adapter-pg cannot deserialize (see relabelFields). */
const CATALOG_OIDS_AS_TEXT = new Set([18, 24, 30, 194, 1033, 2205, 3734]);
const PG_TEXT_OID = 25;
const PG_CHAR_OID = 18;
const CHAR_COLUMN_MARK = '\u0000char\u0000';
/** Driver-adapter column types (ColumnTypeEnum of @prisma/driver-adapter-utils). */
const ColumnType = { Int32: 0, Boolean: 5, Character: 6, Text: 7 };

// ---------------------------------------------------------------------------
// Logging: stderr, one JSON object per line, shaped like the native engine's
// tracing output. The CLI reads `fields.message` from every line and, for
// `cli` subcommands, the first ERROR line with target `schema_engine::logger`.
// ---------------------------------------------------------------------------

function log(level, target, fields) {
  const line = { timestamp: new Date().toISOString(), level, fields, target };
  process.stderr.write(`${JSON.stringify(line)}\n`);
}

/** Forwards the wasm engine's own log lines (already JSON) to stderr. */
function forwardEngineLog(entry) {
  const text = typeof entry === 'string' ? entry.trim() : JSON.stringify(entry);
  if (text) process.stderr.write(`${text.replace(/\n/g, ' ')}\n`);
}

// ---------------------------------------------------------------------------
// Engine errors. The CLI expects user-facing errors as
//   { code: 4466, message, data: { is_panic, message, error_code, meta } }
// The wasm engine throws plain `Error(message)` objects (no error code), a
// trapped instance throws WebAssembly.RuntimeError; the shim's own errors are
// UserFacingError. All are normalised here.
// ---------------------------------------------------------------------------

class UserFacingError extends Error {
  constructor(message, errorCode = null, meta = null) {
    super(message);
    this.errorCode = errorCode;
    this.meta = meta;
  }
}

/** True when the wasm instance trapped (Rust panic): it is unusable now. */
function isWasmTrap(error) {
  return error instanceof WebAssembly.RuntimeError;
}

function toErrorData(error) {
  if (error instanceof UserFacingError) {
    return { is_panic: false, message: error.message, error_code: error.errorCode, meta: error.meta };
  }
  if (isWasmTrap(error)) {
    const message = lastPanicMessage ?? `${error.message}\n${error.stack ?? ''}`;
    return { is_panic: true, message, error_code: null, meta: null };
  }
  // Defensive: accept an Error carrying a serialized user-facing error, or
  // such an object itself, should a later wasm build throw those.
  let candidate = error;
  if (error instanceof Error) {
    try {
      candidate = JSON.parse(error.message);
    } catch {
      candidate = null;
    }
  }
  if (candidate && typeof candidate === 'object' && typeof candidate.message === 'string') {
    return {
      is_panic: Boolean(candidate.is_panic),
      message: candidate.message,
      error_code: candidate.error_code ?? knownErrorCode(candidate.message),
      meta: candidate.meta ?? null,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { is_panic: false, message, error_code: knownErrorCode(message), meta: null };
}

/**
 * The wasm engine hands its user-facing errors to JS as plain `Error(message)`
 * and drops the Prisma error code the native engine sends along. The CLI
 * prints that code above the message ("Error: P3005 …") and people and
 * scripts look for it, so restore it for the errors of Migrate's everyday
 * flows, recognised by their (stable) message text.
 */
const KNOWN_ERRORS = [
  [/^Authentication failed against database server/, 'P1000'],
  [/^Can't reach database server at/, 'P1001'],
  [/^Database `[^`]*` does not exist/, 'P1003'],
  [/^Database `[^`]*` already exists/, 'P1009'],
  [/^User `[^`]*` was denied access on the database/, 'P1010'],
  [/^The database schema is not empty\./, 'P3005'],
  [/^Migration `[^`]*` failed to apply cleanly to the shadow database\./, 'P3006'],
  [/^The migration `[^`]*` is already recorded as applied in the database\./, 'P3008'],
  [/^migrate found failed migrations in the target database/, 'P3009'],
  [/^Migration `[^`]*` cannot be rolled back because it was never applied/, 'P3011'],
  [/^Migration `[^`]*` cannot be rolled back because it is not in a failed state\./, 'P3012'],
  [/^Could not find the migration file at/, 'P3015'],
  [/^The fallback method for database resets failed/, 'P3016'],
  [/^The migration `?[^`]*`? could not be found\./, 'P3017'],
  [/^A migration failed to apply\. New migrations cannot be applied before the error is recovered from\./, 'P3018'],
  [/^The datasource provider `[^`]*` specified in your schema does not match the one specified in the migration_lock\.toml/, 'P3019'],
];

function knownErrorCode(message) {
  return KNOWN_ERRORS.find(([pattern]) => pattern.test(message))?.[1] ?? null;
}

/**
 * Errors thrown in JS code called by the engine (adapter factory, our own
 * adapters) reach the engine as opaque "External error id#N" entries of the
 * driver-adapter error registry. Give the CLI the original error instead.
 */
function unwrapExternalError(error, registry) {
  const id = /External error id#(\d+)/.exec(error instanceof Error ? error.message : String(error))?.[1];
  const original = id === undefined ? undefined : registry?.consumeError(Number(id))?.error;
  return original ?? error;
}

// ---------------------------------------------------------------------------
// The wasm engine: instantiated by hand (its package entry imports the .wasm
// file as an ES module, which Node only supports behind a flag).
// ---------------------------------------------------------------------------

const wasmPackageDir = path.dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg'));

/** Engine commit hash, from the wasm package version `7.x.y-N.<hash>`. */
function engineHash() {
  const pkg = JSON.parse(fs.readFileSync(path.join(wasmPackageDir, 'package.json'), 'utf8'));
  return pkg.version.split('.').pop();
}

/**
 * The wasm engine reports a Rust panic's message through
 * `global.PRISMA_WASM_PANIC_REGISTRY.set_message()` just before it traps with
 * an opaque `RuntimeError: unreachable`. Without the registry the panic hook
 * itself throws a TypeError and the message is lost.
 */
let lastPanicMessage;
globalThis.PRISMA_WASM_PANIC_REGISTRY = {
  set_message(message) {
    lastPanicMessage = message;
  },
};

let gluePromise;
function loadWasmEngine() {
  gluePromise ??= (async () => {
    const glue = await import(new URL('file://' + path.join(wasmPackageDir, 'schema_engine_bg.js')).href);
    const bytes = fs.readFileSync(path.join(wasmPackageDir, 'schema_engine_bg.wasm'));
    const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': glue });
    glue.__wbg_set_wasm(instance.exports);
    instance.exports.__wbindgen_start();
    return glue;
  })();
  return gluePromise;
}

// ---------------------------------------------------------------------------
// Connection URLs.
// ---------------------------------------------------------------------------

function isPostgresUrl(url) {
  return /^postgres(ql)?:\/\//i.test(url);
}

/** Database name, host and port of a PostgreSQL URL, for messages. */
function describePgUrl(url) {
  const parsed = new URL(url);
  const host = parsed.hostname || 'localhost';
  const port = parsed.port || '5432';
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || 'postgres';
  const schema = parsed.searchParams.get('schema') || 'public';
  return { host, port, database, schema, location: `${host}:${port}` };
}

const quoteIdent = (name) => `"${name.replace(/"/g, '""')}"`;

/** Same server, other database (used to create/drop the target database). */
function withDatabase(url, database) {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

// ---------------------------------------------------------------------------
// PostgreSQL through @prisma/adapter-pg, with the workarounds the schema
// engine needs.
// ---------------------------------------------------------------------------

/**
 * Relabels catalog column types in a pg result (or in the array of results
 * of a multi-statement query), so that adapter-pg can map them.
 *
 * Why: when the engine introspects a live database it selects catalog
 * columns such as pg_constraint.contype ("char", OID 18), regproc,
 * oidvector, pg_node_tree, aclitem, regclass and regconfig. adapter-pg only
 * knows the column types Prisma Client can produce and fails with
 * `Column type 'char' could not be deserialized`. pg hands all these values
 * over as strings, so they are relabelled as text. Except "char": the engine
 * reads it as a single character (`get_char`, e.g. the constraint type) and
 * panics on text, so it is relabelled as text *and* its column name is marked;
 * withCharColumns() strips the mark and reports the column as Character.
 */
function relabelFields(result) {
  if (Array.isArray(result)) return result.map(relabelFields);
  for (const field of result?.fields ?? []) {
    if (field.dataTypeID === PG_CHAR_OID) field.name = CHAR_COLUMN_MARK + field.name;
    if (CATALOG_OIDS_AS_TEXT.has(field.dataTypeID)) field.dataTypeID = PG_TEXT_OID;
  }
  return result;
}

/** Turns the columns relabelFields() marked back into Character columns. */
function withCharColumns(queryable) {
  const queryRaw = queryable.queryRaw.bind(queryable);
  queryable.queryRaw = async (query) => {
    const result = await queryRaw(query);
    result.columnNames = result.columnNames.map((name, i) => {
      if (!name.startsWith(CHAR_COLUMN_MARK)) return name;
      result.columnTypes[i] = ColumnType.Character;
      return name.slice(CHAR_COLUMN_MARK.length);
    });
    return result;
  };
  return queryable;
}

async function loadPg() {
  const pg = (await import('pg')).default;

  /** pg.Client whose results never carry the catalog types above. */
  class CatalogTolerantClient extends pg.Client {
    query(config, values, callback) {
      if (typeof values === 'function') {
        callback = values;
        values = undefined;
      }
      if (config && typeof config.submit === 'function') return super.query(config, values, callback);
      if (typeof callback === 'function') {
        return super.query(config, values, (err, res) => callback(err, err ? res : relabelFields(res)));
      }
      return super.query(config, values).then(relabelFields);
    }
  }
  return { pg, CatalogTolerantClient };
}

/**
 * pg pool settings for a Prisma-style PostgreSQL URL.
 *
 * Why: the native engine works in the schema named by `?schema=` (default
 * "public") and sets the search_path to it; adapter-pg only takes the schema
 * as an option. Unqualified DDL in migration scripts must land there too.
 */
function pgPoolConfig(url, Client) {
  const { schema } = describePgUrl(url);
  const escaped = `"${schema.replace(/"/g, '""')}"`.replace(/([\\ ])/g, '\\$1');
  return { connectionString: url, Client, options: `-c search_path=${escaped}`, max: 4 };
}

/** The PostgreSQL error of the last failed migration script (see applyMigrations). */
let lastScriptError;

/**
 * A driver adapter for one PostgreSQL database: adapter-pg on our own pool,
 * with executeScript replaced.
 *
 * Why executeScript: adapter-pg splits scripts on every ";" and runs the
 * pieces one by one. That breaks migration scripts with semicolons in string
 * literals, function bodies or DO blocks, and loses atomicity. The native
 * engine sends the whole script in one simple-protocol query (PostgreSQL runs
 * it as one implicit transaction); pg does the same for a query without
 * parameters.
 */
async function connectPostgres(url) {
  const { pg, CatalogTolerantClient } = await loadPg();
  const { PrismaPg } = await import('@prisma/adapter-pg');
  const pool = new pg.Pool(pgPoolConfig(url, CatalogTolerantClient));
  pool.on('error', () => {}); // idle client errors must not crash the engine
  const { schema } = describePgUrl(url);
  const factory = new PrismaPg(pool, { schema, disposeExternalPool: true });
  const adapter = withCharColumns(await factory.connect());
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (...args) => withCharColumns(await startTransaction(...args));
  adapter.executeScript = async (script) => {
    try {
      await pool.query(script);
    } catch (error) {
      lastScriptError = error;
      adapter.onError(error);
    }
  };
  return adapter;
}

// ---------------------------------------------------------------------------
// PGlite: the in-memory shadow database.
// ---------------------------------------------------------------------------

/**
 * Wraps a PGlite instance (or one of its transactions) so query results carry
 * no catalog types the adapter cannot map (same reason as relabelFields;
 * pglite-prisma-adapter maps "char" to Character by itself).
 */
function relabelPgliteFields(result) {
  for (const field of result?.fields ?? []) {
    if (field.dataTypeID !== PG_CHAR_OID && CATALOG_OIDS_AS_TEXT.has(field.dataTypeID)) {
      field.dataTypeID = PG_TEXT_OID;
    }
  }
  return result;
}

function catalogTolerantPglite(db) {
  return new Proxy(db, {
    get(target, prop, receiver) {
      if (prop === 'query') {
        return async (...args) => relabelPgliteFields(await target.query(...args));
      }
      if (prop === 'transaction') {
        return (fn) => target.transaction((tx) => fn(catalogTolerantPglite(tx)));
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/**
 * Data directory (tarball) of a pristine PGlite database.
 *
 * Why: creating a PGlite database runs initdb, about 4 s here, and
 * `migrate dev` needs a fresh shadow database several times per command.
 * Loading a dump of a pristine data directory takes about 0.5 s. The dump is
 * made once and kept in node_modules/.cache (keyed by the PGlite version), so
 * later commands skip initdb too; any problem with the cache just means a
 * fresh initdb.
 */
let pristinePgliteDump;
function pristinePgliteDataDir(PGlite) {
  pristinePgliteDump ??= (async () => {
    const pgliteVersion = JSON.parse(
      fs.readFileSync(path.join(packageDir('@electric-sql/pglite'), 'package.json'), 'utf8'),
    ).version;
    const cacheFile = path.join(
      packageDir('@electric-sql/pglite'),
      '..',
      '..',
      '.cache',
      'schema-engine-shim',
      `pglite-${pgliteVersion}-pristine.tar`,
    );
    try {
      return new Blob([fs.readFileSync(cacheFile)]);
    } catch {
      // not cached yet
    }
    const db = await PGlite.create();
    let dump;
    try {
      dump = await db.dumpDataDir('none');
    } finally {
      await db.close();
    }
    try {
      fs.mkdirSync(path.dirname(cacheFile), { recursive: true });
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
      fs.renameSync(tmp, cacheFile); // atomic: concurrent engines never read half a file
    } catch {
      // read-only node_modules: fine, just slower next time
    }
    return dump;
  })();
  return pristinePgliteDump;
}

/** Directory of an installed package (found from its main entry). */
function packageDir(name) {
  let dir = path.dirname(require.resolve(name));
  const isPackageRoot = (d) => {
    try {
      return JSON.parse(fs.readFileSync(path.join(d, 'package.json'), 'utf8')).name === name;
    } catch {
      return false;
    }
  };
  while (!isPackageRoot(dir) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

/**
 * PostgreSQL contrib extensions the shadow database offers, so migrations
 * with `CREATE EXTENSION pg_trgm` (the app loads pg_trgm into its embedded
 * PGlite), citext, pgcrypto, … apply there as on the server. PGlite only
 * provides the extensions it is created with; each costs a few ms.
 */
const PGLITE_EXTENSIONS = [
  'pg_trgm',
  'citext',
  'btree_gin',
  'btree_gist',
  'pgcrypto',
  'uuid_ossp',
  'hstore',
  'fuzzystrmatch',
  'unaccent',
  'ltree',
];

async function pgliteExtensions() {
  const extensions = {};
  for (const name of PGLITE_EXTENSIONS) {
    extensions[name] = (await import(`@electric-sql/pglite/contrib/${name}`))[name];
  }
  return extensions;
}

/**
 * A fresh in-memory PGlite database wrapped in pglite-prisma-adapter.
 *
 * Why a wrapper: the adapter's executeScript does not await PGlite's exec(),
 * so a failing script is reported as success (and the rejection surfaces
 * later as an unhandled error). Its dispose() also leaves the database open.
 */
async function connectPglite() {
  const { PGlite } = await import('@electric-sql/pglite');
  const { PrismaPGlite } = await import('pglite-prisma-adapter');
  const db = await PGlite.create({
    loadDataDir: await pristinePgliteDataDir(PGlite),
    extensions: await pgliteExtensions(),
  });
  const adapter = await new PrismaPGlite(catalogTolerantPglite(db)).connect();
  adapter.executeScript = async (script) => {
    try {
      await db.exec(script);
    } catch (error) {
      adapter.onError(error);
    }
  };
  adapter.dispose = async () => {
    if (!db.closed) await db.close();
  };
  return adapter;
}

// ---------------------------------------------------------------------------
// The adapter factory handed to the wasm engine.
// ---------------------------------------------------------------------------

/** Identifies a database on a running server, whatever the URL spelling. */
const DATABASE_IDENTITY_SQL =
  "SELECT current_database() || ' ' || pg_postmaster_start_time()::text || ' ' || coalesce(inet_server_port()::text, '')";

/**
 * The shadow database configured as `datasource.shadowDatabaseUrl`.
 *
 * Why the checks: the wasm engine applies the migrations to whatever the
 * factory returns, twice per devDiagnostic, without resetting it in between
 * (the native engine resets a configured shadow database before each use).
 * So the shim resets it, as the native engine does: the URL's schema is
 * dropped and recreated. Before that it makes sure, by asking both servers
 * (URLs can spell one database many ways: localhost, 127.0.0.1, a socket),
 * that it is not the main database.
 */
async function connectConfiguredShadowDb(shadowUrl, mainUrl) {
  if (!isPostgresUrl(shadowUrl)) {
    throw new UserFacingError('shadowDatabaseUrl must be a PostgreSQL URL (postgresql:// or postgres://).');
  }
  const shadow = await connectPostgres(shadowUrl);
  try {
    const pool = shadow.underlyingDriver();
    const shadowIdentity = (await pool.query(DATABASE_IDENTITY_SQL)).rows[0];
    const mainIdentity = mainUrl ? await withPgClient(mainUrl, async (c) => (await c.query(DATABASE_IDENTITY_SQL)).rows[0]) : null;
    if (mainIdentity && JSON.stringify(mainIdentity) === JSON.stringify(shadowIdentity)) {
      throw new UserFacingError(
        'The shadow database you configured appears to be the same as the main database. ' +
          'Please specify another shadow database.',
      );
    }
    const schema = quoteIdent(describePgUrl(shadowUrl).schema);
    await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema};`);
    return shadow;
  } catch (error) {
    await shadow.dispose().catch(() => {});
    if (error instanceof UserFacingError) throw error;
    throw pgConnectionError(error, shadowUrl);
  }
}

/**
 * The query the wasm engine runs on the main database as soon as it is
 * created (schema exists?, server version), for every request.
 */
function isStartupProbe(query) {
  return /^\s*SELECT EXISTS\(SELECT 1 FROM pg_namespace WHERE nspname = \$1\), version\(\)/i.test(query.sql);
}

/** An answer to the startup probe from a neutral PostgreSQL 15 server. */
function neutralProbeAnswer() {
  return {
    columnNames: ['exists', 'version', 'numeric_version'],
    columnTypes: [ColumnType.Boolean, ColumnType.Text, ColumnType.Int32],
    rows: [[true, 'PostgreSQL 15.0 (no database connected: offline schema-engine shim)', 150000]],
  };
}

/** Driver-adapter error kinds that mean "could not connect at all". */
const CONNECTION_FAILURE_KINDS = new Set([
  'DatabaseDoesNotExist',
  'DatabaseNotReachable',
  'DatabaseAccessDenied',
  'AuthenticationFailed',
  'TlsConnectionError',
  'SocketTimeout',
  'ConnectionClosed',
]);

/**
 * Lets the engine start when the main database cannot be reached.
 *
 * Why: the native engine connects lazily, so commands that need no database
 * (`migrate diff --from-empty --to-schema …`) work even when DATABASE_URL
 * names a database that does not exist yet. The wasm engine fails at
 * creation. So a connection failure on the startup probe gets the neutral
 * answer; the command's first real query then fails with the real error.
 */
function tolerateUnreachableAtStartup(adapter) {
  const queryRaw = adapter.queryRaw.bind(adapter);
  adapter.queryRaw = async (query) => {
    try {
      return await queryRaw(query);
    } catch (error) {
      if (isStartupProbe(query) && CONNECTION_FAILURE_KINDS.has(error?.cause?.kind)) return neutralProbeAnswer();
      throw error;
    }
  };
  return adapter;
}

/**
 * Stands in for the main database when the CLI passed no datasource URL.
 *
 * Why: the wasm engine connects and probes the database as soon as it is
 * created, even for requests that need no database at all
 * (`migrate diff --from-empty --to-schema …` runs without a datasource). The
 * native engine connects lazily. This adapter answers that one probe query
 * with a neutral PostgreSQL 15 server and fails every other query with a
 * clear message.
 */
function unconnectedAdapter() {
  const failure = () =>
    new UserFacingError(
      'This command needs a database, but no datasource URL was provided. ' +
        'Set DATABASE_URL (prisma.config.ts passes it as `datasource.url`).',
    );
  const fail = async () => {
    throw failure();
  };
  return {
    provider: 'postgres',
    adapterName: '@prisma/adapter-pg',
    async queryRaw(query) {
      if (isStartupProbe(query)) return neutralProbeAnswer();
      throw failure();
    },
    executeRaw: fail,
    executeScript: fail,
    startTransaction: fail,
    getConnectionInfo: () => ({ schemaName: undefined, supportsRelationJoins: true }),
    dispose: async () => {},
  };
}

/**
 * Builds the migration-aware adapter factory for one request. Every adapter
 * it hands out is tracked and disposed when the request ends, so no pool or
 * PGlite instance outlives the request (and the process can exit).
 *
 * Shadow database: adapter-pg's own connectToShadowDb() creates a database
 * on the server but connects through the unchanged connectionString, i.e. to
 * the MAIN database; the engine's shadow "reset" would then wipe it. So the
 * shadow is an in-memory PGlite, or the configured shadowDatabaseUrl, and
 * never the main database.
 */
function createAdapterFactory(datasource) {
  const url = datasource?.url;
  const shadowUrl = datasource?.shadowDatabaseUrl;
  const open = new Set();
  const track = async (adapterPromise) => {
    const adapter = await adapterPromise;
    open.add(adapter);
    return adapter;
  };

  const factory = {
    provider: 'postgres',
    adapterName: '@prisma/adapter-pg',
    async connect() {
      // The wasm engine connects as soon as it is created, even for requests
      // that need no database (`migrate diff --from-empty --to-schema …`,
      // which the CLI runs without a datasource). Without a URL, hand it an
      // adapter that only fails if it is actually used.
      if (!url) return track(Promise.resolve(unconnectedAdapter()));
      if (!isPostgresUrl(url)) {
        throw new UserFacingError(
          'The offline schema engine (tools/schema-engine) supports PostgreSQL URLs only ' +
            '(postgresql:// or postgres://).',
        );
      }
      return track(connectPostgres(url).then(tolerateUnreachableAtStartup));
    },
    async connectToShadowDb() {
      if (shadowUrl) return track(connectConfiguredShadowDb(shadowUrl, url));
      return track(connectPglite());
    },
  };

  const disposeAll = async () => {
    const adapters = [...open];
    open.clear();
    await Promise.allSettled(adapters.map((adapter) => adapter.dispose()));
  };
  return { factory, disposeAll };
}

// ---------------------------------------------------------------------------
// `cli` subcommands: can-connect-to-database, create-database, drop-database.
// ---------------------------------------------------------------------------

/** Maps a pg connection error to the native engine's user-facing error. */
function pgConnectionError(error, url) {
  const { database, location, host, port } = describePgUrl(url);
  const user = decodeURIComponent(new URL(url).username || '');
  switch (error?.code) {
    case '3D000':
      return new UserFacingError(
        `Database \`${database}\` does not exist on the database server at \`${location}\`.`,
        'P1003',
        { database_name: database, database_host: host, database_port: Number(port) },
      );
    case '28P01':
    case '28000':
      return new UserFacingError(
        `Authentication failed against database server, the provided database credentials for \`${user}\` are not valid.\n\n` +
          'Please make sure to provide valid database credentials for the database server at the configured address.',
        'P1000',
        { database_user: user, database_host: host, database_port: Number(port) },
      );
    case '42P04':
      return new UserFacingError(
        `Database \`${database}\` already exists on the database server at \`${location}\``,
        'P1009',
        { database_name: database, database_host: host, database_port: Number(port) },
      );
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EHOSTUNREACH':
    case 'ETIMEDOUT':
      return new UserFacingError(
        `Can't reach database server at \`${location}\`\n\nPlease make sure your database server is running at \`${location}\`.`,
        'P1001',
        { database_host: host, database_port: Number(port) },
      );
    default:
      return new UserFacingError(error?.message ?? String(error));
  }
}

async function withPgClient(url, fn) {
  const { pg } = await loadPg();
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (error) {
    throw pgConnectionError(error, url);
  }
  try {
    return await fn(client);
  } catch (error) {
    throw pgConnectionError(error, url);
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Runs `fn` on a connection to the server's maintenance database, like the
 * native engine does to create or drop the target database ("postgres",
 * falling back to "template1").
 */
async function withAdminClient(url, fn) {
  try {
    return await withPgClient(withDatabase(url, 'postgres'), fn);
  } catch (error) {
    if (error instanceof UserFacingError && error.errorCode === 'P1003') {
      return withPgClient(withDatabase(url, 'template1'), fn);
    }
    throw error;
  }
}

async function createDatabase(url) {
  const { database } = describePgUrl(url);
  try {
    await withAdminClient(url, (client) => client.query(`CREATE DATABASE ${quoteIdent(database)}`));
  } catch (error) {
    // Errors from the admin connection name the maintenance database;
    // a duplicate must name the target, as the native engine does.
    if (error instanceof UserFacingError && error.errorCode === 'P1009') throw pgConnectionError({ code: '42P04' }, url);
    throw error;
  }
  return database;
}

async function runCliCommand(command, datasource) {
  const url = datasource?.url;
  if (!url) throw new UserFacingError('The `cli` commands need a --datasource with a url.');
  if (!isPostgresUrl(url)) {
    throw new UserFacingError('The offline schema engine (tools/schema-engine) supports PostgreSQL URLs only.');
  }
  const { database } = describePgUrl(url);
  switch (command) {
    case 'can-connect-to-database':
      await withPgClient(url, (client) => client.query('SELECT 1'));
      return 'Connection successful';
    case 'create-database':
      await createDatabase(url);
      return `Database '${database}' was successfully created.`;
    case 'drop-database':
      await withAdminClient(url, (client) => client.query(`DROP DATABASE ${quoteIdent(database)}`));
      return 'The database was successfully dropped.';
    default:
      throw new UserFacingError(`Unknown cli command: ${command}`);
  }
}

// ---------------------------------------------------------------------------
// JSON-RPC server.
// ---------------------------------------------------------------------------

/** Requests the shim answers itself (the wasm engine has no such method). */
const LOCAL_METHODS = {
  /** Native-only method: create the database named by the datasource. */
  async createDatabase(params, ctx) {
    const source = params?.datasource;
    const url = source?.tag === 'ConnectionString' ? source.url : ctx.datasource?.url;
    if (!url || !isPostgresUrl(url)) throw new UserFacingError('createDatabase needs a PostgreSQL URL.');
    return { databaseName: await createDatabase(url) };
  },
  /** The wasm engine names this method `version`. */
  async getDatabaseVersion(params, ctx) {
    return ctx.callEngine('version', params ?? null);
  },
  async getDatabaseDescription() {
    throw new UserFacingError('getDatabaseDescription is not supported by the wasm schema engine.');
  },
  /** Native engines panic on purpose here; the wasm one does it synchronously. */
  async debugPanic(params, ctx) {
    return ctx.callEngine('debugPanic');
  },
};

/**
 * evaluateDataLoss / createMigration on a wasm engine.
 *
 * Why: in the wasm build these two commands compute the schema produced by
 * the migrations directory through the engine's migration-schema cache or,
 * on a cache miss, through the main connection, which refuses with
 * `PostgreSQL shadow DB must be provided through an external factory`: unlike
 * devDiagnostic, diagnoseMigrationHistory and diff, they never use the
 * adapter factory's shadow database. The native engine uses its own shadow
 * database there. So run devDiagnostic first on the same engine instance: it
 * is read-only, goes through the shadow database factory and fills the cache
 * with the schema of the applied migrations, which `migrate dev` has just
 * brought up to date, i.e. the exact entry the command looks up.
 */
async function callWithPrimedMigrationCache(engine, method, params) {
  let primingError;
  try {
    await engine.devDiagnostic({ migrationsList: params.migrationsList, filters: params.filters });
  } catch (error) {
    if (isWasmTrap(error)) throw error;
    primingError = error;
  }
  try {
    return await engine[method](params);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/shadow DB must be provided through an external factory/.test(message)) {
      // Report why the shadow schema could not be computed, if we know it.
      throw (
        primingError ??
        new UserFacingError(
          `${method} needs the schema of the migrations directory, which the wasm schema engine can only ` +
            'compute while the database is up to date with it. Run `prisma migrate deploy` (or `migrate dev`) first.',
        )
      );
    }
    throw error;
  }
}

/**
 * The native engine reports a migration script that fails on the database as
 * P3018, with the migration's name and the database error; the wasm engine
 * only passes the driver adapter's summary on ("external connector error /
 * No such table: nope"). Rebuild the native error from the PostgreSQL error
 * that executeScript saw. The migration is recorded as failed either way.
 */
function migrationFailedError(error, dbError) {
  const message = error instanceof Error ? error.message : String(error);
  const migrationName = /migration_name="([^"]+)"/.exec(message)?.[1];
  if (!migrationName || !dbError?.code) return undefined;
  const details = [`ERROR: ${dbError.message}`];
  if (dbError.detail) details.push(`DETAIL: ${dbError.detail}`);
  if (dbError.hint) details.push(`HINT: ${dbError.hint}`);
  if (dbError.where) details.push(`CONTEXT: ${dbError.where}`);
  return new UserFacingError(
    'A migration failed to apply. New migrations cannot be applied before the error is recovered from. ' +
      'Read more about how to resolve migration issues in a production database: https://pris.ly/d/migrate-resolve\n\n' +
      `Migration name: ${migrationName}\n\n` +
      `Database error code: ${dbError.code}\n\n` +
      `Database error:\n${details.join('\n')}\n`,
    'P3018',
    { migration_name: migrationName, database_error_code: dbError.code, database_error: details.join('\n') },
  );
}

class JsonRpcServer {
  constructor({ datamodels, datasource }) {
    this.datamodels = datamodels;
    this.datasource = datasource;
    this.queue = Promise.resolve();
    this.nextOutgoingId = 1;
    this.pendingOutgoing = new Map();
    this.dead = false;
  }

  send(message) {
    process.stdout.write(`${JSON.stringify(message)}\n`);
  }

  /** Sends a request to the CLI and waits for its answer (used for `print`). */
  request(method, params) {
    const id = `schema-engine-shim-${this.nextOutgoingId++}`;
    return new Promise((resolve, reject) => {
      this.pendingOutgoing.set(id, { resolve, reject });
      this.send({ jsonrpc: '2.0', id, method, params });
    });
  }

  handleLine(line) {
    if (!line.trim()) return;
    let message;
    try {
      message = JSON.parse(line);
    } catch {
      this.send({ jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error' } });
      return;
    }
    if (message.method === undefined) {
      // A response to one of our own requests.
      const pending = this.pendingOutgoing.get(message.id);
      if (pending) {
        this.pendingOutgoing.delete(message.id);
        if (message.error) pending.reject(new Error(message.error.message));
        else pending.resolve(message.result);
      }
      return;
    }
    // Requests are served one at a time, in order, like the native engine.
    this.queue = this.queue.then(() => this.serve(message));
  }

  /**
   * A wasm trap can surface outside the request's promise chain (inside a
   * callback the engine handed to JS), as an uncaught exception. Answer the
   * request in flight with a panic error, then exit like a panicking native
   * engine (exit code 101).
   */
  crash(error) {
    this.dead = true;
    const data = toErrorData(error);
    log('ERROR', 'schema_engine_shim', { message: data.message, is_panic: data.is_panic });
    if (this.current?.id !== undefined) {
      this.send({ jsonrpc: '2.0', id: this.current.id, error: this.errorPayload(error) });
    }
    process.stdout.write('', () => process.exit(101));
  }

  async serve(request) {
    this.current = request;
    try {
      await this.serveOne(request);
    } finally {
      this.current = undefined;
    }
  }

  async serveOne({ id, method, params }) {
    if (this.dead) {
      this.send({ jsonrpc: '2.0', id, error: this.errorPayload(new Error('The schema engine has crashed earlier.')) });
      return;
    }
    try {
      const result = await this.dispatch(method, params);
      if (id !== undefined) this.send({ jsonrpc: '2.0', id, result: result ?? {} });
    } catch (error) {
      if (isWasmTrap(error)) this.dead = true;
      log('ERROR', 'schema_engine_shim', { message: toErrorData(error).message });
      if (id !== undefined) this.send({ jsonrpc: '2.0', id, error: this.errorPayload(error) });
      if (this.dead) {
        // Like the native engine after a panic: exit 101 once the answer is out.
        process.stdout.write('', () => process.exit(101));
      }
    }
  }

  errorPayload(error) {
    const data = toErrorData(error);
    // For panics the CLI prints the top-level message: make it the panic's.
    const message = data.is_panic ? data.message : 'An error happened. Check the data field for details.';
    return { code: RPC_ENGINE_ERROR, message, data };
  }

  /**
   * Serves one request on a fresh engine instance (and fresh connections):
   * the wasm engine keeps state per instance, and a new one per request
   * avoids leaking it from one command into the next.
   */
  async withEngine(fn) {
    const glue = await loadWasmEngine();
    const { factory, disposeAll } = createAdapterFactory(this.datasource);
    const boundFactory = bindMigrationAwareSqlAdapterFactory(factory);
    let engine;
    try {
      engine = await glue.SchemaEngine.new({ datamodels: this.datamodels }, forwardEngineLog, boundFactory);
      return await fn(engine);
    } catch (error) {
      throw this.nativeError(unwrapExternalError(error, boundFactory.errorRegistry));
    } finally {
      try {
        engine?.free();
      } catch {
        // a trapped instance cannot be freed; the process exits anyway
      }
      await disposeAll();
    }
  }

  /** Native wording for errors the wasm engine words differently. */
  nativeError(error) {
    const url = this.datasource?.url;
    const message = error instanceof Error ? error.message : '';
    if (url && isPostgresUrl(url) && knownErrorCode(message) === 'P1003') {
      // wasm: "Database `x` does not exist"; native adds the server address.
      return pgConnectionError({ code: '3D000' }, url);
    }
    return error;
  }

  callEngine(method, params) {
    return this.withEngine(async (engine) => {
      if (typeof engine[method] !== 'function') {
        throw new UserFacingError(`Method \`${method}\` is not supported by the wasm schema engine.`);
      }
      return engine[method](params);
    });
  }

  async dispatch(method, params) {
    const ctx = { datasource: this.datasource, callEngine: (m, p) => this.callEngine(m, p) };
    if (Object.hasOwn(LOCAL_METHODS, method)) return LOCAL_METHODS[method](params, ctx);
    if (method === 'diff') {
      // The native engine does not return the script: it sends the CLI a
      // `print` request and returns `stdout: null`. The CLI relies on that
      // (it prints nothing from the result, and `--output` captures stdout).
      const result = await this.callEngine('diff', params);
      if (typeof result?.stdout === 'string') {
        await this.request('print', { content: result.stdout });
      }
      return { ...result, stdout: null };
    }
    if (method === 'applyMigrations') {
      lastScriptError = undefined;
      try {
        return await this.callEngine(method, params);
      } catch (error) {
        throw migrationFailedError(error, lastScriptError) ?? error;
      }
    }
    if (method === 'evaluateDataLoss' || method === 'createMigration') {
      return this.withEngine((engine) => callWithPrimedMigrationCache(engine, method, params));
    }
    return this.callEngine(method, params);
  }

  async run() {
    const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
    rl.on('line', (line) => this.handleLine(line));
    await new Promise((resolve) => rl.once('close', resolve));
    await this.queue;
  }
}

// ---------------------------------------------------------------------------
// Command line.
// ---------------------------------------------------------------------------

function parseArgs(argv) {
  const args = { datamodels: [], datasource: undefined, cli: undefined, version: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => (inline !== undefined ? inline : argv[++i]);
    switch (flag) {
      case '--version':
      case '-V':
        args.version = true;
        break;
      case '--help':
      case '-h':
        args.help = true;
        break;
      case '--datamodels':
        args.datamodels.push(value());
        break;
      case '--datasource':
        args.datasource = JSON.parse(value());
        break;
      case '--enabled-preview-features':
      case '--extension-types':
        value(); // accepted for compatibility; the engine reads the schema itself
        break;
      case 'cli':
        args.cli = argv[++i];
        break;
      default:
        throw new Error(`Unknown argument: ${arg}`);
    }
  }
  return args;
}

async function main() {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }

  if (args.version) {
    process.stdout.write(`schema-engine-cli ${engineHash()}\n`);
    return;
  }
  if (args.help) {
    process.stdout.write(
      'schema-engine-cli (offline wasm shim)\n\n' +
        'Usage: schema-engine [--datamodels PATH]... [--datasource JSON] [cli <can-connect-to-database|create-database|drop-database>]\n',
    );
    return;
  }

  // The CLI skips the first stderr line of `cli` subcommands: the native
  // engine starts with this one.
  log('INFO', 'schema_engine', { message: 'Starting schema engine CLI', git_hash: engineHash() });

  if (args.cli) {
    try {
      const message = await runCliCommand(args.cli, args.datasource);
      log('INFO', 'schema_engine::logger', { message });
      process.exit(0);
    } catch (error) {
      const data = toErrorData(error);
      log('ERROR', 'schema_engine::logger', {
        is_panic: data.is_panic,
        error_code: data.error_code ?? '',
        message: data.message,
      });
      process.exit(1);
    }
  }

  const datamodels = args.datamodels.length
    ? args.datamodels.map((file) => [file, fs.readFileSync(path.resolve(file), 'utf8')])
    : undefined;
  const server = new JsonRpcServer({ datamodels, datasource: args.datasource });
  process.on('uncaughtException', (error) => server.crash(error));
  await server.run();
  process.exit(server.dead ? 101 : 0);
}

// Stray rejections (e.g. a pool error after a request ended) must not kill
// the server with a non-JSON stack trace; log them the engine's way.
process.on('unhandledRejection', (reason) => {
  log('WARN', 'schema_engine_shim', { message: `Unhandled rejection: ${reason?.message ?? reason}` });
});

await main();
