/**
 * One comparison as SQL: a typed operand against one place a value is stored,
 * either a dedicated column or a jsonb value. Every predicate returned is
 * two-valued (never NULL). Case-insensitive attributes compare lower() on both
 * sides, or the indexed lower-cased `*_key` column when there is one.
 */
import type { AttributeDefinition } from '../schemas/types';
import type { CompareOp } from './ast';
import type { Operand } from './operands';
import {
  escapeLike,
  isUuid,
  jsonBoolean,
  jsonNumber,
  jsonPresent,
  jsonText,
  jsonTimestamp,
  quoteLiteral,
  type SqlParams,
} from './sql';
import type { ColumnSpec } from './storage';

/** Where the compared value is: a column, or a jsonb expression. */
export type Target = { kind: 'column'; spec: ColumnSpec } | { kind: 'json'; expr: string };

/** Operators left once `ne` has become `not eq`. */
export type PositiveOp = Exclude<CompareOp, 'ne'>;

const SQL_OP: Record<'eq' | 'gt' | 'ge' | 'lt' | 'le', string> = { eq: '=', gt: '>', ge: '>=', lt: '<', le: '<=' };

function likePattern(op: 'co' | 'sw' | 'ew', value: string): string {
  const escaped = escapeLike(value);
  return op === 'co' ? `%${escaped}%` : op === 'sw' ? `${escaped}%` : `%${escaped}`;
}

/**
 * A string comparison. `lowered` is an already lower-cased copy of `expr`
 * (a *_key column), used instead of lower(expr) when the attribute is not caseExact.
 */
function compareText(expr: string, op: PositiveOp, value: string, caseExact: boolean, params: SqlParams, lowered?: string): string {
  // Key columns are written with JS toLowerCase(), so their operand is lowered the same way.
  const useKey = !caseExact && lowered !== undefined;
  const left = caseExact ? expr : useKey ? lowered : `lower(${expr})`;
  const operand = useKey ? value.toLowerCase() : value;
  const wrap = (p: string) => (caseExact || useKey ? p : `lower(${p})`);
  if (op === 'co' || op === 'sw' || op === 'ew') {
    return `${left} LIKE ${wrap(params.add(likePattern(op, operand), 'text'))} ESCAPE '\\'`;
  }
  return `${left} ${SQL_OP[op]} ${wrap(params.add(operand, 'text'))}`;
}

function ordered(expr: string, op: PositiveOp, param: string): string {
  if (op === 'co' || op === 'sw' || op === 'ew') throw new Error(`unreachable: ${op} on an ordered type`);
  return `${expr} ${SQL_OP[op]} ${param}`;
}

const VERSION = /^(?:W\/)?"?([0-9]{1,9})"?$/i;

function compareColumn(spec: ColumnSpec, def: AttributeDefinition, op: PositiveOp, operand: Operand, params: SqlParams): string {
  switch (spec.type) {
    case 'constant':
      return compareText(quoteLiteral(spec.value), op, operandText(operand), def.caseExact, params);
    case 'text':
      return compareText(spec.expr, op, operandText(operand), def.caseExact, params, spec.key);
    case 'uuid': {
      const text = operandText(operand);
      // A non-UUID can never equal a uuid column, and must never reach a ::uuid cast.
      if (op === 'eq') return isUuid(text) ? `${spec.expr} = ${params.add(text.toLowerCase(), 'uuid')}` : 'FALSE';
      return compareText(`${spec.expr}::text`, op, text.toLowerCase(), true, params);
    }
    case 'boolean':
      return `${spec.expr} = ${params.add(String(operandBoolean(operand)), 'boolean')}`;
    case 'timestamp':
      return ordered(spec.expr, op, params.add(operandInstant(operand), 'timestamptz'));
    case 'version': {
      const text = operandText(operand);
      if (op === 'eq') {
        const m = VERSION.exec(text.trim());
        return m ? `${spec.expr} = ${params.add(String(Number(m[1])), 'integer')}` : 'FALSE';
      }
      return compareText(`('W/"' || ${spec.expr} || '"')`, op, text, true, params);
    }
  }
}

function compareJson(expr: string, def: AttributeDefinition, op: PositiveOp, operand: Operand, params: SqlParams): string {
  switch (operand.kind) {
    case 'boolean':
      return `${jsonBoolean(expr)} = ${params.add(String(operand.value), 'boolean')}`;
    case 'number':
      return ordered(`(${jsonNumber(expr)})`, op, params.add(String(operand.value), 'numeric'));
    case 'dateTime':
      return ordered(`(${jsonTimestamp(expr)})`, op, params.add(operand.value.iso, 'timestamptz'));
    case 'string':
      return compareText(`(${jsonText(expr)})`, op, operand.value, def.caseExact, params);
    case 'null':
      throw new Error('unreachable: null operands are presence tests');
  }
}

function operandText(operand: Operand): string {
  if (operand.kind === 'string') return operand.value;
  if (operand.kind === 'dateTime') return operand.value.iso;
  if (operand.kind === 'null') return '';
  return String(operand.value);
}

function operandBoolean(operand: Operand): boolean {
  if (operand.kind !== 'boolean') throw new Error('unreachable: boolean column with a non-boolean operand');
  return operand.value;
}

function operandInstant(operand: Operand): string {
  if (operand.kind !== 'dateTime') throw new Error('unreachable: timestamp column with a non-dateTime operand');
  return operand.value.iso;
}

/**
 * `target op operand`. `operand` is never the null operand here. The result
 * may be NULL for an absent value: in a positive context (under AND, OR,
 * EXISTS, WHERE) NULL acts exactly like false, and keeping the bare
 * comparison lets PostgreSQL use the index (`user_name_key = $1`). Negations
 * make their operand two-valued themselves (see `negate` in ./sql).
 */
export function comparePredicate(target: Target, def: AttributeDefinition, op: PositiveOp, operand: Operand, params: SqlParams): string {
  return target.kind === 'column' ? compareColumn(target.spec, def, op, operand, params) : compareJson(target.expr, def, op, operand, params);
}

/** The attribute has a value (not null, "", [] or {}); NULL for absent, as above. */
export function presentPredicate(target: Target): string {
  if (target.kind === 'json') return `(${jsonPresent(target.expr)})`;
  const spec = target.spec;
  if (spec.type === 'constant') return 'TRUE';
  if (spec.type === 'text') return `(${spec.expr} <> '')`;
  return `(${spec.expr} IS NOT NULL)`;
}
