import { test, expect, signIn, api, type Page } from './fixtures';

const PHASES = ['application', 'eligibility_review', 'written_exam', 'practical_test', 'interview', 'committee_review', 'public_notice', 'appeal', 'certification'];

// A cycle without applications, created and moved through the API up to `until`.
async function cycleAt(page: Page, until: string, name: string) {
  const phases = PHASES.map((phase, i) => ({ phase, starts_on: `2027-0${1 + Math.floor(i / 3)}-${String(1 + (i % 3) * 10).padStart(2, '0')}`, ends_on: `2027-0${1 + Math.floor(i / 3)}-${String(8 + (i % 3) * 10).padStart(2, '0')}`, responsible_role: 'hr' }));
  const made = await api(page, 'POST', '/api/v1/cycles', { name, scheme_id: 1, kind: 'promotion', open_ranks: [1, 2], cutoff_date: '2026-12-31', phases });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  let cycle = made.body;
  for (const to of ['application', ...PHASES.slice(1)]) {
    if (cycle.status === until) break;
    const r = await api(page, 'POST', `/api/v1/cycles/${cycle.id}/transition`, { to }, cycle.version);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    cycle = r.body;
  }
  return cycle;
}

test('the timeline marks the cycle’s own status as the current phase', async ({ page }, info) => {
  const lang = info.project.name === 'en-US' ? 'en' : 'zh';
  await signIn(page, lang, 'hr', 'api-test-pass');
  await expect(page.getByTestId('current-user')).toBeVisible();
  const cycle = await cycleAt(page, 'application', `Timeline ${lang} ${Date.now() % 100000}`);
  const current = page.locator('[data-testid="cycle-timeline"] .ant-steps-item-process .ant-steps-item-title');
  await page.goto(`/cycles/${cycle.id}`);
  await expect(current).toHaveText(lang === 'zh' ? '申报' : 'Application');
  await expect(page.locator('[data-testid="cycle-timeline"] .ant-steps-item-finish')).toHaveCount(0);
  for (const to of ['eligibility_review', 'written_exam']) {
    const now = (await api(page, 'GET', `/api/v1/cycles/${cycle.id}`)).body;
    expect((await api(page, 'POST', `/api/v1/cycles/${cycle.id}/transition`, { to }, now.version)).status).toBe(200);
  }
  await page.reload();
  await expect(current).toHaveText(lang === 'zh' ? '笔试' : 'Written exam');
  await expect(page.locator('[data-testid="cycle-timeline"] .ant-steps-item-finish')).toHaveCount(2);
});

test('leaving the public notice early is refused, and HR may end it with a reason', async ({ page }, info) => {
  const lang = info.project.name === 'en-US' ? 'en' : 'zh';
  await signIn(page, lang, 'hr', 'api-test-pass');
  await expect(page.getByTestId('current-user')).toBeVisible();
  const cycle = await cycleAt(page, 'public_notice', `Notice ${lang} ${Date.now() % 100000}`);
  await page.goto(`/cycles/${cycle.id}`);
  await page.getByTestId('cycle-next').click();
  await page.locator('.ant-popconfirm .ant-btn-primary').click();
  const warning = page.getByTestId('notice-running');
  await expect(warning).toContainText(cycle.notice_ends_on ?? (await api(page, 'GET', `/api/v1/cycles/${cycle.id}`)).body.notice_ends_on);
  await expect(page.getByTestId('cycle-status')).toHaveText(lang === 'zh' ? '公示' : 'Public notice');
  const end = page.getByRole('button', { name: lang === 'zh' ? '提前结束公示' : 'End the notice early' });
  await expect(end).toBeDisabled();
  await page.getByTestId('early-reason').fill(lang === 'zh' ? '公示期内无异议，提前结束' : 'No objections were raised');
  await end.click();
  await expect(page.getByTestId('cycle-status')).toHaveText(lang === 'zh' ? '申诉处理' : 'Appeals');
});

test('a level held without a cycle shows on the certificates card, as the checklist counts it', async ({ page }, info) => {
  const lang = info.project.name === 'en-US' ? 'en' : 'zh';
  await signIn(page, lang, 'hr', 'api-test-pass');
  await expect(page.getByTestId('current-user')).toBeVisible();
  const engineers = (await api(page, 'GET', '/api/v1/engineers?rank=2&status=active&page_size=50')).body.items;
  let who: { id: number } | undefined;
  for (const e of engineers) {
    const certs = (await api(page, 'GET', `/api/v1/engineers/${e.id}/certificates`)).body.items;
    const next = (await api(page, 'GET', `/api/v1/engineers/${e.id}/next-level`)).body;
    const byLevel = next.paths.some((p: { conditions: { kind: string; met: boolean }[] }) => p.conditions.some((c) => c.kind === 'certificate' && c.met));
    if (certs.length === 0 && byLevel) {
      who = e;
      break;
    }
  }
  expect(who, 'an engineer at level 2 from the demo history').toBeTruthy();
  await page.goto(`/engineers/${who!.id}`);
  await expect(page.getByTestId('next-level')).toContainText(lang === 'zh' ? '视同持证' : 'counts as its certificate');
  const card = page.getByTestId('certificates');
  await expect(card).toContainText(lang === 'zh' ? '等级记录' : 'Level record');
  await expect(card).toContainText(lang === 'zh' ? '中级售后工程师' : 'Intermediate After-sales Engineer');
  await expect(card).toContainText(lang === 'zh' ? '证书等级' : 'Certificate level');
  await expect(card).not.toContainText(lang === 'zh' ? '暂无数据' : 'No data');
});
