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
import { VALUE_SEPARATOR, type ColumnSpec } from './storage';

/** Where the compared value is: a column, or a jsonb expression. */
export type Target = { kind: 'column'; spec: ColumnSpec } | { kind: 'json'; expr: string };

/** Operators left once `ne` has become `not eq`. */
export type PositiveOp = Exclude<CompareOp, 'ne'>;

const SQL_OP: Record<'eq' | 'gt' | 'ge' | 'lt' | 'le', string> = { eq: '=', gt: '>', ge: '>=', lt: '<', le: '<=' };

type SubstringOp = 'co' | 'sw' | 'ew';

function likePattern(op: SubstringOp, value: string): string {
  const escaped = escapeLike(value);
  return op === 'co' ? `%${escaped}%` : op === 'sw' ? `${escaped}%` : `%${escaped}`;
}

/**
 * Where an operand may be cut into pieces: ASCII characters that are neither
 * letters nor "case-ignorable" in Unicode's sense (so not . : ' ^ `). The
 * database's lower() of a piece is then always a piece of its lower() of the
 * whole operand, even with context-sensitive lowering (ICU's final sigma
 * looks past case-ignorable characters).
 */
const CUT = /[\s!"#$%&()*+,\-/;<=>?@[\\\]_{|}~]/;
const MAX_PIECES = 4;

/**
 * The pieces of a substring operand a trigram index searches best: the parts
 * between cut characters that hold three letters or digits in a row (so
 * pg_trgm extracts trigrams from them in any locale), each with the cut
 * characters around it. The sw piece reaches back to the operand's start and
 * the ew piece on to its end. At most MAX_PIECES (the anchored one, then the
 * longest); the whole operand when that makes fewer than two.
 */
function pieces(op: SubstringOp, value: string): string[] {
  let found: { start: number; end: number }[] = [];
  let from = 0;
  for (let i = 0; i <= value.length; i++) {
    if (i < value.length && !CUT.test(value[i])) continue;
    if (/[A-Za-z0-9]{3}/.test(value.slice(from, i))) found.push({ start: Math.max(0, from - 1), end: Math.min(value.length, i + 1) });
    from = i + 1;
  }
  if (found.length < 2) return [value];
  if (found.length > MAX_PIECES) {
    const anchored = op === 'sw' ? found[0] : op === 'ew' ? found[found.length - 1] : undefined;
    const rest = found.filter((f) => f !== anchored).sort((a, b) => b.end - b.start - (a.end - a.start));
    const kept = new Set([...(anchored ? [anchored] : []), ...rest].slice(0, MAX_PIECES));
    found = found.filter((f) => kept.has(f));
  }
  if (op === 'sw') found[0].start = 0;
  if (op === 'ew') found[found.length - 1].end = value.length;
  return found.map((f) => value.slice(f.start, f.end));
}

/**
 * LIKE patterns that every string satisfying `<string> op value` satisfies
 * too, one per piece of `value`. A trigram GIN index answers several patterns
 * as several keys: a rare piece ("38043@") finds the few candidates and the
 * common ones ("@example.", ".com") are only probed at those, where one
 * pattern of all of them walks the long posting lists of every common
 * trigram (73 ms instead of 2 ms at 1M users). `separator` anchors sw and ew
 * inside a valueSearch column; without it they anchor to the string's ends.
 */
function piecePatterns(op: SubstringOp, value: string, separator?: string): string[] {
  const all = pieces(op, value);
  return all.map((piece, i) => {
    const head = op === 'sw' && i === 0 ? (separator === undefined ? '' : `%${separator}`) : '%';
    const tail = op === 'ew' && i === all.length - 1 ? (separator === undefined ? '' : `${separator}%`) : '%';
    return `${head}${escapeLike(piece)}${tail}`;
  });
}

/**
 * A string comparison. `lowered` is an already lower-cased copy of `expr`
 * (a *_key column), used instead of lower(expr) when the attribute is not caseExact.
 * `trigram`: the compared column is in a pg_trgm index, so long co/sw/ew
 * operands also get one pattern per piece (piecePatterns) for it.
 */
function compareText(expr: string, op: PositiveOp, value: string, caseExact: boolean, params: SqlParams, lowered?: string, trigram = false): string {
  // Key columns are written with JS toLowerCase(), so their operand is lowered the same way.
  const useKey = !caseExact && lowered !== undefined;
  const left = caseExact ? expr : useKey ? lowered : `lower(${expr})`;
  const operand = useKey ? value.toLowerCase() : value;
  const wrap = (p: string) => (caseExact || useKey ? p : `lower(${p})`);
  if (op === 'co' || op === 'sw' || op === 'ew') {
    // `x ILIKE p` is `lower(x) LIKE lower(p)` (PostgreSQL lowers both sides with
    // the same lower()), and unlike lower(x) it leaves x bare for a trigram index
    // (users_search_trgm_idx on display_name, given_name, family_name).
    const like = !caseExact && !useKey ? `${expr} ILIKE` : `${left} LIKE`;
    const test = (pattern: string) => `${like} ${params.add(pattern, 'text')} ESCAPE '\\'`;
    const parts = trigram ? piecePatterns(op, operand) : [];
    if (parts.length < 2) return test(likePattern(op, operand));
    // Each piece is implied by the whole pattern, so together they select exactly
    // what it selects. Pieces first: GIN takes its candidates from the first key.
    return `(${[...parts.map(test), test(likePattern(op, operand))].join(' AND ')})`;
  }
  return `${left} ${SQL_OP[op]} ${wrap(params.add(operand, 'text'))}`;
}

/**
 * The index-friendly prefilter of `value op operand` on a valueSearch column
 * (./storage valueSearchText): true for every resource with SOME value that
 * satisfies the per-element `lower(value) LIKE lower(pattern)`, and perhaps
 * a few more, so it is only ever ANDed with that exact predicate.
 */
export function valueSearchPredicate(column: string, op: SubstringOp, value: string, params: SqlParams): string {
  return piecePatterns(op, value, VALUE_SEPARATOR)
    .map((pattern) => `${column} ILIKE ${params.add(pattern, 'text')} ESCAPE '\\'`)
    .join(' AND ');
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
      return compareText(spec.expr, op, operandText(operand), def.caseExact, params, spec.key, spec.trigram);
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
