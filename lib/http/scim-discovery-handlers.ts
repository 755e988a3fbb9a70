/** /ServiceProviderConfig, /ResourceTypes and /Schemas (RFC 7644 §4). */
import { notFound } from '../scim/errors';
import { allSchemaDefinitions, resourceTypeResource, schemaResource, serviceProviderConfig } from '../scim/discovery';
import { renderListResponse } from '../scim/resource/list';
import { MAX_BODY_BYTES } from './scim-body';
import type { ScimContext, ScimResult } from './scim-route';
import { MAX_PAGE_SIZE } from './scim-users-handlers';

export async function getServiceProviderConfig(ctx: ScimContext): Promise<ScimResult> {
  ctx.note.resourceType = 'ServiceProviderConfig';
  return { status: 200, body: serviceProviderConfig({ baseUrl: ctx.baseUrl, maxResults: MAX_PAGE_SIZE, maxPayloadSize: MAX_BODY_BYTES }) };
}

export async function listResourceTypes(ctx: ScimContext): Promise<ScimResult> {
  const { user, group } = await ctx.schemas();
  ctx.note.resourceType = 'ResourceType';
  const resources = [user, group].map((s) => resourceTypeResource(s, ctx.baseUrl));
  return { status: 200, body: renderListResponse(resources, resources.length, 1) };
}

export async function getResourceType(ctx: ScimContext): Promise<ScimResult> {
  const { user, group } = await ctx.schemas();
  ctx.note.resourceType = 'ResourceType';
  const match = [user, group].find((s) => s.resourceType.name.toLowerCase() === ctx.params.name.toLowerCase());
  if (!match) throw notFound(`Resource type ${ctx.params.name} not found; this server has User and Group.`);
  return { status: 200, body: resourceTypeResource(match, ctx.baseUrl) };
}

export async function listSchemas(ctx: ScimContext): Promise<ScimResult> {
  const { user, group } = await ctx.schemas();
  ctx.note.resourceType = 'Schema';
  const resources = allSchemaDefinitions([user, group]).map((s) => schemaResource(s, ctx.baseUrl));
  return { status: 200, body: renderListResponse(resources, resources.length, 1) };
}

export async function getSchema(ctx: ScimContext): Promise<ScimResult> {
  const { user, group } = await ctx.schemas();
  ctx.note.resourceType = 'Schema';
  const urn = ctx.params.urn.toLowerCase();
  const match = allSchemaDefinitions([user, group]).find((s) => s.id.toLowerCase() === urn);
  if (!match) throw notFound(`Schema ${ctx.params.urn} not found.`);
  return { status: 200, body: schemaResource(match, ctx.baseUrl) };
}
