/**
 * How SCIM documents become rows and back. The document (jsonb) is the
 * source of truth; the dedicated columns are derived from it on every write
 * so filters and the dashboard can use indexes (user_name_key, email_keys…).
 */
import type { Document, JsonValue } from '../scim/resource/document';
import { valueSearchText } from '../scim/filter/storage';
import { deriveDisplayName } from '../scim/resource/render';

export interface UserRow {
  id: string;
  user_name: string;
  external_id: string | null;
  display_name: string | null;
  active: boolean;
  attributes: Document;
  version: number;
  role: 'ADMIN' | 'MEMBER';
  source: 'SCIM' | 'LOCAL';
  created_at: Date;
  updated_at: Date;
  deactivated_at: Date | null;
}

export interface GroupRow {
  id: string;
  display_name: string;
  external_id: string | null;
  attributes: Document;
  version: number;
  created_at: Date;
  updated_at: Date;
}

export const USER_COLUMNS = 'u.id, u.user_name, u.external_id, u.display_name, u.active, u.attributes, u.version, u.role, u.source, u.created_at, u.updated_at, u.deactivated_at';
export const GROUP_COLUMNS = 'g.id, g.display_name, g.external_id, g.attributes, g.version, g.created_at, g.updated_at';

const text = (v: JsonValue | undefined): string | null => (typeof v === 'string' && v !== '' ? v : null);
const obj = (v: JsonValue | undefined): Record<string, JsonValue> => (v && typeof v === 'object' && !Array.isArray(v) ? v : {});

/** The login email: primary, else the first "work", else the first one. */
export function primaryEmail(doc: Document): string | null {
  const emails = Array.isArray(doc.emails) ? doc.emails.map(obj).filter((e) => typeof e.value === 'string') : [];
  const pick = emails.find((e) => e.primary === true) ?? emails.find((e) => String(e.type ?? '').toLowerCase() === 'work') ?? emails[0];
  return pick ? (pick.value as string) : null;
}

export interface UserColumns {
  user_name: string;
  user_name_key: string;
  external_id: string | null;
  given_name: string | null;
  family_name: string | null;
  display_name: string | null;
  email: string | null;
  email_keys: string[];
  /** Every email value as sent, for the trigram prefilter of `emails co/sw/ew` (see valueSearchText). */
  email_search: string;
  active: boolean;
}

export function userColumns(doc: Document): UserColumns {
  const userName = String(doc.userName ?? '');
  const name = obj(doc.name);
  const emails = Array.isArray(doc.emails) ? doc.emails.map(obj) : [];
  return {
    user_name: userName,
    user_name_key: userName.toLowerCase(),
    external_id: text(doc.externalId),
    given_name: text(name.givenName),
    family_name: text(name.familyName),
    // What SCIM returns as displayName (derived from the name when absent), so filters and lists agree.
    display_name: text(doc.displayName) ?? deriveDisplayName(doc) ?? null,
    email: primaryEmail(doc),
    email_keys: [...new Set(emails.map((e) => e.value).filter((v): v is string => typeof v === 'string').map((v) => v.toLowerCase()))],
    email_search: valueSearchText(emails.map((e) => e.value)),
    active: doc.active !== false,
  };
}

export interface GroupColumns {
  display_name: string;
  display_name_key: string;
  external_id: string | null;
}

export function groupColumns(doc: Document): GroupColumns {
  const displayName = String(doc.displayName ?? '');
  return { display_name: displayName, display_name_key: displayName.toLowerCase(), external_id: text(doc.externalId) };
}

/**
 * The longest text (UTF-8 bytes) written to an indexed column. PostgreSQL's
 * btree entries stop at 2704 bytes and (family_name, given_name) share one
 * index; a longer value would fail the write with a 500, so it is refused first.
 */
export const MAX_INDEXED_BYTES = 1024;

const tooLong = (value: string | null | undefined) => value != null && Buffer.byteLength(value, 'utf8') > MAX_INDEXED_BYTES;

/** The SCIM attribute whose indexed copy would be too long, if any. */
export function oversizedUserAttribute(c: UserColumns): string | undefined {
  if (tooLong(c.user_name)) return 'userName';
  if (tooLong(c.external_id)) return 'externalId';
  // Name parts before displayName, which may be derived from them.
  if (tooLong(c.given_name)) return 'name.givenName';
  if (tooLong(c.family_name)) return 'name.familyName';
  if (tooLong(c.display_name)) return 'displayName';
  if (c.email_keys.some(tooLong)) return 'emails.value';
  return undefined;
}

export function oversizedGroupAttribute(c: GroupColumns): string | undefined {
  if (tooLong(c.display_name)) return 'displayName';
  if (tooLong(c.external_id)) return 'externalId';
  return undefined;
}

/** PostgreSQL's "program limit exceeded" (an index entry too large): the last line of defence. */
export function isTooLargeForIndex(err: unknown): boolean {
  return (err as { code?: string } | null)?.code === '54000';
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids that are not ours (any format) are simply not found: never a cast error. */
export function isResourceId(id: string): boolean {
  return UUID.test(id);
}

export function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: string } | null)?.code === '23505';
}
