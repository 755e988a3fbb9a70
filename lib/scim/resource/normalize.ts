/**
 * POST and PUT bodies → the stored document (see ./document). Lenient about
 * what IdPs add (read-only echoes, unknown or typo'd attributes and URNs:
 * reported in `ignored`, never a 400), strict about values that would be
 * stored wrongly (./coerce) and about required attributes.
 */
import { badRequest } from '../errors';
import { findSchema } from '../schemas/resolve';
import type { ResourceSchemas } from '../schemas/types';
import { assignAttribute } from './assign';
import { collectIgnored } from './coerce';
import { describeKey, getOwn, isAbsent, isPlainObject, setOwn, type Document } from './document';
import { expandAttributes } from './expand';
import { memberIds } from './members';

export interface NormalizedResource {
  document: Document;
  /** Paths that were sent but not stored: unknown attributes/URNs, read-only attributes. */
  ignored: string[];
  /**
   * Groups only: the member ids when the body carried `members` (Okta AIW
   * POSTs and PUTs the full list), undefined when it did not.
   */
  members?: string[];
}

/** Reports URNs in `schemas` that this resource type does not know (e.g. Entra's typo'd "…:enterprise:2.0User"). */
function reportUnknownSchemaUrns(body: Record<string, unknown>, schemas: ResourceSchemas, ignore: (p: string) => void): void {
  const key = Object.keys(body).find((k) => k.toLowerCase() === 'schemas');
  const listed = key === undefined ? undefined : getOwn(body, key);
  if (!Array.isArray(listed)) return;
  for (const urn of listed) {
    if (typeof urn === 'string' && urn !== '' && !findSchema(schemas, urn)) ignore(describeKey(urn));
  }
}

function checkRequired(document: Document, schemas: ResourceSchemas): void {
  for (const schema of [schemas.core, ...schemas.extensions]) {
    for (const attribute of schema.attributes) {
      if (!attribute.required || attribute.mutability === 'readOnly') continue;
      const holder = schema === schemas.core ? document : getOwn(document, schema.id);
      const value = isPlainObject(holder) ? getOwn(holder, attribute.name) : undefined;
      if (isAbsent(value)) {
        const path = schema === schemas.core ? attribute.name : `${schema.id}:${attribute.name}`;
        throw badRequest('invalidValue', `Attribute "${path}" is required.`);
      }
    }
  }
}

export function normalizeResource(body: unknown, schemas: ResourceSchemas): NormalizedResource {
  if (!isPlainObject(body)) throw badRequest('invalidSyntax', 'The request body must be a JSON object.');
  const { ignore, list: ignored } = collectIgnored();
  reportUnknownSchemaUrns(body, schemas, ignore);

  const document: Document = {};
  let members: string[] | undefined;
  for (const { target, kind, value } of expandAttributes(body, schemas, ignore)) {
    if (kind === 'members') {
      if (target.subAttribute) ignore(target.canonicalPath);
      else members = [...new Set([...(members ?? []), ...memberIds(value, target.attributePath)])];
      continue;
    }
    // 'add' so that a body naming one attribute twice ("emails" and "Emails") keeps both.
    assignAttribute(document, target, value, 'add', ignore);
  }

  // RFC 7643 leaves `active` without a default; a provisioned user is active
  // unless the IdP says otherwise (Okta and Entra both assume so).
  const active = schemas.core.attributes.find((a) => a.name === 'active' && a.type === 'boolean');
  if (schemas.resourceType.name === 'User' && active && getOwn(document, 'active') === undefined) {
    setOwn(document, 'active', true);
  }
  checkRequired(document, schemas);
  return { document, ignored, ...(members !== undefined ? { members } : {}) };
}
