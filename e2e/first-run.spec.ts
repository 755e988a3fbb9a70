/**
 * A fresh instance as its first admin meets it: set-up, a failed and a
 * successful sign-in, the admin shell, sign-out, and the guard on admin pages.
 */
import { expect, test } from '@playwright/test';
import { ADMIN, signIn } from './support/admin';

test.describe.configure({ mode: 'serial' });

test('a fresh instance sends the visitor to set-up, which validates its input', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole('heading', { name: 'Set up Roster' })).toBeVisible();

  await page.getByLabel('Your name').fill(ADMIN.name);
  await page.getByLabel('Email').fill('not-an-email');
  await page.getByLabel('Password').fill('short');
  await page.getByRole('button', { name: 'Create admin account' }).click();
  await expect(page.getByText('Enter a valid email address.')).toBeVisible();
  await expect(page.getByText('Use at least 12 characters.')).toBeVisible();
  // The form keeps what was typed (except the password).
  await expect(page.getByLabel('Your name')).toHaveValue(ADMIN.name);
});

test('set-up creates the first admin and then closes', async ({ page }) => {
  await page.goto('/setup');
  await page.getByLabel('Your name').fill(ADMIN.name);
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Create admin account' }).click();
  await expect(page).toHaveURL(/\/sign-in\?setup=done$/);
  await expect(page.getByText('Admin account created. Sign in to continue.')).toBeVisible();

  await page.goto('/setup');
  await expect(page).toHaveURL(/\/sign-in$/);
});

test('a wrong password is refused with a message', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password').fill('wrong password entirely');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert').filter({ hasText: /Wrong email or password/ })).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);
});

test('the admin signs in, moves around the shell and signs out', async ({ page }) => {
  await signIn(page);
  await expect(page.getByTestId('signed-in-admin')).toHaveText(ADMIN.name);
  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const [label, heading] of [
    ['Users', 'Users'],
    ['Groups', 'Groups'],
    ['Configurations', 'Configurations'],
    ['InfraTokens', 'InfraTokens'],
    ['Activity', 'Activity'],
    ['Dashboard', 'Dashboard'],
  ]) {
    await nav.getByRole('link', { name: label }).click();
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
  }
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
});

test('admin pages redirect to sign-in when signed out', async ({ page }) => {
  for (const path of ['/dashboard', '/users', '/groups', '/configurations', '/infra-tokens', '/activity']) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
  }
  // After signing in, the admin lands where they were going.
  await page.goto('/users');
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/users$/);
});

test('the shell works at phone width', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page);
  await page.getByRole('button', { name: 'Menu' }).click();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Groups' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Groups' })).toBeVisible();
});
