/**
 * Records from the services → SCIM JSON, through the protocol core's
 * renderer: adds the computed attributes (User.groups, Group.members),
 * meta.location and the ETag header.
 */
import type { GroupRecord } from '../services/scim-groups';
import type { UserRecord } from '../services/scim-users';
import { etagOf } from '../scim/etag';
import type { JsonObject } from '../scim/resource/document';
import type { Projection } from '../scim/resource/projection';
import { renderResource } from '../scim/resource/render';
import type { ResourceSchemas } from '../scim/schemas/types';

/** The parts every stored resource renders the same way. */
function stored(row: { id: string; attributes: JsonObject; created_at: Date; updated_at: Date; version: number }, location: string) {
  return { id: row.id, document: row.attributes, created: row.created_at, lastModified: row.updated_at, version: row.version, location };
}

export function renderUser({ row, groups }: UserRecord, schemas: ResourceSchemas, baseUrl: string, projection?: Projection): JsonObject {
  const extra = { groups: groups.map((g) => ({ value: g.id, $ref: `${baseUrl}/Groups/${g.id}`, display: g.display_name, type: 'direct' })) };
  return renderResource({ ...stored(row, `${baseUrl}/Users/${row.id}`), extra }, schemas, projection);
}

export function renderGroup({ row, members }: GroupRecord, schemas: ResourceSchemas, baseUrl: string, projection?: Projection): JsonObject {
  const extra = members ? { members: members.map((m) => ({ value: m.id, $ref: `${baseUrl}/Users/${m.id}`, display: m.display, type: 'User' })) } : {};
  return renderResource({ ...stored(row, `${baseUrl}/Groups/${row.id}`), extra }, schemas, projection);
}

export function resourceHeaders(version: number, location?: string): Record<string, string> {
  return { ETag: etagOf(version), ...(location ? { Location: location } : {}) };
}
