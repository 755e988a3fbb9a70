/**
 * fast-check arbitraries for the property tests of lib/scim/resource and
 * lib/scim/patch: JSON the way an IdP (or an attacker) might send it, biased
 * towards the names, URNs, case variants and prototype keys the code must
 * handle, and built with defineProperty so `__proto__` stays an own key.
 */
import fc from 'fast-check';
import { URN } from '../schemas/urns';

export const FORBIDDEN = ['__proto__', 'constructor', 'prototype'];

const names = [
  'userName', 'USERNAME', 'name', 'name.givenName', 'Name.FamilyName', 'displayName', 'nickName', 'title', 'active', 'Active',
  'emails', 'Emails', 'emails.value', 'phoneNumbers', 'addresses', 'roles', 'groups', 'members', 'id', 'meta', 'schemas', 'password',
  'externalId', 'value', 'type', 'primary', 'display', '$ref', 'givenName', 'familyName', 'formatted', 'manager', 'department',
  URN.EnterpriseUser, `${URN.EnterpriseUser}:department`, `${URN.EnterpriseUser}:manager`, `${URN.EnterpriseUser}:manager.value`,
  URN.User, `${URN.User}:userName`, 'urn:ietf:params:scim:schemas:extension:enterprise:2.0User', 'urn:x:unknown',
  ...FORBIDDEN,
];

export const keyArb: fc.Arbitrary<string> = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...names) }, { weight: 1, arbitrary: fc.string({ maxLength: 8 }) });

export function objectFrom(entries: [string, unknown][]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of entries) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  return out;
}

const scalarArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, '', 'True', 'False', 'false', 'work', 'a@x.com', '2024-05-01T10:00:00Z', 'a\u0000b', '42', 0, 1, -1.5, true, false),
  fc.string({ maxLength: 10 }),
  fc.integer(),
  fc.double({ noNaN: false }),
  fc.boolean(),
);

export const jsonArb: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalarArb,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.array(fc.tuple(keyArb, tie('value')), { maxLength: 5 }).map(objectFrom),
  ),
})).value;

export const bodyArb: fc.Arbitrary<Record<string, unknown>> = fc.array(fc.tuple(keyArb, jsonArb), { maxLength: 8 }).map(objectFrom);

const validPaths = [
  'userName', 'active', 'title', 'nickName', 'name', 'name.givenName', 'Name.FamilyName', 'emails', 'emails.value', 'emails.primary',
  'emails[type eq "work"]', 'emails[type eq "work"].value', 'EMAILS[TYPE eq "home"].Value', 'emails[type eq "work" and primary eq true].value',
  'emails[value co "x"].type', 'emails[primary eq "True"].primary', 'roles', 'roles[primary eq "True"].value', 'phoneNumbers[type eq "mobile"].value',
  'addresses[type eq "work"].postalCode', 'members', 'members[value eq "a"]', 'members[value eq "a" or value eq "b"]', 'groups', 'id',
  'meta.created', 'schemas', 'manager', URN.EnterpriseUser, `${URN.EnterpriseUser}:manager`, `${URN.EnterpriseUser}:manager.value`,
  `${URN.EnterpriseUser}:department`, 'displayName', 'externalId',
];
const oddPaths = [URN.User, 'members[display eq "a"]', 'emails[type eq', '__proto__', 'constructor', 'name.__proto__', 'emails[__proto__ eq "x"].value', 'x[y eq 1', ''];

const pathArb = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...validPaths) },
  { weight: 1, arbitrary: fc.constantFrom(...oddPaths) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
);

const opValueArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('a@x.com', 'work', 'True', 'false', 'Alice', 'b', '') },
  { weight: 2, arbitrary: fc.constantFrom(true, false, null) },
  { weight: 2, arbitrary: fc.array(fc.record({ value: fc.constantFrom('a', 'b', 'c@x'), type: fc.constantFrom('work', 'home'), primary: fc.boolean() }, { requiredKeys: ['value'] }), { maxLength: 3 }) },
  { weight: 2, arbitrary: fc.array(fc.tuple(keyArb, fc.constantFrom('x', 'True', true, null, 'a@x.com')), { maxLength: 4 }).map(objectFrom) },
  { weight: 2, arbitrary: jsonArb },
);

export const operationArb: fc.Arbitrary<Record<string, unknown>> = fc
  .tuple(
    fc.oneof({ weight: 12, arbitrary: fc.constantFrom('add', 'replace', 'remove', 'Add', 'Replace', 'Remove') }, { weight: 1, arbitrary: fc.constantFrom('move', 3) }),
    fc.option(pathArb, { freq: 4 }),
    fc.option(opValueArb, { freq: 6 }),
  )
  .map(([op, path, value]) => {
    const entries: [string, unknown][] = [['op', op]];
    if (path !== null) entries.push(['path', path]);
    if (value !== null) entries.push(['value', value]);
    return objectFrom(entries);
  });

/** A realistic stored User document, for PATCH properties to work on. */
export const storedUserArb: fc.Arbitrary<Record<string, unknown>> = fc.record(
  {
    userName: fc.constantFrom('alice@x.com', 'Bob'),
    name: fc.record({ givenName: fc.constantFrom('A', 'B'), familyName: fc.constantFrom('C', 'D') }, { requiredKeys: [] }),
    active: fc.boolean(),
    emails: fc.array(fc.record({ value: fc.constantFrom('a', 'b', 'c@x'), type: fc.constantFrom('work', 'home'), primary: fc.constant(false) }, { requiredKeys: ['value'] }), { maxLength: 3 }),
    roles: fc.array(fc.record({ value: fc.constantFrom('r1', 'r2'), primary: fc.boolean() }), { maxLength: 2 }).map((list) => list.map((r, i) => ({ ...r, primary: r.primary && i === 0 }))),
    [URN.EnterpriseUser]: fc.record({ department: fc.constant('Eng'), manager: fc.record({ value: fc.constant('m') }) }, { requiredKeys: [] }),
  },
  { requiredKeys: ['userName'] },
).map((doc) => JSON.parse(JSON.stringify(doc, (_k, v) => (Array.isArray(v) && v.length === 0) || (v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0) ? undefined : v)));

export const patchBodyArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 10, arbitrary: fc.array(operationArb, { maxLength: 4 }).map((Operations) => ({ schemas: [URN.PatchOp], Operations })) },
  { weight: 1, arbitrary: jsonArb },
);

/** Own keys anywhere in a value that could reach a prototype. */
export function forbiddenKeysIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(forbiddenKeysIn);
  if (typeof value !== 'object' || value === null) return [];
  const own = Object.keys(value).filter((k) => FORBIDDEN.includes(k));
  const proto = Object.getPrototypeOf(value);
  const badProto = proto !== Object.prototype && proto !== Array.prototype ? ['<prototype>'] : [];
  return [...own, ...badProto, ...Object.values(value).flatMap(forbiddenKeysIn)];
}

/** True when nothing was added to Object.prototype (by a test gone wrong). */
export function prototypeIsClean(): boolean {
  return Object.getOwnPropertyNames(Object.prototype).every((k) => typeof ({} as Record<string, unknown>)[k] === 'function' || k === '__proto__')
    && !('polluted' in {}) && !('value' in {}) && !('type' in {});
}
