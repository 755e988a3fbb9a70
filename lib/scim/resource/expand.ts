/**
 * Turns the keys of a resource-shaped JSON object into attribute targets.
 * One function serves POST/PUT bodies and path-less PATCH values, because
 * the IdPs write both the same ways:
 *   - plain names in any case ("userName", "Emails")
 *   - dotted sub-attribute paths ("name.givenName": Entra with aadOptscim062020)
 *   - URN-qualified attributes ("urn:…:enterprise:2.0:User:employeeNumber")
 *   - URN keys holding an object of extension attributes, listed in
 *     `schemas` or not (Entra omits custom URNs from `schemas`)
 * Unknown names and read-only attributes are reported, id/meta/schemas and
 * write-only attributes (the password Okta always sends) dropped silently.
 */
import { badRequest } from '../errors';
import { findSchema } from '../schemas/resolve';
import type { ResourceSchemas } from '../schemas/types';
import type { IgnoredSink } from './coerce';
import { describeKey, getOwn, isAbsent, isPlainObject } from './document';
import { classifyTarget, resolveTarget, type AttributeTarget } from './target';

export interface Assignment {
  target: AttributeTarget;
  /** 'members' targets are Group membership, kept out of the document. */
  kind: 'writable' | 'members';
  value: unknown;
}

function addTarget(
  out: Assignment[],
  schemas: ResourceSchemas,
  key: string,
  value: unknown,
  ignore: IgnoredSink,
): void {
  const target = resolveTarget(schemas, key);
  if (!target) {
    if (!isAbsent(value)) ignore(describeKey(key));
    return;
  }
  const kind = classifyTarget(schemas, target);
  if (kind === 'silent') return;
  if (kind === 'readOnly') {
    if (!isAbsent(value) && !(Array.isArray(value) && value.length === 0)) ignore(target.canonicalPath);
    return;
  }
  out.push({ target, kind, value });
}

export function expandAttributes(body: Record<string, unknown>, schemas: ResourceSchemas, ignore: IgnoredSink): Assignment[] {
  const out: Assignment[] = [];
  for (const key of Object.keys(body)) {
    const value = getOwn(body, key);
    // `schemas` describes the body, it is not an attribute; it is never stored.
    if (key.toLowerCase() === 'schemas') continue;
    if (!key.toLowerCase().startsWith('urn:')) {
      addTarget(out, schemas, key, value, ignore);
      continue;
    }
    const schema = findSchema(schemas, key);
    if (!schema) {
      // "urn:…:enterprise:2.0:User:department" or an unknown URN.
      addTarget(out, schemas, key, value, ignore);
      continue;
    }
    // A URN key holding the schema's attributes.
    if (isAbsent(value)) continue;
    if (!isPlainObject(value)) {
      throw badRequest('invalidValue', `"${schema.id}" must be an object of that schema's attributes.`);
    }
    const prefix = schema === schemas.core ? '' : `${schema.id}:`;
    for (const inner of Object.keys(value)) {
      addTarget(out, schemas, `${prefix}${inner}`, getOwn(value, inner), ignore);
    }
  }
  return out;
}
