/**
 * `sortBy`/`sortOrder` (RFC 7644 §3.4.2.3) as an ORDER BY body. It always ends
 * with the table's (created_at, id), a unique key, so pages fetched with
 * startIndex/count never repeat or skip a resource (Okta pages by
 * startIndex += 100). A multi-valued attribute sorts by its primary value,
 * else its first one; absent values sort last in both directions.
 * An unknown or unsortable attribute, or a sortOrder other than
 * ascending/descending, is a 400 invalidValue.
 */
import { ScimError } from '../errors';
import { findAttribute } from '../schemas/resolve';
import type { AttributeDefinition, ResourceSchemas } from '../schemas/types';
import { resolveFilterPath } from './resolve-path';
import { jsonBoolean, jsonNumber, jsonPath, jsonText, jsonTimestamp } from './sql';
import { lookup, type ColumnSpec, type ResourceStorage } from './storage';

const invalidSort = (detail: string) => new ScimError(400, detail, 'invalidValue');

function parseDirection(sortOrder: string | undefined): 'ASC' | 'DESC' {
  if (sortOrder === undefined || sortOrder === '') return 'ASC';
  const lower = sortOrder.toLowerCase();
  if (lower === 'ascending') return 'ASC';
  if (lower === 'descending') return 'DESC';
  throw invalidSort(`sortOrder must be "ascending" or "descending", not "${sortOrder.slice(0, 40)}"`);
}

function columnKey(spec: ColumnSpec, def: AttributeDefinition): string | undefined {
  switch (spec.type) {
    case 'constant':
      return undefined; // the same for every row: only the tie-breaker orders
    case 'text':
      return def.caseExact ? spec.expr : (spec.key ?? `lower(${spec.expr})`);
    default:
      return spec.expr;
  }
}

function jsonKey(expr: string, def: AttributeDefinition): string {
  switch (def.type) {
    case 'integer':
    case 'decimal':
      return `(${jsonNumber(expr)})`;
    case 'dateTime':
      return `(${jsonTimestamp(expr)})`;
    case 'boolean':
      return `(${jsonBoolean(expr)})`;
    default:
      return def.caseExact ? `(${jsonText(expr)})` : `lower(${jsonText(expr)})`;
  }
}

/** The sort key expression for `sortBy`, or undefined when it cannot discriminate rows. */
function sortKey(sortBy: string, schemas: ResourceSchemas, storage: ResourceStorage): string | undefined {
  const resolved = resolveFilterPath(schemas, storage, sortBy);
  const { attribute } = resolved;
  let sub = resolved.subAttribute;
  if (!sub && attribute.type === 'complex') {
    sub = findAttribute(attribute.subAttributes ?? [], 'value');
    if (!sub) throw invalidSort(`Cannot sort by "${sortBy}": it is complex; sort by one of its sub-attributes`);
  }
  const core = !resolved.isExtension;
  const canonical = (sub ? `${attribute.name}.${sub.name}` : attribute.name).toLowerCase();
  const def = sub ?? attribute;

  const sortColumn = core ? lookup(storage.sortColumns, canonical) : undefined;
  if (sortColumn) return sortColumn;
  const column = core ? lookup(storage.columns, canonical) : undefined;
  if (column) return columnKey(column, def);
  if ((core && resolved.schema === undefined) || (core && lookup(storage.relations, attribute.name.toLowerCase()))) {
    throw invalidSort(`Cannot sort by "${sortBy}"`);
  }

  const keys = resolved.isExtension && resolved.schema ? [resolved.schema.id, attribute.name] : [attribute.name];
  const expr = jsonPath(storage.document, keys);
  if (!attribute.multiValued) return jsonKey(sub ? jsonPath(expr, [sub.name]) : expr, def);

  // RFC 7644 §3.4.2.3: a multi-valued attribute sorts by its primary value, else the first.
  const element = sub ? jsonPath('e.v', [sub.name]) : 'e.v';
  const primary = attribute.type === 'complex' ? `COALESCE(${jsonBoolean("e.v -> 'primary'")}, false) DESC, ` : '';
  return (
    `(SELECT ${jsonKey(element, def)} FROM jsonb_array_elements(CASE WHEN jsonb_typeof(${expr}) = 'array' THEN ${expr} ELSE '[]'::jsonb END) ` +
    `WITH ORDINALITY AS e(v, n) ORDER BY ${primary}e.n LIMIT 1)`
  );
}

/**
 * The body of an ORDER BY clause (without the keywords), e.g.
 * `u.user_name_key ASC NULLS LAST, u.created_at ASC, u.id ASC`.
 */
export function compileSort(
  sortBy: string | undefined,
  sortOrder: string | undefined,
  schemas: ResourceSchemas,
  storage: ResourceStorage,
): string {
  const direction = parseDirection(sortOrder);
  const tieBreaker = storage.tieBreaker.map((c) => `${c} ASC`);
  if (sortBy === undefined || sortBy.trim() === '') return tieBreaker.join(', ');
  let key: string | undefined;
  try {
    key = sortKey(sortBy.trim(), schemas, storage);
  } catch (e) {
    // resolveFilterPath speaks of filters; a bad sortBy is an invalid parameter value.
    if (e instanceof ScimError && e.scimType === 'invalidFilter') throw invalidSort(e.message.replace('in a filter', 'for sorting'));
    throw e;
  }
  return [...(key ? [`${key} ${direction} NULLS LAST`] : []), ...tieBreaker].join(', ');
}
