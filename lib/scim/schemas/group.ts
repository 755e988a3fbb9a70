/** urn:ietf:params:scim:schemas:core:2.0:Group (RFC 7643 §4.2, §8.7.1). */
import { attr, complex } from './attribute';
import type { SchemaDefinition } from './types';
import { URN } from './urns';

export const groupSchema: SchemaDefinition = {
  id: URN.Group,
  name: 'Group',
  description: 'Group',
  attributes: [
    attr('displayName', 'string', {
      required: true,
      uniqueness: 'server',
      description: 'A human-readable name for the Group (unique in this instance, case-insensitively).',
    }),
    complex(
      'members',
      [
        attr('value', 'string', { mutability: 'immutable', description: 'Identifier of the member.' }),
        attr('$ref', 'reference', { mutability: 'immutable', referenceTypes: ['User', 'Group'] }),
        attr('display', 'string', { mutability: 'readOnly' }),
        attr('type', 'string', { mutability: 'immutable', canonicalValues: ['User'] }),
      ],
      { multiValued: true, description: 'A list of members of the Group (users).' },
    ),
  ],
};
