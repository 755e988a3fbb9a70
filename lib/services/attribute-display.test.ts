import { describe, expect, it } from 'vitest';
import { buildUserSchemas } from '../scim/schemas/registry';
import { describeDocument } from './attribute-display';

const ACME = 'urn:ietf:params:scim:schemas:extension:acme:2.0:User';
const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const schemas = buildUserSchemas([
  { schemaUrn: ACME, name: 'badge', type: 'string', multiValued: false, required: false, caseExact: false, description: 'Badge number' },
  { schemaUrn: ACME, name: 'floors', type: 'integer', multiValued: true, required: false, caseExact: false, description: '' },
]);

describe('describeDocument', () => {
  const sections = describeDocument(
    {
      userName: 'ada',
      active: true,
      password: 'never shown',
      name: { givenName: 'Ada', familyName: 'Lovelace' },
      emails: [{ value: 'ada@example.com', primary: true }],
      [ENT]: { department: 'Math', manager: { value: 'x1', displayName: 'Charles' } },
      [ACME]: { badge: 'B-7', floors: [1, 2] },
      'urn:ietf:params:scim:schemas:extension:old:2.0:User': { legacy: 'kept' },
    },
    schemas,
  );
  const byOrigin = (o: string) => sections.find((s) => s.origin === o)!;

  it('follows the schema order and never shows write-only attributes', () => {
    const core = byOrigin('core');
    expect(core.fields.map((f) => f.name)).toEqual(['userName', 'name', 'active', 'emails']);
    expect(core.unset).toContain('displayName');
    expect(core.unset).not.toContain('password');
    expect(core.fields[1].value).toEqual({
      kind: 'object',
      fields: [
        { name: 'familyName', description: 'The family name of the User.', value: { kind: 'text', text: 'Lovelace' } },
        { name: 'givenName', description: 'The given name of the User.', value: { kind: 'text', text: 'Ada' } },
      ],
    });
  });

  it('shows the enterprise and custom extensions, typed', () => {
    expect(byOrigin('enterprise').fields.map((f) => f.name)).toEqual(['department', 'manager']);
    const custom = byOrigin('custom');
    expect(custom.urn).toBe(ACME);
    expect(custom.fields).toEqual([
      { name: 'badge', description: 'Badge number', value: { kind: 'text', text: 'B-7' } },
      { name: 'floors', value: { kind: 'list', items: [{ kind: 'text', text: '1' }, { kind: 'text', text: '2' }] } },
    ]);
  });

  it('keeps values no schema knows any more, apart', () => {
    expect(byOrigin('unknown')).toMatchObject({ urn: 'urn:ietf:params:scim:schemas:extension:old:2.0:User', fields: [{ name: 'legacy' }] });
  });
});
