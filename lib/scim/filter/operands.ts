/**
 * What a comparison means for each attribute type, shared by the in-memory
 * matcher and the SQL compiler so both accept and refuse the same filters:
 * which operators a type allows, and how a filter literal becomes a typed
 * operand (Entra's "True"/"False" strings, unquoted dates, numbers as text).
 * Anything unusable is a 400 invalidFilter, decided here before any SQL runs.
 */
import type { AttributeType } from '../schemas/types';
import { ScimError } from '../errors';
import type { CompareOp, FilterValue } from './ast';

export const invalidFilter = (detail: string) => new ScimError(400, detail, 'invalidFilter');

/** true/false, or the strings "true"/"false" in any case (Entra sends "True"). */
export function toBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const lower = value.toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
  }
  return undefined;
}

/** A number, or a string holding a plain decimal number. */
export function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/.test(value.trim())) {
    const n = Number(value.trim());
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

export interface Instant {
  /** Milliseconds since the epoch, with sub-millisecond digits as a fraction. */
  epochMs: number;
  /** Normalised ISO 8601 text PostgreSQL always accepts (explicit offset, ≤ 6 fraction digits). */
  iso: string;
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,12}))?)?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?$/;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * Parses an xsd:dateTime-like literal (RFC 7643 §2.3.5), strictly enough that
 * PostgreSQL can never refuse the normalised text: real calendar dates, hours
 * 0-23, offsets up to ±14:59. A missing offset means UTC.
 */
export function parseDateTime(value: unknown): Instant | undefined {
  if (typeof value !== 'string' || value.length > 64) return undefined;
  const m = DATE_TIME.exec(value.trim());
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [hour, minute, second] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  const fraction = m[7] ?? '';
  if (year < 1 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  const daysInMonth = new Date(Date.UTC(2000, month, 0)).getUTCDate() - (month === 2 && !isLeap(year) ? 1 : 0);
  if (day > daysInMonth) return undefined;

  let offsetMinutes = 0;
  let offsetText = '+00:00';
  const zone = m[8];
  if (zone && zone.toUpperCase() !== 'Z') {
    const digits = zone.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
    if (oh > 14 || om > 59) return undefined;
    offsetMinutes = (zone[0] === '-' ? -1 : 1) * (oh * 60 + om);
    offsetText = `${zone[0]}${pad(oh)}:${pad(om)}`;
  }
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day);
  utc.setUTCHours(hour, minute, second, 0);
  const epochMs = utc.getTime() - offsetMinutes * 60_000 + (fraction ? Number(`0.${fraction}`) * 1000 : 0);
  const frac6 = fraction.slice(0, 6);
  const iso = `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}${frac6 ? `.${frac6}` : ''}${offsetText}`;
  return { epochMs, iso };
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The operators each attribute type supports (`pr` is always allowed). */
export function checkOperator(type: AttributeType, op: CompareOp, path: string): void {
  const substring = op === 'co' || op === 'sw' || op === 'ew';
  const refuse = (why: string) => {
    throw invalidFilter(`Operator "${op}" cannot be used on "${path}": ${why}`);
  };
  switch (type) {
    case 'complex':
      return refuse('it is a complex attribute; compare one of its sub-attributes or use a value filter "[...]"');
    case 'boolean':
      if (op !== 'eq' && op !== 'ne') refuse('a boolean only supports eq and ne');
      return;
    case 'binary':
      if (op !== 'eq' && op !== 'ne') refuse('a binary value only supports eq and ne');
      return;
    case 'integer':
    case 'decimal':
    case 'dateTime':
      if (substring) refuse(`a ${type} does not support substring matching`);
      return;
    default:
      return;
  }
}

/** The typed operand of a comparison, after the literal has been checked against the type. */
export type Operand =
  | { kind: 'null' }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'number'; value: number }
  | { kind: 'dateTime'; value: Instant }
  | { kind: 'string'; value: string };

/**
 * Converts a filter literal for an attribute of `type`. `null` is kept apart
 * (`eq null` means "absent", `ne null` "present"; other operators refuse it).
 */
export function toOperand(type: AttributeType, op: CompareOp, value: FilterValue, path: string): Operand {
  if (value === null) {
    if (op !== 'eq' && op !== 'ne') throw invalidFilter(`Operator "${op}" cannot compare "${path}" with null`);
    return { kind: 'null' };
  }
  checkOperator(type, op, path);
  switch (type) {
    case 'boolean': {
      const b = toBoolean(value);
      if (b === undefined) throw invalidFilter(`"${path}" is a boolean: compare it with true or false`);
      return { kind: 'boolean', value: b };
    }
    case 'integer':
    case 'decimal': {
      const n = toNumber(value);
      if (n === undefined) throw invalidFilter(`"${path}" is a number: "${String(value).slice(0, 60)}" is not one`);
      return { kind: 'number', value: n };
    }
    case 'dateTime': {
      const instant = parseDateTime(typeof value === 'string' ? value : String(value));
      if (!instant) throw invalidFilter(`"${path}" is a dateTime: "${String(value).slice(0, 60)}" is not a valid date and time`);
      return { kind: 'dateTime', value: instant };
    }
    default:
      // string, reference, binary: numbers and booleans compare as the text they were written as.
      return { kind: 'string', value: String(value) };
  }
}
