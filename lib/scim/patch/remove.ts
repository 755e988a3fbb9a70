/**
 * `remove` without a value filter (RFC 7644 §3.5.2.2): the attribute, one
 * sub-attribute, or, when a `value` is given for a multi-valued attribute,
 * only the listed values. That last form is not in the RFC but is what Entra
 * (without aadOptscim062020) and JumpCloud send; reading it as "remove the
 * whole attribute" would wipe data (MicrosoftDocs/azure-docs#30826).
 * Removing something absent is a no-op.
 */
import { getList, setAttributeValue, assignAttribute } from '../resource/assign';
import { coerceValue, type IgnoredSink } from '../resource/coerce';
import { getOwn, isAbsent, isPlainObject, jsonEqual, type Document, type JsonValue } from '../resource/document';
import type { AttributeDefinition } from '../schemas/types';
import type { PatchStep } from './steps';

function sameScalar(a: unknown, b: unknown, def: AttributeDefinition | undefined): boolean {
  if (typeof a === 'string' && typeof b === 'string' && def && !def.caseExact && def.type === 'string') {
    return a.toLowerCase() === b.toLowerCase();
  }
  return jsonEqual(a, b);
}

/** An element is "listed" when every sub-attribute the listed value gives is equal in it. */
function matchesListed(element: JsonValue, listed: JsonValue, attribute: AttributeDefinition): boolean {
  if (!isPlainObject(listed) || !isPlainObject(element)) return sameScalar(element, listed, attribute);
  const subs = attribute.subAttributes ?? [];
  return Object.keys(listed).every((k) => sameScalar(getOwn(element, k), getOwn(listed, k), subs.find((s) => s.name === k)));
}

export function applyRemoveStep(doc: Document, step: PatchStep, ignore: IgnoredSink): void {
  const { target } = step;
  if (target.subAttribute) {
    assignAttribute(doc, target, undefined, 'replace', ignore);
    return;
  }
  if (!target.attribute.multiValued || isAbsent(step.value)) {
    setAttributeValue(doc, target, undefined);
    return;
  }
  const listed = (coerceValue(target.attribute, step.value, target.attributePath, ignore) as JsonValue[] | undefined) ?? [];
  if (listed.length === 0) return;
  const kept = getList(doc, target).filter((element) => !listed.some((l) => matchesListed(element, l, target.attribute)));
  setAttributeValue(doc, target, kept);
}
