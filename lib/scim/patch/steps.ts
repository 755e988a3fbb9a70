/**
 * One PATCH operation → the attribute writes it stands for ("steps").
 *
 * A path-less add/replace is expanded key by key, each key applied as if it
 * were its own operation (Okta's `{"active": false}`, Entra's dotted and
 * URN-qualified keys); a path naming a whole schema URN is the same with the
 * value nested under that URN. Read-only targets follow the POST/PUT rules:
 * id, meta and schemas vanish silently (Okta's group rename sends the id),
 * other read-only and unknown attributes are reported, never a 400.
 */
import { badRequest } from '../errors';
import type { Filter } from '../filter/ast';
import { findSchema } from '../schemas/resolve';
import type { ResourceSchemas } from '../schemas/types';
import type { IgnoredSink } from '../resource/coerce';
import { describeKey, isPlainObject } from '../resource/document';
import { expandAttributes } from '../resource/expand';
import { classifyTarget, resolveTarget, type AttributeTarget } from '../resource/target';
import type { PatchOpName, PatchOperation } from './parse';

export interface PatchStep {
  op: PatchOpName;
  target: AttributeTarget;
  kind: 'writable' | 'members';
  /** Value-path filter on a multi-valued attribute: `emails[type eq "work"]`. */
  filter?: Filter;
  value: unknown;
}

/** Removal of a whole extension object: `{"op": "remove", "path": "urn:…:enterprise:2.0:User"}`. */
export interface RemoveExtensionStep {
  op: 'removeExtension';
  urn: string;
}

function objectValue(operation: PatchOperation, where: string): Record<string, unknown> {
  if (!isPlainObject(operation.value)) {
    throw badRequest('invalidValue', `"${operation.op}" ${where} needs an object "value" of attributes.`);
  }
  return operation.value;
}

function fromExpansion(op: PatchOpName, value: Record<string, unknown>, schemas: ResourceSchemas, ignore: IgnoredSink): PatchStep[] {
  return expandAttributes(value, schemas, ignore).map(({ target, kind, value: v }) => ({ op, target, kind, value: v }));
}

export function toSteps(operation: PatchOperation, schemas: ResourceSchemas, ignore: IgnoredSink): (PatchStep | RemoveExtensionStep)[] {
  const { op, path } = operation;
  if (!path) return fromExpansion(op, objectValue(operation, 'without a path'), schemas, ignore);

  const shown = describeKey(operation.pathText ?? path.attribute);
  // `schemas` is not an attribute; writing it means nothing (RFC 7643 §3).
  if (path.attribute.toLowerCase() === 'schemas') return [];

  const schema = findSchema(schemas, path.attribute);
  if (schema) {
    if (path.filter || path.subAttribute) throw badRequest('invalidPath', `Path "${shown}" cannot filter a schema URN.`);
    if (op === 'remove') {
      if (schema === schemas.core) throw badRequest('invalidPath', `Path "${shown}" would remove the whole resource.`);
      return [{ op: 'removeExtension', urn: schema.id }];
    }
    return fromExpansion(op, { [schema.id]: objectValue(operation, `with path "${shown}"`) }, schemas, ignore);
  }

  const name = path.subAttribute ? `${path.attribute}.${path.subAttribute}` : path.attribute;
  const target = resolveTarget(schemas, name);
  if (!target) {
    ignore(shown);
    return [];
  }
  if (path.filter && (!target.attribute.multiValued || (!path.subAttribute && target.subAttribute))) {
    throw badRequest('invalidPath', `Path "${shown}": a [filter] applies only to a multi-valued attribute.`);
  }
  const kind = classifyTarget(schemas, target);
  if (kind === 'silent') return [];
  if (kind === 'readOnly') {
    ignore(target.canonicalPath);
    return [];
  }
  return [{ op, target, kind, filter: path.filter, value: operation.value }];
}
