// The online written exam as HR and proctors run it: HR writes a blueprint the bank cannot fill and
// sees the section's shortfall, fixes it (the total follows every change), opens a sitting, proctors
// it with an examiner and places the eligible candidates (one taken out again); the examiner opens
// the room, gives a candidate more time with a reason, and the room fits a phone.
//
// Both browser projects run at once against one server: each prepares a cycle of its own.
import { test, expect, signIn, api, runJob, type Page } from './fixtures';

const PASSWORD = 'api-test-pass';
const T = {
  'zh-CN': {
    lang: 'zh', title: '笔试', blueprints: '组卷规则', sittings: '考试场次',
    total: (n: string) => `合计 ${n} 分`,
    short: /^第 1 节（单选题）缺 \d+ 题：题库中符合条件的有 \d+ 题，需要 100 题$/,
    summary: '4 节 · 44 题 · 100.00 分 · 90 分钟', bankOk: '题库充足', saved: '的组卷规则已保存',
    sitting: '第一场（线上）', open: '进行中', tooFew: '监考不足', ready: '已就绪',
    added: '已添加 3 名考生', removed: '移出本场次', seats: '2 / 30 人', proctorSaved: '的监考已保存',
    waiting: '未开始', extended: '延长 10 分钟', extra: '已延时 10 分钟', reason: '考场断网', refresh: '每 5 秒自动刷新',
  },
  'en-US': {
    lang: 'en', title: 'Written exam', blueprints: 'Blueprints', sittings: 'Sittings',
    total: (n: string) => `Total ${n} points`,
    short: /^Section 1 \(Single choice\) lacks \d+ questions: the bank has \d+ that match, 100 are needed$/,
    summary: '4 sections · 44 questions · 100.00 points · 90 min', bankOk: 'Bank can fill it', saved: 'Blueprint for',
    sitting: 'First sitting (remote)', open: 'Open', tooFew: 'Too few proctors', ready: 'Ready',
    added: '3 candidates added', removed: 'taken out of the sitting', seats: '2 / 30', proctorSaved: 'Proctors of',
    waiting: 'Not started', extended: 'got 10 more minutes', extra: '+10 min', reason: 'The room lost its network', refresh: 'Refreshes every 5 s',
  },
} as const;
type Locale = keyof typeof T;

async function login(page: Page, user: string, lang: string) {
  await signIn(page, lang, user, PASSWORD);
  await expect(page.getByTestId('current-user')).toBeVisible();
}

// Confirms the open pop-up (Popconfirm) from the keyboard and waits until it has gone.
async function confirmPopup(page: Page) {
  const confirm = page.locator('.ant-popconfirm:visible .ant-btn-primary');
  await expect(confirm).toBeVisible();
  await confirm.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('.ant-popconfirm:visible')).toHaveCount(0);
}

// Adds an option to a multiple Select; a click that lands while the pop-up still moves in is made
// again, until the choice shows in the field.
async function choose(page: Page, select: string, option: string) {
  const popup = page.locator('.ant-select-dropdown:visible');
  const chosen = page.locator(select).locator('.ant-select-selection-item', { hasText: option });
  await expect(async () => {
    if (!(await chosen.count())) {
      if (!(await popup.count())) await page.locator(select).click();
      await popup.locator('.ant-select-item-option:not(.ant-select-item-option-selected)', { hasText: option }).first().click({ timeout: 2000 });
    }
    await expect(chosen).toHaveCount(1, { timeout: 1000 });
  }).toPass();
  if (await popup.count()) await page.keyboard.press('Escape');
  await expect(popup).toHaveCount(0);
}

// A cycle of its own in the written-exam phase, with three engineers of level 1 eligible for level 2.
async function prepareCycle(page: Page, lang: string) {
  const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
  const phases = [['application', -20, -11], ['eligibility_review', -10, -3], ['written_exam', -2, 10]].map(([phase, a, b]) => ({
    phase, starts_on: day(a as number), ends_on: day(b as number), responsible_role: 'hr',
  }));
  const made = await api(page, 'POST', '/api/v1/cycles', { name: `E2E 笔试 ${lang} ${Date.now() % 100000}`, scheme_id: 1, kind: 'promotion', open_ranks: [1, 2, 3, 4, 5], cutoff_date: day(-11), phases });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  const id = made.body.id as number;
  const move = async (to: string) => {
    const cur = await api(page, 'GET', `/api/v1/cycles/${id}`);
    const r = await api(page, 'POST', `/api/v1/cycles/${id}/transition`, { to }, cur.body.version);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  };
  await move('application');
  const juniors = (await api(page, 'GET', '/api/v1/engineers?rank=1&status=active&page_size=20&sort=employee_no')).body.items as { id: number }[];
  const mine = lang === 'zh' ? juniors.slice(0, 3) : juniors.slice(3, 6);
  expect(mine).toHaveLength(3);
  for (const e of mine) {
    const r = await api(page, 'POST', `/api/v1/cycles/${id}/applications`, { engineer_id: e.id, target_rank: 2 });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
  }
  await move('eligibility_review');
  expect((await runJob(page, `/api/v1/cycles/${id}/eligibility-review`)).state).toBe('succeeded');
  for (const a of (await api(page, 'GET', `/api/v1/cycles/${id}/applications?page_size=50`)).body.items as { id: number; status: string }[])
    if (a.status !== 'eligible') expect((await api(page, 'POST', `/api/v1/applications/${a.id}/override`, { eligible: true, reason: 'E2E 笔试' })).status).toBe(200);
  await move('written_exam');
  return id;
}

// "YYYY-MM-DD HH:mm" in the page's own time zone, minutes from now.
const localTime = (page: Page, minutes: number) =>
  page.evaluate((m) => {
    const d = new Date(Date.now() + m * 60_000);
    const p = (n: number) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
  }, minutes);

test('HR sets up the written exam and the proctor watches the room', async ({ page, browser }, info) => {
  test.setTimeout(150_000);
  const t = T[info.project.name as Locale];
  await login(page, 'hr', t.lang);
  const cycle = await prepareCycle(page, t.lang);
  await page.goto(`/cycles/${cycle}`);
  const section = page.getByTestId('written-exam');
  await expect(section).toContainText(t.title);
  await expect(section).toContainText(t.blueprints);
  await expect(section).toContainText(t.sittings);

  // A blueprint the bank cannot fill: 100 single-choice questions of level 2. The total follows each change.
  await page.getByTestId('blueprint-2-create').click();
  const drawer = page.getByTestId('blueprint-drawer');
  const total = page.getByTestId('blueprint-total');
  await expect(total).toContainText(t.total('100.00'));
  await drawer.locator('[data-testid="section-0-count"] input, input[data-testid="section-0-count"]').fill('100');
  await expect(total).toContainText(t.total('260.00'));
  await expect(page.getByTestId('section-0-subtotal')).toContainText('200.00');
  await drawer.locator('[data-testid="section-0-points"] input, input[data-testid="section-0-points"]').fill('0.4');
  await expect(total).toContainText(t.total('100.00'));
  await page.getByTestId('blueprint-save').click();
  const shortfall = page.getByTestId('section-0-shortfall');
  await expect(shortfall).toBeVisible();
  expect((await shortfall.innerText()).trim()).toMatch(t.short);
  // Only the section the server named shows it.
  await expect(page.locator('[data-testid$="-shortfall"]')).toHaveCount(1);
  // Fixed: 20 questions of 2.00; the section's message goes with the change.
  await drawer.locator('[data-testid="section-0-count"] input, input[data-testid="section-0-count"]').fill('20');
  await expect(shortfall).toHaveCount(0);
  await drawer.locator('[data-testid="section-0-points"] input, input[data-testid="section-0-points"]').fill('2');
  await expect(total).toContainText(t.total('100.00'));
  await page.getByTestId('blueprint-save').click();
  await expect(page.locator('.ant-message')).toContainText(t.saved);
  const row = page.getByTestId('blueprint-2');
  await expect(row).toContainText(t.summary);
  await expect(row).toContainText(t.bankOk);

  // A remote sitting open now: without a proctor it is not ready.
  await row.getByTestId('blueprint-2-sitting').click();
  const sittingDrawer = page.getByTestId('sitting-drawer');
  await expect(sittingDrawer).toBeVisible();
  await page.getByTestId('sitting-name').fill(t.sitting);
  for (const [id, minutes] of [['sitting-opens', -5], ['sitting-closes', 180]] as const) {
    const input = sittingDrawer.locator(`[data-testid="${id}"] input, input[data-testid="${id}"]`).first();
    await input.click();
    await input.fill(await localTime(page, minutes));
    await input.press('Enter');
  }
  await sittingDrawer.locator('[data-testid="sitting-capacity"] input, input[data-testid="sitting-capacity"]').fill('30');
  const created = page.waitForResponse((r) => r.url().includes('/sittings') && r.request().method() === 'POST');
  await page.getByTestId('sitting-save').click();
  expect((await created).status()).toBe(201);
  const sittings = page.getByTestId('sittings-table');
  await expect(sittings).toContainText(t.sitting);
  await expect(sittings.getByTestId('sitting-state')).toHaveText(t.open);
  await expect(sittings.getByTestId('sitting-problem')).toContainText(t.tooFew);

  // HR chooses themselves and the examiner from the accounts that may proctor.
  await sittings.getByTestId('sitting-proctors').click();
  const me = (await api(page, 'GET', '/api/v1/auth/me')).body.user as { id: number; display_name: string };
  await choose(page, '[data-testid="proctors-select"]', me.display_name);
  await choose(page, '[data-testid="proctors-select"]', '考评员 李强');
  await page.getByTestId('proctors-save').click();
  await expect(page.locator('.ant-message')).toContainText(t.proctorSaved);
  await expect(sittings).toContainText(t.ready);

  // Every eligible candidate of the level, then one taken out before they started.
  await sittings.getByTestId('sitting-candidates').click();
  const dialog = page.getByTestId('candidates-dialog');
  await dialog.getByTestId('candidates-add-all').click();
  await confirmPopup(page);
  await expect(page.locator('.ant-message')).toContainText(t.added);
  const sittingId = (await api(page, 'GET', `/api/v1/cycles/${cycle}/sittings`)).body.items[0].id as number;
  const numbers = [1, 2, 3].map((n) => `${sittingId}-${String(n).padStart(4, '0')}`);
  for (const no of numbers) await expect(dialog.getByTestId('candidates-table')).toContainText(no);
  await dialog.getByTestId(`remove-${numbers[2]}`).click();
  await confirmPopup(page);
  await expect(page.locator('.ant-message')).toContainText(t.removed);
  await expect(dialog.getByTestId('candidates-count')).toHaveText(t.seats);
  await expect(dialog.getByTestId('candidates-table')).not.toContainText(numbers[2]);

  const examinerId = (await api(page, 'GET', '/api/v1/proctors')).body.items.find((u: { username: string }) => u.username === 'examiner').id;
  expect((await api(page, 'GET', `/api/v1/sittings/${sittingId}`)).body.proctors.sort()).toEqual([me.id, examinerId].sort());

  // The examiner finds the sitting on the cycle page and opens the room.
  const examinerContext = await browser.newContext({ locale: info.project.name });
  const examiner = await examinerContext.newPage();
  await login(examiner, 'examiner', t.lang);
  await examiner.goto(`/cycles/${cycle}`);
  const theirs = examiner.getByTestId('written-exam');
  await expect(theirs).toContainText(t.sitting);
  await expect(theirs.getByTestId('blueprints-table')).toHaveCount(0);
  await theirs.getByTestId('sitting-room').click();
  await expect(examiner).toHaveURL(new RegExp(`/sittings/${sittingId}/room$`));
  await expect(examiner.getByTestId('room-title')).toHaveText(t.sitting);
  await expect(examiner.getByTestId('room-state')).toHaveText(t.open);
  await expect(examiner.getByTestId('room-refresh').first()).toContainText(t.refresh);
  const first = examiner.getByTestId(`line-${numbers[0]}`);
  await expect(first).toContainText(t.waiting);
  await expect(examiner.getByTestId(`line-${numbers[2]}`)).toHaveCount(0);

  // More time needs a reason before it can be confirmed.
  await first.getByTestId(`extend-${numbers[0]}`).click();
  const ok = examiner.getByTestId('extend-ok');
  await expect(ok).toBeDisabled();
  await examiner.getByTestId('extend-reason').fill(t.reason);
  await expect(ok).toBeEnabled();
  await ok.click();
  await expect(examiner.locator('.ant-message')).toContainText(t.extended);
  await expect(first).toContainText(t.extra);
  const audit = await api(examiner, 'GET', `/api/v1/sittings/${sittingId}/room`);
  expect(audit.body.items.find((l: { candidate_no: string }) => l.candidate_no === numbers[0]).extra_minutes).toBe(10);

  // On a phone the room is a list of cards that fits the screen.
  await examiner.setViewportSize({ width: 390, height: 844 });
  await expect(examiner.getByTestId('room-table')).toHaveCount(0);
  await expect(examiner.getByTestId(`line-${numbers[1]}`)).toBeVisible();
  expect(await examiner.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await examinerContext.close();
});
