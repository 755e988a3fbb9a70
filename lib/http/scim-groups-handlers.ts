/**
 * The SCIM /Groups endpoints: parse → service → serialize. Members are
 * loaded only when the response will carry them (Entra sends
 * excludedAttributes=members to avoid serializing large groups).
 */
import { matchesEtag } from '../scim/etag';
import { parsePatchRequest } from '../scim/patch/parse';
import { parseListParams, renderListResponse, type ListParams } from '../scim/resource/list';
import { normalizeResource } from '../scim/resource/normalize';
import { parseProjection, wantsAttribute, type Projection } from '../scim/resource/projection';
import type { ResourceSchemas } from '../scim/schemas/types';
import {
  createScimGroup,
  deleteScimGroup,
  getScimGroup,
  listScimGroups,
  patchScimGroup,
  replaceScimGroup,
  type GroupWriteOutcome,
} from '../services/scim-groups';
import { notAllowed, type ScimContext, type ScimResult } from './scim-route';
import { renderGroup, resourceHeaders } from './scim-serialize';
import { MAX_PAGE_SIZE } from './scim-users-handlers';

const describe = (name: string, id: string) => `"${name}" (${id})`;

function projectionOf(ctx: ScimContext, schemas: ResourceSchemas, params?: ListParams): Projection {
  const p = params ?? parseListParams(ctx.url.searchParams, MAX_PAGE_SIZE);
  return parseProjection(p.attributes, p.excludedAttributes, schemas);
}

async function list(ctx: ScimContext, params: ListParams): Promise<ScimResult> {
  const { group: schemas } = await ctx.schemas();
  const projection = projectionOf(ctx, schemas, params);
  const includeMembers = wantsAttribute(projection, 'members', schemas);
  const { total, records } = await listScimGroups(params, schemas, { includeMembers });
  ctx.note.resourceType = 'Group';
  ctx.note.summary = `${params.filter ? `Filter ${params.filter.slice(0, 200)}: ` : ''}${total} group(s), returned ${records.length} from ${params.startIndex}`;
  return { status: 200, body: renderListResponse(records.map((r) => renderGroup(r, schemas, ctx.baseUrl, projection)), total, params.startIndex) };
}

export function listGroups(ctx: ScimContext) {
  return list(ctx, parseListParams(ctx.url.searchParams, MAX_PAGE_SIZE));
}

export async function searchGroups(ctx: ScimContext) {
  ctx.note.action = 'group.search';
  return list(ctx, parseListParams(await ctx.body(), MAX_PAGE_SIZE));
}

function membershipSummary(o: GroupWriteOutcome): string {
  const parts: string[] = [];
  if (o.changed.length) parts.push(o.changed.join(', '));
  if (o.membersRemoved === 'all') parts.push(`members replaced (${o.membersAdded} now)`);
  else {
    if (o.membersAdded) parts.push(`${o.membersAdded} member(s) added`);
    if (o.membersRemoved) parts.push(`${o.membersRemoved} member(s) removed`);
  }
  return parts.join('; ') || 'no change';
}

export async function createGroup(ctx: ScimContext): Promise<ScimResult> {
  const { group: schemas } = await ctx.schemas();
  const { document, ignored, members } = normalizeResource(await ctx.body(), schemas);
  ctx.note.resourceType = 'Group';
  ctx.note.resourceName = String(document.displayName);
  const outcome = await createScimGroup(document, members);
  const { row } = outcome.record;
  ctx.note.resourceId = row.id;
  ctx.note.ignored = [...ignored, ...outcome.ignored];
  ctx.note.summary = `Created group ${describe(row.display_name, row.id)} with ${outcome.membersAdded} member(s)`;
  const location = `${ctx.baseUrl}/Groups/${row.id}`;
  return { status: 201, body: renderGroup(outcome.record, schemas, ctx.baseUrl), headers: resourceHeaders(row.version, location) };
}

export async function getGroup(ctx: ScimContext): Promise<ScimResult> {
  const { group: schemas } = await ctx.schemas();
  ctx.note.resourceType = 'Group';
  ctx.note.resourceId = ctx.params.id;
  const projection = projectionOf(ctx, schemas);
  const record = await getScimGroup(ctx.params.id, { includeMembers: wantsAttribute(projection, 'members', schemas) });
  ctx.note.resourceName = record.row.display_name;
  ctx.note.summary = `Read group ${describe(record.row.display_name, record.row.id)}`;
  const ifNoneMatch = ctx.req.headers.get('if-none-match');
  if (ifNoneMatch && matchesEtag(ifNoneMatch, record.row.version)) return { status: 304, headers: resourceHeaders(record.row.version) };
  return { status: 200, body: renderGroup(record, schemas, ctx.baseUrl, projection), headers: resourceHeaders(record.row.version) };
}

async function writeResult(ctx: ScimContext, verb: string, outcome: GroupWriteOutcome, projection?: Projection): Promise<ScimResult> {
  const { group: schemas } = await ctx.schemas();
  const { row } = outcome.record;
  ctx.note.resourceName = row.display_name;
  ctx.note.changed = outcome.changed;
  ctx.note.ignored = outcome.ignored;
  ctx.note.summary = `${verb} group ${describe(row.display_name, row.id)}: ${membershipSummary(outcome)}`;
  return { status: 200, body: renderGroup(outcome.record, schemas, ctx.baseUrl, projection), headers: resourceHeaders(row.version) };
}

export async function replaceGroup(ctx: ScimContext): Promise<ScimResult> {
  const { group: schemas } = await ctx.schemas();
  ctx.note.resourceType = 'Group';
  ctx.note.resourceId = ctx.params.id;
  const { document, ignored, members } = normalizeResource(await ctx.body(), schemas);
  const outcome = await replaceScimGroup(ctx.params.id, document, members, ignored, ctx.req.headers.get('if-match'));
  return writeResult(ctx, 'Replaced', outcome);
}

export async function patchGroup(ctx: ScimContext): Promise<ScimResult> {
  const { group: schemas } = await ctx.schemas();
  ctx.note.resourceType = 'Group';
  ctx.note.resourceId = ctx.params.id;
  const operations = parsePatchRequest(await ctx.body());
  // RFC 7644 §3.5.2 allows 204; Entra asks for it, Okta accepts it, and a PATCH
  // on a 100k-member group then never serializes the members. A client that
  // names `attributes` gets the resource (200) as it asked.
  const projection = projectionOf(ctx, schemas);
  const asked = projection.attributes !== undefined;
  const includeMembers = asked && wantsAttribute(projection, 'members', schemas);
  const outcome = await patchScimGroup(ctx.params.id, operations, schemas, ctx.req.headers.get('if-match'), includeMembers);
  const result = await writeResult(ctx, 'Updated', outcome, projection);
  return asked ? result : { status: 204, headers: result.headers };
}

export async function deleteGroup(ctx: ScimContext): Promise<ScimResult> {
  ctx.note.resourceType = 'Group';
  ctx.note.resourceId = ctx.params.id;
  const row = await deleteScimGroup(ctx.params.id, ctx.req.headers.get('if-match'));
  ctx.note.resourceName = row.display_name;
  ctx.note.summary = `Deleted group ${describe(row.display_name, row.id)}`;
  return { status: 204 };
}

export function postOnGroup(ctx: ScimContext): Promise<ScimResult> {
  if (ctx.params.id === '.search') return searchGroups(ctx);
  return Promise.resolve(notAllowed(ctx, ['GET', 'PUT', 'PATCH', 'DELETE'], 'POST is not supported on a single group; use PUT or PATCH, or POST /Groups to create.'));
}
