/**
 * The stored document → the JSON a client receives (RFC 7643 §3): schemas,
 * id, externalId, the schema-declared attributes, extension objects, meta.
 * Output is an allow-list driven by the schema definitions, so anything the
 * document holds that no schema declares (a deleted custom attribute) and
 * anything `returned: never` (password) can never leak.
 */
import { commonAttributes } from '../schemas/common';
import { findAttribute } from '../schemas/resolve';
import type { ResourceSchemas } from '../schemas/types';
import { URN } from '../schemas/urns';
import { getOwn, isPlainObject, setOwn, type Document, type JsonObject, type JsonValue } from './document';
import { planAttribute, projectPlanned, type AttributePlan, type Projection } from './projection';

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

/** What a schema set and a projection return, attribute by attribute (see planAttribute). */
interface RenderPlan {
  id: AttributePlan;
  externalId: AttributePlan;
  meta: AttributePlan;
  core: AttributePlan[];
  extensions: { id: string; attributes: AttributePlan[] }[];
}

function planRender(schemas: ResourceSchemas, projection: Projection | undefined): RenderPlan {
  const core = schemas.core;
  return {
    id: planAttribute(projection, { definition: COMMON.id, path: 'id', schemaId: core.id }),
    externalId: planAttribute(projection, { definition: COMMON.externalId, path: 'externalId', schemaId: core.id }),
    meta: planAttribute(projection, { definition: COMMON.meta, path: 'meta', schemaId: core.id }),
    core: core.attributes.map((definition) => planAttribute(projection, { definition, path: definition.name, schemaId: core.id })),
    extensions: schemas.extensions.map((extension) => ({
      id: extension.id,
      attributes: extension.attributes.map((definition) => planAttribute(projection, { definition, path: `${extension.id}:${definition.name}`, schemaId: extension.id })),
    })),
  };
}

/** Plans by schema set (rebuilt when custom attributes change), then by projection; a few projections per set at most are kept. */
const plans = new WeakMap<ResourceSchemas, Map<string, RenderPlan>>();
const PLANS_PER_SCHEMA_SET = 32;

function renderPlan(schemas: ResourceSchemas, projection: Projection | undefined): RenderPlan {
  const key = projection?.attributes || projection?.excludedAttributes ? JSON.stringify([projection.attributes, projection.excludedAttributes]) : '';
  let bySchemas = plans.get(schemas);
  if (!bySchemas) plans.set(schemas, (bySchemas = new Map()));
  let plan = bySchemas.get(key);
  if (!plan) {
    if (bySchemas.size >= PLANS_PER_SCHEMA_SET) bySchemas.clear();
    plan = planRender(schemas, projection);
    bySchemas.set(key, plan);
  }
  return plan;
}

export function renderResource(input: RenderInput, schemas: ResourceSchemas, projection?: Projection): JsonObject {
  const { document, extra = {} } = input;
  const plan = renderPlan(schemas, projection);
  const isUser = schemas.resourceType.name === 'User';

  const body: JsonObject = {};
  const resourceSchemas: string[] = [schemas.core.id];
  body.schemas = resourceSchemas;
  const put = (target: JsonObject, attribute: AttributePlan, value: unknown) => {
    const projected = projectPlanned(attribute, value);
    if (projected !== undefined) setOwn(target, attribute.definition.name, projected);
  };

  put(body, plan.id, input.id);
  put(body, plan.externalId, getOwn(document, 'externalId'));
  for (const attribute of plan.core) {
    const name = attribute.definition.name;
    let value = Object.prototype.hasOwnProperty.call(extra, name) ? extra[name] : getOwn(document, name);
    if (isUser && name === 'displayName' && value === undefined && attribute.included) value = deriveDisplayName(document);
    put(body, attribute, value);
  }
  for (const extension of plan.extensions) {
    const stored = getOwn(document, extension.id);
    if (!isPlainObject(stored)) continue;
    const out: JsonObject = {};
    let any = false;
    for (const attribute of extension.attributes) {
      if (!attribute.included) continue;
      let value = getOwn(stored, attribute.definition.name) as JsonValue | undefined;
      if (extension.id === URN.EnterpriseUser && attribute.definition.name === 'manager' && value !== undefined) value = withManagerRef(value, input);
      put(out, attribute, value);
      any ||= Object.prototype.hasOwnProperty.call(out, attribute.definition.name);
    }
    if (any) {
      setOwn(body, extension.id, out);
      resourceSchemas.push(extension.id);
    }
  }
  if (plan.meta.included) {
    const meta = {
      resourceType: schemas.resourceType.name,
      created: input.created.toISOString(),
      lastModified: input.lastModified.toISOString(),
      location: input.location,
      version: `W/"${input.version}"`,
    };
    put(body, plan.meta, meta);
  }
  return body;
}
