/**
 * The stored document → the JSON a client receives (RFC 7643 §3): schemas,
 * id, externalId, the schema-declared attributes, extension objects, meta.
 * Output is an allow-list driven by the schema definitions, so anything the
 * document holds that no schema declares (a deleted custom attribute) and
 * anything `returned: never` (password) can never leak.
 */
import { commonAttributes } from '../schemas/common';
import { findAttribute } from '../schemas/resolve';
import type { AttributeDefinition, ResourceSchemas } from '../schemas/types';
import { URN } from '../schemas/urns';
import { getOwn, isPlainObject, setOwn, type Document, type JsonObject, type JsonValue } from './document';
import { projectAttribute, type Projection } from './projection';

export interface RenderInput {
  id: string;
  document: Document;
  created: Date;
  lastModified: Date;
  version: number;
  /** Absolute URL of the resource, e.g. https://host/scim/v2/Users/<id>. */
  location: string;
  /** Values the caller computes, keyed by canonical attribute name: User.groups, Group.members. */
  extra?: Record<string, unknown>;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/**
 * Okta's import shows blank names when displayName is missing even if
 * name.* is set (pitfalls.md), so a User always has one.
 */
export function deriveDisplayName(document: Document): string | undefined {
  const name = getOwn(document, 'name');
  if (isPlainObject(name)) {
    const formatted = text(getOwn(name, 'formatted'));
    if (formatted) return formatted;
    const parts = [text(getOwn(name, 'givenName')), text(getOwn(name, 'familyName'))].filter(Boolean);
    if (parts.length > 0) return parts.join(' ');
  }
  return text(getOwn(document, 'userName'));
}

/** Entra needs manager as an object (Budibase#15369); give it the $ref RFC 7643 §4.3 describes. */
function withManagerRef(manager: JsonValue, input: RenderInput): JsonValue {
  const object: JsonObject | undefined = isPlainObject(manager) ? { ...(manager as JsonObject) } : typeof manager === 'string' ? { value: manager } : undefined;
  if (!object) return manager;
  const value = getOwn(object, 'value');
  if (typeof value === 'string' && getOwn(object, '$ref') === undefined && input.location.endsWith(`/${input.id}`)) {
    object.$ref = `${input.location.slice(0, -input.id.length)}${encodeURIComponent(value)}`;
  }
  return object;
}

const COMMON = {
  id: findAttribute(commonAttributes, 'id')!,
  externalId: findAttribute(commonAttributes, 'externalId')!,
  meta: findAttribute(commonAttributes, 'meta')!,
};

export function renderResource(input: RenderInput, schemas: ResourceSchemas, projection?: Projection): JsonObject {
  const { document, extra = {} } = input;
  const core = schemas.core;
  const coreValue = (name: string): unknown => (Object.prototype.hasOwnProperty.call(extra, name) ? extra[name] : getOwn(document, name));

  const body: JsonObject = {};
  const resourceSchemas: string[] = [core.id];
  body.schemas = resourceSchemas;
  const put = (target: JsonObject, definition: AttributeDefinition, path: string, schemaId: string, value: unknown) => {
    if (value === undefined || value === null) return;
    const projected = projectAttribute(projection, { definition, path, schemaId }, value);
    if (projected !== undefined) setOwn(target, definition.name, projected);
  };

  put(body, COMMON.id, 'id', core.id, input.id);
  put(body, COMMON.externalId, 'externalId', core.id, getOwn(document, 'externalId'));
  for (const attribute of core.attributes) {
    let value = coreValue(attribute.name);
    if (attribute.name === 'displayName' && schemas.resourceType.name === 'User' && value === undefined) value = deriveDisplayName(document);
    put(body, attribute, attribute.name, core.id, value);
  }
  for (const extension of schemas.extensions) {
    const stored = getOwn(document, extension.id);
    if (!isPlainObject(stored)) continue;
    const out: JsonObject = {};
    for (const attribute of extension.attributes) {
      let value = getOwn(stored, attribute.name) as JsonValue | undefined;
      if (extension.id === URN.EnterpriseUser && attribute.name === 'manager' && value !== undefined) value = withManagerRef(value, input);
      put(out, attribute, `${extension.id}:${attribute.name}`, extension.id, value);
    }
    if (Object.keys(out).length > 0) {
      setOwn(body, extension.id, out);
      resourceSchemas.push(extension.id);
    }
  }
  const meta = {
    resourceType: schemas.resourceType.name,
    created: input.created.toISOString(),
    lastModified: input.lastModified.toISOString(),
    location: input.location,
    version: `W/"${input.version}"`,
  };
  put(body, COMMON.meta, 'meta', core.id, meta);
  return body;
}
