/**
 * The PatchOp request body (RFC 7644 §3.5.2) → a list of operations.
 *
 * Lenient where IdPs deviate without ambiguity: `schemas` may be missing,
 * `Operations` and `op` are case-insensitive (Entra sends Add/Replace/Remove),
 * extra keys such as the MS Postman suite's `"name": "addMember"` are ignored,
 * and an empty Operations list is returned as [] (the MS validator sends one;
 * the caller answers it as a no-op). Everything else is a 400 naming the
 * operation at fault.
 */
import { ScimError, badRequest } from '../errors';
import type { PatchPath } from '../filter/ast';
import { parsePatchPath } from '../filter/parse';
import { describeValue, getOwn, isPlainObject } from '../resource/document';

export type PatchOpName = 'add' | 'replace' | 'remove';

export interface PatchOperation {
  op: PatchOpName;
  /** Parsed target; undefined for path-less add/replace. */
  path?: PatchPath;
  /** The path as sent, for messages and the activity log. */
  pathText?: string;
  /** The value as sent; undefined when the operation had none. */
  value?: unknown;
}

/** Operations in one request; a bound so one request cannot make unbounded work. */
export const MAX_OPERATIONS = 1000;

function keyOf(obj: Record<string, unknown>, name: string): unknown {
  const key = Object.keys(obj).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : getOwn(obj, key);
}

function parseOperation(raw: unknown, index: number): PatchOperation {
  const where = `Operations[${index}]`;
  if (!isPlainObject(raw)) throw badRequest('invalidSyntax', `${where} must be an object with "op", "path" and "value".`);
  const opRaw = keyOf(raw, 'op');
  const op = typeof opRaw === 'string' ? opRaw.trim().toLowerCase() : undefined;
  if (op !== 'add' && op !== 'replace' && op !== 'remove') {
    throw badRequest('invalidSyntax', `${where}: "op" must be "add", "replace" or "remove"; got ${describeValue(opRaw)}.`);
  }
  const operation: PatchOperation = { op };
  const pathRaw = keyOf(raw, 'path');
  if (pathRaw !== undefined && pathRaw !== null && pathRaw !== '') {
    if (typeof pathRaw !== 'string') throw badRequest('invalidPath', `${where}: "path" must be a string.`);
    try {
      operation.path = parsePatchPath(pathRaw.trim());
    } catch (e) {
      // invalidPath even when the fault is inside the brackets: the path is what the client got wrong.
      const detail = e instanceof ScimError ? e.message : 'it could not be parsed';
      throw badRequest('invalidPath', `${where}: invalid path ${describeValue(pathRaw)}: ${detail}`);
    }
    operation.pathText = pathRaw.trim();
  }
  const value = keyOf(raw, 'value');
  if (value !== undefined) operation.value = value;
  // RFC 7644 §3.5.2.2: a remove without a path has no target.
  if (op === 'remove' && !operation.path) throw badRequest('noTarget', `${where}: "remove" needs a "path".`);
  return operation;
}

export function parsePatchRequest(body: unknown): PatchOperation[] {
  if (!isPlainObject(body)) throw badRequest('invalidSyntax', 'The PATCH body must be a JSON object with an "Operations" array.');
  const operations = keyOf(body, 'operations');
  if (!Array.isArray(operations)) {
    throw badRequest('invalidSyntax', 'The PATCH body must have an "Operations" array (RFC 7644 §3.5.2).');
  }
  if (operations.length > MAX_OPERATIONS) {
    throw badRequest('invalidSyntax', `A PATCH request may carry at most ${MAX_OPERATIONS} operations.`);
  }
  return operations.map(parseOperation);
}
