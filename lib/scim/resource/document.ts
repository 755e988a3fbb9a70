/**
 * The stored form of a SCIM resource ("document") and the few helpers every
 * module that reads or writes one needs. Documents are plain JSON: core
 * attributes at the top level under their canonical names, extension
 * attributes under the canonical schema URN. They never hold null (absent =
 * no key), id, meta, schemas, password, User.groups or Group.members.
 *
 * Input arrives as parsed JSON from an IdP, so every read goes through
 * `getOwn` (a plain `obj[key]` would find `constructor` on the prototype) and
 * every write through `setOwn`, which refuses the prototype-polluting keys.
 */

export type JsonPrimitive = string | number | boolean;
export type JsonValue = JsonPrimitive | JsonObject | JsonValue[];
export interface JsonObject {
  [key: string]: JsonValue;
}
export type Document = JsonObject;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export function isForbiddenKey(key: string): boolean {
  return FORBIDDEN_KEYS.has(key);
}

/** A JSON object (not null, not an array). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function getOwn(obj: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

/** Sets an own property; the keys that could reach Object.prototype are never written. */
export function setOwn<T>(obj: Record<string, T>, key: string, value: T): void {
  if (isForbiddenKey(key)) return;
  // With __proto__ (the only setter a plain object inherits) excluded, assignment creates an own property.
  obj[key] = value;
}

export function deleteOwn(obj: Record<string, unknown>, key: string): void {
  if (Object.prototype.hasOwnProperty.call(obj, key)) delete obj[key];
}

/** null, undefined and "" mean "no value" everywhere in SCIM input (Entra sends both for cleared attributes). */
export function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

/** A deep copy of a document; PATCH works on one so the caller's stays intact on error. */
export function cloneJson<T extends JsonValue>(value: T): T {
  return structuredClone(value);
}

/** Deep equality of JSON values, ignoring key order. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => jsonEqual(item, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    return keys.every((k) => Object.prototype.hasOwnProperty.call(b, k) && jsonEqual(a[k], b[k]));
  }
  return false;
}

/** Makes an input key safe to quote in an `ignored` report (logged as JSON in PostgreSQL). */
export function describeKey(key: string): string {
  const clean = key.toWellFormed().replace(/\u0000/g, '\\u0000');
  return clean.length > 200 ? `${clean.slice(0, 200)}…` : clean;
}

/**
 * A short description of an input value for error details. Containers are
 * named, not serialized: JSON.stringify recurses, and a deeply nested body
 * must end as a 400, not a stack overflow.
 */
export function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object' && value !== null) return 'an object';
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
