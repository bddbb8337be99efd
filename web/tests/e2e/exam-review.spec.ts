// After the sitting closes, an engineer reviews their exam on a phone: before the close the review
// says it is not open yet and the wrong-question list is empty; after it, the exam list shows the
// score against the pass mark, the review gives the points by section and each question with the
// answer beside the key (the options in the order the candidate saw them) and the explanation,
// "wrong only" leaves the five questions without full points, and the wrong-question list (错题本)
// holds them. A second engineer whose blueprint does not show answers sees the score and the notice.
//
// Both browser projects run at once against one server (also beside other specs that use the demo
// engineer): each prepares a cycle and two new engineers with accounts of its own.
import { test, expect, signIn, type Page } from './fixtures';
import type { Client } from '../api/harness.mjs';
import { examCycle, iso, ok, signedIn, staff } from './examSetup';

const T = {
  'zh-CN': {
    lang: 'zh', review: '查看答卷', failed: '不合格', wrongBook: '错题本', wrongOnly: '只看错题', yourChoice: '你的选择', correct: '正确答案',
    notAnswered: '未作答', wrong: '错误', right: '正确', notClosed: '考试尚未结束', emptyWrong: '暂无错题', notShown: '本场考试不公布答卷',
    sections: [['单选题', '20.00 / 40.00', '2 / 4'], ['多选题', '10.00 / 20.00', '1 / 2'], ['判断题', '10.00 / 20.00', '1 / 2'], ['填空题', '10.00 / 20.00', '1 / 2']],
    points: (p: string) => `${p} 分`, wrongCount: '错题 5 道',
  },
  'en-US': {
    lang: 'en', review: 'Review', failed: 'Fail', wrongBook: 'Wrong questions', wrongOnly: 'Wrong only', yourChoice: 'Your choice', correct: 'Correct',
    notAnswered: 'Not answered', wrong: 'Wrong', right: 'Right', notClosed: 'The exam has not closed yet', emptyWrong: 'No wrong questions yet', notShown: 'This exam does not show answers',
    sections: [['Single choice', '20.00 / 40.00', '2 / 4'], ['Multiple choice', '10.00 / 20.00', '1 / 2'], ['True or false', '10.00 / 20.00', '1 / 2'], ['Fill in', '10.00 / 20.00', '1 / 2']],
    points: (p: string) => `${p} points`, wrongCount: '5 wrong questions',
  },
} as const;
type Locale = keyof typeof T;

type Label = { zh: string; en: string };
type Key = { type: string; stem: Label; options: { key: string; label: Label }[]; correct: string[]; blanks: string[][]; explanation: Label };
type Paper = { question_id: number; type: string; options?: { key: string; label: Label }[] }[];

// How the page shows a bilingual text: English when there is some, else the Chinese.
const shown = (l: Label, lang: string) => (lang === 'en' && l.en ? l.en : l.zh);

// A cycle of its own in the written-exam phase with two new engineers: the first (level 1) sits a
// fixed paper for level 2 that shows answers after the close, the second (level 2) one for level 3
// that does not. Both sittings close 30 s after they are made. The first engineer answers ten
// questions: five right, a single choice wrong, one left out, a multiple choice, a true-or-false and
// a blank wrong (50.00); the second submits without answering.
async function closedExams(lang: string) {
  const { hr, admin } = await staff(lang);
  const stamp = Date.now() % 1_000_000;
  const { cycle, takers } = await examCycle(hr, {
    name: `E2E 答卷回顾 ${lang} ${stamp}`, prefix: `RV${lang.toUpperCase()}${stamp}`,
    engineers: [1, 2].map((rank) => ({ name: `${lang === 'en' ? 'Review' : '回顾'} ${rank}`, rank })),
  });
  const apps = takers.map((t) => t.application);

  const shownBlueprint = await hr.post(`/api/v1/cycles/${cycle}/blueprints`, {
    json: {
      target_rank: 2, duration_minutes: 30, fixed: true, review_after_close: true,
      sections: [
        { title: { zh: '单选题', en: 'Single choice' }, types: ['single'], count: 4, points: 1000 },
        { title: { zh: '多选题', en: 'Multiple choice' }, types: ['multiple'], count: 2, points: 1000 },
        { title: { zh: '判断题', en: 'True or false' }, types: ['true_false'], count: 2, points: 1000 },
        { title: { zh: '填空题', en: 'Fill in' }, types: ['fill_blank'], count: 2, points: 1000 },
      ],
    },
  });
  ok(shownBlueprint, 201);
  const hiddenBlueprint = await hr.post(`/api/v1/cycles/${cycle}/blueprints`, {
    json: { target_rank: 3, duration_minutes: 30, fixed: true, review_after_close: false, sections: [{ title: { zh: '单选题', en: 'Single choice' }, types: ['single'], count: 10, points: 1000 }] },
  });
  ok(hiddenBlueprint, 201);
  const now = Date.now();
  const closesAt = now + 30_000;
  const name = lang === 'en' ? `Reviewed sitting ${stamp}` : `回顾场次 ${stamp}`;
  const sittings: number[] = [];
  for (const [i, b] of [shownBlueprint, hiddenBlueprint].entries()) {
    const s = await hr.post(`/api/v1/blueprints/${b.body.id}/sittings`, { json: { name: i ? `${name} (2)` : name, opens_at: iso(now - 40 * 60_000), closes_at: iso(closesAt), capacity: 10 } });
    ok(s, 201);
    ok(await hr.post(`/api/v1/sittings/${s.body.id}/candidates`, { json: { application_ids: [apps[i]] } }));
    sittings.push(s.body.id);
  }
  const [first, second] = await signedIn(admin, takers, lang);

  // The first engineer's answers, from the keys HR reads.
  const attempt = await first.client.post('/api/v1/attempts', { json: { sitting_id: sittings[0], device: 'e2e' } });
  ok(attempt);
  const paper = attempt.body.questions as Paper;
  expect(paper).toHaveLength(10);
  const keys = new Map<number, Key>();
  for (const q of paper) keys.set(q.question_id, (await hr.get(`/api/v1/questions/${q.question_id}`)).body);
  const ofType = (type: string) => paper.filter((q) => q.type === type);
  const [s1, s2, s3, s4] = ofType('single');
  const [m1, m2] = ofType('multiple');
  const [t1, t2] = ofType('true_false');
  const [f1, f2] = ofType('fill_blank');
  const k = (q: { question_id: number }) => keys.get(q.question_id)!;
  const distractor = (q: { question_id: number }) => k(q).options.map((o) => o.key).find((x) => !k(q).correct.includes(x))!;
  const answers: [Paper[number], unknown][] = [
    [s1, k(s1).correct[0]], [s2, distractor(s2)], [s3, k(s3).correct[0]],
    [m1, k(m1).correct], [m2, [distractor(m2)]],
    [t1, k(t1).correct[0] === 'true'], [t2, k(t2).correct[0] !== 'true'],
    [f1, k(f1).blanks.map((b) => b[0])], [f2, k(f2).blanks.map(() => '不知道')],
  ];
  let seq = 1;
  for (const [q, answer] of answers) ok(await first.client.request('PUT', `/api/v1/attempts/${attempt.body.id}/answers/${q.question_id}`, { json: { seq: seq++, answer, device: 'e2e' } }));
  const done = await first.client.post(`/api/v1/attempts/${attempt.body.id}/submit`);
  ok(done);
  expect(done.body.score).toBe(5000);
  const other = await second.client.post('/api/v1/attempts', { json: { sitting_id: sittings[1], device: 'e2e' } });
  ok(other);
  ok(await second.client.post(`/api/v1/attempts/${other.body.id}/submit`));
  return {
    name, closesAt, passMark: shownBlueprint.body.pass_mark as number, first, second, attempt: attempt.body.id as number, other: other.body.id as number,
    paper, keys, q: { s1, s2, s4, m2, t2, f2 },
  };
}

async function waitForClose(me: Client, closesAt: number) {
  await new Promise((r) => setTimeout(r, Math.max(0, closesAt - Date.now())));
  for (let i = 0; i < 60; i++) {
    const items = (await me.get('/api/v1/me/exams')).body.items as { state: string }[];
    if (items.every((e) => e.state === 'closed')) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('the sitting did not close');
}

const card = (page: Page, id: number) => page.locator(`[data-question="${id}"]`);

test('after the close an engineer reviews the exam on a phone: score, sections, answers beside the keys, wrong only and the wrong-question list', async ({ page }, info) => {
  test.setTimeout(150_000);
  const t = T[info.project.name as Locale];
  const x = await closedExams(t.lang);
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, t.lang, x.first.username, x.first.password);
  await expect(page.getByTestId('current-user')).toBeVisible();

  // Before the close: no score, the review not open yet (the server's message), nothing wrong yet.
  await page.goto('/exams');
  const exam = page.locator('.ant-card', { hasText: x.name });
  await expect(exam).toBeVisible();
  await expect(exam.getByTestId('review-link')).toHaveCount(0);
  await expect(exam.getByTestId('exam-result')).toHaveCount(0);
  await page.goto(`/exams/attempts/${x.attempt}/review`);
  await expect(page.getByTestId('not-closed')).toContainText(t.notClosed);
  await page.goto('/exams/wrong');
  await expect(page.getByTestId('no-wrong')).toContainText(t.emptyWrong);

  // After the close: the result on the exam list, 50.00 against the pass mark.
  await waitForClose(x.first.client, x.closesAt);
  expect(x.passMark).toBeGreaterThan(5000);
  await page.goto('/exams');
  await expect(exam.getByTestId('exam-result')).toContainText('50.00 / 100');
  await expect(exam.getByTestId('outcome')).toHaveText(t.failed);
  await expect(exam.getByTestId('exam-result')).toContainText((x.passMark / 100).toFixed(2));
  await exam.getByRole('link', { name: t.review }).click();
  await expect(page).toHaveURL(new RegExp(`/exams/attempts/${x.attempt}/review$`));

  // The header and the points of each section.
  await expect(page.getByTestId('review-title')).toHaveText(x.name);
  await expect(page.getByTestId('review-score')).toContainText('50.00 / 100');
  await expect(page.getByTestId('review-score').getByTestId('outcome')).toHaveText(t.failed);
  const rows = page.getByTestId('sections').locator('tbody tr.ant-table-row');
  await expect(rows).toHaveCount(4);
  for (const [i, cells] of t.sections.entries()) await expect(rows.nth(i).locator('td')).toHaveText([...cells]);

  // Every question in paper order; the wrong single choice with the options as the candidate saw
  // them, their choice and the key marked in words, and the explanation.
  await expect(page.locator('[data-question]')).toHaveCount(10);
  const s2 = card(page, x.q.s2.question_id);
  const key = x.keys.get(x.q.s2.question_id)!;
  const label = (k: string) => shown(key.options.find((o) => o.key === k)!.label, t.lang);
  await expect(s2.getByTestId('verdict')).toHaveText(t.wrong);
  await expect(s2.getByTestId('points')).toHaveText(t.points('0.00 / 10.00'));
  await expect(s2.getByTestId('stem')).toHaveText(shown(key.stem, t.lang));
  await expect(s2.getByTestId('option')).toContainText(x.q.s2.options!.map((o, i) => `${String.fromCharCode(65 + i)}. ${shown(o.label, t.lang)}`));
  const chosen = s2.locator('[data-testid=option][data-chosen=true]');
  await expect(chosen).toHaveCount(1);
  await expect(chosen).toContainText(label(key.options.map((o) => o.key).find((k) => !key.correct.includes(k))!));
  await expect(chosen).toContainText(t.yourChoice);
  await expect(chosen).not.toContainText(t.correct);
  const right = s2.locator('[data-testid=option][data-correct=true]');
  await expect(right).toContainText(label(key.correct[0]));
  await expect(right).toContainText(t.correct);
  const explanation = shown(key.explanation, t.lang);
  if (explanation) await expect(s2.getByTestId('explanation')).toContainText(explanation);
  // The one left out, the wrong true-or-false and the wrong blank beside its accepted answers.
  await expect(card(page, x.q.s4.question_id).getByTestId('not-answered')).toHaveText(t.notAnswered);
  await expect(card(page, x.q.t2.question_id).locator('[data-testid=option][data-chosen=true]')).not.toContainText(t.correct);
  const blank = card(page, x.q.f2.question_id).getByTestId('blank').first();
  await expect(blank).toContainText('不知道');
  await expect(blank).toContainText(x.keys.get(x.q.f2.question_id)!.blanks[0][0]);
  await expect(card(page, x.q.s1.question_id).getByTestId('verdict')).toHaveText(t.right);

  // Wrong only: the five without full points, the right ones gone; and back.
  await expect(page.getByTestId('wrong-count')).toHaveText(t.wrongCount);
  await page.getByRole('switch', { name: t.wrongOnly }).click();
  await expect(page.locator('[data-question]')).toHaveCount(5);
  await expect(card(page, x.q.s1.question_id)).toHaveCount(0);
  for (const id of [x.q.s2, x.q.s4, x.q.m2, x.q.t2, x.q.f2].map((q) => q.question_id)) await expect(card(page, id)).toHaveAttribute('data-verdict', 'wrong');
  await page.getByRole('switch', { name: t.wrongOnly }).click();
  await expect(page.locator('[data-question]')).toHaveCount(10);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  // The wrong-question list: the same five, each with the key and where it was asked.
  await page.getByRole('link', { name: t.wrongBook }).click();
  await expect(page).toHaveURL(/\/exams\/wrong$/);
  await expect(page.getByTestId('wrong-questions').locator('[data-question]')).toHaveCount(5);
  const listed = card(page, x.q.s2.question_id);
  await expect(listed.locator('[data-testid=option][data-correct=true]')).toContainText(label(key.correct[0]));
  await expect(listed.locator('[data-testid=option][data-chosen=true]')).toContainText(t.yourChoice);
  await expect(listed.getByTestId('wrong-from')).toContainText(x.name);
  await listed.getByTestId('wrong-from').getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`/exams/attempts/${x.attempt}/review$`));
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  // The second engineer's blueprint does not show answers: the score and sections, then the notice.
  await page.getByTestId('sign-out').click();
  await signIn(page, t.lang, x.second.username, x.second.password);
  await expect(page.getByTestId('current-user')).toBeVisible();
  await page.goto(`/exams/attempts/${x.other}/review`);
  await expect(page.getByTestId('review-score')).toContainText('0.00 / 100');
  await expect(page.getByTestId('sections').locator('tbody tr.ant-table-row')).toHaveCount(1);
  await expect(page.getByTestId('answers-not-shown')).toContainText(t.notShown);
  await expect(page.locator('[data-question]')).toHaveCount(0);
  // Another engineer's attempt is not found.
  await page.goto(`/exams/attempts/${x.attempt}/review`);
  await expect(page.locator('.ant-result-404')).toBeVisible();
  await expect(page.getByTestId('review')).toHaveCount(0);
});
