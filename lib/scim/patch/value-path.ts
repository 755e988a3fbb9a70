/**
 * Operations whose path carries a value filter, e.g.
 * `emails[type eq "work"].value` (Entra's default mapping for mail),
 * `phoneNumbers[type eq "mobile"].value`, `roles[primary eq "True"].value`.
 *
 * Matching elements are updated. When none matches, add and replace CREATE
 * the element from the filter's equality terms, `{type: "work", value: X}`,
 * because Entra sends exactly that (often as Add, sometimes as Replace) for
 * a user who has no work email yet; RFC 7644 §3.5.2.3 would answer 400
 * noTarget, which leaves the user without mail forever. A filter that does
 * not describe an element (`or`, `co`, …) and matches nothing is noTarget.
 */
import { badRequest } from '../errors';
import type { Filter } from '../filter/ast';
import { matchesFilter } from '../filter/parse';
import { findAttribute } from '../schemas/resolve';
import type { AttributeDefinition } from '../schemas/types';
import { getList, isEmptyElement, setAttributeValue, writeSubAttribute } from '../resource/assign';
import { coerceElement, coerceSimple, coerceValue, enforceSinglePrimary, type IgnoredSink } from '../resource/coerce';
import { getOwn, isAbsent, isPlainObject, setOwn, type Document, type JsonObject, type JsonValue } from '../resource/document';
import type { PatchStep } from './steps';

/** `type eq "work" and primary eq true` → {type: "work", primary: true}; undefined when the filter is anything else. */
function equalityTerms(filter: Filter, subs: AttributeDefinition[], path: string): JsonObject | undefined {
  if (filter.kind === 'and') {
    const left = equalityTerms(filter.left, subs, path);
    const right = equalityTerms(filter.right, subs, path);
    return left && right ? { ...left, ...right } : undefined;
  }
  if (filter.kind !== 'compare' || filter.op !== 'eq' || filter.value === null) return undefined;
  const sub = findAttribute(subs, filter.path);
  if (!sub || sub.type === 'complex') return undefined;
  const value = coerceSimple(sub, filter.value, `${path}.${sub.name}`);
  return value === undefined ? undefined : { [sub.name]: value };
}

function noTarget(step: PatchStep, path: string): never {
  throw badRequest('noTarget', `No value of "${path}" matches the filter of this "${step.op}", and the filter (only "eq" terms joined by "and" can) does not describe a value to create.`);
}

export function applyFilteredStep(doc: Document, step: PatchStep, ignore: IgnoredSink): void {
  const { target, filter } = step;
  const attribute = target.attribute;
  const subs = attribute.subAttributes ?? [];
  const path = target.attributePath;
  const list = getList(doc, target);
  // matchesFilter validates the filter against the sub-attributes before it
  // evaluates; run it once so an unknown name is a 400 even on an empty list.
  matchesFilter(filter!, {}, subs);
  const matched = new Set(list.filter((element) => matchesFilter(filter!, element, subs)));
  // Entra's SCIM_Null_Update: add/replace of null or "" clears the target.
  const removing = step.op === 'remove' || isAbsent(step.value);
  const sub = target.subAttribute;

  if (removing) {
    if (!sub) {
      setAttributeValue(doc, target, list.filter((e) => !matched.has(e)));
      return;
    }
    const next = list
      .map((e) => {
        if (!matched.has(e) || !isPlainObject(e)) return e;
        const copy = { ...(e as JsonObject) };
        writeSubAttribute(copy, sub, undefined);
        return copy;
      })
      .filter((e) => !isEmptyElement(e));
    setAttributeValue(doc, target, next);
    return;
  }

  if (attribute.type !== 'complex') {
    // A simple multi-valued attribute (custom data): replace matched values, or append.
    if (sub) throw badRequest('invalidPath', `"${path}" has no sub-attributes.`);
    const value = coerceElement(attribute, step.value, path, ignore);
    const next = matched.size > 0 ? list.map((e) => (matched.has(e) ? value! : e)) : [...list, value!];
    setAttributeValue(doc, target, next.filter((e, i) => next.findIndex((x) => x === e) === i));
    return;
  }

  // The value written into each matched element (or into the new one).
  let patch: JsonObject;
  if (sub) {
    const subValue = coerceValue(sub, step.value, target.canonicalPath, ignore);
    patch = subValue === undefined ? {} : { [sub.name]: subValue };
  } else {
    patch = (coerceElement(attribute, step.value, path, ignore) as JsonObject | undefined) ?? {};
  }

  let touched: JsonObject[] = [];
  let next: JsonValue[];
  if (matched.size > 0) {
    next = list.map((e) => {
      if (!matched.has(e)) return e;
      // add merges into the element; replace without a sub-attribute replaces
      // it (RFC 7644 §3.5.2.3) but keeps what the filter selected it by.
      const base: JsonObject =
        step.op === 'replace' && !sub ? { ...(equalityTerms(filter!, subs, path) ?? {}) } : isPlainObject(e) ? { ...(e as JsonObject) } : {};
      for (const [k, v] of Object.entries(patch)) setOwn(base, k, v);
      touched.push(base);
      return base;
    });
  } else {
    const terms = equalityTerms(filter!, subs, path);
    if (!terms) noTarget(step, path);
    const created: JsonObject = { ...terms };
    for (const [k, v] of Object.entries(patch)) setOwn(created, k, v);
    touched = [created];
    next = [...list, created];
  }
  next = next.filter((e) => !isEmptyElement(e));
  enforceSinglePrimary(next, touched.find((e) => getOwn(e, 'primary') === true));
  setAttributeValue(doc, target, next);
}
