import { execFileSync } from 'node:child_process';
import { test, expect, api, type Page } from './fixtures';
import { BIN, PASSWORD, freshDatabase, startServer } from '../api/harness.mjs';

// A cycle of 100,000 applications, built in seconds: a small demo database, then 100,000 engineers
// and their applications written by sqlite3 before the server starts (which gives the new names
// their sort keys). Every 10th application is ineligible, every 10th + 1 still submitted.
const N = 100_000;
let srv: Awaited<ReturnType<typeof startServer>>;
let cycleId = 0;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const db = freshDatabase('sqlite');
  execFileSync(BIN, ['demo', '--db', db, '--password', PASSWORD, '--engineers', '20'], { env: { ...process.env, SKILLGRADE_FAST_PASSWORD_HASHING: '1', ASAN_OPTIONS: 'detect_leaks=0' } });
  const sql = `
BEGIN;
WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < ${N})
INSERT INTO engineers (employee_no, name, org_unit_id, hire_date, career_start, education, current_rank, level_since, created_at)
  SELECT printf('L%06d', n), '批量' || n, (SELECT MIN(id) FROM org_units) + n % 5, '2015-01-01', '2012-01-01', 'bachelor', 1, '2020-01-01', '2026-01-01T00:00:00Z' FROM r;
INSERT INTO cycles (name, scheme_id, scheme_version, kind, status, open_ranks, cutoff_date, created_at, created_by)
  VALUES ('十万人批次', 1, 1, 'promotion', 'eligibility_review', '1,2,3,4,5', '2026-11-30', '2026-01-01T00:00:00Z', 'e2e');
INSERT INTO applications (cycle_id, engineer_id, target_rank, status, nominated_by, applied_at)
  SELECT (SELECT MAX(id) FROM cycles), id, 2,
         CASE CAST(substr(employee_no, 2) AS INTEGER) % 10 WHEN 0 THEN 'ineligible' WHEN 1 THEN 'submitted' ELSE 'eligible' END,
         'e2e', '2026-11-01T08:00:00Z'
  FROM engineers WHERE employee_no LIKE 'L%' ORDER BY id;
COMMIT;
SELECT MAX(id) FROM cycles;`;
  cycleId = Number(execFileSync('sqlite3', [db], { input: sql }).toString().trim());
  srv = await startServer('sqlite', { db });
});

test.afterAll(() => srv?.stop());

async function signInAt(page: Page, lang: string) {
  await page.goto(`${srv.url}/`);
  await page.evaluate((l) => localStorage.setItem('lang', l), lang);
  await page.reload();
  await page.locator('#username').fill('hr');
  await page.locator('#password').fill(PASSWORD);
  await page.locator('button[type=submit]').click();
  await expect(page.getByTestId('current-user')).toBeVisible();
}

const rows = (page: Page) => page.getByTestId('apps-table').locator('tbody tr.ant-table-row');
const firstNo = (page: Page) => rows(page).first().locator('td').nth(1);

test('HR opens a cycle of 100,000 applications, pages, filters and sorts the review list — one page in the browser at a time', async ({ page }, info) => {
  test.setTimeout(120_000);
  const lang = info.project.name === 'en-US' ? 'en' : 'zh';
  await signInAt(page, lang);
  const asked: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes(`/api/v1/cycles/${cycleId}/applications`)) asked.push(r.url());
  });
  await page.goto(`${srv.url}/cycles/${cycleId}`);
  await expect(page.getByTestId('cycle-title')).toHaveText('十万人批次');
  const total = page.getByTestId('apps-table').locator('.ant-pagination-total-text');
  await expect(total).toHaveText(lang === 'zh' ? `共 ${N} 条` : `${N} in total`);
  await expect(rows(page)).toHaveCount(20);
  await expect(firstNo(page)).toHaveText('L000001');
  expect(asked.every((u) => new URL(u).searchParams.get('page_size') === '20'), asked.join('\n')).toBe(true);

  // Page 2 comes from the server: rows 21–40.
  await page.getByTestId('apps-table').locator('.ant-pagination-item-2').click();
  await expect(firstNo(page)).toHaveText('L000021');
  await expect(rows(page)).toHaveCount(20);
  expect(new URL(asked.at(-1)!).searchParams.get('page')).toBe('2');

  // The ineligible ones only: a tenth of the cycle, counted by the server; back to page 1.
  await page.getByTestId('apps-status').click();
  await page.locator(`.ant-select-item-option[title="${lang === 'zh' ? '不符合条件' : 'Not eligible'}"]`).click();
  await expect(total).toHaveText(lang === 'zh' ? `共 ${N / 10} 条` : `${N / 10} in total`);
  await expect(firstNo(page)).toHaveText('L000010');
  await expect(rows(page).first()).toContainText(lang === 'zh' ? '不符合条件' : 'Not eligible');

  // Sorted by employee number, descending (the header's second click), still among the ineligible.
  const header = page.getByTestId('apps-table').locator('th', { hasText: lang === 'zh' ? '工号' : 'Employee' }).first();
  await header.click();
  await expect(firstNo(page)).toHaveText('L000010');
  await header.click();
  await expect(firstNo(page)).toHaveText('L100000');

  // One engineer by employee number.
  const search = page.locator('input[data-testid="apps-q"], [data-testid="apps-q"] input').first();
  await search.fill('L099990');
  await search.press('Enter');
  await expect(rows(page)).toHaveCount(1);
  await expect(total).toHaveCount(0); // one page: no pager
  await expect(firstNo(page)).toHaveText('L099990');
  expect(new URL(asked.at(-1)!).searchParams.get('q')).toBe('L099990');
});

// Runs after the list test in the same worker (the tests of a file run in order): the cycle moves on
// to its written exam and HR runs the evaluation of its 80,000 eligible applications as a job.
test('HR starts the evaluation of the 100,000-application cycle, watches its progress bar and sees the results', async ({ page }, info) => {
  test.setTimeout(420_000);
  const lang = info.project.name === 'en-US' ? 'en' : 'zh';
  await signInAt(page, lang);
  const cur = await api(page, 'GET', `/api/v1/cycles/${cycleId}`);
  const moved = await api(page, 'POST', `/api/v1/cycles/${cycleId}/transition`, { to: 'written_exam' }, cur.body.version);
  expect(moved.status, JSON.stringify(moved.body)).toBe(200);
  await page.goto(`${srv.url}/cycles/${cycleId}`);
  await page.getByTestId('cycle-evaluate').click();
  await page.locator('.ant-popover .ant-btn-primary, .ant-popconfirm .ant-btn-primary').last().click();
  // The job's bar shows while it runs, with its phase and counts from the server.
  await expect(page.getByTestId('job-progress')).toBeVisible();
  await expect(page.getByTestId('job-phase')).toContainText(lang === 'zh' ? '正在计算成绩与排名' : 'Computing totals and ranks', { timeout: 180_000 });
  // Every reviewed application (eligible or not) is counted, from the start; the eligible ones are evaluated.
  await expect(page.getByTestId('job-phase')).toContainText(`/ ${(0.9 * N).toLocaleString()}`);
  // Its end is notified, the bar goes, and the results are on the page.
  const done = page.locator('.ant-notification');
  await expect(done).toContainText(lang === 'zh' ? '综合评定完成' : 'Evaluation done', { timeout: 240_000 });
  await expect(done).toContainText(String(0.8 * N));
  await expect(page.getByTestId('job-progress')).toHaveCount(0);
  await expect(page.getByTestId('cycle-report')).toContainText((0.8 * N).toLocaleString());
});
