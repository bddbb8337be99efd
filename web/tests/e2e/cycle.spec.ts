import { test, expect, type Page } from '@playwright/test';

const PASSWORD = 'api-test-pass';

async function login(page: Page, user: string, lang: string) {
  await page.goto('/');
  await page.evaluate((l) => localStorage.setItem('lang', l), lang);
  await page.reload();
  await page.locator('#username').fill(user);
  await page.locator('#password').fill(PASSWORD);
  await page.locator('button[type=submit]').click();
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

async function next(page: Page, status: RegExp) {
  await page.getByTestId('cycle-next').click();
  await page.locator('.ant-popconfirm .ant-btn-primary').click();
  await expect(page.getByTestId('cycle-status')).toHaveText(status);
}

test('HR runs a cycle: an engineer applies, eligibility is reviewed with an override, scores are entered and evaluated', async ({ browser }, info) => {
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
  await eng.getByTestId(`apply-${id}`).click();
  await expect(eng.getByTestId('next-level')).toContainText(`${made.body.name} · ${lang === 'zh' ? '已提交' : 'Submitted'}`);
  const me = (await call(eng, 'GET', '/api/v1/auth/me')).body.user;
  const self = (await call(eng, 'GET', `/api/v1/engineers/${me.engineer_id}`)).body;

  await hr.reload();
  await expect(hr.locator('body')).toContainText(self.employee_no);
  await next(hr, lang === 'zh' ? /基本条件审核/ : /Eligibility review/);
  await hr.getByTestId('cycle-review').click();
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
  await expect(hr.getByTestId(`score-${self.employee_no}-written`)).toHaveText('86.5');
  const apps = (await call(hr, 'GET', `/api/v1/cycles/${id}/applications`)).body.items;
  const app = apps.find((a: { engineer_id: number }) => a.engineer_id === me.engineer_id);
  for (const k of ['practical', 'interview', 'performance']) expect((await call(hr, 'POST', `/api/v1/applications/${app.id}/scores`, { component: k, score: 90 })).status).toBe(200);
  await hr.reload();
  await hr.getByTestId('cycle-evaluate').click();
  await expect(hr.locator('body')).toContainText(lang === 'zh' ? '第 1 名' : 'rank 1');
});
