import { test, expect, signIn, api, runJob, type Page } from './fixtures';

// An engineer takes the written exam on a phone: answers, loses the network for 30 s while
// answering, sees every answer saved when it is back, reloads and resumes, and lets the time run
// out; the attempt is submitted by the deadline. No response the exam page receives carries a key.
const KEY_FIELDS = ['"correct"', '"reference"', '"rubric"', '"explanation"', '"normalise"'];

async function sittingFor(hr: Page, engineerId: number, lang: string, closesInMs: number) {
  const phases = [['application', '2026-11-01', '2026-11-30'], ['eligibility_review', '2026-12-01', '2026-12-05'], ['written_exam', '2026-12-06', '2026-12-10']]
    .map(([phase, starts_on, ends_on]) => ({ phase, starts_on, ends_on, responsible_role: 'hr' }));
  const made = await api(hr, 'POST', '/api/v1/cycles', { name: `Exam ${lang} ${Date.now() % 100000}`, scheme_id: 1, kind: 'promotion', open_ranks: [1, 2, 3, 4, 5], cutoff_date: '2026-11-30', phases });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  let cycle = made.body;
  const move = async (to: string) => {
    const r = await api(hr, 'POST', `/api/v1/cycles/${cycle.id}/transition`, { to }, cycle.version);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    cycle = r.body;
  };
  await move('application');
  // The engineer applies for the next level up as the cycle counts it: their level at the cut-off,
  // which is not today's when other tests promoted them since (so the levels nearest are tried).
  let target = 0;
  let applied = { status: 0, body: {} as { id?: number } };
  const self = (await api(hr, 'GET', `/api/v1/engineers/${engineerId}`)).body;
  const near = [1, 2, 3, 4, 5].sort((a, b) => Math.abs(a - self.rank - 1) - Math.abs(b - self.rank - 1));
  for (const t of near) {
    target = t;
    applied = await api(hr, 'POST', `/api/v1/cycles/${cycle.id}/applications`, { engineer_id: engineerId, target_rank: target });
    if (applied.status === 201) break;
  }
  if (applied.status !== 201) {
    // Promoted to the top by other tests: put back at level 1 (as of today) and apply for level 2.
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const set = await api(hr, 'POST', `/api/v1/engineers/${engineerId}/levels`, { rank: 1, since: today, note: 'e2e' });
    expect(set.status, JSON.stringify(set.body)).toBe(201);
    target = 2;
    applied = await api(hr, 'POST', `/api/v1/cycles/${cycle.id}/applications`, { engineer_id: engineerId, target_rank: target });
  }
  expect(applied.status, JSON.stringify(applied.body)).toBe(201);
  await move('eligibility_review');
  expect((await runJob(hr, `/api/v1/cycles/${cycle.id}/eligibility-review`)).state).toBe('succeeded');
  expect((await api(hr, 'POST', `/api/v1/applications/${applied.body.id}/override`, { eligible: true, reason: 'e2e' })).status).toBe(200);
  await move('written_exam');
  const blueprint = await api(hr, 'POST', `/api/v1/cycles/${cycle.id}/blueprints`, {
    target_rank: target,
    duration_minutes: 30,
    sections: [
      { title: { zh: '单选题', en: 'Single choice' }, types: ['single'], count: 5, points: 1000 },
      { title: { zh: '判断题', en: 'True or false' }, types: ['true_false'], count: 5, points: 1000 },
    ],
  });
  expect(blueprint.status, JSON.stringify(blueprint.body)).toBe(201);
  const now = Date.now();
  const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
  const name = `${lang === 'en' ? 'Sitting' : '场次'} ${now % 100000}`;
  const sitting = await api(hr, 'POST', `/api/v1/blueprints/${blueprint.body.id}/sittings`, { name, opens_at: iso(now - 40 * 60_000), closes_at: iso(now + closesInMs), capacity: 10 });
  expect(sitting.status, JSON.stringify(sitting.body)).toBe(201);
  expect((await api(hr, 'POST', `/api/v1/sittings/${sitting.body.id}/candidates`, { application_ids: [applied.body.id] })).body).toEqual({ added: 1 });
  return { sitting: sitting.body.id as number, name };
}

test('an engineer takes the exam on a phone through a network loss, a reload and the end of time', async ({ browser }, info) => {
  test.setTimeout(180_000);
  const lang = info.project.name === 'en-US' ? 'en' : 'zh';
  const hrContext = await browser.newContext();
  const hr = await hrContext.newPage();
  await signIn(hr, lang, 'hr', 'api-test-pass');
  await expect(hr.getByTestId('current-user')).toBeVisible();

  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: info.project.name });
  const page = await phone.newPage();
  const bodies: string[] = [];
  page.on('response', async (r) => {
    if (r.url().includes('/api/v1/attempts') || r.url().includes('/api/v1/me/exams')) bodies.push(await r.text().catch(() => ''));
  });
  await signIn(page, lang, 'engineer', 'api-test-pass');
  await expect(page.getByTestId('current-user')).toBeVisible();
  const me = (await api(page, 'GET', '/api/v1/auth/me')).body.user;
  const { sitting, name } = await sittingFor(hr, me.engineer_id, lang, 80_000);

  // The exam list (from the phone's menu) shows the sitting with its candidate number.
  await page.goto('/exams');
  const card = page.locator('.ant-card', { hasText: name });
  await expect(card).toContainText(`${sitting}-0001`);
  await card.getByRole('button', { name: lang === 'zh' ? '开始考试' : 'Start the exam' }).click();
  await expect(page.getByRole('timer')).toBeVisible();
  const status = page.getByTestId('save-status');
  const saved = lang === 'zh' ? '已保存' : 'Saved';
  await page.getByRole('button', { name: lang === 'zh' ? '显示全部' : 'Show all' }).click();
  const cards = page.locator('[data-question]');
  await expect(cards).toHaveCount(10);
  const answer = async (i: number) => {
    const c = cards.nth(i);
    await c.scrollIntoViewIfNeeded();
    await c.locator('.ant-radio-wrapper, .ant-radio-button-wrapper').first().click();
  };
  for (let i = 0; i < 3; i++) await answer(i);
  await expect(status).toHaveText(saved);

  // Offline for 30 s while answering: the page says so and keeps the answers.
  await phone.setOffline(true);
  await answer(3);
  await expect(status).toHaveText(lang === 'zh' ? '离线：未上传' : 'Offline: not sent', { timeout: 10_000 });
  await expect(page.getByText(lang === 'zh' ? '网络已断开' : 'The network is down', { exact: false })).toBeVisible();
  for (let i = 4; i < 7; i++) {
    await page.waitForTimeout(7_000);
    await answer(i);
  }
  await page.waitForTimeout(9_000);
  await expect(status).not.toHaveText(saved);
  await phone.setOffline(false);
  await expect(status).toHaveText(saved, { timeout: 15_000 });
  const stored = (await api(page, 'GET', `/api/v1/me/exams`)).body.items.find((e: { sitting_id: number }) => e.sitting_id === sitting);
  const attempt = (await api(page, 'GET', `/api/v1/attempts/${stored.attempt.id}`)).body;
  expect(attempt.answers).toHaveLength(7);

  // A reload resumes the attempt with its answers.
  await page.reload();
  await expect(page.getByRole('timer')).toBeVisible();
  await page.getByRole('button', { name: lang === 'zh' ? '显示全部' : 'Show all' }).click();
  await expect(page.locator('.ant-radio-wrapper-checked, .ant-radio-button-wrapper-checked')).toHaveCount(7);
  await expect(status).toHaveText(saved);

  // The time runs out: the attempt is submitted by the deadline.
  await expect(page.getByText(lang === 'zh' ? '考试时间到，已自动交卷' : 'Time was up; the exam was submitted for you')).toBeVisible({ timeout: 90_000 });
  const after = (await api(page, 'GET', `/api/v1/attempts/${stored.attempt.id}`)).body;
  expect(after.status).toBe('submitted');
  expect(after.submitted_by).toBe('deadline');

  // Nothing the exam page received held a key.
  expect(bodies.length).toBeGreaterThan(5);
  for (const b of bodies) for (const k of KEY_FIELDS) expect(b, k).not.toContain(k);
  await phone.close();
  await hrContext.close();
});
