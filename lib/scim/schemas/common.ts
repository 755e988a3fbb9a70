/**
 * Attributes every resource carries whatever its schema (RFC 7643 §3.1):
 * id, externalId and meta. They belong to no schema's attribute list, but
 * filters, sorting and projection address them like any other attribute.
 */
import { attr, complex } from './attribute';
import type { AttributeDefinition } from './types';

export const commonAttributes: AttributeDefinition[] = [
  attr('id', 'string', { caseExact: true, mutability: 'readOnly', returned: 'always', uniqueness: 'server', description: 'Unique identifier assigned by Roster.' }),
  attr('externalId', 'string', { caseExact: true, description: 'Identifier of the resource as defined by the provisioning client.' }),
  complex(
    'meta',
    [
      attr('resourceType', 'string', { caseExact: true, mutability: 'readOnly' }),
      attr('created', 'dateTime', { mutability: 'readOnly' }),
      attr('lastModified', 'dateTime', { mutability: 'readOnly' }),
      attr('location', 'reference', { mutability: 'readOnly', referenceTypes: ['uri'] }),
      attr('version', 'string', { caseExact: true, mutability: 'readOnly' }),
    ],
    { mutability: 'readOnly', description: 'Resource metadata.' },
  ),
];
