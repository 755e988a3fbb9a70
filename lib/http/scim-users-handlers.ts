/**
 * The SCIM /Users endpoints (RFC 7644 §3.2–3.6): parse → service → serialize.
 * The route files under app/scim/v2/Users only bind these to methods.
 */
import { matchesEtag } from '../scim/etag';
import { parsePatchRequest } from '../scim/patch/parse';
import { parseListParams, renderListResponse, type ListParams } from '../scim/resource/list';
import { normalizeResource } from '../scim/resource/normalize';
import { parseProjection } from '../scim/resource/projection';
import { createScimUser, deleteScimUser, getScimUser, listScimUsers, patchScimUser, replaceScimUser, type WriteOutcome } from '../services/scim-users';
import { notAllowed, type ScimContext, type ScimResult } from './scim-route';
import { renderUser, resourceHeaders } from './scim-serialize';

export const MAX_PAGE_SIZE = 100;

function describe(userName: string, id: string) {
  return `${userName} (${id})`;
}

async function list(ctx: ScimContext, params: ListParams): Promise<ScimResult> {
  const { user: schemas } = await ctx.schemas();
  const projection = parseProjection(params.attributes, params.excludedAttributes, schemas);
  const { total, records, accessEpoch } = await listScimUsers(params, schemas);
  await ctx.confirmAccess(accessEpoch);
  ctx.note.resourceType = 'User';
  ctx.note.summary = `${params.filter ? `Filter ${params.filter.slice(0, 200)}: ` : ''}${total} user(s), returned ${records.length} from ${params.startIndex}`;
  return {
    status: 200,
    body: renderListResponse(records.map((r) => renderUser(r, schemas, ctx.baseUrl, projection)), total, params.startIndex),
  };
}

export function listUsers(ctx: ScimContext) {
  return list(ctx, parseListParams(ctx.url.searchParams, MAX_PAGE_SIZE));
}

/** POST /Users/.search (RFC 7644 §3.4.3). */
export async function searchUsers(ctx: ScimContext) {
  ctx.note.action = 'user.search';
  return list(ctx, parseListParams(await ctx.body(), MAX_PAGE_SIZE));
}

export async function createUser(ctx: ScimContext): Promise<ScimResult> {
  const { user: schemas } = await ctx.schemas();
  const { document, ignored } = normalizeResource(await ctx.body(), schemas);
  ctx.note.ignored = ignored;
  ctx.note.resourceType = 'User';
  ctx.note.resourceName = String(document.userName);
  const heldEpoch = ctx.heldEpoch();
  const record = await createScimUser(document, heldEpoch === undefined ? undefined : { epoch: heldEpoch, confirm: ctx.confirmAccess });
  ctx.note.resourceId = record.row.id;
  ctx.note.summary = `Provisioned user ${describe(record.row.user_name, record.row.id)}${record.row.active ? '' : ' (inactive)'}`;
  const location = `${ctx.baseUrl}/Users/${record.row.id}`;
  return { status: 201, body: renderUser(record, schemas, ctx.baseUrl), headers: resourceHeaders(record.row.version, location) };
}

export async function getUser(ctx: ScimContext): Promise<ScimResult> {
  const { user: schemas } = await ctx.schemas();
  ctx.note.resourceType = 'User';
  ctx.note.resourceId = ctx.params.id;
  const record = await getScimUser(ctx.params.id, ctx.confirmAccess);
  ctx.note.resourceName = record.row.user_name;
  ctx.note.summary = `Read user ${describe(record.row.user_name, record.row.id)}`;
  const ifNoneMatch = ctx.req.headers.get('if-none-match');
  if (ifNoneMatch && matchesEtag(ifNoneMatch, record.row.version)) return { status: 304, headers: resourceHeaders(record.row.version) };
  const params = parseListParams(ctx.url.searchParams, MAX_PAGE_SIZE);
  const projection = parseProjection(params.attributes, params.excludedAttributes, schemas);
  return { status: 200, body: renderUser(record, schemas, ctx.baseUrl, projection), headers: resourceHeaders(record.row.version) };
}

function summarizeWrite(verb: string, outcome: WriteOutcome): string {
  const { row } = outcome.record;
  const who = describe(row.user_name, row.id);
  if (outcome.transition === 'deactivated') return `Deprovisioned user ${who}: access and sessions revoked`;
  if (outcome.transition === 'reactivated') return `Reactivated user ${who}`;
  if (outcome.changed.length === 0) return `${verb} user ${who}: no change`;
  return `${verb} user ${who}: ${outcome.changed.slice(0, 20).join(', ')}`;
}

async function writeResult(ctx: ScimContext, verb: string, outcome: WriteOutcome): Promise<ScimResult> {
  const { user: schemas } = await ctx.schemas();
  ctx.note.resourceName = outcome.record.row.user_name;
  ctx.note.changed = outcome.changed;
  ctx.note.ignored = outcome.ignored;
  ctx.note.summary = summarizeWrite(verb, outcome);
  if (outcome.transition) ctx.note.action = outcome.transition === 'deactivated' ? 'user.deactivate' : 'user.reactivate';
  return { status: 200, body: renderUser(outcome.record, schemas, ctx.baseUrl), headers: resourceHeaders(outcome.record.row.version) };
}

export async function replaceUser(ctx: ScimContext): Promise<ScimResult> {
  const { user: schemas } = await ctx.schemas();
  ctx.note.resourceType = 'User';
  ctx.note.resourceId = ctx.params.id;
  const { document, ignored } = normalizeResource(await ctx.body(), schemas);
  const outcome = await replaceScimUser(ctx.params.id, document, ignored, ctx.req.headers.get('if-match'), ctx.confirmAccess);
  return writeResult(ctx, 'Replaced', outcome);
}

export async function patchUser(ctx: ScimContext): Promise<ScimResult> {
  const { user: schemas } = await ctx.schemas();
  ctx.note.resourceType = 'User';
  ctx.note.resourceId = ctx.params.id;
  const operations = parsePatchRequest(await ctx.body());
  const outcome = await patchScimUser(ctx.params.id, operations, schemas, ctx.req.headers.get('if-match'), ctx.confirmAccess);
  return writeResult(ctx, 'Updated', outcome);
}

export async function deleteUser(ctx: ScimContext): Promise<ScimResult> {
  ctx.note.resourceType = 'User';
  ctx.note.resourceId = ctx.params.id;
  const row = await deleteScimUser(ctx.params.id, ctx.req.headers.get('if-match'));
  ctx.note.resourceName = row.user_name;
  ctx.note.summary = `Deleted user ${describe(row.user_name, row.id)}: removed from SCIM, access revoked`;
  return { status: 204 };
}

/** POST on /Users/{id}: only /Users/.search exists there. */
export function postOnUser(ctx: ScimContext): Promise<ScimResult> {
  if (ctx.params.id === '.search') return searchUsers(ctx);
  return Promise.resolve(notAllowed(ctx, ['GET', 'PUT', 'PATCH', 'DELETE'], 'POST is not supported on a single user; use PUT or PATCH, or POST /Users to create.'));
}
