/**
 * The instance's configuration: SCIM Provisioning on/off, the public URL and
 * the admin-defined custom SCIM attributes. Read fresh on every SCIM request
 * (one row by primary key) so a change on one instance applies at once on
 * every instance sharing the database.
 */
import { getDb } from '../db';
import type { AttributeType } from '../db/generated/enums';
import type { CustomAttributeSpec } from '../scim/schemas/registry';
import { URN } from '../scim/schemas/urns';
import { publicUrlFromEnv } from '../server/env';
import { customAttributeSchema, type CustomAttributeInput } from '../validations/custom-attribute';
import { recordActivity } from './activity';
import type { Actor } from './tokens';

export interface InstanceConfig {
  scimEnabled: boolean;
  publicUrl: string | null;
}

export async function getInstanceConfig(): Promise<InstanceConfig> {
  const { prisma } = await getDb();
  const row = await prisma.instanceConfig.findUnique({ where: { id: 1 } });
  return { scimEnabled: row?.scimEnabled ?? false, publicUrl: row?.publicUrl ?? publicUrlFromEnv() ?? null };
}

export async function setScimEnabled(enabled: boolean, actor: Actor): Promise<InstanceConfig> {
  const { prisma } = await getDb();
  await prisma.instanceConfig.upsert({
    where: { id: 1 },
    create: { id: 1, scimEnabled: enabled },
    update: { scimEnabled: enabled },
  });
  await recordActivity({
    kind: 'ADMIN',
    action: enabled ? 'scim.enable' : 'scim.disable',
    actorId: actor.id,
    actorName: actor.name,
    summary: enabled ? 'SCIM Provisioning turned on' : 'SCIM Provisioning turned off: SCIM requests are refused',
  });
  return getInstanceConfig();
}

/** `<public URL>/scim/v2`, from configuration or else the request's origin. */
export function scimBaseUrl(config: InstanceConfig, requestOrigin: string): string {
  return `${(config.publicUrl ?? requestOrigin).replace(/\/+$/, '')}/scim/v2`;
}

// --- custom attributes -------------------------------------------------------

const TO_DB: Record<CustomAttributeSpec['type'], AttributeType> = {
  string: 'STRING',
  boolean: 'BOOLEAN',
  integer: 'INTEGER',
  decimal: 'DECIMAL',
  dateTime: 'DATETIME',
  reference: 'REFERENCE',
};
const FROM_DB = Object.fromEntries(Object.entries(TO_DB).map(([k, v]) => [v, k])) as Record<AttributeType, CustomAttributeSpec['type']>;

export interface CustomAttribute extends CustomAttributeSpec {
  id: string;
  createdAt: Date;
}

function attributeKey(schemaUrn: string, name: string) {
  return `${schemaUrn.toLowerCase()}#${name.toLowerCase()}`;
}

export async function listCustomAttributes(): Promise<CustomAttribute[]> {
  const { prisma } = await getDb();
  const rows = await prisma.extensionAttribute.findMany({ orderBy: [{ schemaUrn: 'asc' }, { createdAt: 'asc' }] });
  return rows.map((r) => ({
    id: r.id,
    schemaUrn: r.schemaUrn,
    name: r.name,
    type: FROM_DB[r.type],
    multiValued: r.multiValued,
    required: r.required,
    caseExact: r.caseExact,
    description: r.description,
    createdAt: r.createdAt,
  }));
}

export class CustomAttributeError extends Error {}

const BUILT_IN_USER_ATTRIBUTES = new Set(
  ['userName', 'name', 'displayName', 'nickName', 'profileUrl', 'title', 'userType', 'preferredLanguage', 'locale', 'timezone', 'active', 'password', 'emails', 'phoneNumbers', 'ims', 'photos', 'addresses', 'groups', 'entitlements', 'roles', 'x509Certificates', 'id', 'externalId', 'meta', 'schemas'].map((n) => n.toLowerCase()),
);
const BUILT_IN_ENTERPRISE = new Set(['employeeNumber', 'costCenter', 'organization', 'division', 'department', 'manager'].map((n) => n.toLowerCase()));

export async function addCustomAttribute(input: CustomAttributeInput, actor: Actor): Promise<CustomAttribute> {
  const spec = customAttributeSchema.parse(input);
  const urn = spec.schemaUrn.toLowerCase();
  // Canonical spelling for the built-in URNs; custom URNs keep the admin's spelling.
  const schemaUrn = urn === URN.User.toLowerCase() ? URN.User : urn === URN.EnterpriseUser.toLowerCase() ? URN.EnterpriseUser : spec.schemaUrn;
  const builtIn = schemaUrn === URN.User ? BUILT_IN_USER_ATTRIBUTES : schemaUrn === URN.EnterpriseUser ? BUILT_IN_ENTERPRISE : null;
  if (builtIn?.has(spec.name.toLowerCase())) {
    throw new CustomAttributeError(`${spec.name} is already a standard attribute of ${schemaUrn}.`);
  }
  const { prisma } = await getDb();
  const existingUrn = await prisma.extensionAttribute.findFirst({ where: { schemaUrn: { equals: schemaUrn, mode: 'insensitive' } } });
  try {
    await prisma.extensionAttribute.create({
      data: {
        // One spelling per URN, whatever case later additions use.
        schemaUrn: existingUrn?.schemaUrn ?? schemaUrn,
        name: spec.name,
        key: attributeKey(schemaUrn, spec.name),
        type: TO_DB[spec.type],
        multiValued: spec.multiValued,
        required: spec.required,
        caseExact: spec.caseExact,
        description: spec.description,
      },
    });
  } catch (err) {
    if ((err as { code?: string }).code === 'P2002') throw new CustomAttributeError(`${schemaUrn}:${spec.name} already exists.`);
    throw err;
  }
  await recordActivity({
    kind: 'ADMIN',
    action: 'attribute.add',
    actorId: actor.id,
    actorName: actor.name,
    resourceType: 'Schema',
    resourceName: `${schemaUrn}:${spec.name}`,
    summary: `Custom attribute ${schemaUrn}:${spec.name} (${spec.type}${spec.multiValued ? ', multi-valued' : ''}${spec.required ? ', required' : ''}) added`,
  });
  const all = await listCustomAttributes();
  return all.find((a) => a.schemaUrn.toLowerCase() === schemaUrn.toLowerCase() && a.name.toLowerCase() === spec.name.toLowerCase())!;
}

/** Removes the definition; values already stored stay in the documents but are no longer returned. */
export async function removeCustomAttribute(schemaUrn: string, name: string, actor: Actor): Promise<void> {
  const { prisma } = await getDb();
  const deleted = await prisma.extensionAttribute.deleteMany({ where: { key: attributeKey(schemaUrn, name) } });
  if (deleted.count === 0) throw new CustomAttributeError(`No custom attribute ${schemaUrn}:${name}.`);
  await recordActivity({
    kind: 'ADMIN',
    action: 'attribute.remove',
    actorId: actor.id,
    actorName: actor.name,
    resourceType: 'Schema',
    resourceName: `${schemaUrn}:${name}`,
    summary: `Custom attribute ${schemaUrn}:${name} removed`,
  });
}
