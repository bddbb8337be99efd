// List state lives in the URL: a filter chosen on the cycles page survives
// going to another page and back, and a shared link opens the same view.
import { test, expect, signIn } from './fixtures';

const T = {
  'zh-CN': { lang: 'zh', d180: '180 天内', d30: '30 天内' },
  'en-US': { lang: 'en', d180: 'within 180 days', d30: 'within 30 days' },
} as const;

test('the expiring-certificates window survives going to a cycle and back and opens from a link; a malformed value falls back', async ({ page }, info) => {
  const t = T[info.project.name as keyof typeof T];
  await signIn(page, t.lang, 'hr', 'api-test-pass');
  await expect(page.getByTestId('current-user')).toBeVisible();
  await page.goto('/cycles');
  await page.locator('.ant-card-extra .ant-select').click();
  await page.getByTitle(t.d180).click();
  await expect(page).toHaveURL(/days=180/);
  await page.locator('a[href^="/cycles/"]').first().click();
  await expect(page).toHaveURL(/\/cycles\/\d+/);
  await page.goBack();
  await expect(page.locator('.ant-card-extra .ant-select')).toContainText(t.d180);
  await page.goto('/cycles?days=30');
  await expect(page.locator('.ant-card-extra .ant-select')).toContainText(t.d30);
  await page.goto('/cycles?days=31');  // not one of the offered windows: the default
  await expect(page.locator('.ant-card-extra .ant-select')).not.toContainText('31');
});
