/**
 * Writes one attribute (or sub-attribute) of a document: the operations
 * POST/PUT normalization and PATCH have in common. Values are coerced here
 * (./coerce), so whatever path a value arrives by, it is stored the same way.
 *
 * Semantics (RFC 7644 §3.5.2, which POST/PUT share on an empty document):
 * - singular simple attribute: set, or delete when the value is absent;
 * - singular complex attribute: merge sub-attributes (null/"" clears one);
 * - multi-valued attribute: 'replace' sets the list, 'add' appends the new
 *   elements that are not already there;
 * - sub-attribute of a singular complex: set/clear it in the parent;
 * - sub-attribute of a multi-valued attribute without filter: set it on every
 *   element, creating one element when there is none.
 */
import type { AttributeDefinition } from '../schemas/types';
import { coerceComplexParts, coerceValue, enforceSinglePrimary, unwrapSingle, type IgnoredSink } from './coerce';
import { deleteOwn, getOwn, isAbsent, isPlainObject, jsonEqual, setOwn, type Document, type JsonObject, type JsonValue } from './document';
import type { AttributeTarget } from './target';

export type WriteMode = 'add' | 'replace';

/** The object holding the target's attribute: the document or its extension object. */
function container(doc: Document, target: AttributeTarget, create: boolean): JsonObject | undefined {
  if (!target.extension) return doc;
  const existing = getOwn(doc, target.extension);
  if (isPlainObject(existing)) return existing as JsonObject;
  if (!create) return undefined;
  const fresh: JsonObject = {};
  setOwn(doc, target.extension, fresh);
  return fresh;
}

export function getAttributeValue(doc: Document, target: AttributeTarget): JsonValue | undefined {
  const holder = container(doc, target, false);
  return holder ? (getOwn(holder, target.attribute.name) as JsonValue | undefined) : undefined;
}

/** Sets or (value undefined) deletes the target's attribute; empty extension objects disappear. */
export function setAttributeValue(doc: Document, target: AttributeTarget, value: JsonValue | undefined): void {
  if (value === undefined || (Array.isArray(value) && value.length === 0)) {
    const holder = container(doc, target, false);
    if (!holder) return;
    deleteOwn(holder, target.attribute.name);
    if (target.extension && Object.keys(holder).length === 0) deleteOwn(doc, target.extension);
    return;
  }
  setOwn(container(doc, target, true)!, target.attribute.name, value);
}

/** The current elements of a multi-valued attribute (a copy of the array, same elements). */
export function getList(doc: Document, target: AttributeTarget): JsonValue[] {
  const value = getAttributeValue(doc, target);
  if (value === undefined) return [];
  return Array.isArray(value) ? [...value] : [value];
}

/** Sub-attributes that only describe an element: one left with nothing else is empty. */
const DESCRIPTIVE = new Set(['type', 'primary', 'display']);

export function isEmptyElement(element: JsonValue): boolean {
  return isPlainObject(element) && Object.keys(element).every((k) => DESCRIPTIVE.has(k));
}

/** Appends the elements not already present (Okta and Entra re-send values they added before). */
function appendElements(list: JsonValue[], added: JsonValue[]): JsonValue[] {
  const out = [...list];
  for (const element of added) if (!out.some((e) => jsonEqual(e, element))) out.push(element);
  const newPrimary = added.find((e) => isPlainObject(e) && getOwn(e, 'primary') === true);
  const preferred = newPrimary === undefined ? undefined : out.find((e) => jsonEqual(e, newPrimary));
  enforceSinglePrimary(out, preferred);
  return out;
}

function writeWholeAttribute(doc: Document, target: AttributeTarget, raw: unknown, mode: WriteMode, ignore: IgnoredSink): void {
  const def = target.attribute;
  const path = target.attributePath;
  if (def.multiValued) {
    const coerced = coerceValue(def, raw, path, ignore) as JsonValue[] | undefined;
    // Adding nothing ([] or only empty elements) changes nothing; replacing with nothing clears.
    if (coerced === undefined) {
      if (mode === 'replace') setAttributeValue(doc, target, undefined);
    } else setAttributeValue(doc, target, mode === 'add' ? appendElements(getList(doc, target), coerced) : coerced);
    return;
  }
  if (def.type !== 'complex') {
    setAttributeValue(doc, target, coerceValue(def, raw, path, ignore));
    return;
  }
  const single = unwrapSingle(raw, path);
  if (isAbsent(single)) {
    setAttributeValue(doc, target, undefined);
    return;
  }
  const { set, cleared } = coerceComplexParts(def, single, path, ignore);
  const current = getAttributeValue(doc, target);
  const merged: JsonObject = isPlainObject(current) ? { ...(current as JsonObject) } : {};
  for (const name of cleared) deleteOwn(merged, name);
  for (const [name, value] of Object.entries(set)) setOwn(merged, name, value);
  setAttributeValue(doc, target, Object.keys(merged).length > 0 ? merged : undefined);
}

/** Sets (value defined) or clears (undefined) one sub-attribute of an element. */
export function writeSubAttribute(element: JsonObject, sub: AttributeDefinition, value: JsonValue | undefined): void {
  if (value === undefined) deleteOwn(element, sub.name);
  else setOwn(element, sub.name, value);
}

function writeSubOfTarget(doc: Document, target: AttributeTarget, raw: unknown, ignore: IgnoredSink): void {
  const sub = target.subAttribute!;
  const value = coerceValue(sub, raw, target.canonicalPath, ignore);
  if (!target.attribute.multiValued) {
    const current = getAttributeValue(doc, target);
    const parent: JsonObject = isPlainObject(current) ? { ...(current as JsonObject) } : {};
    writeSubAttribute(parent, sub, value);
    setAttributeValue(doc, target, Object.keys(parent).length > 0 ? parent : undefined);
    return;
  }
  // "emails.value" without a filter: every element, or a new one when there is none.
  const list = getList(doc, target).filter(isPlainObject) as JsonObject[];
  if (list.length === 0) {
    if (value !== undefined) setAttributeValue(doc, target, [{ [sub.name]: value }]);
    return;
  }
  const updated = list.map((element) => {
    const copy = { ...element };
    writeSubAttribute(copy, sub, value);
    return copy;
  });
  const kept: JsonValue[] = updated.filter((e) => !isEmptyElement(e));
  enforceSinglePrimary(kept);
  setAttributeValue(doc, target, kept);
}

/** Writes `raw` at `target` (absent values clear it), mutating `doc`. */
export function assignAttribute(doc: Document, target: AttributeTarget, raw: unknown, mode: WriteMode, ignore: IgnoredSink): void {
  if (target.subAttribute) writeSubOfTarget(doc, target, raw, ignore);
  else writeWholeAttribute(doc, target, raw, mode, ignore);
}
