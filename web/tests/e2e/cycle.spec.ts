import { test, expect, signIn, type Page } from './fixtures';

const PASSWORD = 'api-test-pass';

async function login(page: Page, user: string, lang: string) {
  await signIn(page, lang, user, PASSWORD);
  await expect(page.getByTestId('current-user')).toBeVisible();
}

// Calls the API from the page, with its session cookie and CSRF token.
async function call(page: Page, method: string, path: string, body?: unknown) {
  return page.evaluate(
    async ({ method, path, body }) => {
      const me = await (await fetch('/api/v1/auth/me')).json();
      const res = await fetch(path, { method, headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token }, body: body ? JSON.stringify(body) : undefined });
      return { status: res.status, body: await res.json() };
    },
    { method, path, body },
  );
}

// Confirms the open pop-up (Popconfirm) from the keyboard: it may still move while the page lays out.
// Then waits until it has gone, so that the next pop-up is the only one on the page.
async function confirmPopup(page: Page) {
  const confirm = page.locator('.ant-popconfirm:visible .ant-btn-primary');
  await expect(confirm).toBeVisible();
  await confirm.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('.ant-popconfirm:visible')).toHaveCount(0);
}

async function next(page: Page, status: RegExp) {
  await page.waitForLoadState('networkidle'); // the page holds the cycle's current version
  await page.getByTestId('cycle-next').click();
  const confirm = page.locator('.ant-popconfirm:visible .ant-btn-primary');
  await expect(confirm).toBeVisible();
  const answer = page.waitForResponse((r) => r.url().endsWith('/transition'));
  // Confirmed from the keyboard: the pop-up may still move while the page finishes laying out.
  await confirm.focus();
  await page.keyboard.press('Enter');
  const res = await answer;
  expect(res.status(), await res.text()).toBe(200);
  await expect(page.locator('.ant-popconfirm:visible')).toHaveCount(0);
  // Both browser projects write to one SQLite database at once, so a transition may wait for the other's write.
  await expect(page.getByTestId('cycle-status')).toHaveText(status, { timeout: 20_000 });
}

test('a whole cycle: HR plans and nominates, reviews with an override, scores and evaluates; the committee votes; HR publishes; the engineer appeals and gets the new level', async ({ browser }, info) => {
  test.setTimeout(180_000);
  const lang = info.project.name === 'en-US' ? 'en' : 'zh';
  const hr = await (await browser.newContext()).newPage();
  await login(hr, 'hr', lang);
  const phases = [['application', '2026-11-01', '2026-11-30'], ['eligibility_review', '2026-12-01', '2026-12-05'], ['written_exam', '2026-12-06', '2026-12-10']]
    .map(([phase, starts_on, ends_on]) => ({ phase, starts_on, ends_on, responsible_role: 'hr' }));
  const made = await call(hr, 'POST', '/api/v1/cycles', { name: `E2E ${lang} ${Date.now() % 100000}`, scheme_id: 1, kind: 'promotion', open_ranks: [1, 2, 3, 4, 5], cutoff_date: '2026-11-30', phases });
  expect(made.status).toBe(201);
  const id = made.body.id;
  await hr.goto(`/cycles/${id}`);
  await next(hr, lang === 'zh' ? /申报/ : /Application/);

  // The engineer applies from their own profile.
  const eng = await (await browser.newContext()).newPage();
  await login(eng, 'engineer', lang);
  await expect(eng.getByTestId('next-level')).toContainText(/[✓✗]/); // the gap checklist
  await eng.getByTestId(`apply-${id}`).click();
  // Not every condition is met yet: applying warns first.
  await expect(eng.locator('.ant-popconfirm:visible')).toContainText(lang === 'zh' ? '晋级条件尚未全部满足' : 'Not every condition');
  await confirmPopup(eng);
  await expect(eng.locator('.ant-message')).toContainText(lang === 'zh' ? '已提交' : 'submitted');
  await expect(eng.getByTestId('next-level')).toContainText(`${made.body.name} · ${lang === 'zh' ? '已提交' : 'Submitted'}`);
  const me = (await call(eng, 'GET', '/api/v1/auth/me')).body.user;
  const self = (await call(eng, 'GET', `/api/v1/engineers/${me.engineer_id}`)).body;

  await hr.reload();
  await expect(hr.locator('body')).toContainText(self.employee_no);
  // HR nominates one service centre in bulk: a count first, then the applications.
  await hr.getByTestId('nominate-open').click();
  await hr.locator('.ant-modal [data-testid="nominate-org"] input').fill('上海服务中心');
  await hr.keyboard.press('Enter');
  await hr.getByTestId('nominate-preview').click();
  await expect(hr.getByTestId('nominate-count')).toContainText(lang === 'zh' ? '将新建' : 'will be created');
  await hr.getByTestId('nominate-ok').click();
  await expect(hr.locator('.ant-message')).toContainText(lang === 'zh' ? '份申报' : 'applications created');
  const nominated = (await call(hr, 'GET', `/api/v1/cycles/${id}/applications?page_size=200`)).body.items;
  expect(nominated.filter((a: { nominated_by: string }) => a.nominated_by === 'hr').length).toBeGreaterThan(0);
  await next(hr, lang === 'zh' ? /基本条件审核/ : /Eligibility review/);
  await hr.getByTestId('cycle-review').click();
  await confirmPopup(hr);
  // The review runs as a job: it says so, and a notification tells when it ended.
  await expect(hr.locator('.ant-message')).toContainText(lang === 'zh' ? '已开始' : 'started');
  await expect(hr.locator('.ant-notification')).toContainText(lang === 'zh' ? '基本条件审核完成' : 'Eligibility review done');
  const override = hr.getByTestId(`override-${self.employee_no}`);
  await override.click();
  await hr.getByTestId('override-reason').fill(lang === 'zh' ? '外部认证等同' : 'equivalent external certificate');
  await hr.locator('.ant-modal-footer .ant-btn-primary').last().click();
  await expect(hr.locator('body')).toContainText(lang === 'zh' ? '已改判' : 'Overridden');
  await next(hr, lang === 'zh' ? /笔试/ : /Written exam/);

  // One score through the sheet, the rest through the API; then the evaluation.
  await hr.getByTestId(`score-${self.employee_no}-written`).click();
  await hr.locator('input[data-testid="score-input"], [data-testid="score-input"] input').first().fill('86.5');
  await hr.locator('.ant-modal-footer .ant-btn-primary').last().click();
  // The save may wait for the other browser project's write to the shared database, as transitions do.
  await expect(hr.getByTestId(`score-${self.employee_no}-written`)).toHaveText('86.50', { timeout: 20_000 });
  const apps = (await call(hr, 'GET', `/api/v1/cycles/${id}/applications?page_size=200`)).body.items;
  const app = apps.find((a: { engineer_id: number }) => a.engineer_id === me.engineer_id);
  for (const k of ['practical', 'interview', 'performance']) expect((await call(hr, 'POST', `/api/v1/applications/${app.id}/scores`, { component: k, score: 90 })).status).toBe(200);
  await hr.reload();
  await hr.getByTestId('cycle-evaluate').click();
  await confirmPopup(hr);
  await expect(hr.locator('.ant-notification')).toContainText(lang === 'zh' ? '综合评定完成' : 'Evaluation done');
  await expect(hr.locator('body')).toContainText(lang === 'zh' ? '第 1 名' : 'rank 1');
  await expect(hr.getByTestId('report-by-level')).toContainText('%');
  // The results sheet is made by a job; its notification offers the file.
  await hr.getByTestId('export-results').click();
  const downloading = hr.waitForEvent('download');
  await hr.getByTestId('job-download').click();
  expect((await downloading).suggestedFilename()).toBe(`cycle-${id}-results.xlsx`);

  // HR publishes the weighted total too, then moves on to the committee.
  await hr.getByTestId('published-fields').getByText(lang === 'zh' ? '综合成绩' : 'Weighted total').click();
  await hr.getByTestId('save-settings').click();
  await expect(hr.locator('.ant-message')).toContainText(lang === 'zh' ? '设置已保存' : 'Settings saved');
  await next(hr, lang === 'zh' ? /实际操作考核/ : /Practical test/);
  await next(hr, lang === 'zh' ? /面试/ : /Interview/);
  await next(hr, lang === 'zh' ? /评审委员会评审/ : /Committee review/);

  // Three committee members approve.
  for (const member of ['committee', 'committee.b', 'committee.c']) {
    const m = await (await browser.newContext()).newPage();
    await login(m, member, lang);
    await m.goto(`/cycles/${id}`);
    await m.getByTestId(`approve-${self.employee_no}`).click();
    await confirmPopup(m);
    await expect(m.locator('body')).toContainText(lang === 'zh' ? `同意 ${member === 'committee' ? 1 : member === 'committee.b' ? 2 : 3}` : `approve ${member === 'committee' ? 1 : member === 'committee.b' ? 2 : 3}`);
    await m.context().close();
  }
  await hr.reload();
  await next(hr, lang === 'zh' ? /公示/ : /Public notice/);

  // The engineer sees the published result with the total, and appeals.
  await eng.goto(`/cycles/${id}`);
  const row = eng.getByTestId('notice').locator('tr', { hasText: self.name });
  await expect(row).toContainText(lang === 'zh' ? '通过' : 'Passed');
  await expect(eng.getByTestId('notice').locator('thead')).toContainText(lang === 'zh' ? '综合成绩' : 'Total');
  await row.getByTestId('appeal').click();
  await eng.getByTestId('appeal-reason').fill(lang === 'zh' ? '笔试成绩登记有误' : 'my written score was mis-recorded');
  await eng.locator('.ant-modal-footer .ant-btn-primary').last().click();

  // HR amends the written score; the evaluation runs again.
  await hr.reload();
  await hr.locator('[data-testid^="resolve-"]').first().click();
  await hr.getByTestId('resolve-decision').click();
  await hr.keyboard.press('ArrowDown'); // from 维持原结果 / uphold to 更正成绩 / amend
  await hr.keyboard.press('Enter');
  await expect(hr.getByTestId('resolve-decision')).toContainText(lang === 'zh' ? '更正成绩并重新评定' : 'Amend a score and re-evaluate');
  await hr.locator('input[data-testid="resolve-score"], [data-testid="resolve-score"] input').first().fill('95');
  await hr.getByTestId('resolve-note').fill(lang === 'zh' ? '核对原始试卷' : 'checked against the paper');
  await hr.locator('.ant-modal-footer .ant-btn-primary').last().click();
  await expect(hr.locator('body')).toContainText(lang === 'zh' ? '已更正' : 'Amended');
  const results = (await call(hr, 'GET', `/api/v1/cycles/${id}/results?page_size=200`)).body.items;
  expect(results.find((r: { application_id: number }) => r.application_id === app.id).outcome.components.find((c: { kind: string }) => c.kind === 'written').score).toBe(95);
  // The notice has days to run: HR ends it early, with a reason.
  await hr.getByTestId('cycle-next').click();
  await confirmPopup(hr);
  await expect(hr.getByTestId('notice-running')).toBeVisible();
  await hr.getByTestId('early-reason').fill(lang === 'zh' ? '公示期内无其他异议' : 'no other objection was raised');
  await hr.getByRole('button', { name: lang === 'zh' ? '提前结束公示' : 'End the notice early' }).click();
  await expect(hr.getByTestId('cycle-status')).toHaveText(lang === 'zh' ? /申诉处理/ : /Appeals/, { timeout: 20_000 });
  await next(hr, lang === 'zh' ? /等级认证/ : /Certification/);
  await next(hr, lang === 'zh' ? /已结束/ : /Closed/);

  // The engineer's profile shows the new level and its certificate.
  const scheme = (await call(eng, 'GET', '/api/v1/schemes/1')).body;
  await eng.goto(`/engineers/${me.engineer_id}`);
  await expect(eng.locator('body')).toContainText(scheme.levels[app.target_rank - 1].label[lang]);
  const certs = (await call(eng, 'GET', `/api/v1/engineers/${me.engineer_id}/certificates`)).body.items;
  const cert = certs.find((c: { cycle_id: number }) => c.cycle_id === id);
  expect(cert.level_rank).toBe(app.target_rank);
  await expect(eng.locator('body')).toContainText(cert.number);
});

test('HR keeps the working-day calendar: a lunar holiday is added and removed', async ({ page }, info) => {
  const lang = info.project.name === 'en-US' ? 'en' : 'zh';
  await login(page, 'hr', lang);
  await page.goto('/calendar');
  const day = lang === 'zh' ? '2027-02-08' : '2027-02-09';
  await page.getByTestId('calendar-day').click();
  await page.keyboard.type(day);
  await page.keyboard.press('Enter');
  await page.getByTestId('calendar-name').fill(lang === 'zh' ? '春节' : 'Spring Festival');
  await page.getByTestId('calendar-add').click();
  const row = page.locator('tr', { hasText: day });
  await expect(row).toContainText(lang === 'zh' ? '春节' : 'Spring Festival');
  await row.getByRole('button').click();
  await page.locator('.ant-popconfirm .ant-btn-primary').click();
  await expect(page.locator('tr', { hasText: day })).toHaveCount(0);
});
