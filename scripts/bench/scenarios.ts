/**
 * What each scenario sends, shaped like the requests Okta and Entra send
 * (Okta's matching lookup with startIndex/count, its PatchOp forms for
 * deactivation and group pushes, full-profile PUTs). Write scenarios give each
 * client its own users and track their state, so every request is a real
 * change (a deactivation of an inactive user would be a no-op write).
 */
import type { DirectorySample, SampleUser } from './database';
import type { Reply, RequestSpec } from './load';

export const CORE_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const ENTERPRISE_USER = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/** Which server a scenario talks to. */
export type Target = 'app' | 'small' | 'bare';
/** The bare-baseline scenario a scenario is compared with: the list lookup or the single read. */
export type BareReference = 'bare.eq' | 'bare.get';

export interface Scenario {
  id: string;
  title: string;
  target: Target;
  bare: BareReference;
  next: (worker: number) => RequestSpec;
  onReply?: (worker: number, spec: RequestSpec, reply: Reply) => void;
  /** One request sent before the load; returns a note when the answer is not what the scenario means to measure. */
  probe?: (reply: Reply) => string | undefined;
  probeRequest?: () => RequestSpec;
}

export interface ScenarioContext {
  sample: DirectorySample;
  token: string;
  /** Admin session cookie on the big and the small server. */
  cookie: string;
  smallCookie: string;
  clients: number;
  /** Distinguishes the users POSTed by different runs. */
  runTag: string;
  /** Users in the directory now (for the last page). */
  totalUsers: () => number;
}

const pick = <T>(list: T[]): T => list[Math.floor(Math.random() * list.length)];

/** Client w's own slice of list, for writes that must not contend on one row. */
function slices<T>(list: T[], clients: number, offset: number, count: number): T[][] {
  const per = Math.max(1, Math.floor(count / clients));
  return Array.from({ length: clients }, (_, w) => list.slice(offset + w * per, offset + (w + 1) * per));
}

const q = (s: string) => encodeURIComponent(s);

function scimHeaders(token: string, body = false): Record<string, string> {
  return {
    Authorization: `Bearer ${token}`,
    Accept: 'application/scim+json',
    'User-Agent': 'Okta SCIM Client 1.0.0',
    ...(body ? { 'Content-Type': 'application/scim+json; charset=utf-8' } : {}),
  };
}

function json(reply: Reply): Record<string, unknown> | undefined {
  try {
    return reply.body ? (JSON.parse(reply.body) as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The fragment a `co` search looks for: the unique tail of a local part, e.g. "lovelace42@". */
export function coFragment(user: SampleUser): string {
  const local = user.email.split('@')[0];
  return `${local.slice(local.indexOf('.') + 1)}@`;
}

function get(path: string, headers: Record<string, string>): RequestSpec {
  return { method: 'GET', path, headers };
}

export function referenceScenarios(ctx: ScenarioContext): Scenario[] {
  const { users } = ctx.sample;
  let flip = 0;
  return [
    {
      id: 'bare.eq',
      title: 'bare node:http+pg: userName eq',
      target: 'bare',
      bare: 'bare.eq',
      next: () => {
        const name = flip++ % 2 === 0 ? pick(users).userName : `nobody.${Math.random().toString(36).slice(2)}@example.com`;
        return get(`/scim/v2/Users?filter=${q(`userName eq "${name}"`)}&startIndex=1&count=100`, {});
      },
    },
    {
      id: 'bare.get',
      title: 'bare node:http+pg: GET by id',
      target: 'bare',
      bare: 'bare.get',
      next: () => get(`/scim/v2/Users/${pick(users).id}`, {}),
    },
  ];
}

export function readScenarios(ctx: ScenarioContext): Scenario[] {
  const { users } = ctx.sample;
  const h = scimHeaders(ctx.token);
  let flip = 0;
  return [
    {
      id: 'floor',
      title: 'framework floor: GET /api/health/live',
      target: 'app',
      bare: 'bare.get',
      next: () => get('/api/health/live', {}),
    },
    {
      id: 'scim.eq',
      title: 'userName eq (half existing, half missing)',
      target: 'app',
      bare: 'bare.eq',
      next: () => {
        const name = flip++ % 2 === 0 ? pick(users).userName : `nobody.${Math.random().toString(36).slice(2)}@example.com`;
        return get(`/scim/v2/Users?filter=${q(`userName eq "${name}"`)}&startIndex=1&count=100`, h);
      },
      probeRequest: () => get(`/scim/v2/Users?filter=${q(`userName eq "${users[0].userName}"`)}&startIndex=1&count=100`, h),
      probe: (r) => (json(r)?.totalResults === 1 ? undefined : `existing userName not found (status ${r.status})`),
    },
    {
      id: 'scim.get',
      title: 'GET /Users/{id}',
      target: 'app',
      bare: 'bare.get',
      next: () => get(`/scim/v2/Users/${pick(users).id}`, h),
    },
    {
      id: 'scim.page.first',
      title: 'import paging: first page (startIndex=1, count=100)',
      target: 'app',
      bare: 'bare.eq',
      next: () => get('/scim/v2/Users?startIndex=1&count=100', h),
      probeRequest: () => get('/scim/v2/Users?startIndex=1&count=100', h),
      probe: (r) => (json(r)?.itemsPerPage === 100 ? undefined : `page is not 100 users (status ${r.status})`),
    },
    {
      id: 'scim.page.last',
      title: 'import paging: last page (count=100)',
      target: 'app',
      bare: 'bare.eq',
      next: () => get(`/scim/v2/Users?startIndex=${Math.max(1, ctx.totalUsers() - 99)}&count=100`, h),
      probeRequest: () => get(`/scim/v2/Users?startIndex=${Math.max(1, ctx.totalUsers() - 99)}&count=100`, h),
      probe: (r) => (json(r)?.itemsPerPage === 100 ? undefined : `last page is not 100 users (status ${r.status}, ${String(json(r)?.itemsPerPage)})`),
    },
    {
      id: 'scim.co',
      title: 'emails co "<fragment>"',
      target: 'app',
      bare: 'bare.eq',
      next: () => get(`/scim/v2/Users?filter=${q(`emails co "${coFragment(pick(users))}"`)}&startIndex=1&count=100`, h),
      probeRequest: () => get(`/scim/v2/Users?filter=${q(`emails co "${coFragment(users[0])}"`)}&startIndex=1&count=100`, h),
      probe: (r) => (Number(json(r)?.totalResults) >= 1 ? undefined : `co found nothing (status ${r.status})`),
    },
    {
      id: 'admin.users.big',
      title: `admin Users page (/users), ${ctx.sample.totalUsers.toLocaleString('en-US')} users`,
      target: 'app',
      bare: 'bare.get',
      next: () => get('/users', { Cookie: ctx.cookie }),
      probeRequest: () => get('/users', { Cookie: ctx.cookie }),
      probe: adminPageProbe,
    },
  ];
}

function adminPageProbe(r: Reply): string | undefined {
  if (r.status !== 200) return `status ${r.status}`;
  return /@example\.com/.test(r.body ?? '') ? undefined : 'the page lists no users (placeholder?): its render cost does not depend on the directory size yet';
}

export function smallScenarios(ctx: ScenarioContext): Scenario[] {
  return [
    {
      id: 'admin.users.small',
      title: 'admin Users page (/users), small directory',
      target: 'small',
      bare: 'bare.get',
      next: () => get('/users', { Cookie: ctx.smallCookie }),
      probeRequest: () => get('/users', { Cookie: ctx.smallCookie }),
      probe: adminPageProbe,
    },
  ];
}

/** A full Okta-style user document (what Okta sends on POST and PUT). */
function userBody(user: { userName: string; given: string; family: string; externalId: string }, extra: Record<string, unknown> = {}) {
  return {
    schemas: [CORE_USER, ENTERPRISE_USER],
    userName: user.userName,
    name: { givenName: user.given, familyName: user.family },
    emails: [{ primary: true, value: user.userName, type: 'work' }],
    displayName: `${user.given} ${user.family}`,
    locale: 'en-US',
    externalId: user.externalId,
    groups: [],
    active: true,
    [ENTERPRISE_USER]: { department: 'Engineering', employeeNumber: user.externalId.slice(-6) },
    ...extra,
  };
}

/** What the write scenarios changed, kept across runs so every request stays a real change. */
export interface WriteState {
  /** userId → active, for the PATCH scenario's users. */
  active: Map<string, boolean>;
  /** `${groupId}:${userId}` → member now. */
  inGroup: Map<string, boolean>;
}

export function writeScenarios(ctx: ScenarioContext, state: WriteState): Scenario[] {
  const { users, spare } = ctx.sample;
  const h = scimHeaders(ctx.token, true);
  const half = Math.floor(users.length / 2);
  const patchUsers = slices(users, ctx.clients, 0, Math.min(half, 100 * ctx.clients));
  const putUsers = slices(users, ctx.clients, half, Math.min(half, 100 * ctx.clients));
  const groupUsers = slices(spare, ctx.clients, 0, spare.length);
  const { active } = state;
  const seq = Array.from({ length: ctx.clients }, () => 0);
  const putSeq = Array.from({ length: ctx.clients }, () => 0);
  let posted = 0;

  const patchActive = (id: string, value: boolean): RequestSpec => ({
    method: 'PATCH',
    path: `/scim/v2/Users/${id}`,
    headers: h,
    body: JSON.stringify({ schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: value } }] }),
  });

  const membership = (id: string, groupId: string) => {
    const cursor = Array.from({ length: ctx.clients }, () => 0);
    return {
      next: (w: number): RequestSpec => {
        const mine = groupUsers[w];
        const user = mine[Math.floor(cursor[w] / 2) % mine.length];
        cursor[w]++;
        const key = `${groupId}:${user.id}`;
        const adding = !state.inGroup.get(key);
        state.inGroup.set(key, adding);
        const op = adding
          ? { op: 'add', path: 'members', value: [{ value: user.id, display: user.userName }] }
          : { op: 'remove', path: `members[value eq "${user.id}"]` };
        return { method: 'PATCH', path: `/scim/v2/Groups/${groupId}`, headers: h, body: JSON.stringify({ schemas: [PATCH_OP], Operations: [op] }) };
      },
      id,
    };
  };
  const big = membership('scim.group.big', ctx.sample.bigGroupId);
  const small = membership('scim.group.small', ctx.sample.smallGroupId);

  return [
    {
      id: 'scim.post',
      title: 'POST /Users (new user)',
      target: 'app',
      bare: 'bare.get',
      next: (w) => {
        const n = posted++;
        const given = ['Nova', 'Iris', 'Theo', 'Mila'][n % 4];
        return {
          method: 'POST',
          path: '/scim/v2/Users',
          headers: h,
          body: JSON.stringify(userBody({ userName: `${given}.Bench${ctx.runTag}.${w}.${n}@example.com`, given, family: `Bench${n}`, externalId: `00ubench${ctx.runTag}${n}` })),
        };
      },
    },
    {
      id: 'scim.patch',
      title: 'PATCH active=false / active=true (Okta deactivate, reactivate)',
      target: 'app',
      bare: 'bare.get',
      next: (w) => {
        const user = patchUsers[w][seq[w]++ % patchUsers[w].length];
        const value = !active.get(user.id);
        active.set(user.id, value);
        return patchActive(user.id, value);
      },
    },
    {
      id: 'scim.put',
      title: 'PUT /Users/{id} (full profile, one attribute changed)',
      target: 'app',
      bare: 'bare.get',
      next: (w) => {
        const user = putUsers[w][putSeq[w]++ % putUsers[w].length];
        const body = { ...user.attributes, schemas: [CORE_USER, ENTERPRISE_USER], id: user.id, title: `Title ${ctx.runTag}-${putSeq[w]}` };
        return { method: 'PUT', path: `/scim/v2/Users/${user.id}`, headers: h, body: JSON.stringify(body) };
      },
    },
    {
      id: big.id,
      title: `PATCH add/remove 1 member, ${ctx.sample.bigGroupMembers.toLocaleString('en-US')}-member group`,
      target: 'app',
      bare: 'bare.get',
      next: big.next,
    },
    {
      id: small.id,
      title: 'PATCH add/remove 1 member, 10-member group',
      target: 'app',
      bare: 'bare.get',
      next: small.next,
    },
  ];
}
