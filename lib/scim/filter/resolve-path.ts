/**
 * Resolves an attribute path as filters and sortBy use it: through the
 * schemas first, then through the resource's aliases (Okta's `email`), then
 * to the single extension that declares an unqualified name (Entra's
 * `manager`), and refusing attributes that are never returned (`password`),
 * since filtering on them would leak their value one comparison at a time.
 */
import { resolveAttribute, resolveAttributeOrExtension, type ResolvedAttribute } from '../schemas/resolve';
import type { ResourceSchemas } from '../schemas/types';
import { invalidFilter } from './operands';
import { lookup, type ResourceStorage } from './storage';

export function resolveFilterPath(schemas: ResourceSchemas, storage: ResourceStorage, path: string): ResolvedAttribute {
  const alias = lookup(storage.aliases, path.toLowerCase());
  // Schemas first, then the resource's aliases, then an extension attribute
  // only one extension declares (Entra filters `manager eq "<id>"`).
  const resolved = resolveAttribute(schemas, path) ?? (alias ? resolveAttribute(schemas, alias) : undefined) ?? resolveAttributeOrExtension(schemas, path);
  if (!resolved) throw invalidFilter(`Unknown attribute "${path.slice(0, 200)}": no schema of this resource defines it`);
  if (resolved.attribute.returned === 'never' || resolved.subAttribute?.returned === 'never') {
    throw invalidFilter(`Attribute "${path}" cannot be used in a filter`);
  }
  return resolved;
}
