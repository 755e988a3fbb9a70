/**
 * Applies PATCH operations to a stored document (RFC 7644 §3.5.2) in every
 * form Okta and Entra send; see ./steps for path-less and URN forms,
 * ./value-path for `attr[filter].sub`, ./remove for removals.
 *
 * All or nothing: the operations run on a copy, and any error is a
 * ScimError thrown before the caller's document is touched. The result
 * lists what changed (canonical paths) and what was ignored.
 */
import { badRequest } from '../errors';
import type { ResourceSchemas } from '../schemas/types';
import { assignAttribute, getAttributeValue } from '../resource/assign';
import { collectIgnored, type IgnoredSink } from '../resource/coerce';
import { cloneJson, deleteOwn, getOwn, isAbsent, isPlainObject, jsonEqual, type Document } from '../resource/document';
import type { PatchOperation } from './parse';
import { applyRemoveStep } from './remove';
import { toSteps, type PatchStep } from './steps';
import { applyFilteredStep } from './value-path';

export interface PatchResult {
  /** The new document; the input is never modified. */
  document: Document;
  /** Canonical paths whose value changed, e.g. "active", "name.givenName", "urn:…:User:manager". */
  changed: string[];
  /** Paths that were sent but not applied: unknown or read-only attributes. */
  ignored: string[];
}

/** Receives the steps that target Group.members, which never live in the document. */
export type MembersSink = (step: PatchStep) => void;

function applyStep(doc: Document, step: PatchStep, ignore: IgnoredSink): void {
  if (step.filter) return applyFilteredStep(doc, step, ignore);
  // Entra's SCIM_Null_Update sends add/replace with null or "" to clear an attribute.
  if (step.op === 'remove' || isAbsent(step.value)) return applyRemoveStep(doc, step, ignore);
  assignAttribute(doc, step.target, step.value, step.op === 'add' ? 'add' : 'replace', ignore);
}

/** Required attributes the resource had before (RFC 7644 §3.5.2.2: removing one is a mutability error). */
function requiredPresent(doc: Document, schemas: ResourceSchemas): string[] {
  const present: string[] = [];
  for (const schema of [schemas.core, ...schemas.extensions]) {
    const holder = schema === schemas.core ? doc : getOwn(doc, schema.id);
    if (!isPlainObject(holder)) continue;
    for (const a of schema.attributes) {
      if (a.required && !isAbsent(getOwn(holder, a.name))) present.push(schema === schemas.core ? a.name : `${schema.id}:${a.name}`);
    }
  }
  return present;
}

/** Runs the operations on a copy; steps on Group.members go to `members` (or are reported when there is none). */
export function runPatch(document: Document, operations: PatchOperation[], schemas: ResourceSchemas, members?: MembersSink): PatchResult {
  const doc = cloneJson(document);
  const before = requiredPresent(doc, schemas);
  const { ignore, list: ignored } = collectIgnored();
  const changed: string[] = [];

  for (const operation of operations) {
    for (const step of toSteps(operation, schemas, ignore)) {
      if (step.op === 'removeExtension') {
        if (getOwn(doc, step.urn) !== undefined) {
          deleteOwn(doc, step.urn);
          if (!changed.includes(step.urn)) changed.push(step.urn);
        }
        continue;
      }
      if (step.kind === 'members') {
        if (members) members(step);
        else ignore(step.target.canonicalPath);
        continue;
      }
      const old = getAttributeValue(doc, step.target);
      const snapshot = old === undefined ? undefined : cloneJson(old);
      applyStep(doc, step, ignore);
      const path = step.target.canonicalPath;
      if (!jsonEqual(snapshot, getAttributeValue(doc, step.target)) && !changed.includes(path)) changed.push(path);
    }
  }

  const after = new Set(requiredPresent(doc, schemas));
  const lost = before.find((path) => !after.has(path));
  if (lost) throw badRequest('mutability', `Attribute "${lost}" is required and cannot be removed.`);
  return { document: doc, changed, ignored };
}

export function applyPatch(document: Document, operations: PatchOperation[], schemas: ResourceSchemas): PatchResult {
  return runPatch(document, operations, schemas);
}
