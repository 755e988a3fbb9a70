/**
 * The test's stand-in for Okta: SCIM requests over HTTP with the InfraToken
 * an admin copied from the dashboard, through Playwright's request context.
 */
import type { APIRequestContext } from '@playwright/test';

export const CORE_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

export interface ScimAnswer {
  status: number;
  body: Record<string, unknown> | undefined;
}

export class FakeIdp {
  constructor(
    private readonly request: APIRequestContext,
    private readonly baseUrl: string,
    private readonly token: string,
  ) {}

  async send(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<ScimAnswer> {
    const res = await this.request.fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { Authorization: `Bearer ${this.token}`, 'Content-Type': 'application/scim+json', Accept: 'application/scim+json' },
      data: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status(), body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
  }

  /** Okta's "Create Users": POST /Users. */
  async createUser(user: { userName: string; givenName: string; familyName: string; extensions?: Record<string, Record<string, unknown>> }): Promise<string> {
    const { status, body } = await this.send('POST', '/Users', {
      schemas: [CORE_USER, ...Object.keys(user.extensions ?? {})],
      userName: user.userName,
      name: { givenName: user.givenName, familyName: user.familyName },
      displayName: `${user.givenName} ${user.familyName}`,
      emails: [{ value: user.userName, type: 'work', primary: true }],
      active: true,
      ...user.extensions,
    });
    if (status !== 201) throw new Error(`POST /Users answered ${status}: ${JSON.stringify(body)}`);
    return String(body?.id);
  }

  /** Okta's "Deactivate Users": PATCH active=false, path-less. */
  deactivateUser(id: string): Promise<ScimAnswer> {
    return this.send('PATCH', `/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: false } }] });
  }

  async createGroup(displayName: string, memberIds: string[]): Promise<string> {
    const { status, body } = await this.send('POST', '/Groups', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      displayName,
      members: memberIds.map((value) => ({ value })),
    });
    if (status !== 201) throw new Error(`POST /Groups answered ${status}: ${JSON.stringify(body)}`);
    return String(body?.id);
  }
}
