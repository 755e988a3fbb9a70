import { expect, type Page } from '@playwright/test';

/** The admin the first-run scenario creates; later scenarios sign in as them. */
export const ADMIN = {
  name: 'Ada Admin',
  email: 'ada.admin@example.com',
  password: 'correct horse battery staple',
};

export async function signIn(page: Page, email = ADMIN.email, password = ADMIN.password) {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
}
