import { test, expect, signIn, api } from './fixtures';

const PASSWORD = 'api-test-pass';

test('the auditor replays a closed cycle from its page and sees that it is identical to the stored results', async ({ page }, info) => {
  const lang = info.project.name === 'en-US' ? 'en' : 'zh';
  await signIn(page, lang, 'auditor', PASSWORD);
  await expect(page.getByTestId('current-user')).toBeVisible();
  const cycles = await api(page, 'GET', '/api/v1/cycles');
  const closed = cycles.body.items.find((c: { status: string }) => c.status === 'closed');
  await page.goto(`/cycles/${closed.id}`);
  await expect(page.getByTestId('cycle-status')).toHaveText(lang === 'en' ? 'Closed' : '已结束');
  const replay = page.getByTestId('replay');
  await expect(replay).toContainText(lang === 'en' ? 'Replay evaluation' : '重放评定');
  const started = page.waitForResponse((r) => r.url().endsWith(`/cycles/${closed.id}/replay`));
  await page.getByTestId('replay-start').click();
  expect((await started).status()).toBe(202);
  const identical = page.getByTestId('replay-identical');
  await expect(identical).toContainText(lang === 'en' ? 'Identical to the stored results' : '与存储的结果一致', { timeout: 20_000 });
  await expect(identical).toContainText(lang === 'en' ? /\d+ applications? recomputed/ : /重新计算了 \d+ 份申报/);
  await expect(page.getByTestId('replay-differences')).toHaveCount(0);
});
