/**
 * Group member references as the IdPs send them, reduced to member ids.
 * Membership is never part of the stored document (a group may have 100k
 * members); callers turn these ids into membership rows.
 *
 * Accepted element forms: `{"value": "<id>", "display": …}` (Okta),
 * `{"$ref": null, "value": "<id>"}` (Entra), `{"displayName": …, "value": …}`
 * and a bare string id (MS Postman suite). Everything but `value` is ignored:
 * the display name comes from the member itself.
 */
import { badRequest } from '../errors';
import { toList } from './coerce';
import { getOwn, isPlainObject } from './document';

function memberId(item: unknown, path: string): string {
  let raw: unknown = item;
  if (isPlainObject(item)) {
    const key = Object.keys(item).find((k) => k.toLowerCase() === 'value');
    raw = key === undefined ? undefined : getOwn(item, key);
  }
  if (typeof raw === 'number' && Number.isFinite(raw)) raw = String(raw);
  if (typeof raw !== 'string' || raw.trim() === '') {
    throw badRequest('invalidValue', `Each element of "${path}" needs a "value": the id of the member.`);
  }
  if (raw.includes('\u0000')) throw badRequest('invalidValue', `A member id in "${path}" contains U+0000.`);
  return raw.trim();
}

/** The distinct member ids of a members value (array or single element), in order. */
export function memberIds(raw: unknown, path = 'members'): string[] {
  return [...new Set(toList(raw).map((item) => memberId(item, path)))];
}
