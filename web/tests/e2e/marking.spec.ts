// Marking short answers (阅卷) in the browser. An examiner on a phone takes answers from the queue
// by candidate number (no name on the page), ticks scoring points that add up into the mark,
// submits with a click and with Enter, finds the form empty for each new answer, skips one, reloads
// back to the open claim, sees a mark given elsewhere refused as final and a bad comment refused on
// its field, and ends with nothing left: first for another marker, then all marked. HR then follows
// the marking and the workload in the cycle's written-exam section, regrades after a key correction
// (a dry run listing every change and the question left out, then an apply with a reason) and finds
// the written scores in the score sheet, from the online exam.
//
// Both browser projects run at once against one server: each prepares its own questions (a
// knowledge point of its own, so that no other test's paper is touched by the key correction), a
// cycle, three engineers with accounts, a fixed paper of four single-choice questions and two short
// answers marked once (double and third marking are the API test's), and a sitting they submit.
import { test, expect, signIn, type Page } from './fixtures';
import { Client } from '../api/harness.mjs';
import { examCycle, iso, ok, signedIn, staff, url, type Taker } from './examSetup';

const T = {
  'zh-CN': {
    lang: 'zh', nav: '阅卷', first: '一评', final: '该题已评分，评分提交后不能修改', bidi: '文字方向控制字符', others: '剩余答案需由其他阅卷人评阅',
    done: '本组卷规则的答案已全部评完', left: (n: number) => `剩余 ${n} 份`, mine: (n: number) => `我已评 ${n} 份`, reasonRequired: '请填写重新判分的原因',
    dryRun: (a: number, n: number) => `已检查 ${a} 份已交试卷，${n} 份的成绩将改变`, applied: (a: number, n: number) => `已应用：${a} 份已交试卷中 ${n} 份的成绩已更新`,
    // antd spaces out a two-character Chinese button label ("应 用").
    optionsChanged: '选项已改变', apply: /^应\s*用$/, fromExam: '在线笔试',
  },
  'en-US': {
    lang: 'en', nav: 'Marking', first: 'First marking', final: 'This answer was marked; a mark once given is final', bidi: 'bidirectional control characters',
    others: 'The remaining answers are for other markers', done: 'Every answer of this blueprint is marked', left: (n: number) => `${n} left`, mine: (n: number) => `${n} marked by me`,
    reasonRequired: 'Give the reason for the regrade', dryRun: (a: number, n: number) => `${a} submitted papers checked; the scores of ${n} change`,
    applied: (a: number, n: number) => `Applied: the scores of ${n} of ${a} submitted papers were updated`, optionsChanged: 'options changed', apply: /^Apply$/, fromExam: 'Online exam',
  },
} as const;
type Locale = keyof typeof T;

const pts = (h: number | null) => (h === null ? '—' : (h / 100).toFixed(2));
const QUESTION_FIELDS = ['code', 'type', 'product_line', 'knowledge_point', 'ranks', 'difficulty', 'stem', 'options', 'correct', 'reference', 'rubric', 'explanation'];
const editable = (q: Record<string, unknown>) => Object.fromEntries(QUESTION_FIELDS.filter((k) => k in q).map((k) => [k, q[k]]));
const RUBRIC = [{ points: 6, text: '先断电并验电，确认无电' }, { points: 4, text: '对电容放电后再拆板' }];

// The questions, a cycle in its written-exam phase, three engineers who submit the fixed paper
// (two with every single-choice answer right, one with every one wrong; two short answers each).
async function prepare(lang: string) {
  const { hr, admin } = await staff(lang);
  const stamp = `${lang.toUpperCase()}${Date.now() % 1_000_000}`;
  const kp = `阅卷 E2E ${stamp}`;

  const base = { product_line: '家用空调', knowledge_point: kp, ranks: [2], difficulty: 3 };
  const singles: { id: number; code: string }[] = [];
  for (let i = 0; i < 4; i++) {
    const q = await hr.post('/api/v1/questions', {
      json: {
        ...base, code: `MK-${stamp}-S${i}`, type: 'single',
        stem: { zh: `阅卷演练 ${stamp}：第 ${i + 1} 项检查应先做哪一步？`, en: `Marking drill ${stamp}: what comes first in check ${i + 1}?` },
        options: [{ key: 'A', label: { zh: `断电（${i}）`, en: `Power off (${i})` } }, { key: 'B', label: { zh: `通电（${i}）`, en: `Power on (${i})` } }, { key: 'C', label: { zh: `敲击（${i}）`, en: `Knock (${i})` } }],
        correct: ['A'],
      },
    });
    ok(q, 201);
    singles.push({ id: q.body.id, code: q.body.code });
  }
  for (let i = 0; i < 2; i++) {
    const q = await hr.post('/api/v1/questions', {
      json: {
        ...base, code: `MK-${stamp}-A${i}`, type: 'short_answer',
        stem: { zh: `阅卷演练 ${stamp}：简述第 ${i + 1} 类控制板检修前的安全步骤。`, en: `Marking drill ${stamp}: the safety steps before servicing control board ${i + 1}.` },
        reference: '断电并上锁挂牌；验电确认无电；对大电容放电后再拆板。', rubric: RUBRIC,
      },
    });
    ok(q, 201);
  }

  const cycleName = `E2E 阅卷 ${stamp}`;
  const { cycle, takers } = await examCycle(hr, { name: cycleName, prefix: `MK${stamp}`, engineers: ['甲', '乙', '丙'].map((n) => ({ name: `阅卷考生${n}${stamp}`, rank: 1 })) });

  const range = { knowledge_point: kp, difficulty_min: 1, difficulty_max: 5 };
  const blueprint = await hr.post(`/api/v1/cycles/${cycle}/blueprints`, {
    json: {
      target_rank: 2, duration_minutes: 30, fixed: true, double_marking: false,
      sections: [
        { ...range, title: { zh: '单选题', en: 'Single choice' }, types: ['single'], count: 4, points: 2000 },
        { ...range, title: { zh: '简答题', en: 'Short answer' }, types: ['short_answer'], count: 2, points: 1000 },
      ],
    },
  });
  ok(blueprint, 201);
  expect(blueprint.body.double_marking).toBe(false);
  const now = Date.now();
  const sitting = await hr.post(`/api/v1/blueprints/${blueprint.body.id}/sittings`, { json: { name: `阅卷场次 ${stamp}`, opens_at: iso(now - 5 * 60_000), closes_at: iso(now + 3 * 3600_000), capacity: 10 } });
  ok(sitting, 201);
  ok(await hr.post(`/api/v1/sittings/${sitting.body.id}/candidates`, { json: { application_ids: takers.map((x) => x.application) } }));

  const accounts = await signedIn(admin, takers, lang);
  for (const c of takers.keys()) {
    const me = accounts[c].client;
    const attempt = await me.post('/api/v1/attempts', { json: { sitting_id: sitting.body.id, device: `mk-${c}` } });
    ok(attempt);
    let seq = 1;
    for (const q of attempt.body.questions as { question_id: number; type: string }[]) {
      const answer = q.type === 'single' ? (c < 2 ? 'A' : 'B') : `第一步：断电并验电（考生 ${c + 1}）。\n第二步：对电容放电，再拆控制板。`;
      ok(await me.request('PUT', `/api/v1/attempts/${attempt.body.id}/answers/${q.question_id}`, { json: { seq: seq++, answer, device: `mk-${c}` } }));
    }
    const done = await me.post(`/api/v1/attempts/${attempt.body.id}/submit`);
    ok(done);
    expect(done.body.pending).toBe(2);
  }
  return { hr, cycle, cycleName, blueprint: blueprint.body.id as number, sitting: sitting.body.id as number, takers, singles };
}

const taskId = async (page: Page) => Number(await page.getByTestId('marking-task').getAttribute('data-task-id'));
const markInput = (page: Page) => page.locator('[data-testid="mark-points"] input, input[data-testid="mark-points"]').first();

test('an examiner marks short answers blind on a phone; HR follows the marking, regrades and finds the written scores', async ({ browser }, info) => {
  test.setTimeout(180_000);
  const t = T[info.project.name as Locale];
  const { hr, cycle, cycleName, blueprint, sitting, takers, singles } = await prepare(t.lang);
  const examiner = new Client(url());
  ok(await examiner.login('examiner'));
  // HR holds one answer: the examiner's last answers will be for another marker.
  const held = (await hr.post(`/api/v1/blueprints/${blueprint}/marking/next`)).body.task;
  expect(held.round).toBe(1);

  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: info.project.name });
  const page = await phone.newPage();
  await signIn(page, t.lang, 'examiner', 'api-test-pass');
  await expect(page.getByTestId('current-user')).toBeVisible();

  // From the phone's menu to the queue: the blueprint with six answers waiting, none marked by me.
  await page.getByTestId('menu-button').click();
  await page.getByTestId('phone-menu').getByRole('menuitem', { name: t.nav }).click();
  await expect(page).toHaveURL(/\/marking$/);
  const card = page.getByTestId(`queue-${blueprint}`);
  await expect(card).toContainText(cycleName);
  await expect(card.getByTestId('queue-waiting')).toHaveText('6');
  await expect(card.getByTestId('queue-mine')).toHaveText('0');
  await card.getByTestId('marking-start').click();
  await expect(page).toHaveURL(new RegExp(`/marking/${blueprint}$`));

  // Blind: the candidate's number, never a name or an employee number.
  await expect(page.getByTestId('task-round')).toHaveText(t.first);
  await expect(page.getByTestId('task-candidate')).toHaveText(new RegExp(`^${sitting}-000[123]$`));
  await expect(page.getByTestId('task-answer')).toContainText('第二步：对电容放电');
  await expect(page.getByTestId('task-left')).toHaveText(t.left(6));
  await expect(page.getByTestId('task-time')).toContainText(/(29|30):\d\d/);
  const text = await page.locator('body').innerText();
  for (const x of takers) {
    expect(text).not.toContain(x.name);
    expect(text).not.toContain(x.employee_no);
  }
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  // Ticked scoring points add up into the mark; a click submits and the next answer starts empty.
  const first = await taskId(page);
  const tick = (i: number) => page.getByTestId(`rubric-${i}`).click();
  await tick(0);
  await expect(markInput(page)).toHaveValue('6.00');
  await tick(1);
  await expect(markInput(page)).toHaveValue('10.00');
  await tick(0);
  await expect(markInput(page)).toHaveValue('4.00');
  await page.getByTestId('mark-comment').fill('只答到放电');
  await page.getByTestId('mark-submit').click();
  await expect.poll(() => taskId(page)).not.toBe(first);
  await expect(markInput(page)).toHaveValue('');
  await expect(page.getByTestId('mark-comment')).toHaveValue('');
  await expect(page.getByTestId('rubric').locator('.ant-checkbox-wrapper-checked')).toHaveCount(0);
  await expect(page.getByTestId('task-mine')).toHaveText(t.mine(1));
  const given = (await examiner.get(`/api/v1/marks/${first}`)).body;
  expect([given.points, given.comment]).toEqual([400, '只答到放电']);

  // Enter in the mark submits.
  const second = await taskId(page);
  await markInput(page).fill('7.5');
  await markInput(page).press('Enter');
  await expect.poll(() => taskId(page)).not.toBe(second);
  await expect(markInput(page)).toHaveValue('');
  expect((await examiner.get(`/api/v1/marks/${second}`)).body.points).toBe(750);

  // Skipping hands the answer back and takes the next; a reload comes back to the open claim.
  const third = await taskId(page);
  await markInput(page).fill('3');
  await page.getByTestId('mark-skip').click();
  await expect.poll(() => taskId(page)).not.toBe(third);
  expect((await examiner.get(`/api/v1/marks/${third}`)).status).toBe(404);
  await expect(markInput(page)).toHaveValue('');
  const open = await taskId(page);
  const candidate = await page.getByTestId('task-candidate').textContent();
  await page.reload();
  await expect(page.getByTestId('marking-task')).toHaveAttribute('data-task-id', String(open));
  await expect(page.getByTestId('task-candidate')).toHaveText(candidate!);

  // A mark given meanwhile (another tab) is final: the page says so and offers the next answer.
  ok(await examiner.request('PUT', `/api/v1/marks/${open}`, { json: { points: 500 } }));
  await markInput(page).fill('8');
  await page.getByTestId('mark-submit').click();
  await expect(page.getByTestId('mark-problem')).toContainText(t.final);
  await page.getByTestId('mark-next').click();
  await expect.poll(() => taskId(page)).not.toBe(open);
  expect((await examiner.get(`/api/v1/marks/${open}`)).body.points).toBe(500);

  // The server's refusal of a field shows on that field; corrected, Ctrl+Enter in the comment submits.
  const fifth = await taskId(page);
  await markInput(page).fill('9');
  await page.getByTestId('mark-comment').fill('要点齐全\u202e');
  await page.getByTestId('mark-submit').click();
  await expect(page.locator('.ant-form-item', { has: page.getByTestId('mark-comment') }).locator('.ant-form-item-explain-error')).toContainText(t.bidi);
  await page.getByTestId('mark-comment').fill('要点齐全');
  await page.getByTestId('mark-comment').press('Control+Enter');
  await expect.poll(() => taskId(page)).not.toBe(fifth);
  expect((await examiner.get(`/api/v1/marks/${fifth}`)).body.points).toBe(900);

  // The last answer the examiner may take; then the one HR holds is for another marker.
  await page.getByTestId('rubric-0').click();
  await page.getByTestId('rubric-1').click();
  await page.getByTestId('mark-submit').click();
  await expect(page.getByTestId('marking-none')).toContainText(t.others);
  ok(await hr.request('PUT', `/api/v1/marks/${held.id}`, { json: { points: 600 } }));
  await page.getByTestId('marking-again').click();
  await expect(page.getByTestId('marking-none')).toContainText(t.done);
  await phone.close();

  // HR at 1280 px: the progress and the workload in the written-exam section.
  const desk = await browser.newContext({ locale: info.project.name });
  const hrPage = await desk.newPage();
  await signIn(hrPage, t.lang, 'hr', 'api-test-pass');
  await expect(hrPage.getByTestId('current-user')).toBeVisible();
  await hrPage.goto(`/cycles/${cycle}`);
  const progress = hrPage.getByTestId(`marking-progress-${blueprint}`);
  await expect(progress.getByTestId('marking-settled').locator('.ant-statistic-content')).toHaveText('6', { timeout: 15_000 });
  await expect(progress.getByTestId('marking-waiting-first').locator('.ant-statistic-content')).toHaveText('0');
  await expect(progress.getByTestId('marking-pending').locator('.ant-statistic-content')).toHaveText('0');
  const load = (await hr.get(`/api/v1/blueprints/${blueprint}/marking`)).body.markers as { user_id: number; name: string; marked: number }[];
  expect(load.map((m) => m.marked).sort()).toEqual([1, 5]);
  for (const m of load) {
    const row = progress.getByTestId(`marker-${m.user_id}`);
    await expect(row).toContainText(m.name);
    await expect(row.locator('td').nth(1)).toHaveText(String(m.marked));
  }

  // The score sheet before the regrade: each written score from the online exam.
  const writtenOf = async () => {
    const lines = (await hr.get(`/api/v1/cycles/${cycle}/scores?page_size=200`)).body.items as { application_id: number; scores: { component: string; score: number; source: string }[] }[];
    return new Map(takers.map((x) => [x.employee_no, lines.find((l) => l.application_id === x.application)!.scores.find((s) => s.component === 'written')!]));
  };
  const before = await writtenOf();
  for (const x of takers) expect(before.get(x.employee_no)!.source).toBe('exam');

  // A key corrected (A → B) and a question given another option: the dry run lists every change
  // and the question left out, with why.
  const fixed = (await hr.get(`/api/v1/questions/${singles[0].id}`)).body;
  ok(await hr.request('PUT', `/api/v1/questions/${fixed.id}`, { json: { ...editable(fixed), correct: ['B'] } }));
  const grown = (await hr.get(`/api/v1/questions/${singles[1].id}`)).body;
  ok(await hr.request('PUT', `/api/v1/questions/${grown.id}`, { json: { ...editable(grown), options: [...grown.options, { key: 'D', label: { zh: '以上都不对', en: 'None of these' } }] } }));
  await progress.getByTestId('regrade-open').click();
  const dialog = hrPage.getByTestId('regrade-dialog');
  await expect(dialog.getByTestId('regrade-summary')).toContainText(t.dryRun(3, 3));
  for (const [c, x] of takers.entries()) {
    const row = dialog.getByTestId(`regrade-${x.application}`);
    const old = Math.round(before.get(x.employee_no)!.score * 100);
    const now = c < 2 ? old - 2000 : old + 2000;
    await expect(row).toContainText(new RegExp(`^${sitting}-000[123]`));
    await expect(row).toContainText(x.employee_no);
    await expect(row).toContainText(x.name);
    await expect(row.getByTestId('regrade-score')).toHaveText(`${pts(old)}${pts(now)}`);
    await expect(row.getByTestId('regrade-question')).toHaveText(c < 2 ? `${singles[0].code}20.000.00` : `${singles[0].code}0.0020.00`);
  }
  await expect(dialog.getByTestId('regrade-skipped')).toContainText(singles[1].code);
  await expect(dialog.getByTestId('regrade-skipped')).toContainText(t.optionsChanged);
  // A dry run changed nothing.
  expect([...(await writtenOf()).values()].map((s) => s.score)).toEqual([...before.values()].map((s) => s.score));

  // Applying needs a reason and a confirmation.
  await hrPage.getByTestId('regrade-apply').click();
  await expect(dialog.locator('.ant-form-item-explain-error')).toHaveText(t.reasonRequired);
  await dialog.getByTestId('regrade-reason').fill(`${singles[0].code} 答案更正`);
  await hrPage.getByTestId('regrade-apply').click();
  await hrPage.locator('.ant-modal-confirm').getByRole('button', { name: t.apply }).click();
  await expect(dialog.getByTestId('regrade-applied')).toHaveText(t.applied(3, 3));
  await hrPage.getByTestId('regrade-close').click();
  await expect(dialog).toBeHidden();

  // The score sheet: the new written scores, from the online exam.
  const after = await writtenOf();
  for (const [c, x] of takers.entries()) {
    const old = Math.round(before.get(x.employee_no)!.score * 100);
    expect(Math.round(after.get(x.employee_no)!.score * 100)).toBe(c < 2 ? old - 2000 : old + 2000);
    const cell = hrPage.getByTestId('scores-table').getByTestId(`score-${x.employee_no}-written`);
    await expect(cell).toContainText(pts(Math.round(after.get(x.employee_no)!.score * 100)), { timeout: 20_000 });
    await expect(cell.getByTestId('score-source-exam')).toHaveText(t.fromExam);
  }

  // The blueprint's marking rule as saved: single marking.
  await hrPage.getByTestId('blueprint-2-edit').click();
  await expect(hrPage.getByTestId('blueprint-double-marking')).toHaveAttribute('aria-checked', 'false');
  await desk.close();
});
