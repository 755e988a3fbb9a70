/**
 * Turns a stored SCIM document into sections an admin can read: one per
 * schema of the instance (core User, enterprise, each custom extension), in
 * the schema's own attribute order, driven by the same schema definitions
 * SCIM validates with. Values stored under a name no schema knows any more
 * (a removed custom attribute) are listed apart, so nothing stored is hidden.
 * Write-only attributes (password) are never shown.
 */
import type { AttributeDefinition, ResourceSchemas, SchemaDefinition } from '../scim/schemas/types';

export type DisplayValue =
  | { kind: 'text'; text: string }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'object'; fields: DisplayField[] }
  | { kind: 'list'; items: DisplayValue[] };

export interface DisplayField {
  name: string;
  description?: string;
  value: DisplayValue;
}

export interface DisplaySection {
  urn: string;
  title: string;
  /** custom = defined by an admin on the Configurations page. */
  origin: 'core' | 'enterprise' | 'custom' | 'unknown';
  fields: DisplayField[];
  /** Attributes the schema defines that hold no value for this resource. */
  unset: string[];
}

const ENTERPRISE_URN = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

type Json = unknown;

function isObject(v: Json): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function own(obj: Record<string, unknown>, name: string): unknown {
  const key = Object.keys(obj).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : obj[key];
}

function isEmpty(v: Json): boolean {
  return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0) || (isObject(v) && Object.keys(v).length === 0);
}

/** A value with no definition to guide it (unknown attributes, sub-attributes). */
function describeLoose(v: Json): DisplayValue {
  if (typeof v === 'boolean') return { kind: 'boolean', value: v };
  if (Array.isArray(v)) return { kind: 'list', items: v.map(describeLoose) };
  if (isObject(v)) {
    return { kind: 'object', fields: Object.entries(v).filter(([, x]) => !isEmpty(x)).map(([name, x]) => ({ name, value: describeLoose(x) })) };
  }
  return { kind: 'text', text: typeof v === 'string' ? v : JSON.stringify(v) };
}

function describeSingle(def: AttributeDefinition, v: Json): DisplayValue {
  if (def.type === 'complex' && isObject(v)) return { kind: 'object', fields: describeFields(def.subAttributes ?? [], v).fields };
  return describeLoose(v);
}

function describeValue(def: AttributeDefinition, v: Json): DisplayValue {
  if (def.multiValued && Array.isArray(v)) return { kind: 'list', items: v.map((item) => describeSingle(def, item)) };
  return describeSingle(def, v);
}

function describeFields(defs: AttributeDefinition[], source: Record<string, unknown>): { fields: DisplayField[]; unset: string[] } {
  const fields: DisplayField[] = [];
  const unset: string[] = [];
  for (const def of defs) {
    if (def.mutability === 'writeOnly' || def.returned === 'never') continue;
    const v = own(source, def.name);
    if (isEmpty(v)) unset.push(def.name);
    else fields.push({ name: def.name, description: def.description || undefined, value: describeValue(def, v) });
  }
  // Values under names the definitions do not know (kept, not dropped).
  const known = new Set(defs.map((d) => d.name.toLowerCase()));
  for (const [name, v] of Object.entries(source)) {
    if (!known.has(name.toLowerCase()) && !name.includes(':') && !isEmpty(v)) fields.push({ name, value: describeLoose(v) });
  }
  return { fields, unset };
}

function originOf(schema: SchemaDefinition, core: SchemaDefinition): DisplaySection['origin'] {
  if (schema === core) return 'core';
  return schema.id.toLowerCase() === ENTERPRISE_URN.toLowerCase() ? 'enterprise' : 'custom';
}

export function describeDocument(document: Record<string, unknown>, schemas: ResourceSchemas): DisplaySection[] {
  const sections: DisplaySection[] = [];
  const coreDefs = schemas.core.attributes;
  const core = describeFields(
    coreDefs,
    Object.fromEntries(Object.entries(document).filter(([k]) => !k.includes(':'))),
  );
  sections.push({ urn: schemas.core.id, title: schemas.core.name, origin: 'core', ...core });
  for (const ext of schemas.extensions) {
    const stored = own(document, ext.id);
    const { fields, unset } = describeFields(ext.attributes, isObject(stored) ? stored : {});
    sections.push({ urn: ext.id, title: ext.name, origin: originOf(ext, schemas.core), fields, unset });
  }
  const knownUrns = new Set(schemas.extensions.map((e) => e.id.toLowerCase()));
  for (const [key, v] of Object.entries(document)) {
    if (key.includes(':') && !knownUrns.has(key.toLowerCase()) && !isEmpty(v)) {
      const loose = describeLoose(v);
      sections.push({
        urn: key,
        title: 'Not in the schema any more',
        origin: 'unknown',
        fields: loose.kind === 'object' ? loose.fields : [{ name: key, value: loose }],
        unset: [],
      });
    }
  }
  return sections;
}
