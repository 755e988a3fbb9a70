/** urn:ietf:params:scim:schemas:core:2.0:User (RFC 7643 §4.1, §8.7.1). */
import { attr, complex, multiValuedTyped } from './attribute';
import type { SchemaDefinition } from './types';
import { URN } from './urns';

export const userSchema: SchemaDefinition = {
  id: URN.User,
  name: 'User',
  description: 'User Account',
  attributes: [
    attr('userName', 'string', {
      required: true,
      uniqueness: 'server',
      description: "Unique identifier for the User, typically used by the user to directly authenticate to the service provider.",
    }),
    complex(
      'name',
      [
        attr('formatted', 'string', { description: 'The full name, formatted for display.' }),
        attr('familyName', 'string', { description: 'The family name of the User.' }),
        attr('givenName', 'string', { description: 'The given name of the User.' }),
        attr('middleName', 'string', { description: 'The middle name(s) of the User.' }),
        attr('honorificPrefix', 'string', { description: 'The honorific prefix(es) of the User.' }),
        attr('honorificSuffix', 'string', { description: 'The honorific suffix(es) of the User.' }),
      ],
      { description: "The components of the user's real name." },
    ),
    attr('displayName', 'string', { description: 'The name of the User, suitable for display to end-users.' }),
    attr('nickName', 'string', { description: 'The casual way to address the user.' }),
    attr('profileUrl', 'reference', { referenceTypes: ['external'], description: "A URI of the User's online profile." }),
    attr('title', 'string', { description: "The user's title, such as \"Vice President\"." }),
    attr('userType', 'string', { description: 'The organization-to-user relationship.' }),
    attr('preferredLanguage', 'string', { description: 'Preferred written or spoken language, e.g. en-US.' }),
    attr('locale', 'string', { description: "The User's default location for localization, e.g. en-US." }),
    attr('timezone', 'string', { description: "The User's time zone in IANA format, e.g. America/Los_Angeles." }),
    attr('active', 'boolean', { description: "The User's administrative status." }),
    attr('password', 'string', {
      mutability: 'writeOnly',
      returned: 'never',
      description: 'Accepted for compatibility and discarded: Roster never stores passwords sent over SCIM.',
    }),
    multiValuedTyped('emails', 'Email addresses for the user.', ['work', 'home', 'other']),
    multiValuedTyped('phoneNumbers', 'Phone numbers for the User.', ['work', 'home', 'mobile', 'fax', 'pager', 'other']),
    multiValuedTyped('ims', 'Instant messaging addresses for the User.', ['aim', 'gtalk', 'icq', 'xmpp', 'msn', 'skype', 'qq', 'yahoo']),
    complex(
      'photos',
      [
        attr('value', 'reference', { referenceTypes: ['external'] }),
        attr('display', 'string'),
        attr('type', 'string', { canonicalValues: ['photo', 'thumbnail'] }),
        attr('primary', 'boolean'),
      ],
      { multiValued: true, description: 'URLs of photos of the User.' },
    ),
    complex(
      'addresses',
      [
        attr('formatted', 'string'),
        attr('streetAddress', 'string'),
        attr('locality', 'string'),
        attr('region', 'string'),
        attr('postalCode', 'string'),
        attr('country', 'string'),
        attr('type', 'string', { canonicalValues: ['work', 'home', 'other'] }),
        attr('primary', 'boolean'),
      ],
      { multiValued: true, description: 'A physical mailing address for this User.' },
    ),
    complex(
      'groups',
      [
        attr('value', 'string', { mutability: 'readOnly' }),
        attr('$ref', 'reference', { mutability: 'readOnly', referenceTypes: ['User', 'Group'] }),
        attr('display', 'string', { mutability: 'readOnly' }),
        attr('type', 'string', { mutability: 'readOnly', canonicalValues: ['direct', 'indirect'] }),
      ],
      { multiValued: true, mutability: 'readOnly', description: 'Groups to which the user belongs (read-only; managed through /Groups).' },
    ),
    multiValuedTyped('entitlements', 'Entitlements for the User.', []),
    multiValuedTyped('roles', 'Roles for the User.', []),
    complex(
      'x509Certificates',
      [attr('value', 'binary'), attr('display', 'string'), attr('type', 'string'), attr('primary', 'boolean')],
      { multiValued: true, description: 'X.509 certificates issued to the User.' },
    ),
  ],
};
