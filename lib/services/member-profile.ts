/**
 * What a signed-in member sees about themselves: their attributes as the IdP
 * provisioned them (core, enterprise and custom extensions, flattened for
 * display) and their groups.
 */
import { getDb } from '../db';
import { findUser, groupsOfUsers } from '../db/scim-store';
import type { JsonValue } from '../scim/resource/document';
import { loadInstanceSchemas } from './scim-schemas';

export interface ProfileField {
  /** e.g. "name.givenName", "emails[work]", "costCenter" */
  label: string;
  /** The schema the attribute comes from, for extension attributes. */
  schema?: string;
  value: string;
}

export interface MemberProfile {
  id: string;
  userName: string;
  displayName: string;
  active: boolean;
  role: 'ADMIN' | 'MEMBER';
  source: 'SCIM' | 'LOCAL';
  createdAt: Date;
  fields: ProfileField[];
  groups: { id: string; name: string }[];
}

function display(value: JsonValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'object') return String(value);
  if (Array.isArray(value)) return value.map(display).join(', ');
  if ('value' in value) return `${display(value.value)}${value.type ? ` (${display(value.type)})` : ''}${value.primary === true ? ' · primary' : ''}`;
  return Object.entries(value)
    .map(([k, v]) => `${k}: ${display(v)}`)
    .join(', ');
}

export function flattenAttributes(doc: Record<string, JsonValue>, extensionIds: string[]): ProfileField[] {
  const fields: ProfileField[] = [];
  for (const [key, value] of Object.entries(doc)) {
    const extension = extensionIds.find((id) => id.toLowerCase() === key.toLowerCase());
    if (extension && value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [sub, v] of Object.entries(value)) fields.push({ label: sub, schema: extension, value: display(v) });
    } else if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [sub, v] of Object.entries(value)) fields.push({ label: `${key}.${sub}`, value: display(v) });
    } else {
      fields.push({ label: key, value: display(value) });
    }
  }
  return fields.filter((f) => f.value !== '');
}

export async function getMemberProfile(userId: string): Promise<MemberProfile | null> {
  const { sql } = await getDb();
  const row = await findUser(sql, userId);
  if (!row) return null;
  const [schemas, groups] = await Promise.all([loadInstanceSchemas(), groupsOfUsers(sql, [userId])]);
  return {
    id: row.id,
    userName: row.user_name,
    displayName: row.display_name ?? row.user_name,
    active: row.active,
    role: row.role,
    source: row.source,
    createdAt: row.created_at,
    fields: flattenAttributes(row.attributes, schemas.user.extensions.map((s) => s.id)),
    groups: groups.map((g) => ({ id: g.id, name: g.display_name })),
  };
}
