import { test, expect, type Page } from './fixtures';
import ExcelJS from 'exceljs';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PASSWORD = 'api-test-pass';

const T = {
  'zh-CN': { lang: 'zh', submit: '登录', ladderL1: '初级售后工程师', ladderL5: '顾问级售后工程师', import: '导入', choose: '选择文件', failed: '未导入任何数据', preview: '新增 20 名，更新 0 名', ok: '导入完成：新增 20 名，更新 0 名，0 名无变化', preview2: '新增 0 名，更新 1 名，19 名无变化', ok2: '导入完成：新增 0 名，更新 1 名', back: '返回' },
  'en-US': { lang: 'en', submit: 'Sign in', ladderL1: 'Junior After-sales Engineer', ladderL5: 'Consultant After-sales Engineer', import: 'Import', choose: 'Choose file', failed: 'nothing was imported', preview: '20 new, 0 updated', ok: 'Imported: 20 new, 0 updated, 0 unchanged', preview2: '0 new, 1 updated, 19 unchanged', ok2: 'Imported: 0 new, 1 updated', back: 'Back' },
} as const;

async function login(page: Page, user: string, locale: keyof typeof T) {
  await page.goto('/');
  await page.evaluate((l) => localStorage.setItem('lang', l), T[locale].lang);
  await page.reload();
  await page.locator('#username').fill(user);
  await page.locator('#password').fill(PASSWORD);
  await page.locator('button[type=submit]').click();
  await expect(page.getByTestId('current-user')).toBeVisible();
}

async function workbook(prefix: string, bad: boolean, renamed = false) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('工程师');
  ws.addRow(['工号', '姓名', '组织单元编码', '入职日期', '参加工作日期', '学历', '产品线', '当前等级', '等级起始日期']);
  for (let i = 1; i <= 20; i++) {
    const row = [`${prefix}-${String(i).padStart(3, "0")}`, `${prefix}员${i}`, 'SC-EAST-SH-T1', '2020-01-01', '2019-01-01', '大专', '冰箱', '初级售后工程师', '2021-01-01'];
    if (bad && i === 4) row[3] = '2020-02-30';
    if (bad && i === 9) row[5] = '小学';
    if (renamed && i === 7) row[1] = `${prefix}员七`;
    ws.addRow(row);
  }
  const file = join(mkdtempSync(join(tmpdir(), 'sg-e2e-')), `${prefix}.xlsx`);
  writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
  return file;
}

test('HR opens the 5-level ladder, imports engineers after fixing two bad rows, and finds one', async ({ page }, info) => {
  const locale = info.project.name as keyof typeof T;
  const t = T[locale];
  const prefix = (locale === 'zh-CN' ? 'ZH' : 'EN') + String(info.repeatEachIndex) + String(Date.now() % 1000);
  await login(page, 'hr', locale);

  await page.goto('/schemes/1');
  await expect(page.getByTestId('level-1')).toContainText(t.ladderL1);
  await expect(page.getByTestId('level-5')).toContainText(t.ladderL5);

  await page.goto('/engineers');
  await page.getByTestId('open-import').click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('import-choose').click();
  await (await chooser).setFiles(await workbook(prefix, true));
  const errors = page.getByTestId('import-errors');
  await expect(errors).toContainText(t.failed);
  await expect(errors.locator('tbody tr.ant-table-row')).toHaveCount(2);
  await expect(errors).toContainText('5');
  await expect(errors).toContainText('10');

  const chooser2 = page.waitForEvent('filechooser');
  await page.getByTestId('import-choose').click();
  await (await chooser2).setFiles(await workbook(prefix, false));
  await expect(page.getByTestId('import-preview')).toContainText(t.preview);
  await page.getByTestId('import-confirm').click();
  await expect(page.getByText(t.ok)).toBeVisible();
  await expect(page.getByRole('dialog')).toBeHidden();

  // The same file with one name changed: the preview names the change, and the import updates that engineer.
  await page.getByTestId('open-import').click();
  const chooser3 = page.waitForEvent('filechooser');
  await page.getByTestId('import-choose').click();
  await (await chooser3).setFiles(await workbook(prefix, false, true));
  const preview = page.getByTestId('import-preview');
  await expect(preview).toContainText(t.preview2);
  await expect(preview.locator('tbody tr.ant-table-row')).toHaveCount(1);
  await expect(preview).toContainText(`${prefix}员七`);
  await expect(preview).toContainText(`${prefix}员7`);
  await page.getByTestId('import-confirm').click();
  await expect(page.getByText(t.ok2)).toBeVisible();

  await page.getByTestId('engineer-search').locator('input').fill(`${prefix}员七`);
  await page.getByTestId('engineer-search').locator('input').press('Enter');
  await page.getByRole('link', { name: `${prefix}员七`, exact: true }).click();
  await expect(page.getByTestId('engineer-name')).toHaveText(`${prefix}员七`);
  await expect(page.locator("body")).toContainText(`${prefix}-007`);
});

test('an engineer sees their own profile and cannot open another engineer', async ({ page }, info) => {
  const locale = info.project.name as keyof typeof T;
  await login(page, 'engineer', locale);
  await expect(page).toHaveURL(/\/engineers\/\d+$/);
  await expect(page.getByTestId('engineer-name')).toBeVisible();
  const own = Number(page.url().split('/').pop());
  await page.goto(`/engineers/${own === 2 ? 3 : 2}`);
  await expect(page.locator('.ant-result-403')).toBeVisible();
});
