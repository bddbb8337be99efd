// HR reads the item analysis (试题分析) of a sitting that four engineers sat, each answering so that
// the figures are known beforehand: eight single-choice questions on one paper, one everybody got
// right, one nobody did, one only the weakest candidate got right (with a distractor the strongest
// chose), one clean question and four in between. The page gives the reliability (KR-20) and its SEM,
// the flags in words, the clean question alone hidden by "flagged only", a question's option
// distribution under its row, and fits a 390 px phone. A sitting nobody sat says so.
//
// Both browser projects run at once against one server: each prepares a cycle and four engineers
// (with accounts) of its own.
import { test, expect, signIn, type Page } from './fixtures';
import { examCycle, iso, ok, signedIn, staff } from './examSetup';

const T = {
  'zh-CN': {
    lang: 'zh', title: '试题分析', candidates: '分析考生', reliability: '信度（KR-20）', hint: '越高越好',
    tooEasy: '过易', tooHard: '过难', weak: '区分度低', reversed: (k: string) => `干扰项 ${k} 反向`, rarely: (k: string) => `干扰项 ${k} 过弱`,
    correct: '正确答案', empty: '尚无已交卷的考生', sem: (v: string) => `${v} 分`,
  },
  'en-US': {
    lang: 'en', title: 'Item analysis', candidates: 'Candidates analysed', reliability: 'Reliability (KR-20)', hint: 'higher is better',
    tooEasy: 'Too easy', tooHard: 'Too hard', weak: 'Weak discrimination', reversed: (k: string) => `Distractor ${k} favoured by the upper group`, rarely: (k: string) => `Distractor ${k} rarely chosen`,
    correct: 'Correct', empty: 'No submitted attempts yet', sem: (v: string) => `${v} points`,
  },
} as const;
type Locale = keyof typeof T;


// The answer of each of the four candidates (strongest first) to each question, as the question's
// role: 'key' the correct option, 1–3 its first, second or third distractor. Totals 6, 5, 3, 2.
const ROLES = ['easy', 'hard', 'clean', 'reversed', 'half', 'most', 'most2', 'half2'] as const;
const ANSWERS: Record<(typeof ROLES)[number], ('key' | 1 | 2 | 3)[]> = {
  easy: ['key', 'key', 'key', 'key'],
  hard: [1, 1, 1, 1],
  clean: ['key', 1, 2, 3],
  reversed: [1, 1, 1, 'key'],
  half: ['key', 'key', 1, 2],
  most: ['key', 'key', 'key', 1],
  most2: ['key', 'key', 'key', 1],
  half2: ['key', 'key', 1, 2],
};

type Question = { id: number; code: string; key: string; distractors: string[] };

// A cycle of its own in the written-exam phase, four new engineers of level 1 eligible for level 2 with
// accounts, a fixed paper of eight single-choice questions, and a sitting open now in
// which all four submit the answers above. Answers the sitting, a second sitting nobody sat, and the
// questions by role.
async function sitAnalysedExam(lang: string) {
  const { hr, admin } = await staff(lang);
  const stamp = Date.now() % 1_000_000;
  const { cycle, takers: mine } = await examCycle(hr, {
    name: `E2E 试题分析 ${lang} ${stamp}`, prefix: `IA${lang.toUpperCase()}${stamp}`,
    engineers: [0, 1, 2, 3].map((i) => ({ name: `${lang === 'en' ? 'Analysis' : '分析'} ${i + 1}`, rank: 1 })),
  });
  const apps = mine.map((t) => t.application);

  // Eight questions of its own, each with four options, so that every role has its distractors.
  const kp = `试题分析 ${lang} ${stamp}`;
  for (let i = 0; i < 8; i++) {
    const q = await hr.post('/api/v1/questions', { json: {
      code: `IA-${lang.toUpperCase()}${stamp}-${i}`, type: 'single', product_line: '家用空调', knowledge_point: kp, ranks: [2], difficulty: 3,
      stem: { zh: `试题分析演练 ${stamp}：第 ${i + 1} 台机组的故障应先检查哪里？`, en: '' },
      options: ['电源', '传感器', '压缩机', '风机'].map((label, k) => ({ key: 'ABCD'[k], label: { zh: `${label}（${i + 1}）` } })), correct: ['A'],
    } });
    ok(q, 201);
  }
  const blueprint = await hr.post(`/api/v1/cycles/${cycle}/blueprints`, {
    json: { target_rank: 2, duration_minutes: 30, fixed: true, sections: [{ title: { zh: '单选题', en: 'Single choice' }, types: ['single'], knowledge_point: kp, count: 8, points: 1250 }] },
  });
  ok(blueprint, 201);
  const now = Date.now();
  const name = lang === 'en' ? `Analysed sitting ${now % 100000}` : `试题分析场次 ${now % 100000}`;
  const sitting = await hr.post(`/api/v1/blueprints/${blueprint.body.id}/sittings`, { json: { name, opens_at: iso(now - 5 * 60_000), closes_at: iso(now + 3 * 3600_000), capacity: 10 } });
  ok(sitting, 201);
  ok(await hr.post(`/api/v1/sittings/${sitting.body.id}/candidates`, { json: { application_ids: apps } }));
  const unsat = await hr.post(`/api/v1/blueprints/${blueprint.body.id}/sittings`, { json: { name: `${name} (2)`, opens_at: iso(now + 3600_000), closes_at: iso(now + 3 * 3600_000), capacity: 10 } });
  ok(unsat, 201);

  // Their accounts, each signed in with a password of their own.
  const accounts = await signedIn(admin, mine, lang);

  let questions: Question[] = [];
  for (const c of mine.keys()) {
    const me = accounts[c].client;
    const attempt = await me.post('/api/v1/attempts', { json: { sitting_id: sitting.body.id, device: `e2e-${c}` } });
    ok(attempt);
    if (!questions.length) {
      // One paper for all, its questions in the order of their ids whatever order each candidate saw.
      for (const q of attempt.body.questions as { question_id: number }[]) {
        const d = (await hr.get(`/api/v1/questions/${q.question_id}`)).body;
        questions.push({ id: d.id, code: d.code, key: d.correct[0], distractors: d.options.map((o: { key: string }) => o.key).filter((k: string) => k !== d.correct[0]) });
      }
      questions = questions.sort((a, b) => a.id - b.id);
      expect(questions).toHaveLength(8);
    }
    expect((attempt.body.questions as { question_id: number }[]).map((q) => q.question_id).sort((a, b) => a - b)).toEqual(questions.map((q) => q.id));
    let seq = 1;
    for (const [i, q] of questions.entries()) {
      const role = ANSWERS[ROLES[i]][c];
      const answer = role === 'key' ? q.key : q.distractors[role - 1];
      ok(await me.request('PUT', `/api/v1/attempts/${attempt.body.id}/answers/${q.id}`, { json: { seq: seq++, answer, device: `e2e-${c}` } }));
    }
    const done = await me.post(`/api/v1/attempts/${attempt.body.id}/submit`);
    ok(done);
    expect(done.body.status).toBe('submitted');
  }
  const byRole = Object.fromEntries(ROLES.map((r, i) => [r, questions[i]])) as Record<(typeof ROLES)[number], Question>;
  const stats = await hr.get(`/api/v1/sittings/${sitting.body.id}/stats`);
  ok(stats);
  return { cycle, sitting: sitting.body.id as number, unsat: unsat.body.id as number, name, q: byRole, reliability: stats.body.reliability };
}

// The grid the scatter is drawn in (ItemAnalysis' Scatter): margins in px, and the axes' ranges.
const GRID = { left: 52, right: 20, top: 36, bottom: 48 };
async function dotAt(page: Page, p: number, r: number, floor: number) {
  const box = (await page.getByTestId('scatter').boundingBox())!;
  return {
    x: box.x + GRID.left + p * (box.width - GRID.left - GRID.right),
    y: box.y + GRID.top + ((1 - r) / (1 - floor)) * (box.height - GRID.top - GRID.bottom),
  };
}

test('HR reads the item analysis of a sitting: reliability, flags, the flagged-only filter and option distributions, also on a phone', async ({ page }, info) => {
  test.setTimeout(180_000);
  const t = T[info.project.name as Locale];
  const { cycle, sitting, unsat, name, q, reliability: kr } = await sitAnalysedExam(t.lang);
  await signIn(page, t.lang, 'hr', 'api-test-pass');
  await expect(page.getByTestId('current-user')).toBeVisible();

  // From the sitting's row on the cycle page.
  await page.goto(`/cycles/${cycle}`);
  await page.getByTestId(`sitting-${sitting}`).getByTestId('sitting-analysis').click();
  await expect(page).toHaveURL(new RegExp(`/sittings/${sitting}/analysis$`));
  await expect(page.getByTestId('analysis-title')).toHaveText(name);
  await expect(page.getByTestId('item-analysis')).toContainText(t.title);

  // The header: four candidates; KR-20 (every question right or wrong) and its SEM as the server
  // worked them out, with two decimals.
  await expect(page.getByTestId('candidates')).toContainText(t.candidates);
  await expect(page.getByTestId('candidates').locator('.ant-statistic-content')).toHaveText('4');
  expect(kr.method).toBe('kr20');
  // Worked out by hand for these answers: KR-20 = 8/7 · (1 − Σpq / σ²) = 0.5714, SEM = σ·√(1 − r) = 12.94 points.
  expect(kr.kr20).toBeCloseTo(0.5714, 3);
  expect(kr.sem).toBeCloseTo(12.94, 2);
  const reliability = page.getByTestId('reliability');
  await expect(reliability).toContainText(t.reliability);
  await expect(reliability.locator('.ant-statistic-content')).toHaveText(kr.kr20.toFixed(2));
  await expect(page.getByTestId('sem').locator('.ant-statistic-content')).toHaveText(t.sem(kr.sem.toFixed(2)));
  await reliability.locator('.anticon-info-circle').hover();
  await expect(page.locator('.ant-tooltip:visible')).toContainText(t.hint);
  await expect(page.getByTestId('flagged-count').locator('.ant-statistic-content')).toHaveText('7 / 8');
  await expect(page.getByTestId('count-too_easy')).toHaveText(`${t.tooEasy} 1`);
  await expect(page.getByTestId('count-too_hard')).toHaveText(`${t.tooHard} 1`);
  await expect(page.getByTestId('count-weak_discrimination')).toHaveText(`${t.weak} 1`);

  // The flags in words on their rows; the clean question has none.
  const row = (x: Question) => page.getByTestId(`item-${x.code}`);
  const tags = (x: Question) => row(x).getByTestId('item-flags').locator('.ant-tag');
  await expect(page.getByTestId('items-table').locator('tbody tr.ant-table-row')).toHaveCount(8);
  await expect(tags(q.easy)).toHaveText([t.tooEasy, ...q.easy.distractors.map(t.rarely)]);
  await expect(tags(q.hard)).toHaveText([t.tooHard, t.rarely(q.hard.distractors[1]), t.rarely(q.hard.distractors[2])]);
  await expect(row(q.reversed).getByTestId('item-flags')).toContainText(t.reversed(q.reversed.distractors[0]));
  await expect(row(q.reversed).getByTestId('item-flags')).toContainText(t.weak);
  await expect(tags(q.clean)).toHaveCount(0);
  // Figures with two decimals, a dash where there is none: p, r and D of the question everybody got
  // right and of the reversed one.
  await expect(row(q.easy).locator('td')).toContainText(['1.00', '—', '0.00']);
  await expect(row(q.reversed).locator('td')).toContainText(['0.25', '-0.83', '-1.00']);

  // Hovering the clean question's dot names it; a click selects its row.
  const dot = await dotAt(page, 0.25, 0.56, -0.9);
  await page.mouse.move(dot.x, dot.y);
  await expect(page.locator('.scatter-tooltip')).toContainText(q.clean.code);
  await page.mouse.click(dot.x, dot.y);
  await expect(row(q.clean)).toHaveAttribute('aria-selected', 'true');

  // Flagged only: the clean question goes, the seven others stay.
  await page.getByTestId('flagged-only').click();
  await expect(page.getByTestId('items-table').locator('tbody tr.ant-table-row')).toHaveCount(7);
  await expect(row(q.clean)).toHaveCount(0);
  await page.getByTestId('flagged-only').click();
  await expect(page.getByTestId('items-table').locator('tbody tr.ant-table-row')).toHaveCount(8);

  // Sorted by difficulty, the hardest first.
  await page.getByTestId('sort-p').click();
  await expect(page.getByTestId('items-table').locator('tbody tr.ant-table-row').first()).toHaveAttribute('data-testid', `item-${q.hard.code}`);

  // The reversed question's options: its first distractor chosen by the three strongest, the key by the weakest.
  await row(q.reversed).locator('.ant-table-row-expand-icon').click();
  const options = page.getByTestId('options-table');
  await expect(options).toBeVisible();
  await expect(options.getByTestId(`option-${q.reversed.distractors[0]}`).locator('td')).toHaveText([new RegExp(t.reversed(q.reversed.distractors[0])), '75%', '100%', '0%']);
  await expect(options.getByTestId(`option-${q.reversed.key}`).locator('td')).toHaveText([new RegExp(t.correct), '25%', '0%', '100%']);
  await expect(options.getByTestId(`option-${q.reversed.key}`).getByTestId('option-correct')).toBeVisible();

  // On a phone: nothing wider than the screen; the list keeps the code, flags, p and r, and opens the same way.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await expect(page.getByTestId('reliability').locator('.ant-statistic-content')).toHaveText(kr.kr20.toFixed(2));
  await expect(page.getByTestId('scatter')).toBeVisible();
  await expect(tags(q.hard).first()).toHaveText(t.tooHard);
  await row(q.reversed).locator('.ant-table-row-expand-icon').click();
  await expect(page.getByTestId('options-table')).toBeVisible();
  await expect(page.getByTestId('item-figures')).toContainText('-1.00');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  // The room links here too; a sitting nobody sat says so.
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`/sittings/${sitting}/room`);
  await page.getByTestId('room-analysis').click();
  await expect(page).toHaveURL(new RegExp(`/sittings/${sitting}/analysis$`));
  await page.goto(`/sittings/${unsat}/analysis`);
  await expect(page.getByTestId('analysis-empty')).toContainText(t.empty);
  await expect(page.getByTestId('items-table')).toHaveCount(0);
});
