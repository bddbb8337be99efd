// An administrator picks engineers without an account on the engineer list, creates their accounts
// and gets the hand-out sheet; an engineer signs in with their row and must choose a password.
import ExcelJS from 'exceljs';
import { test, expect, signIn } from './fixtures';

const T = {
  'zh-CN': { lang: 'zh', make: '创建账号', made: /已创建 2 个账号，跳过 0 名/, selected: '已选 2 名工程师' },
  'en-US': { lang: 'en', make: 'Create accounts', made: /Accounts created: 2, skipped: 0/, selected: '2 engineers selected' },
} as const;

test('engineer accounts in bulk from the engineer list, with the one-time passwords downloaded as a sheet', async ({ page, browser }, info) => {
  const t = T[info.project.name as keyof typeof T];
  const [name, value] = process.env.SKILLGRADE_E2E_ADMIN_COOKIE!.split('=');
  await page.context().addCookies([{ name, value, url: process.env.SKILLGRADE_E2E_URL! }]);
  await page.goto('/');
  await page.evaluate((l) => localStorage.setItem('lang', l), t.lang);
  await page.goto('/engineers?account=none&status=active');
  const rows = page.locator('tbody tr.ant-table-row');
  await expect(rows.first()).toBeVisible();
  // The two browser projects may run at once: each takes its own rows.
  const first = info.project.name === 'zh-CN' ? 0 : 2;
  const numbers = [await rows.nth(first).locator('td').nth(1).innerText(), await rows.nth(first + 1).locator('td').nth(1).innerText()];
  await rows.nth(first).locator('input[type=checkbox]').check();
  await rows.nth(first + 1).locator('input[type=checkbox]').check();
  await expect(page.getByText(t.selected)).toBeVisible();
  await page.getByTestId('make-accounts').click();
  const downloading = page.waitForEvent('download');
  await page.locator('.ant-popconfirm').getByRole('button', { name: t.make }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^accounts-\d{14}\.xlsx$/);
  await expect(page.getByText(t.made)).toBeVisible();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(await download.path());
  const sheet: string[][] = [];
  wb.getWorksheet('账号')!.eachRow((r) => sheet.push((r.values as unknown[]).slice(1).map(String)));
  expect(sheet.slice(1).map((r) => r[0]).sort()).toEqual(numbers.sort());
  // The list now leaves them out.
  for (const no of numbers) await expect(page.locator('tbody').getByText(no, { exact: true })).toHaveCount(0);
  // One of them signs in with their row.
  const other = await browser.newContext({ locale: info.project.name });
  const p = await other.newPage();
  await signIn(p, t.lang, sheet[1][3], sheet[1][4]);
  await expect(p.getByTestId('must-change-password')).toBeVisible();
  await other.close();
});
