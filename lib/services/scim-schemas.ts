/**
 * The SCIM schema set of this instance: the built-in schemas plus the
 * admin-defined custom attributes. Rebuilt from the database at most every
 * two seconds per process, so a new attribute reaches every instance within
 * that time without a query on every request.
 */
import { buildGroupSchemas, buildUserSchemas } from '../scim/schemas/registry';
import type { ResourceSchemas } from '../scim/schemas/types';
import { listCustomAttributes } from './instance-config';

export interface InstanceSchemas {
  user: ResourceSchemas;
  group: ResourceSchemas;
}

const TTL_MS = 2000;
const KEY = Symbol.for('roster.scim-schemas');
type Holder = { [KEY]?: { at: number; value: Promise<InstanceSchemas> } };

export function loadInstanceSchemas(): Promise<InstanceSchemas> {
  const holder = globalThis as Holder;
  const cached = holder[KEY];
  if (cached && Date.now() - cached.at < TTL_MS) return cached.value;
  const value = listCustomAttributes().then((custom) => ({ user: buildUserSchemas(custom), group: buildGroupSchemas(custom) }));
  holder[KEY] = { at: Date.now(), value };
  value.catch(() => {
    if (holder[KEY]?.value === value) delete holder[KEY];
  });
  return value;
}

/** Drops the cache in this process (after an admin changes custom attributes). */
export function invalidateInstanceSchemas(): void {
  delete (globalThis as Holder)[KEY];
}
