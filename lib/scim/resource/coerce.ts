/**
 * Value coercion and validation against an attribute definition: the single
 * place that decides what a value sent by an IdP means, shared by POST/PUT
 * normalization and every PATCH operation.
 *
 * Lenient where real clients deviate from RFC 7643 (Entra's "True"/"False"
 * strings, numbers for strings, a bare manager id, single values for
 * multi-valued attributes), strict where storing the value would corrupt
 * data (objects for strings, invalid dates, U+0000 which PostgreSQL rejects).
 */
import { badRequest } from '../errors';
import { findAttribute } from '../schemas/resolve';
import type { AttributeDefinition } from '../schemas/types';
import { describeKey, describeValue, getOwn, isAbsent, isPlainObject, setOwn, type JsonObject, type JsonPrimitive, type JsonValue } from './document';

/** Collects the paths of input that was accepted but not stored. */
export type IgnoredSink = (path: string) => void;

/** An IgnoredSink that keeps each path once, in arrival order (bounded: it ends up in the activity log). */
export function collectIgnored(): { ignore: IgnoredSink; list: string[] } {
  const list: string[] = [];
  const ignore: IgnoredSink = (path) => {
    if (list.length < 100 && !list.includes(path)) list.push(path);
  };
  return { ignore, list };
}

function invalid(path: string, expected: string, raw: unknown) {
  return badRequest('invalidValue', `Attribute "${path}" must be ${expected}; got ${describeValue(raw)}.`);
}

function checkString(path: string, text: string): string {
  if (text.includes('\u0000')) {
    throw badRequest('invalidValue', `Attribute "${path}" contains the character U+0000, which cannot be stored.`);
  }
  // A lone surrogate ("\ud800" in the JSON) is not Unicode text: PostgreSQL's jsonb refuses it.
  if (!text.isWellFormed()) {
    throw badRequest('invalidValue', `Attribute "${path}" is not valid Unicode text (it contains an unpaired surrogate).`);
  }
  return text;
}

// xsd:dateTime (RFC 7643 §2.3.5): date, "T", time, optional fraction and zone.
const DATE_TIME = /^(-?\d{4,})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-](\d{2}):(\d{2}))?$/;

export function isXsdDateTime(text: string): boolean {
  const m = DATE_TIME.exec(text);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number);
  const daysInMonth = new Date(Date.UTC(2000, month, 0)).getUTCDate();
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const maxDay = month === 2 ? (leap ? 29 : 28) : daysInMonth;
  if (month < 1 || month > 12 || day < 1 || day > maxDay) return false;
  if (hour > 23 || minute > 59 || second > 59) return false;
  if (m[9] !== undefined && (Number(m[9]) > 14 || Number(m[10]) > 59)) return false;
  return true;
}

function toNumber(raw: unknown): number | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : undefined;
  if (typeof raw === 'string' && raw.trim() !== '') {
    const n = Number(raw.trim());
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** One value of a simple (non-complex) attribute; undefined when absent. */
export function coerceSimple(def: AttributeDefinition, raw: unknown, path: string): JsonPrimitive | undefined {
  if (isAbsent(raw)) return undefined;
  switch (def.type) {
    case 'boolean': {
      if (typeof raw === 'boolean') return raw;
      // Entra without aadOptscim062020 sends "True"/"False"; others send "false".
      if (typeof raw === 'string') {
        const lower = raw.trim().toLowerCase();
        if (lower === 'true') return true;
        if (lower === 'false') return false;
      }
      throw invalid(path, 'a boolean', raw);
    }
    case 'integer': {
      const n = toNumber(raw);
      if (n === undefined || !Number.isInteger(n)) throw invalid(path, 'an integer', raw);
      return n;
    }
    case 'decimal': {
      const n = toNumber(raw);
      if (n === undefined) throw invalid(path, 'a number', raw);
      return n;
    }
    case 'dateTime': {
      if (typeof raw !== 'string' || !isXsdDateTime(raw.trim())) throw invalid(path, 'an xsd:dateTime such as "2024-05-01T12:00:00Z"', raw);
      return raw.trim();
    }
    case 'complex':
      throw invalid(path, 'an object', raw);
    case 'string':
    case 'reference':
    case 'binary':
    default: {
      if (typeof raw === 'string') return checkString(path, raw);
      if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
      throw invalid(path, 'a string', raw);
    }
  }
}

export interface ComplexParts {
  /** Sub-attributes with a value, coerced, under canonical names. */
  set: JsonObject;
  /** Canonical names of sub-attributes sent as null or "": PATCH merges clear them. */
  cleared: string[];
}

/**
 * A complex value split into what it sets and what it clears. Sub-attribute
 * names are case-insensitive; unknown ones are reported, read-only ones
 * reported and dropped. A bare primitive becomes `{value: …}` when the
 * attribute has a `value` sub-attribute: Entra sends manager as a plain id,
 * the MS Postman suite a bare member id.
 */
export function coerceComplexParts(def: AttributeDefinition, raw: unknown, path: string, ignore: IgnoredSink): ComplexParts {
  const subs = def.subAttributes ?? [];
  const valueSub = findAttribute(subs, 'value');
  const source: Record<string, unknown> | undefined = isPlainObject(raw)
    ? raw
    : valueSub && (typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean')
      ? { [valueSub.name]: raw }
      : undefined;
  if (!source) throw invalid(path, 'an object', raw);

  const parts: ComplexParts = { set: {}, cleared: [] };
  for (const key of Object.keys(source)) {
    const value = getOwn(source, key);
    const sub = findAttribute(subs, key);
    if (!sub) {
      if (!isAbsent(value)) ignore(`${path}.${describeKey(key)}`);
      continue;
    }
    if (sub.mutability === 'readOnly') {
      if (!isAbsent(value)) ignore(`${path}.${sub.name}`);
      continue;
    }
    if (sub.mutability === 'writeOnly' || sub.returned === 'never') continue;
    const coerced = coerceValue(sub, value, `${path}.${sub.name}`, ignore);
    if (coerced === undefined) parts.cleared.push(sub.name);
    else setOwn(parts.set, sub.name, coerced);
  }
  return parts;
}

/** A complex value with at least one sub-attribute, or undefined. */
export function coerceComplex(def: AttributeDefinition, raw: unknown, path: string, ignore: IgnoredSink): JsonObject | undefined {
  if (isAbsent(raw)) return undefined;
  const { set } = coerceComplexParts(def, raw, path, ignore);
  return Object.keys(set).length > 0 ? set : undefined;
}

/** One element of a multi-valued attribute, or the value of a single-valued one. */
export function coerceElement(def: AttributeDefinition, raw: unknown, path: string, ignore: IgnoredSink): JsonValue | undefined {
  return def.type === 'complex' ? coerceComplex(def, raw, path, ignore) : coerceSimple(def, raw, path);
}

/** Turns a value that may be a single item or an array into a list without absent items. */
export function toList(raw: unknown): unknown[] {
  if (isAbsent(raw)) return [];
  return (Array.isArray(raw) ? raw : [raw]).filter((item) => !isAbsent(item));
}

/**
 * Keeps at most one `primary: true` (RFC 7643 §2.4). `preferred` is the
 * element that must win (one just added or set primary); otherwise the first.
 */
export function enforceSinglePrimary(list: JsonValue[], preferred?: JsonValue): void {
  const primaries = list.filter((e): e is JsonObject => isPlainObject(e) && getOwn(e, 'primary') === true);
  if (primaries.length <= 1) return;
  const keep = preferred !== undefined && primaries.includes(preferred as JsonObject) ? preferred : primaries[0];
  for (const element of primaries) if (element !== keep) element.primary = false;
}

/** The whole value of an attribute, honouring multiValued; undefined when absent or empty. */
export function coerceValue(def: AttributeDefinition, raw: unknown, path: string, ignore: IgnoredSink): JsonValue | undefined {
  if (def.multiValued) {
    const list = toList(raw)
      .map((item) => coerceElement(def, item, path, ignore))
      .filter((item): item is JsonValue => item !== undefined);
    enforceSinglePrimary(list);
    return list.length > 0 ? list : undefined;
  }
  return coerceElement(def, unwrapSingle(raw, path), path, ignore);
}

/**
 * A singular attribute sent as an array: empty means absent, one element is
 * that element (Entra's manager PATCH value is `[{"$ref": …, "value": …}]`),
 * more is an error.
 */
export function unwrapSingle(raw: unknown, path: string): unknown {
  if (!Array.isArray(raw)) return raw;
  const items = toList(raw);
  if (items.length > 1) throw invalid(path, 'a single value', raw);
  return items[0];
}
