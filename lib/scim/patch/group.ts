/**
 * PATCH on a Group: the document part (displayName, externalId, extensions)
 * goes through the common engine; membership comes out as an ordered list
 * of changes for the caller to run as row inserts/deletes, because a group
 * may have 100k members and must never be loaded as a list.
 *
 * Wire forms served (okta.md §1.8, entra.md §3.7, pitfalls.md §5):
 *   add     members  [{value, display?}] | [{"$ref": null, value}] | "id"   → add
 *   remove  members[value eq "x"]  (also `value eq "x" or value eq "y"`)    → remove
 *   remove  members  value [{value}]   (Entra without flag, JumpCloud)      → remove those
 *   remove  members  (no value)        (MS Postman "remove all")            → removeAll
 *   replace members  [...]             (Okta full push)                     → replace
 *   path-less add/replace {"members": [...]}                                → add / replace
 */
import { badRequest } from '../errors';
import type { Filter } from '../filter/ast';
import type { ResourceSchemas } from '../schemas/types';
import { isAbsent, type Document } from '../resource/document';
import { memberIds } from '../resource/members';
import { runPatch, type PatchResult } from './apply';
import type { PatchOperation } from './parse';
import type { PatchStep } from './steps';

export type MembershipChange =
  | { kind: 'add'; ids: string[] }
  | { kind: 'remove'; ids: string[] }
  | { kind: 'removeAll' }
  | { kind: 'replace'; ids: string[] };

export interface GroupPatchPlan extends PatchResult {
  /** In request order; `changed` covers the document only. */
  membership: MembershipChange[];
}

const SUPPORTED_FILTERS = 'members[value eq "<id>"], several joined with "or"';

/** The ids a member filter names; anything but `value eq` terms joined by `or` is refused. */
function filterIds(filter: Filter): string[] {
  if (filter.kind === 'or') return [...filterIds(filter.left), ...filterIds(filter.right)];
  if (filter.kind === 'compare' && filter.op === 'eq' && filter.path.toLowerCase() === 'value') {
    if (typeof filter.value === 'string' && filter.value !== '') return [filter.value];
    if (typeof filter.value === 'number') return [String(filter.value)];
  }
  throw badRequest('invalidFilter', `Unsupported members filter. Supported: ${SUPPORTED_FILTERS}.`);
}

function toChange(step: PatchStep): MembershipChange | undefined {
  if (step.target.subAttribute) {
    throw badRequest('invalidPath', 'Sub-attributes of members cannot be patched; add or remove members by value.');
  }
  if (step.filter) {
    if (step.op !== 'remove') {
      throw badRequest('invalidPath', `"${step.op}" takes path "members" with a list of {"value": "<id>"}; a filter is only for "remove" (${SUPPORTED_FILTERS}).`);
    }
    return { kind: 'remove', ids: [...new Set(filterIds(step.filter))] };
  }
  const absent = isAbsent(step.value);
  switch (step.op) {
    case 'add': {
      const ids = memberIds(step.value);
      return ids.length > 0 ? { kind: 'add', ids } : undefined;
    }
    case 'replace':
      return absent ? { kind: 'removeAll' } : { kind: 'replace', ids: memberIds(step.value) };
    case 'remove': {
      if (absent) return { kind: 'removeAll' };
      const ids = memberIds(step.value);
      return ids.length > 0 ? { kind: 'remove', ids } : undefined;
    }
  }
}

export function planGroupPatch(document: Document, operations: PatchOperation[], schemas: ResourceSchemas): GroupPatchPlan {
  const membership: MembershipChange[] = [];
  const result = runPatch(document, operations, schemas, (step) => {
    const change = toChange(step);
    if (change) membership.push(change);
  });
  return { ...result, membership };
}
