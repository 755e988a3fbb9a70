import { describe, expect, it } from 'vitest';
import { ScimError } from '../errors';
import { parsePatchRequest } from './parse';

function fail(body: unknown): ScimError {
  try {
    parsePatchRequest(body);
  } catch (e) {
    if (e instanceof ScimError) return e;
    throw e;
  }
  throw new Error('expected a ScimError');
}

describe('parsePatchRequest', () => {
  it('parses the Okta deactivate body (no path, lower-case op)', () => {
    const ops = parsePatchRequest({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', value: { active: false } }] });
    expect(ops).toEqual([{ op: 'replace', value: { active: false } }]);
  });

  it('lower-cases Entra ops and parses value-path paths', () => {
    const ops = parsePatchRequest({
      Operations: [
        { op: 'Replace', path: 'emails[type eq "work"].value', value: 'x@y' },
        { op: 'Remove', path: 'members[value eq "7f4b"]' },
        { op: 'ADD', path: 'nickName', value: 'Babs' },
      ],
    });
    expect(ops.map((o) => o.op)).toEqual(['replace', 'remove', 'add']);
    expect(ops[0].path).toEqual({ attribute: 'emails', filter: { kind: 'compare', path: 'type', op: 'eq', value: 'work' }, subAttribute: 'value' });
    expect(ops[0].pathText).toBe('emails[type eq "work"].value');
  });

  it('accepts a missing schemas, any-case Operations key, extra keys, and an empty list (MS validator)', () => {
    expect(parsePatchRequest({ operations: [{ name: 'addMember', op: 'add', path: 'members', value: [] }] })).toHaveLength(1);
    expect(parsePatchRequest({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [] })).toEqual([]);
  });

  it('treats an empty or null path as no path', () => {
    expect(parsePatchRequest({ Operations: [{ op: 'replace', path: '', value: { active: true } }] })[0].path).toBeUndefined();
  });

  it('rejects malformed bodies with invalidSyntax', () => {
    for (const body of [null, [], 'x', {}, { Operations: 'x' }, { Operations: [3] }, { Operations: [{ op: 'move', path: 'a' }] }, { Operations: [{ path: 'a' }] }]) {
      expect(fail(body).scimType).toBe('invalidSyntax');
    }
    expect(fail({ Operations: [{ op: 'copy' }] }).message).toContain('Operations[0]');
  });

  it('rejects unparsable paths with invalidPath and a path-less remove with noTarget', () => {
    expect(fail({ Operations: [{ op: 'replace', path: 'emails[type eq', value: 1 }] }).scimType).toBe('invalidPath');
    expect(fail({ Operations: [{ op: 'replace', path: '"quoted"', value: 1 }] }).scimType).toBe('invalidPath');
    expect(fail({ Operations: [{ op: 'replace', path: 7, value: 1 }] }).scimType).toBe('invalidPath');
    expect(fail({ Operations: [{ op: 'remove' }] }).scimType).toBe('noTarget');
  });
});
