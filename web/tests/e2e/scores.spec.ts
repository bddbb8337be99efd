import { test, expect, signIn, api, runJob, type Page } from './fixtures';

// A cycle in its written exam with one eligible application, made through the API.
async function cycleInWrittenExam(page: Page, lang: string) {
  const phases = [['application', '2026-11-01', '2026-11-30'], ['eligibility_review', '2026-12-01', '2026-12-05'], ['written_exam', '2026-12-06', '2026-12-10']]
    .map(([phase, starts_on, ends_on]) => ({ phase, starts_on, ends_on, responsible_role: 'hr' }));
  const made = await api(page, 'POST', '/api/v1/cycles', { name: `Scores ${lang} ${Date.now() % 100000}`, scheme_id: 1, kind: 'promotion', open_ranks: [1, 2, 3, 4, 5], cutoff_date: '2026-11-30', phases });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  let cycle = made.body;
  const move = async (to: string) => {
    const r = await api(page, 'POST', `/api/v1/cycles/${cycle.id}/transition`, { to }, cycle.version);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    cycle = r.body;
  };
  await move('application');
  const engineers = (await api(page, 'GET', '/api/v1/engineers?page_size=50&sort=employee_no')).body.items;
  const who = engineers.find((e: { rank: number; status: string }) => e.rank === 1 && e.status === 'active');
  const applied = await api(page, 'POST', `/api/v1/cycles/${cycle.id}/applications`, { engineer_id: who.id, target_rank: who.rank + 1 });
  expect(applied.status, JSON.stringify(applied.body)).toBe(201);
  await move('eligibility_review');
  expect((await runJob(page, `/api/v1/cycles/${cycle.id}/eligibility-review`)).state).toBe('succeeded');
  expect((await api(page, 'POST', `/api/v1/applications/${applied.body.id}/override`, { eligible: true, reason: 'e2e' })).status).toBe(200);
  await move('written_exam');
  return { cycle, application: applied.body.id as number, employeeNo: who.employee_no as string };
}

test('the score dialog opens with exactly the cell’s stored value, and a score out of range is a field error', async ({ page }, info) => {
  test.setTimeout(120_000);
  const lang = info.project.name === 'en-US' ? 'en' : 'zh';
  await signIn(page, lang, 'hr', 'api-test-pass');
  await expect(page.getByTestId('current-user')).toBeVisible();
  const { cycle, application, employeeNo } = await cycleInWrittenExam(page, lang);
  await page.goto(`/cycles/${cycle.id}`);
  const input = page.locator('input[data-testid="score-input"], [data-testid="score-input"] input').first();
  const ok = page.locator('.ant-modal-footer .ant-btn-primary').last();

  // 77 for the written exam…
  await page.getByTestId(`score-${employeeNo}-written`).click();
  await expect(input).toHaveValue('');
  await input.fill('77');
  await ok.click();
  await expect(page.getByTestId(`score-${employeeNo}-written`)).toHaveText('77.00', { timeout: 20_000 });
  // …does not follow into the unscored interview cell, which opens empty and is left as it is.
  await page.getByTestId(`score-${employeeNo}-interview`).click();
  await expect(input).toHaveValue('');
  await page.locator('.ant-modal-footer .ant-btn').first().click();
  // The written cell opens with its own stored value.
  await page.getByTestId(`score-${employeeNo}-written`).click();
  await expect(input).toHaveValue('77.00');
  // 120 and −5 are field errors: nothing is clamped, nothing is saved.
  for (const bad of ['120', '-5']) {
    await input.fill(bad);
    await ok.click();
    await expect(page.locator('.ant-modal .ant-form-item-explain-error')).toHaveText(lang === 'zh' ? '成绩应在 0–100 之间' : 'A score is from 0 to 100');
  }
  await page.locator('.ant-modal-footer .ant-btn').first().click();
  const scores = (await api(page, 'GET', `/api/v1/cycles/${cycle.id}/scores?page_size=200`)).body.items.find((l: { application_id: number }) => l.application_id === application).scores;
  expect(scores.map((s: { component: string; score: number }) => [s.component, s.score])).toEqual([['written', 77]]);
});
