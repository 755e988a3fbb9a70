/**
 * Screenshots of dashboard pages as test artifacts: attached to the test
 * report and written under test-results/screenshots/, one per page, theme
 * and width.
 */
import path from 'node:path';
import { expect, type Page, type TestInfo } from '@playwright/test';

export type Look = { theme: 'light' | 'dark'; width: 'desktop' | 'phone' };

export async function applyLook(page: Page, look: Look) {
  await page.emulateMedia({ colorScheme: look.theme });
  await page.setViewportSize(look.width === 'phone' ? { width: 390, height: 844 } : { width: 1280, height: 900 });
}

/** Opens `path` in the given look, checks it rendered (no error page) and saves a full-page screenshot. */
export async function capture(page: Page, testInfo: TestInfo, name: string, url: string, look: Look) {
  await applyLook(page, look);
  await page.goto(url);
  await page.waitForLoadState('networkidle');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByText('Something went wrong')).toHaveCount(0);
  // The theme follows the system preference (no stored choice): the class says which one rendered.
  await expect(page.locator('html')).toHaveClass(look.theme === 'dark' ? /\bdark\b/ : /^(?!.*\bdark\b)/);
  const file = path.join(testInfo.project.outputDir, 'screenshots', `${name}-${look.theme}-${look.width}.png`);
  const body = await page.screenshot({ path: file, fullPage: true });
  await testInfo.attach(`${name} (${look.theme}, ${look.width})`, { body, contentType: 'image/png' });
}
