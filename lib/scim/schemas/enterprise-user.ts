/** urn:ietf:params:scim:schemas:extension:enterprise:2.0:User (RFC 7643 §4.3). */
import { attr, complex } from './attribute';
import type { SchemaDefinition } from './types';
import { URN } from './urns';

export const enterpriseUserSchema: SchemaDefinition = {
  id: URN.EnterpriseUser,
  name: 'EnterpriseUser',
  description: 'Enterprise User',
  attributes: [
    attr('employeeNumber', 'string', { description: 'Numeric or alphanumeric identifier assigned to a person.' }),
    attr('costCenter', 'string', { description: 'Identifies the name of a cost center.' }),
    attr('organization', 'string', { description: 'Identifies the name of an organization.' }),
    attr('division', 'string', { description: 'Identifies the name of a division.' }),
    attr('department', 'string', { description: 'Identifies the name of a department.' }),
    complex(
      'manager',
      [
        attr('value', 'string', { description: 'The id of the SCIM resource representing the manager.' }),
        attr('$ref', 'reference', { referenceTypes: ['User'] }),
        attr('displayName', 'string', { mutability: 'readOnly' }),
      ],
      { description: "The User's manager." },
    ),
  ],
};
