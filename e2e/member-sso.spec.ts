/**
 * Member access through single sign-on, as a person and an IdP would act:
 * the IdP provisions a user over SCIM, the user signs in through OpenID
 * Connect (a real provider on localhost standing in for Okta), loses access
 * on the very next navigation when SCIM deactivates them, and gets it back
 * when reactivated. A second scenario runs two app instances on one
 * PostgreSQL: deactivation through one revokes a session held on the other.
 *
 * These scenarios start their own app servers (fresh databases, SSO set by
 * environment) next to the shared e2e server.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { freePort } from '../scripts/support/free-port';
import { createTestDatabase, createToken, roster, startServer, type RunningServer, type TestDatabase } from '../tests/integration/support/server';
import { startOidcProvider, type TestOidcProvider } from './support/oidc-provider';

test.describe.configure({ mode: 'serial' });

interface Instance {
  db: TestDatabase;
  servers: RunningServer[];
  oidc: TestOidcProvider;
  token: string;
}

async function launch(kind: 'pglite' | 'postgres', serverCount: number, { ssoFromEnv = true } = {}): Promise<Instance> {
  const db = await createTestDatabase(kind);
  roster(db.env, ['scim', 'enable']);
  roster(db.env, ['admin', 'create', '--email', 'owner@example.com', '--name', 'Owner Admin'], 'owner password 123456');
  const token = createToken(db.env, 'okta');
  const oidcPort = await freePort();
  const env: Record<string, string> = {
    ...db.env,
    NEXTAUTH_SECRET: db.env.NEXTAUTH_SECRET ?? 'member-sso-e2e-secret-0123456789abcdef',
  };
  if (ssoFromEnv) {
    Object.assign(env, {
      OIDC_ISSUER: `http://127.0.0.1:${oidcPort}`,
      OIDC_CLIENT_ID: 'roster-e2e',
      OIDC_CLIENT_SECRET: 'roster-e2e-client-secret-0123456789',
      OIDC_DISPLAY_NAME: 'Okta',
    });
  }
  const servers: RunningServer[] = [];
  for (let i = 0; i < serverCount; i++) servers.push(await startServer(env));
  const oidc = await startOidcProvider(
    oidcPort,
    servers.map((s) => `${s.origin}/api/auth/callback/oidc`),
  );
  return { db, servers, oidc, token };
}

async function shutdown(instance: Instance | undefined) {
  if (!instance) return;
  for (const s of instance.servers) await s.stop();
  await instance.oidc.close();
  await instance.db.drop();
}

async function scim(instance: Instance, origin: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${origin}/scim/v2${path}`, {
    method,
    headers: { Authorization: `Bearer ${instance.token}`, 'Content-Type': 'application/scim+json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

async function provision(instance: Instance, origin: string, email: string) {
  const res = await scim(instance, origin, 'POST', '/Users', {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'],
    userName: email,
    name: { givenName: 'Alice', familyName: 'Example' },
    emails: [{ value: email, type: 'work', primary: true }],
    active: true,
    'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: 'Engineering' },
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

async function setActive(instance: Instance, origin: string, id: string, active: boolean) {
  // Okta's catalogue apps deactivate with a path-less PATCH.
  const res = await scim(instance, origin, 'PATCH', `/Users/${id}`, {
    schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
    Operations: [{ op: 'replace', value: { active } }],
  });
  expect(res.status).toBe(200);
  expect(res.body.active).toBe(active);
}

/**
 * Clicks "Sign in with Okta" and goes through the provider's login and consent
 * pages when it shows them (a provider session may skip both).
 */
async function signInWithSso(page: Page, origin: string, login: string) {
  await page.goto(`${origin}/sign-in`);
  await page.getByRole('button', { name: 'Sign in with Okta' }).click();
  const loginField = page.locator('input[name="login"]');
  const consent = page.getByRole('button', { name: 'Continue' });
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const url = new URL(page.url());
    if (url.origin === origin && !url.pathname.startsWith('/sign-in') && !url.pathname.startsWith('/api/auth')) return;
    if (await loginField.isVisible().catch(() => false)) {
      await loginField.fill(login);
      await page.locator('input[name="password"]').fill('any password');
      await page.getByRole('button', { name: 'Sign-in' }).click();
    } else if (await consent.isVisible().catch(() => false)) {
      await consent.click();
    } else {
      await page.waitForTimeout(100);
    }
  }
  throw new Error(`single sign-on did not return to ${origin} (at ${page.url()})`);
}

async function freshPage(browser: Browser) {
  const context = await browser.newContext();
  return context.newPage();
}

test.describe('single sign-on for provisioned members', () => {
  let instance: Instance | undefined;
  test.beforeAll(async () => {
    test.setTimeout(180_000);
    instance = await launch('pglite', 1);
  });
  test.afterAll(async () => shutdown(instance));

  test('a provisioned user signs in, is revoked at once on deactivation, and comes back when reactivated', async ({ browser }) => {
    const app = instance!.servers[0].origin;
    const id = await provision(instance!, app, 'alice@example.com');
    const page = await freshPage(browser);

    await signInWithSso(page, app, 'alice@example.com');
    await expect(page).toHaveURL(`${app}/home`);
    await expect(page.getByTestId('member-name')).toHaveText('Alice Example');
    await expect(page.getByText('Engineering')).toBeVisible();
    await expect(page.getByText(/Your access to this instance comes from Okta/)).toBeVisible();

    await setActive(instance!, app, id, false);
    await page.goto(`${app}/home`);
    await expect(page).toHaveURL(`${app}/access-revoked`);
    await expect(page.getByTestId('access-revoked')).toBeVisible();

    // Reactivated: the old session stays dead, a new sign-in works.
    await setActive(instance!, app, id, true);
    await page.goto(`${app}/home`);
    await expect(page).toHaveURL(`${app}/access-revoked`);
    await page.getByRole('button', { name: 'Sign in again' }).click();
    await expect(page).toHaveURL(new RegExp(`${app}/sign-in`));
    await signInWithSso(page, app, 'alice@example.com');
    await expect(page).toHaveURL(`${app}/home`);
    await expect(page.getByTestId('member-name')).toHaveText('Alice Example');
  });

  test('a user who was never provisioned is refused', async ({ browser }) => {
    const app = instance!.servers[0].origin;
    const page = await freshPage(browser);
    await signInWithSso(page, app, 'mallory@example.com');
    await expect(page).toHaveURL(new RegExp(`${app}/not-provisioned`));
    await expect(page.getByTestId('not-provisioned')).toHaveText(/has not been provisioned to this instance; ask your administrator/);
    await page.goto(`${app}/home`);
    await expect(page).toHaveURL(new RegExp(`${app}/sign-in`));
  });

  test('a deleted user loses access too', async ({ browser }) => {
    const app = instance!.servers[0].origin;
    const id = await provision(instance!, app, 'dora@example.com');
    const page = await freshPage(browser);
    await signInWithSso(page, app, 'dora@example.com');
    await expect(page).toHaveURL(`${app}/home`);
    expect((await scim(instance!, app, 'DELETE', `/Users/${id}`)).status).toBe(204);
    await page.goto(`${app}/home`);
    await expect(page).toHaveURL(`${app}/access-revoked`);
  });
});

test.describe('single sign-on configured on the Configurations page', () => {
  let instance: Instance | undefined;
  test.beforeAll(async () => {
    test.setTimeout(180_000);
    instance = await launch('pglite', 1, { ssoFromEnv: false });
  });
  test.afterAll(async () => shutdown(instance));

  test('an admin enters the OIDC client, and members can sign in with it', async ({ browser }) => {
    const app = instance!.servers[0].origin;
    const admin = await freshPage(browser);
    await admin.goto(`${app}/sign-in`);
    await expect(admin.getByRole('button', { name: /Sign in with/ })).toHaveCount(0);
    await admin.getByLabel('Email').fill('owner@example.com');
    await admin.getByLabel('Password').fill('owner password 123456');
    await admin.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(admin).toHaveURL(`${app}/dashboard`);
    await admin.goto(`${app}/configurations`);
    await expect(admin.getByLabel('Sign-in redirect URI', { exact: true })).toHaveValue(`${app}/api/auth/callback/oidc`);
    await admin.getByLabel('Issuer', { exact: true }).fill(instance!.oidc.issuer);
    await admin.getByLabel('Client id', { exact: true }).fill(instance!.oidc.clientId);
    await admin.getByLabel('Client secret', { exact: true }).fill('wrong-secret');
    await admin.getByLabel('Name on the sign-in button').fill('Okta');
    await admin.getByRole('button', { name: 'Save single sign-on' }).click();
    await expect(admin.getByText('Single sign-on saved.')).toBeVisible();
    // A wrong secret fails at the token endpoint: the member gets an error, not a session.
    await provision(instance!, app, 'erin@example.com');
    const member = await freshPage(browser);
    await member.goto(`${app}/sign-in`);
    await member.getByRole('button', { name: 'Sign in with Okta' }).click();
    await member.locator('input[name="login"]').fill('erin@example.com');
    await member.locator('input[name="password"]').fill('x');
    await member.getByRole('button', { name: 'Sign-in' }).click();
    const consent = member.getByRole('button', { name: 'Continue' });
    if (await consent.isVisible({ timeout: 3000 }).catch(() => false)) await consent.click();
    await expect(member).toHaveURL(new RegExp(`${app}/sign-in\\?.*error=`));
    await expect(member.getByRole('alert').filter({ hasText: /Single sign-on did not complete|Sign-in failed/ })).toBeVisible();

    // The right secret (an empty field would keep the stored one).
    await admin.reload();
    await admin.getByLabel('Client secret', { exact: true }).fill(instance!.oidc.clientSecret);
    await admin.getByRole('button', { name: 'Save single sign-on' }).click();
    await expect(admin.getByText('Single sign-on saved.')).toBeVisible();
    await signInWithSso(member, app, 'erin@example.com');
    await expect(member).toHaveURL(`${app}/home`);
    await expect(member.getByTestId('member-name')).toHaveText('Alice Example');
  });
});

test.describe('two instances on one PostgreSQL', () => {
  test.skip(!process.env.TEST_DATABASE_URL, 'needs TEST_DATABASE_URL (a PostgreSQL server)');
  let instance: Instance | undefined;
  test.beforeAll(async () => {
    test.setTimeout(180_000);
    instance = await launch('postgres', 2);
  });
  test.afterAll(async () => shutdown(instance));

  test('deactivation through one instance revokes a session held on the other', async ({ browser }) => {
    const [a, b] = instance!.servers.map((s) => s.origin);
    const id = await provision(instance!, a, 'carol@example.com');
    const page = await freshPage(browser);
    await signInWithSso(page, b, 'carol@example.com');
    await expect(page).toHaveURL(`${b}/home`);

    await setActive(instance!, a, id, false);
    await page.goto(`${b}/home`);
    await expect(page).toHaveURL(`${b}/access-revoked`);
  });
});
