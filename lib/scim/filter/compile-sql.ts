/**
 * Compiles a parsed filter into a parameterized PostgreSQL WHERE fragment for
 * one resource type. Paths are resolved against the instance's schemas (so
 * custom attributes are filterable as soon as they are defined); where each
 * attribute is stored comes from `storage.ts`. Values only ever travel as
 * `$n` parameters.
 *
 * Semantics, chosen so that NOT and paging behave predictably:
 *  - every predicate is two-valued: an absent value makes a comparison false;
 *  - `a ne v` is `not (a eq v)`, so it matches resources without `a`;
 *    on a multi-valued attribute it means "no value equals v";
 *  - a multi-valued attribute matches when any element does, and a value path
 *    `emails[type eq "work" and value co "@x"]` needs ONE element to satisfy all;
 *  - a complex attribute compared without a sub-attribute means its `value`
 *    (`emails eq "a@b"`, Entra's `manager eq "<id>"`), as RFC 7644 allows;
 *  - `eq null` means "not present", `ne null` "present".
 * Unknown or unfilterable attributes, and operators a type cannot support,
 * are a 400 invalidFilter raised before any SQL runs.
 */
import { findAttribute, type ResolvedAttribute } from '../schemas/resolve';
import type { AttributeDefinition, ResourceSchemas } from '../schemas/types';
import type { Filter } from './ast';
import { invalidFilter, toOperand } from './operands';
import { resolveFilterPath } from './resolve-path';
import { comparePredicate, presentPredicate, valueSearchPredicate, type PositiveOp, type Target } from './predicates';
import { jsonElements, jsonPath, negate, SqlParams } from './sql';
import { lookup, type RelationSpec, type ResourceStorage } from './storage';

export { compileSort } from './compile-sort';

export interface CompiledFilter {
  /** A boolean SQL expression over the resource alias (`u` or `g`). */
  sql: string;
  /** Values for $<paramOffset+1>…, in order. */
  params: unknown[];
}

type Leaf = Extract<Filter, { kind: 'compare' } | { kind: 'present' }>;

/** How a leaf reaches its value: directly, through a jsonb array, or through a related table. */
type Location =
  | { kind: 'direct'; target: Target; def: AttributeDefinition }
  | { kind: 'elements'; array: string; target: Target; def: AttributeDefinition; valueKeys?: string; valueSearch?: string }
  | { kind: 'relation'; relation: RelationSpec; target: Target; def: AttributeDefinition };

interface Context {
  schemas: ResourceSchemas;
  storage: ResourceStorage;
  params: SqlParams;
}

/** The jsonb expression of an attribute in the document (extension attributes sit under their URN). */
function documentExpr(storage: ResourceStorage, resolved: ResolvedAttribute): string {
  const keys = resolved.isExtension && resolved.schema ? [resolved.schema.id, resolved.attribute.name] : [resolved.attribute.name];
  return jsonPath(storage.document, keys);
}

function relationColumn(relation: RelationSpec, attribute: AttributeDefinition, sub: AttributeDefinition): Target {
  const spec = lookup(relation.subAttributes, sub.name.toLowerCase());
  if (!spec) throw invalidFilter(`Sub-attribute "${attribute.name}.${sub.name}" cannot be used in a filter`);
  return { kind: 'column', spec };
}

/** Where the value a leaf compares lives (a complex attribute compared as a whole means its `value`). */
function locate(ctx: Context, leaf: Leaf): Location {
  const resolved = resolveFilterPath(ctx.schemas, ctx.storage, leaf.path);
  const { attribute } = resolved;
  let sub = resolved.subAttribute;
  if (!sub && attribute.type === 'complex' && leaf.kind === 'compare') {
    sub = findAttribute(attribute.subAttributes ?? [], 'value');
    if (!sub) throw invalidFilter(`"${leaf.path}" is complex: compare one of its sub-attributes`);
  }
  const core = !resolved.isExtension;
  const canonical = (sub ? `${attribute.name}.${sub.name}` : attribute.name).toLowerCase();

  const column = core ? lookup(ctx.storage.columns, canonical) : undefined;
  if (column) return { kind: 'direct', target: { kind: 'column', spec: column }, def: sub ?? attribute };
  if (core && resolved.schema === undefined) {
    // id, externalId and meta live in columns only; meta.location is derived, not stored.
    throw invalidFilter(`Attribute "${leaf.path}" cannot be used in a filter`);
  }

  const relation = core ? lookup(ctx.storage.relations, attribute.name.toLowerCase()) : undefined;
  if (relation) {
    const target: Target = sub ? relationColumn(relation, attribute, sub) : { kind: 'column', spec: { type: 'constant', value: 'present' } };
    return { kind: 'relation', relation, target, def: sub ?? attribute };
  }

  const expr = documentExpr(ctx.storage, resolved);
  if (!attribute.multiValued || (!sub && leaf.kind === 'present')) {
    return { kind: 'direct', target: { kind: 'json', expr: sub ? jsonPath(expr, [sub.name]) : expr }, def: sub ?? attribute };
  }
  return {
    kind: 'elements',
    array: expr,
    target: { kind: 'json', expr: sub ? jsonPath('e.v', [sub.name]) : 'e.v' },
    def: sub ?? attribute,
    valueKeys: core && sub?.name === 'value' ? lookup(ctx.storage.valueKeys, attribute.name.toLowerCase()) : undefined,
    valueSearch: core && sub?.name === 'value' ? lookup(ctx.storage.valueSearch, attribute.name.toLowerCase()) : undefined,
  };
}

/** Wraps an element-level predicate into "some element satisfies it". */
function someElement(location: Location, predicate: string): string {
  if (location.kind === 'elements') return `EXISTS (SELECT 1 FROM ${jsonElements(location.array)} WHERE ${predicate})`;
  if (location.kind === 'relation') {
    const where = predicate === 'TRUE' ? '' : ` AND ${predicate}`;
    return `EXISTS (SELECT 1 FROM ${location.relation.from} WHERE ${location.relation.correlate}${where})`;
  }
  return predicate;
}

/**
 * A comparison or `pr` at `location`. Negative forms (`ne`, `eq null`) are
 * built as NOT of the positive one, outside the "some element" wrapper.
 */
function compileLeaf(ctx: Context, leaf: Leaf, location: Location, wrap: (p: string) => string): string {
  const { target, def } = location;
  if (leaf.kind === 'present') return wrap(presentPredicate(target));
  const operand = toOperand(def.type, leaf.op, leaf.value, leaf.path);
  if (operand.kind === 'null') {
    const present = wrap(presentPredicate(target));
    return leaf.op === 'eq' ? `NOT ${present}` : present;
  }
  const op: PositiveOp = leaf.op === 'ne' ? 'eq' : leaf.op;
  let positive: string;
  if (location.kind === 'elements' && location.valueKeys && op === 'eq' && operand.kind === 'string') {
    // Every email is in the GIN-indexed lower-cased array: no need to open the document.
    // Keys are written lower-cased with JS toLowerCase(): lower the operand the same way.
    positive = `${location.valueKeys} @> ARRAY[${ctx.params.add(operand.value.toLowerCase(), 'text')}]`;
  } else if (location.kind === 'elements' && location.valueSearch && isSubstring(op) && operand.kind === 'string' && !def.caseExact) {
    // The trigram-indexed column finds the candidates; the per-element predicate decides.
    const search = valueSearchPredicate(location.valueSearch, op, operand.value, ctx.params);
    positive = `(${search} AND ${wrap(comparePredicate(target, def, op, operand, ctx.params))})`;
  } else {
    positive = wrap(comparePredicate(target, def, op, operand, ctx.params));
  }
  return leaf.op === 'ne' ? negate(positive) : positive;
}

const isSubstring = (op: PositiveOp): op is 'co' | 'sw' | 'ew' => op === 'co' || op === 'sw' || op === 'ew';

function compileNode(ctx: Context, filter: Filter): string {
  switch (filter.kind) {
    case 'and':
      return `(${compileNode(ctx, filter.left)} AND ${compileNode(ctx, filter.right)})`;
    case 'or':
      return `(${compileNode(ctx, filter.left)} OR ${compileNode(ctx, filter.right)})`;
    case 'not':
      return negate(compileNode(ctx, filter.filter));
    case 'valuePath':
      return compileValuePath(ctx, filter);
    default: {
      const location = locate(ctx, filter);
      return compileLeaf(ctx, filter, location, (p) => someElement(location, p));
    }
  }
}

/** How names inside `attr[...]` resolve: to element sub-attributes. */
type ElementScope = (name: string) => { target: Target; def: AttributeDefinition };

function compileElementFilter(ctx: Context, filter: Filter, scope: ElementScope, outer: string): string {
  switch (filter.kind) {
    case 'and':
      return `(${compileElementFilter(ctx, filter.left, scope, outer)} AND ${compileElementFilter(ctx, filter.right, scope, outer)})`;
    case 'or':
      return `(${compileElementFilter(ctx, filter.left, scope, outer)} OR ${compileElementFilter(ctx, filter.right, scope, outer)})`;
    case 'not':
      return negate(compileElementFilter(ctx, filter.filter, scope, outer));
    case 'valuePath':
      throw invalidFilter(`Value filters cannot be nested ("${filter.path}[...]" inside "${outer}[...]")`);
    default: {
      const { target, def } = scope(filter.path);
      return compileLeaf(ctx, { ...filter, path: `${outer}.${filter.path}` }, { kind: 'direct', target, def }, (p) => p);
    }
  }
}

/**
 * The `value <op> "<string>"` comparisons among the top-level conjuncts of a
 * value filter: the element that satisfies the filter satisfies each of them,
 * so the resource-level email_keys / email_search tests may guard the EXISTS.
 */
function conjunctValueCompares(filter: Filter): { op: 'eq' | 'co' | 'sw' | 'ew'; value: string }[] {
  if (filter.kind === 'and') return [...conjunctValueCompares(filter.left), ...conjunctValueCompares(filter.right)];
  if (filter.kind === 'compare' && filter.path.toLowerCase() === 'value' && typeof filter.value === 'string') {
    const { op, value } = filter;
    if (op === 'eq' || op === 'co' || op === 'sw' || op === 'ew') return [{ op, value }];
  }
  return [];
}

function compileValuePath(ctx: Context, node: Extract<Filter, { kind: 'valuePath' }>): string {
  const resolved = resolveFilterPath(ctx.schemas, ctx.storage, node.path);
  const { attribute } = resolved;
  if (resolved.subAttribute) throw invalidFilter(`A value filter applies to an attribute, not to "${node.path}"`);
  if (!attribute.multiValued && attribute.type !== 'complex') {
    throw invalidFilter(`"${node.path}" is neither multi-valued nor complex: a value filter "[...]" cannot apply`);
  }
  const subDef = (name: string): AttributeDefinition => {
    const sub = findAttribute(attribute.subAttributes ?? [], name);
    if (sub) return sub;
    // A simple multi-valued attribute: each element is its own "value".
    if (attribute.type !== 'complex' && name.toLowerCase() === 'value') return attribute;
    throw invalidFilter(`Unknown sub-attribute "${node.path}.${name}"`);
  };
  const core = !resolved.isExtension;

  const relation = core ? lookup(ctx.storage.relations, attribute.name.toLowerCase()) : undefined;
  if (relation) {
    const where = compileElementFilter(ctx, node.filter, (name) => {
      const def = subDef(name);
      return { target: relationColumn(relation, attribute, def), def };
    }, node.path);
    return `EXISTS (SELECT 1 FROM ${relation.from} WHERE ${relation.correlate} AND ${where})`;
  }
  if (core && resolved.schema === undefined) throw invalidFilter(`Attribute "${node.path}" cannot be used in a filter`);

  const expr = documentExpr(ctx.storage, resolved);
  const element = attribute.multiValued ? 'e.v' : expr;
  const where = compileElementFilter(ctx, node.filter, (name) => {
    const def = subDef(name);
    return { target: { kind: 'json', expr: def === attribute ? element : jsonPath(element, [def.name]) }, def };
  }, node.path);
  if (!attribute.multiValued) return where;

  const exists = `EXISTS (SELECT 1 FROM ${jsonElements(expr)} WHERE ${where})`;
  if (!core) return exists;
  // Lets the planner use a GIN index before opening documents: email_keys for
  // Entra's emails[type eq "work"].value eq "x", email_search for emails[value co "x"].
  const keys = lookup(ctx.storage.valueKeys, attribute.name.toLowerCase());
  const search = lookup(ctx.storage.valueSearch, attribute.name.toLowerCase());
  const compares = conjunctValueCompares(node.filter);
  const guards: string[] = [];
  const eq = compares.find((c) => c.op === 'eq');
  if (keys && eq) guards.push(`${keys} @> ARRAY[${ctx.params.add(eq.value.toLowerCase(), 'text')}]`);
  if (search && !subDef('value').caseExact) {
    for (const c of compares) if (c.op !== 'eq') guards.push(valueSearchPredicate(search, c.op, c.value, ctx.params));
  }
  return guards.length ? `(${[...guards, exists].join(' AND ')})` : exists;
}

/**
 * Compiles `filter` for the resource described by `schemas` and `storage`.
 * Placeholders start at `$<paramOffset + 1>` so the fragment can be appended
 * to a query that already has parameters.
 */
export function compileFilter(filter: Filter, schemas: ResourceSchemas, storage: ResourceStorage, paramOffset = 0): CompiledFilter {
  const ctx: Context = { schemas, storage, params: new SqlParams(paramOffset) };
  const sql = compileNode(ctx, filter);
  return { sql, params: ctx.params.values };
}
