/**
 * SQL text building blocks for the filter compiler: numbered parameters,
 * LIKE escaping and the jsonb accessors that turn a stored value into a typed
 * SQL value WITHOUT ever raising a cast error, whatever the document holds
 * (a bad value reads as NULL, so the comparison is simply false).
 */

/** Collects parameter values; every placeholder carries an explicit cast. */
export class SqlParams {
  readonly values: string[] = [];

  constructor(private readonly offset: number) {}

  add(value: string, cast: 'text' | 'uuid' | 'numeric' | 'boolean' | 'timestamptz' | 'integer'): string {
    this.values.push(value);
    return `$${this.offset + this.values.length}::${cast}`;
  }
}

/** A SQL string literal, for identifiers we own (attribute names, schema URNs). */
export function quoteLiteral(text: string): string {
  return `'${text.replace(/\0/g, '').replace(/'/g, "''")}'`;
}

/** Escapes LIKE wildcards so `%`, `_` and `\` in a filter value match themselves (`ESCAPE '\'`). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
export const isUuid = (text: string) => UUID.test(text);

/**
 * NOT of a predicate that may be NULL for absent values: NULL (unknown) first
 * becomes false, so `not (title eq "x")` and `title ne "x"` match users
 * without a title. Only negations pay for this; positive comparisons stay
 * bare so indexes apply.
 */
export const negate = (predicate: string) => `NOT COALESCE(${predicate}, false)`;

/** `x -> 'a' -> 'b'`: the jsonb at a path of canonical names. */
export function jsonPath(base: string, keys: string[]): string {
  return keys.reduce((expr, key) => `${expr} -> ${quoteLiteral(key)}`, base);
}

/** The text of a scalar (string, number, boolean); NULL for objects, arrays and null. */
export const jsonText = (x: string) => `CASE WHEN jsonb_typeof(${x}) IN ('string', 'number', 'boolean') THEN (${x}) #>> '{}' END`;

const NUMBER_TEXT = `'^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]{1,3})?$'`;

/** A number, or a string holding one ("42" from clients that quote numbers). */
export const jsonNumber = (x: string) =>
  `CASE WHEN jsonb_typeof(${x}) = 'number' THEN ((${x}) #>> '{}')::numeric ` +
  `WHEN jsonb_typeof(${x}) = 'string' AND ((${x}) #>> '{}') ~ ${NUMBER_TEXT} THEN ((${x}) #>> '{}')::numeric END`;

/** A boolean, or the strings "true"/"false" in any case (Entra's "True"). */
export const jsonBoolean = (x: string) =>
  `CASE WHEN jsonb_typeof(${x}) = 'boolean' THEN ((${x}) #>> '{}')::boolean ` +
  `WHEN jsonb_typeof(${x}) = 'string' AND lower((${x}) #>> '{}') IN ('true', 'false') THEN lower((${x}) #>> '{}')::boolean END`;

// Only text PostgreSQL is certain to accept reaches a cast: real calendar dates
// (leap days included), hours 0-23, offsets up to ±14:59.
const YEAR = '(000[1-9]|00[1-9][0-9]|0[1-9][0-9]{2}|[1-9][0-9]{3})';
const MONTH_DAY = '((0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])|(0[13-9]|1[0-2])-(29|30)|(0[13578]|1[02])-31)';
const LEAP_DAY = '([0-9]{2}(0[48]|[2468][048]|[13579][26])|(0[48]|[2468][048]|[13579][26])00)-02-29';
const DATE = `(${YEAR}-${MONTH_DAY}|${LEAP_DAY})`;
const TIME = '([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]{1,9})?)?';
const ZONE = '(Z|[+-](0[0-9]|1[0-4])(:?[0-5][0-9])?)';
export const DATE_TIME_WITH_ZONE = `^${DATE}[T ]${TIME}${ZONE}$`;
export const DATE_TIME_WITHOUT_ZONE = `^${DATE}([T ]${TIME})?$`;

/** A dateTime string as timestamptz; without an offset it is UTC (as parseDateTime reads literals). */
export const jsonTimestamp = (x: string) => {
  const t = `((${x}) #>> '{}')`;
  return (
    `CASE WHEN jsonb_typeof(${x}) = 'string' THEN CASE ` +
    `WHEN ${t} ~ ${quoteLiteral(DATE_TIME_WITH_ZONE)} THEN ${t}::timestamptz ` +
    `WHEN ${t} ~ ${quoteLiteral(DATE_TIME_WITHOUT_ZONE)} THEN ${t}::timestamp AT TIME ZONE 'UTC' END END`
  );
};

/** Present (RFC 7643 §2.5): not null, "", [] or {}. */
export const jsonPresent = (x: string) =>
  `CASE jsonb_typeof(${x}) WHEN 'string' THEN (${x}) #>> '{}' <> '' WHEN 'array' THEN jsonb_array_length(${x}) > 0 ` +
  `WHEN 'object' THEN (${x}) <> '{}'::jsonb WHEN 'null' THEN false ELSE (${x}) IS NOT NULL END`;

/** The elements of a jsonb array as rows `e(v)`; anything that is not an array has none. */
export const jsonElements = (x: string) =>
  `jsonb_array_elements(CASE WHEN jsonb_typeof(${x}) = 'array' THEN ${x} ELSE '[]'::jsonb END) AS e(v)`;
