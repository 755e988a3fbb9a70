/**
 * The rules of pushing groups over SCIM. Membership is never materialized
 * as a list: each add or remove touches one row of group_members, so the
 * cost of a change does not grow with the group. The group row is locked
 * for the duration of a change, so concurrent membership PATCHes serialize
 * and none is lost. Member ids that are not users are ignored and reported.
 */
import { getDb } from '../db';
import {
  addMembers,
  deleteGroupRow,
  findGroup,
  insertGroup,
  membersOfGroups,
  pageGroups,
  removeMembers,
  touchGroup,
  updateGroup,
  type MemberRef,
} from '../db/scim-store';
import { groupColumns, isResourceId, isTooLargeForIndex, isUniqueViolation, MAX_INDEXED_BYTES, oversizedGroupAttribute, type GroupRow } from '../db/scim-rows';
import type { Queryable } from '../db/sql';
import { badRequest, conflict, notFound } from '../scim/errors';
import { checkIfMatch } from '../scim/etag';
import { compileFilter, compileSort } from '../scim/filter/compile-sql';
import { parseFilter } from '../scim/filter/parse';
import { groupStorage } from '../scim/filter/storage';
import { planGroupPatch, type MembershipChange } from '../scim/patch/group';
import type { PatchOperation } from '../scim/patch/parse';
import { jsonEqual, type Document } from '../scim/resource/document';
import type { ListParams } from '../scim/resource/list';
import type { ResourceSchemas } from '../scim/schemas/types';

export interface GroupRecord {
  row: GroupRow;
  /** undefined when members were not asked for (excludedAttributes=members). */
  members?: MemberRef[];
}

export interface GroupWriteOutcome {
  record: GroupRecord;
  changed: string[];
  ignored: string[];
  membersAdded: number;
  membersRemoved: number | 'all';
}

const groupNotFound = (id: string) => notFound(`Group ${id} not found.`);
const nameTaken = () => conflict('A group with that displayName already exists (displayName is unique, case-insensitively).');
const tooLongToIndex = () => badRequest('invalidValue', 'A value is too long to be stored and searched.');

/** Refuses, as a 400, a value too long for the indexes that make it searchable (never a database error). */
function checkIndexable(document: Document): void {
  const attribute = oversizedGroupAttribute(groupColumns(document));
  if (attribute) throw badRequest('invalidValue', `Attribute "${attribute}" is too long: at most ${MAX_INDEXED_BYTES} bytes.`);
}

async function withMembers(db: Queryable, rows: GroupRow[], include: boolean): Promise<GroupRecord[]> {
  if (!include) return rows.map((row) => ({ row }));
  const refs = await membersOfGroups(db, rows.map((r) => r.id));
  return rows.map((row) => ({ row, members: refs.filter((m) => m.group_id === row.id) }));
}

/** Splits ids into users we could have (UUIDs) and ones that can never match. */
function partitionIds(ids: string[]): { valid: string[]; invalid: string[] } {
  const valid: string[] = [];
  const invalid: string[] = [];
  for (const id of ids) (isResourceId(id) ? valid : invalid).push(id);
  return { valid, invalid };
}

async function applyMembership(tx: Queryable, groupId: string, changes: MembershipChange[]) {
  const ignored: string[] = [];
  let added = 0;
  let removed: number | 'all' = 0;
  for (const change of changes) {
    if (change.kind === 'removeAll' || change.kind === 'replace') {
      await removeMembers(tx, groupId, 'all');
      removed = 'all';
    }
    if (change.kind === 'add' || change.kind === 'replace') {
      const { valid, invalid } = partitionIds(change.ids);
      const unknown = [...invalid, ...(await addMembers(tx, groupId, valid))];
      ignored.push(...unknown.map((id) => `members[value eq "${id}"] (no such user)`));
      added += change.ids.length - unknown.length;
    }
    if (change.kind === 'remove') {
      const { valid } = partitionIds(change.ids);
      await removeMembers(tx, groupId, valid);
      if (removed !== 'all') removed += valid.length;
    }
  }
  return { ignored, added, removed };
}

export async function createScimGroup(document: Document, memberIds: string[] = []): Promise<GroupWriteOutcome> {
  checkIndexable(document);
  const { sql } = await getDb();
  try {
    return await sql.transaction(async (tx) => {
      const created = await insertGroup(tx, document);
      const m = await applyMembership(tx, created.id, memberIds.length ? [{ kind: 'add', ids: memberIds }] : []);
      const [record] = await withMembers(tx, [created], true);
      return { record, changed: [], ignored: m.ignored, membersAdded: m.added, membersRemoved: 0 };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw nameTaken();
    if (isTooLargeForIndex(err)) throw tooLongToIndex();
    throw err;
  }
}

export async function getScimGroup(id: string, { includeMembers = true } = {}): Promise<GroupRecord> {
  if (!isResourceId(id)) throw groupNotFound(id);
  const { sql } = await getDb();
  const row = await findGroup(sql, id);
  if (!row) throw groupNotFound(id);
  const [record] = await withMembers(sql, [row], includeMembers);
  return record;
}

export async function listScimGroups(params: ListParams, schemas: ResourceSchemas, { includeMembers = true } = {}) {
  const { sql } = await getDb();
  const where = params.filter ? compileFilter(parseFilter(params.filter), schemas, groupStorage) : { sql: 'TRUE', params: [] };
  const orderBy = compileSort(params.sortBy, params.sortOrder, schemas, groupStorage);
  const { total, rows } = await pageGroups(sql, { where: where.sql, params: where.params, orderBy, startIndex: params.startIndex, count: params.count });
  return { total, records: await withMembers(sql, rows, includeMembers) };
}

async function rewriteGroup(
  id: string,
  ifMatch: string | null | undefined,
  includeMembers: boolean,
  compute: (current: Document) => { document: Document; changed: string[]; ignored: string[]; membership: MembershipChange[] },
): Promise<GroupWriteOutcome> {
  if (!isResourceId(id)) throw groupNotFound(id);
  const { sql } = await getDb();
  try {
    return await sql.transaction(async (tx) => {
      const current = await findGroup(tx, id, { lock: true });
      if (!current) throw groupNotFound(id);
      checkIfMatch(ifMatch, current.version);
      const { document, changed, ignored, membership } = compute(current.attributes);
      checkIndexable(document);
      const m = await applyMembership(tx, id, membership);
      const documentChanged = !jsonEqual(document, current.attributes);
      const membershipTouched = membership.length > 0;
      const row = documentChanged ? await updateGroup(tx, id, document) : membershipTouched ? await touchGroup(tx, id) : current;
      const [record] = await withMembers(tx, [row], includeMembers);
      return { record, changed, ignored: [...ignored, ...m.ignored], membersAdded: m.added, membersRemoved: m.removed };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw nameTaken();
    if (isTooLargeForIndex(err)) throw tooLongToIndex();
    throw err;
  }
}

/** PUT: replaces the document and, as Okta's custom apps expect, the whole member list. */
export function replaceScimGroup(id: string, document: Document, memberIds: string[] | undefined, ignored: string[], ifMatch?: string | null) {
  return rewriteGroup(id, ifMatch, true, (current) => ({
    document,
    changed: Object.keys({ ...current, ...document }).filter((k) => !jsonEqual(current[k], document[k])),
    ignored,
    membership: [{ kind: 'replace', ids: memberIds ?? [] }],
  }));
}

export function patchScimGroup(id: string, operations: PatchOperation[], schemas: ResourceSchemas, ifMatch?: string | null, includeMembers = true) {
  return rewriteGroup(id, ifMatch, includeMembers, (current) => planGroupPatch(current, operations, schemas));
}

export async function deleteScimGroup(id: string, ifMatch?: string | null): Promise<GroupRow> {
  if (!isResourceId(id)) throw groupNotFound(id);
  const { sql } = await getDb();
  return sql.transaction(async (tx) => {
    const current = await findGroup(tx, id, { lock: true });
    if (!current) throw groupNotFound(id);
    checkIfMatch(ifMatch, current.version);
    await deleteGroupRow(tx, id);
    return current;
  });
}
