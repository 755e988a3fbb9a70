/**
 * The set-up guide, followed word for word by an admin, then an IdP at work:
 * turn on SCIM Provisioning, copy the SCIM Base URL, generate and copy an
 * InfraToken; the IdP provisions and deactivates a user over HTTP and the
 * dashboard shows it; a revoked token and SCIM turned off are refused. A
 * custom attribute travels from Configurations through SCIM to the user
 * page. Finally every page is saved as a screenshot, light and dark.
 */
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { ADMIN, signIn } from './support/admin';
import { FakeIdp } from './support/idp';
import { capture, type Look } from './support/screenshots';

test.describe.configure({ mode: 'serial' });

const CUSTOM_URN = 'urn:ietf:params:scim:schemas:extension:roster:2.0:User';
const shared: { baseUrl?: string; token?: string; userId?: string; customUserId?: string; groupId?: string } = {};

function idp(request: APIRequestContext, token = shared.token) {
  if (!shared.baseUrl || !token) throw new Error('An earlier step did not copy the SCIM Base URL or the token.');
  return new FakeIdp(request, shared.baseUrl, token);
}

async function openNav(page: Page, label: string) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: label }).click();
  await expect(page.getByRole('heading', { level: 1, name: label })).toBeVisible();
}

async function readClipboard(page: Page): Promise<string> {
  return page.evaluate(() => navigator.clipboard.readText());
}

async function generateToken(page: Page, label: string): Promise<string> {
  await openNav(page, 'InfraTokens');
  await page.getByLabel('Label').fill(label);
  await page.getByLabel('Expires after').selectOption('30');
  await page.getByRole('button', { name: 'Generate token' }).click();
  await expect(page.getByText('Copy this InfraToken now: it will not be shown again.')).toBeVisible();
  await page.getByRole('button', { name: 'Copy InfraToken' }).click();
  await expect(page.getByRole('button', { name: 'Copy InfraToken' })).toHaveText(/Copied/);
  const token = await readClipboard(page);
  expect(token).toMatch(/^roster_[A-Za-z0-9_-]{40,}$/);
  await expect(page.getByTestId('new-token')).toHaveValue(token);
  await page.getByRole('button', { name: 'Done' }).click();
  // Gone for good: the list shows only the prefix.
  await expect(page.getByTestId('new-token')).toHaveCount(0);
  const row = page.getByRole('row').filter({ hasText: label });
  await expect(row).toContainText(token.slice(0, 13));
  await expect(row).not.toContainText(token);
  await expect(row.getByText('Active')).toBeVisible();
  return token;
}

test.beforeEach(async ({ context, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
});

test('the admin turns on SCIM Provisioning and copies the SCIM Base URL', async ({ page, baseURL }) => {
  await signIn(page);
  await openNav(page, 'Configurations');
  await expect(page.getByRole('heading', { name: 'User Provisioning' })).toBeVisible();
  const toggle = page.getByRole('switch', { name: 'SCIM Provisioning' });
  await expect(toggle).toHaveAttribute('aria-checked', 'false');
  await expect(page.getByRole('textbox', { name: 'SCIM Base URL' })).toHaveCount(0);

  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-checked', 'true');
  const field = page.getByRole('textbox', { name: 'SCIM Base URL' });
  await expect(field).toHaveValue(`${baseURL}/scim/v2`);
  await expect(field).toHaveAttribute('readonly', '');
  // The set-up guides for both IdPs, with the fields they ask for.
  await expect(page.locator('summary').filter({ hasText: /Okta$/ })).toBeVisible();
  await expect(page.locator('summary').filter({ hasText: /Microsoft Entra ID$/ })).toBeVisible();
  await expect(page.getByText('Unique identifier field for users')).toBeVisible();

  await page.getByRole('button', { name: 'Copy SCIM Base URL' }).click();
  await expect(page.getByRole('button', { name: 'Copy SCIM Base URL' })).toHaveText(/Copied/);
  shared.baseUrl = await readClipboard(page);
  expect(shared.baseUrl).toBe(`${baseURL}/scim/v2`);
});

test('the admin generates an InfraToken, shown once, and copies it', async ({ page }) => {
  await signIn(page);
  await openNav(page, 'InfraTokens');
  // A too-short label is refused and the form keeps what was typed.
  await page.getByLabel('Label').fill('ok');
  await page.getByRole('button', { name: 'Generate token' }).click();
  await expect(page.getByText('Use at least 3 characters for the label.')).toBeVisible();
  await expect(page.getByLabel('Label')).toHaveValue('ok');

  shared.token = await generateToken(page, 'Okta e2e');
});

test('the IdP provisions a user, who shows up as provisioned', async ({ page, request }) => {
  const okta = idp(request);
  shared.userId = await okta.createUser({ userName: 'grace.hopper@example.com', givenName: 'Grace', familyName: 'Hopper' });
  shared.groupId = await okta.createGroup('Compiler team', [shared.userId]);

  await signIn(page);
  await openNav(page, 'Users');
  await page.getByRole('searchbox', { name: 'Search name, userName or email' }).fill('hopper');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/[?&]q=hopper/);
  const row = page.getByRole('row').filter({ hasText: 'grace.hopper@example.com' });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Active');
  await expect(row).toContainText('SCIM');
  await expect(row).toContainText('Compiler team');

  await row.getByRole('link', { name: 'Grace Hopper' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Grace Hopper' })).toBeVisible();
  await expect(page.getByText('Your IdP owns this user')).toBeVisible();
  await expect(page.locator('[data-attribute="userName"]')).toHaveText('grace.hopper@example.com');
  await expect(page.getByRole('link', { name: 'Compiler team' })).toBeVisible();
  // The provisioning history comes from the activity log (written just after the response).
  await expect(async () => {
    await page.reload();
    await expect(page.getByText(/Provisioned user grace\.hopper@example\.com/)).toBeVisible({ timeout: 1000 });
  }).toPass();
});

test('a custom attribute added in Configurations reaches the user page', async ({ page, request }) => {
  await signIn(page);
  await openNav(page, 'Configurations');
  await expect(page.getByText('No custom attributes')).toBeVisible();
  await expect(page.getByLabel('Schema URN (External namespace)')).toHaveValue(CUSTOM_URN);
  await page.getByLabel('Attribute name').fill('badgeNumber');
  await page.getByLabel('Type').selectOption('string');
  await page.getByLabel('Description').fill('Badge printed on the access card');
  await page.getByRole('button', { name: 'Add attribute' }).click();
  await expect(page.getByText(`Added badgeNumber to ${CUSTOM_URN}.`)).toBeVisible();
  const table = page.getByRole('table', { name: `Attributes of ${CUSTOM_URN}` });
  await expect(table.getByRole('row').filter({ hasText: 'badgeNumber' })).toContainText('Badge printed on the access card');

  const okta = idp(request);
  const schemas = await okta.send('GET', `/Schemas/${CUSTOM_URN}`);
  expect(schemas.status).toBe(200);
  expect(JSON.stringify(schemas.body)).toContain('badgeNumber');
  shared.customUserId = await okta.createUser({
    userName: 'katherine.johnson@example.com',
    givenName: 'Katherine',
    familyName: 'Johnson',
    extensions: { [CUSTOM_URN]: { badgeNumber: 'NASA-1962' } },
  });

  await page.goto(`/users/${shared.customUserId}`);
  const section = page.locator('section').filter({ has: page.getByRole('heading', { name: 'roster attributes' }) });
  await expect(section).toContainText(CUSTOM_URN);
  await expect(section.locator('[data-attribute="badgeNumber"]')).toHaveText('NASA-1962');
});

test('the IdP deactivates the user, who shows up as deprovisioned', async ({ page, request }) => {
  const res = await idp(request).deactivateUser(shared.userId!);
  expect(res.status).toBe(200);
  expect(res.body?.active).toBe(false);

  await signIn(page);
  await page.goto('/users?status=deprovisioned');
  const row = page.getByRole('row').filter({ hasText: 'grace.hopper@example.com' });
  await expect(row).toContainText('Deprovisioned');
  await page.goto(`/users/${shared.userId}`);
  await expect(page.getByText('Deprovisioned', { exact: true }).first()).toBeVisible();
  await expect(async () => {
    await page.reload();
    await expect(page.getByText(/Deprovisioned user grace\.hopper@example\.com/)).toBeVisible({ timeout: 1000 });
  }).toPass();

  // The activity entry opens to what changed.
  await page.getByText(/Deprovisioned user grace\.hopper@example\.com/).click();
  await expect(page.getByRole('heading', { level: 1, name: /Activity #\d+/ })).toBeVisible();
  await expect(page.getByText('PATCH', { exact: true })).toBeVisible();
  await expect(page.getByText(`/scim/v2/Users/${shared.userId}`)).toBeVisible();
  await expect(page.getByRole('definition').filter({ has: page.locator('code', { hasText: /^active$/ }) })).toBeVisible();
});

test('a revoked InfraToken is refused on the next SCIM request', async ({ page, request }) => {
  expect((await idp(request).send('GET', '/Users?count=1')).status).toBe(200);
  await signIn(page);
  await openNav(page, 'InfraTokens');
  const row = page.getByRole('row').filter({ hasText: 'Okta e2e' });
  await row.getByRole('button', { name: 'Revoke Okta e2e' }).click();
  const dialog = page.getByRole('dialog', { name: 'Revoke the InfraToken “Okta e2e”?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Revoke token' }).click();
  await expect(row.getByText('Revoked')).toBeVisible();

  const refused = await idp(request).send('GET', '/Users?count=1');
  expect(refused.status).toBe(401);
  expect(String(refused.body?.detail)).toMatch(/revoked/);
});

test('with SCIM Provisioning off, SCIM is refused (asked first, done with the keyboard)', async ({ page, request }) => {
  await signIn(page);
  const token = await generateToken(page, 'Entra e2e');
  expect((await idp(request, token).send('GET', '/Users?count=1')).status).toBe(200);

  await openNav(page, 'Configurations');
  const toggle = page.getByRole('switch', { name: 'SCIM Provisioning' });
  await toggle.focus();
  await page.keyboard.press('Space');
  const dialog = page.getByRole('dialog', { name: 'Turn off SCIM Provisioning?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('next SCIM request will be refused');
  // Escape cancels: nothing changes.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(toggle).toHaveAttribute('aria-checked', 'true');

  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Turn off' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(toggle).toHaveAttribute('aria-checked', 'false');
  await expect(page.getByRole('textbox', { name: 'SCIM Base URL' })).toHaveCount(0);

  const refused = await idp(request, token).send('GET', '/Users?count=1');
  expect(refused.status).toBe(403);

  await openNav(page, 'Dashboard');
  await expect(page.getByText('SCIM Provisioning is off')).toBeVisible();
  await expect(page.getByTestId('stat-active-users')).toHaveText(/^\d+$/);
  await expect(page.getByTestId('stat-deprovisioned-users')).toHaveText('1');
});

test('the activity log filters down to errors and one user', async ({ page }) => {
  await signIn(page);
  await openNav(page, 'Activity');
  await page.getByLabel('Errors only').check();
  await expect(page).toHaveURL(/errors=1/);
  await expect(page.getByRole('link', { name: /401/ }).first()).toBeVisible();
  await expect(page.getByRole('link', { name: /403/ }).first()).toBeVisible();
  // Successful entries (e.g. the admin's own sign-in) are filtered out.
  await expect(page.getByText(/signed in with a password/)).toHaveCount(0);

  await page.goto('/activity');
  await page.getByLabel('User (userName, email or id)').fill('katherine.johnson@example.com');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByText('Entries about')).toBeVisible();
  await expect(page.getByText(/Provisioned user katherine\.johnson@example\.com/)).toBeVisible();
});

test('an admin makes a user an admin and back; the last admin stays', async ({ page }) => {
  await signIn(page);
  await page.goto(`/users/${shared.customUserId}`);
  await page.getByRole('button', { name: 'Make admin' }).click();
  await page.getByRole('dialog', { name: /Make katherine\.johnson@example\.com an admin\?/ }).getByRole('button', { name: 'Make admin' }).click();
  await expect(page.getByText('katherine.johnson@example.com is now an admin.')).toBeVisible();
  await page.getByRole('button', { name: 'Remove admin' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Remove admin' }).click();
  await expect(page.getByText('katherine.johnson@example.com is no longer an admin.')).toBeVisible();

  // Ada is now the only admin: removing her own role is refused.
  await page.goto('/users?role=admin');
  await page.getByRole('row').filter({ hasText: ADMIN.email }).getByRole('link').first().click();
  await page.getByRole('button', { name: 'Remove admin' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('This is you: you will be signed out.');
  await dialog.getByRole('button', { name: 'Remove admin' }).click();
  await expect(page.getByText(/is the last active admin of this instance/)).toBeVisible();
  await expect(page.getByTestId('signed-in-admin')).toHaveText(ADMIN.name);
});

test('every page, light and dark, desktop and phone width (screenshots)', async ({ page }, testInfo) => {
  // 9 pages × 4 looks: give it room on a busy 2-core machine.
  test.setTimeout(240_000);
  // Any error in the browser (a hydration mismatch, a failed script) fails the scenario.
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(msg.text());
  });
  await signIn(page);
  // SCIM back on, so Configurations shows the SCIM Base URL and the guides.
  await openNav(page, 'Configurations');
  await page.getByRole('switch', { name: 'SCIM Provisioning' }).click();
  await expect(page.getByRole('textbox', { name: 'SCIM Base URL' })).toBeVisible();
  await page.goto('/activity');
  const entryHref = await page.getByRole('list', { name: 'Activity entries' }).getByRole('link').first().getAttribute('href');
  expect(entryHref).toMatch(/^\/activity\/\d+$/);
  const pages: [string, string][] = [
    ['dashboard', '/dashboard'],
    ['users', '/users'],
    ['user', `/users/${shared.customUserId}`],
    ['groups', '/groups'],
    ['group', `/groups/${shared.groupId}`],
    ['configurations', '/configurations'],
    ['infra-tokens', '/infra-tokens'],
    ['activity', '/activity'],
    ['activity-entry', entryHref ?? '/activity'],
  ];
  const looks: Look[] = [
    { theme: 'light', width: 'desktop' },
    { theme: 'dark', width: 'desktop' },
    { theme: 'light', width: 'phone' },
    { theme: 'dark', width: 'phone' },
  ];
  for (const look of looks) {
    for (const [name, path] of pages) await capture(page, testInfo, name, path, look);
  }
  // No page scrolls sideways at phone width (wide tables scroll inside their own box).
  for (const [, path] of pages) {
    await page.goto(path);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  }
  expect(problems).toEqual([]);
});
