/**
 * Evaluates a value-path filter (`emails[type eq "work"]`,
 * `members[value eq "…"]`, `roles[primary eq "True"]`) against ONE element of
 * a multi-valued attribute, in memory. The PATCH engine uses it to pick the
 * elements an operation targets.
 *
 * Semantics match the SQL compiler: each sub-attribute's type and caseExact
 * decide the comparison, "True"/"False" strings count as booleans, `ne` is
 * `not eq` (so an element without the sub-attribute is "not equal"), and
 * `pr` means present and not null, "", [] or {}.
 */
import { findAttribute } from '../schemas/resolve';
import type { AttributeDefinition, AttributeType } from '../schemas/types';
import type { CompareOp, Filter, FilterValue } from './ast';
import { invalidFilter, parseDateTime, toBoolean, toNumber, toOperand, type Operand } from './operands';

/** Present in the RFC 7643 §2.5 sense: not null, "", [] or {}. */
export function isPresent(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false;
  // Shallow, like the SQL compiler's jsonb test: [] and {} are empty, [null] is not.
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

interface Lookup {
  definition?: AttributeDefinition;
  value: unknown;
}

/**
 * Finds sub-attribute `name` of the element. A simple multi-valued element
 * (a bare string, number…) is its own `value`. With a non-empty
 * `subAttributes`, a name that is not among them is a 400.
 */
function lookup(element: unknown, name: string, subAttributes: AttributeDefinition[]): Lookup {
  const definition = findAttribute(subAttributes, name);
  const isValue = name.toLowerCase() === 'value';
  if (!definition && subAttributes.length > 0 && !(isValue && !isRecord(element))) {
    throw invalidFilter(`Unknown sub-attribute "${name}" in value filter`);
  }
  if (!isRecord(element)) return { definition, value: isValue ? element : undefined };
  const canonical = definition?.name ?? name;
  if (canonical in element) return { definition, value: element[canonical] };
  const lower = name.toLowerCase();
  const key = Object.keys(element).find((k) => k.toLowerCase() === lower);
  return { definition, value: key === undefined ? undefined : element[key] };
}

/** Without a definition, the literal decides: true/false → boolean, number → decimal. */
function inferType(value: FilterValue): AttributeType {
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return 'decimal';
  return 'string';
}

function order(a: number | string, b: number | string, op: CompareOp): boolean {
  switch (op) {
    case 'eq':
      return a === b;
    case 'gt':
      return a > b;
    case 'ge':
      return a >= b;
    case 'lt':
      return a < b;
    case 'le':
      return a <= b;
    default:
      return false;
  }
}

/** `op` is never `ne` here (handled as `not eq`). */
function compareOne(actual: unknown, op: CompareOp, operand: Operand, caseExact: boolean): boolean {
  switch (operand.kind) {
    case 'null':
      return !isPresent(actual);
    case 'boolean':
      return toBoolean(actual) === operand.value;
    case 'number': {
      const n = toNumber(actual);
      return n !== undefined && order(n, operand.value, op);
    }
    case 'dateTime': {
      const instant = parseDateTime(actual);
      return instant !== undefined && order(instant.epochMs, operand.value.epochMs, op);
    }
    case 'string': {
      if (actual === undefined || actual === null || typeof actual === 'object') return false;
      let a = String(actual);
      let b = operand.value;
      if (!caseExact) {
        a = a.toLowerCase();
        b = b.toLowerCase();
      }
      if (op === 'co') return a.includes(b);
      if (op === 'sw') return a.startsWith(b);
      if (op === 'ew') return a.endsWith(b);
      return order(a, b, op);
    }
  }
}

function compare(actual: unknown, definition: AttributeDefinition | undefined, op: CompareOp, value: FilterValue, path: string): boolean {
  const type = definition?.type ?? inferType(value);
  const operand = toOperand(type, op, value, path);
  if (op === 'ne') return !compare(actual, definition, 'eq', value, path);
  const caseExact = definition?.caseExact ?? false;
  // A multi-valued sub-attribute (rare; custom data) matches when any value does.
  if (Array.isArray(actual) && operand.kind !== 'null') return actual.some((a) => compareOne(a, op, operand, caseExact));
  return compareOne(actual, op, operand, caseExact);
}

/**
 * True when `element` (one item of a multi-valued attribute) satisfies
 * `filter`, whose paths are names among `subAttributes`. Pass `[]` when the
 * attribute is simple (then only `value`, the element itself, is known).
 */
export function matchesFilter(filter: Filter, element: unknown, subAttributes: AttributeDefinition[]): boolean {
  // Check every branch first, so a bad filter fails whatever the element holds.
  validate(filter, subAttributes);
  return evaluate(filter, element, subAttributes);
}

function validate(filter: Filter, subAttributes: AttributeDefinition[]): void {
  switch (filter.kind) {
    case 'and':
    case 'or':
      validate(filter.left, subAttributes);
      return validate(filter.right, subAttributes);
    case 'not':
      return validate(filter.filter, subAttributes);
    case 'valuePath':
      throw invalidFilter(`Value filters cannot be nested ("${filter.path}[...]" inside a value filter)`);
    case 'present':
      lookup({}, filter.path, subAttributes);
      return;
    case 'compare': {
      const { definition } = lookup({}, filter.path, subAttributes);
      toOperand(definition?.type ?? inferType(filter.value), filter.op, filter.value, filter.path);
    }
  }
}

function evaluate(filter: Filter, element: unknown, subAttributes: AttributeDefinition[]): boolean {
  switch (filter.kind) {
    case 'and':
      return evaluate(filter.left, element, subAttributes) && evaluate(filter.right, element, subAttributes);
    case 'or':
      return evaluate(filter.left, element, subAttributes) || evaluate(filter.right, element, subAttributes);
    case 'not':
      return !evaluate(filter.filter, element, subAttributes);
    case 'valuePath':
      throw invalidFilter(`Value filters cannot be nested ("${filter.path}[...]" inside a value filter)`);
    case 'present':
      return isPresent(lookup(element, filter.path, subAttributes).value);
    case 'compare': {
      const { definition, value } = lookup(element, filter.path, subAttributes);
      return compare(value, definition, filter.op, filter.value, filter.path);
    }
  }
}
