/**
 * The rules of provisioning users over SCIM, shared by the SCIM handlers:
 * create, read, list, replace, patch, delete. Writes that read first lock
 * the row (concurrent PATCHes serialize, none is lost); uniqueness is the
 * database's (a case variant of a userName is a 409, never a 500);
 * deactivation revokes sessions at once; the last active admin stays.
 */
import { getDb } from '../db';
import {
  countOtherActiveAdmins,
  deleteUserRow,
  findUser,
  findUserWithGroups,
  withGroupRefs,
  insertUser,
  pageUsers,
  pageUsersDefault,
  updateUser,
  type UserWithGroups,
} from '../db/scim-store';
import { isResourceId, isTooLargeForIndex, isUniqueViolation, MAX_INDEXED_BYTES, oversizedUserAttribute, userColumns, type UserRow } from '../db/scim-rows';
import type { Queryable, Sql } from '../db/sql';
import { ScimError, badRequest, conflict, notFound } from '../scim/errors';
import { checkIfMatch } from '../scim/etag';
import { compileFilter, compileSort } from '../scim/filter/compile-sql';
import { parseFilter } from '../scim/filter/parse';
import { userStorage } from '../scim/filter/storage';
import { applyPatch } from '../scim/patch/apply';
import type { PatchOperation } from '../scim/patch/parse';
import { jsonEqual, type Document } from '../scim/resource/document';
import type { ListParams } from '../scim/resource/list';
import type { ResourceSchemas } from '../scim/schemas/types';

/** Serializes changes that could remove the last active admin. */
const ADMIN_LOCK = 0x526f7374;

export type UserRecord = UserWithGroups;

export interface WriteOutcome {
  record: UserRecord;
  changed: string[];
  ignored: string[];
  /** 'deactivated' | 'reactivated' when `active` flipped. */
  transition?: 'deactivated' | 'reactivated';
}

const userNotFound = (id: string) => notFound(`User ${id} not found.`);
const userNameTaken = (userName: string) => conflict(`A user with userName "${userName}" already exists (userName is unique, case-insensitively).`);
const tooLongToIndex = () => badRequest('invalidValue', 'A value is too long to be stored and searched.');

/** Refuses, as a 400, a value too long for the indexes that make it searchable (never a database error). */
function checkIndexable(document: Document): void {
  const attribute = oversizedUserAttribute(userColumns(document));
  if (attribute) throw badRequest('invalidValue', `Attribute "${attribute}" is too long: at most ${MAX_INDEXED_BYTES} bytes.`);
}

/** A grant held in memory (services/scim-access) that a write must confirm: its epoch, and how to confirm. */
export interface HeldGrant {
  epoch: number;
  confirm: ConfirmAccess;
}

/**
 * POST. With a held grant, the INSERT itself checks the access epoch; if it
 * moved, nothing was written, access is decided afresh (throwing if refused)
 * and the user is inserted then.
 */
export async function createScimUser(document: Document, held?: HeldGrant): Promise<UserRecord> {
  checkIndexable(document);
  const { sql } = await getDb();
  try {
    let row = await insertUser(sql, document, held?.epoch);
    if (held) {
      await held.confirm(row ? held.epoch : undefined);
      row ??= await insertUser(sql, document);
    }
    return { row: row!, groups: [] };
  } catch (err) {
    if (isUniqueViolation(err)) throw userNameTaken(String(document.userName));
    if (isTooLargeForIndex(err)) throw tooLongToIndex();
    throw err;
  }
}

/** `confirm` sees the access epoch read with the user, before a 404 as before the user. */
export async function getScimUser(id: string, confirm: ConfirmAccess = confirmedAlready): Promise<UserRecord> {
  if (!isResourceId(id)) throw userNotFound(id);
  const { sql } = await getDb();
  const { record, accessEpoch } = await findUserWithGroups(sql, id);
  await confirm(accessEpoch);
  if (!record) throw userNotFound(id);
  return record;
}

export async function listScimUsers(params: ListParams, schemas: ResourceSchemas) {
  const { sql } = await getDb();
  const where = params.filter ? compileFilter(parseFilter(params.filter), schemas, userStorage) : { sql: 'TRUE', params: [] };
  const page = { where: where.sql, params: where.params, startIndex: params.startIndex, count: params.count };
  // Without sortBy: SCIM-provisioned users first, with continuation cursors for imports (db/scim-store).
  return params.sortBy
    ? pageUsers(sql, { ...page, orderBy: compileSort(params.sortBy, params.sortOrder, schemas, userStorage) })
    : pageUsersDefault(sql, page);
}

async function guardLastAdmin(tx: Queryable, row: UserRow, what: 'deactivate' | 'delete'): Promise<void> {
  if (row.role !== 'ADMIN' || !row.active) return;
  await tx.query('SELECT pg_advisory_xact_lock($1)', [ADMIN_LOCK]);
  if ((await countOtherActiveAdmins(tx, row.id)) === 0) {
    throw new ScimError(403, `Refused: ${row.user_name} is the last active admin of this instance and cannot be ${what}d over SCIM. Make another user an admin first.`);
  }
}

type Compute = (current: Document) => { document: Document; changed: string[]; ignored: string[] };

/** Optimistic attempts before a PUT/PATCH falls back to locking the row. */
const OPTIMISTIC_ATTEMPTS = 3;

function transitionOf(before: UserRow, after: UserRow): WriteOutcome['transition'] {
  if (before.active && !after.active) return 'deactivated';
  if (!before.active && after.active) return 'reactivated';
  return undefined;
}

/**
 * Shared by PUT and PATCH. The common case takes two round trips and no
 * transaction: read the user (with its groups), compute, then write only if
 * the row is still at the version read (compare-and-set on `version`). If
 * another write came first, the change is recomputed on the new version, so
 * concurrent PATCHes never lose one another. Deactivating an admin, or
 * losing the race repeatedly, goes through the locked path instead.
 */
/**
 * Called with the access epoch read alongside the current user, before the
 * write: lets the SCIM route confirm a grant held in memory (or refuse).
 */
export type ConfirmAccess = (epoch: number | null | undefined) => Promise<void>;

const confirmedAlready: ConfirmAccess = async () => {};

async function rewriteUser(id: string, ifMatch: string | null | undefined, compute: Compute, confirm: ConfirmAccess): Promise<WriteOutcome> {
  if (!isResourceId(id)) throw userNotFound(id);
  const { sql } = await getDb();
  try {
    for (let attempt = 0; attempt < OPTIMISTIC_ATTEMPTS; attempt++) {
      const { record: current, accessEpoch } = await findUserWithGroups(sql, id);
      await confirm(accessEpoch);
      if (!current) throw userNotFound(id);
      checkIfMatch(ifMatch, current.row.version);
      const { document, changed, ignored } = compute(current.row.attributes);
      // Nothing to change (e.g. Entra's periodic active=true): no new version, no write.
      if (jsonEqual(document, current.row.attributes)) return { record: current, changed: [], ignored };
      checkIndexable(document);
      if (current.row.role === 'ADMIN' && current.row.active && document.active === false) break; // the last-admin guard needs the lock
      const record = await updateUser(sql, id, document, current.row.version);
      if (record) return { record, changed, ignored, transition: transitionOf(current.row, record.row) };
    }
    await confirm(undefined); // before the transaction: never wait for a connection while holding one
    return await rewriteUserLocked(sql, id, ifMatch, compute);
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('Another user already has that userName (userName is unique, case-insensitively).');
    if (isTooLargeForIndex(err)) throw tooLongToIndex();
    throw err;
  }
}

/** The locked path: one transaction holding the row (and the admin lock when an admin is deactivated). */
function rewriteUserLocked(sql: Sql, id: string, ifMatch: string | null | undefined, compute: Compute): Promise<WriteOutcome> {
  return sql.transaction(async (tx) => {
    const current = await findUser(tx, id, { lock: true });
    if (!current) throw userNotFound(id);
    checkIfMatch(ifMatch, current.version);
    const { document, changed, ignored } = compute(current.attributes);
    if (jsonEqual(document, current.attributes)) {
      const [record] = await withGroupRefs(tx, [current]);
      return { record, changed: [], ignored };
    }
    checkIndexable(document);
    if (current.active && document.active === false) await guardLastAdmin(tx, current, 'deactivate');
    const record = (await updateUser(tx, id, document))!;
    return { record, changed, ignored, transition: transitionOf(current, record.row) };
  });
}

/** PUT: the new document replaces the old one (never creates). */
export function replaceScimUser(id: string, document: Document, ignored: string[], ifMatch?: string | null, confirm = confirmedAlready): Promise<WriteOutcome> {
  return rewriteUser(id, ifMatch, (current) => ({
    document,
    changed: Object.keys({ ...current, ...document }).filter((k) => !jsonEqual(current[k], document[k])),
    ignored,
  }), confirm);
}

/** PATCH: all operations apply, or none. */
export function patchScimUser(
  id: string,
  operations: PatchOperation[],
  schemas: ResourceSchemas,
  ifMatch?: string | null,
  confirm = confirmedAlready,
): Promise<WriteOutcome> {
  return rewriteUser(id, ifMatch, (current) => applyPatch(current, operations, schemas), confirm);
}

export async function deleteScimUser(id: string, ifMatch?: string | null): Promise<UserRow> {
  if (!isResourceId(id)) throw userNotFound(id);
  const { sql } = await getDb();
  return sql.transaction(async (tx) => {
    const current = await findUser(tx, id, { lock: true });
    if (!current) throw userNotFound(id);
    checkIfMatch(ifMatch, current.version);
    await guardLastAdmin(tx, current, 'delete');
    await deleteUserRow(tx, id);
    return current;
  });
}
