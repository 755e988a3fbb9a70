/** A small SCIM client for the integration tests, speaking like an IdP. */
import { inject } from 'vitest';

export interface ScimResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
  /** True when fetch followed a redirect to get here (SCIM clients do not). */
  redirected: boolean;
}

export interface RequestOptions {
  body?: unknown;
  rawBody?: string;
  token?: string | null;
  authorization?: string;
  headers?: Record<string, string>;
}

export async function scim<T = Record<string, unknown>>(method: string, path: string, options: RequestOptions = {}): Promise<ScimResponse<T>> {
  const headers: Record<string, string> = {
    Accept: 'application/scim+json',
    'User-Agent': 'Roster integration tests',
    ...options.headers,
  };
  const token = options.token === undefined ? inject('token') : options.token;
  if (options.authorization !== undefined) headers.Authorization = options.authorization;
  else if (token) headers.Authorization = `Bearer ${token}`;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined && !headers['Content-Type']) headers['Content-Type'] = 'application/scim+json; charset=utf-8';
  let res = await fetch(`${inject('scimBase')}${path}`, { method, headers, body });
  // The server limits requests per token (ROSTER_SCIM_RATE_LIMIT); the suites send
  // faster than any IdP, so, like Okta and Entra, wait as told and send again.
  for (let attempt = 0; res.status === 429 && attempt < 10; attempt += 1) {
    await res.arrayBuffer();
    const wait = Math.min(Number(res.headers.get('retry-after') ?? 1) || 1, 5);
    await new Promise((r) => setTimeout(r, wait * 1000));
    res = await fetch(`${inject('scimBase')}${path}`, { method, headers, body });
  }
  const text = await res.text();
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: res.status, headers: res.headers, body: parsed as T, text, redirected: res.redirected };
}

let counter = 0;
/** A unique suffix per test run, so tests never collide on userName. */
export function unique(prefix = 'u'): string {
  counter += 1;
  return `${prefix}${Date.now().toString(36)}${counter}${Math.random().toString(36).slice(2, 6)}`;
}

export function oktaUser(userName: string, extra: Record<string, unknown> = {}) {
  const [local] = userName.split('@');
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    userName,
    name: { givenName: `Given${local}`, familyName: `Family${local}` },
    emails: [{ primary: true, value: userName, type: 'work' }],
    displayName: `Given${local} Family${local}`,
    locale: 'en-US',
    externalId: `00u${local}`,
    groups: [],
    password: 'Pl4ceholder!',
    active: true,
    ...extra,
  };
}
