// The question bank page (题库): HR filters the demo bank, writes a fill-in question (after the
// server has refused a bad stem), saves a second version and retires it with a reason; a stem much
// like one in the bank is saved with a warning naming it; a sheet is imported through the preview;
// an examiner reads the bank with no control that changes it; on a phone the page fits and a
// question opens.
//
// Both browser projects run at once against one server: each writes its own codes, stems and
// product line, so that neither sees the other's questions as near-duplicates.
import { test, expect, signIn, api, type Page } from './fixtures';
import { png } from '../api/harness.mjs';

const PASSWORD = 'api-test-pass';
const T = {
  'zh-CN': {
    lang: 'zh', line: '家用空调', fillBlank: '填空题', single: '单选题', menu: '题库', addOption: '添加选项',
    total: (n: number) => `共 ${n} 条`,
    // No blank in it: the server refuses a fill-in stem without ___.
    badStem: '更换四通阀后应以干燥氮气检漏并保压。',
    // The stem as typed around the second blank, which the editor's button inserts.
    stem: ['更换四通阀后应以 ___ 检漏，并保压不少于 ', ' 小时。'],
    insertBlank: '在光标处插入空 ___',
    case: '案例题', trueFalse: '判断题', true: '对', moveUp: '上移小题 2',
    scenario: '用户报修：空调制冷 20 分钟后停机，室外机显示 E1，重新上电后可再运行。',
    partStems: ['室外机显示 E1 说明压缩机一定已损坏。', '本品牌手册中室内外机通信故障的代码是 ___。'], partAnswer: 'E1',
    reason: '与新版安装工艺不符',
    importStem: '更换室外机电容前必须先放电。',
    template: '下载导入模板',
  },
  'en-US': {
    lang: 'en', line: '热水器', fillBlank: 'Fill in the blank', single: 'Single choice', menu: 'Question bank', addOption: 'Add an option',
    total: (n: number) => `${n} in total`,
    badStem: '燃气热水器首次点火前，应排空燃气管内的空气。',
    stem: ['燃气热水器首次点火前，排空燃气管内空气的时间应不少于 ___ 秒，并用 ', ' 检查接头。'],
    insertBlank: 'Insert a blank ___ at the cursor',
    case: 'Case', trueFalse: 'True / false', true: 'True', moveUp: 'Move sub-question 2 up',
    scenario: '用户反映燃气热水器洗澡中途熄火，再次打开后只能维持几分钟。',
    partStems: ['燃气热水器中途熄火一定是燃气表没电了。', '热水器熄火保护常用的感应元件是 ___。'], partAnswer: '热电偶',
    reason: 'Superseded by the new installation manual',
    importStem: '燃气热水器排烟管可以与油烟机共用烟道。',
    template: 'Download template',
  },
} as const;
type Locale = keyof typeof T;

async function login(page: Page, user: string, lang: string) {
  await signIn(page, lang, user, PASSWORD);
  await expect(page.getByTestId('current-user')).toBeVisible();
}

// Opens a Select and picks an option (antd renders the options in a pop-up of its own). A click
// that lands while the pop-up still moves in is lost: then the pick is made again.
async function choose(page: Page, select: string, option: string) {
  const popup = page.locator('.ant-select-dropdown:visible');
  await expect(async () => {
    if (!(await popup.count())) await page.locator(select).click();
    await popup.getByTitle(option, { exact: true }).click({ timeout: 2000 });
    await expect(popup).toHaveCount(0, { timeout: 1000 });
  }).toPass();
  await expect(page.locator(select).locator('xpath=ancestor-or-self::*[contains(@class, "ant-select ")][1]')).toContainText(option);
}

// Picks the first level of the levels field; Escape closes its pop-up (and leaves the editor open).
async function firstLevel(page: Page) {
  const popup = page.locator('.ant-select-dropdown:visible');
  await expect(async () => {
    if (!(await popup.count())) await page.locator('#ranks').click();
    await popup.locator('.ant-select-item-option').first().click({ timeout: 2000 });
    await expect(item(page, 'ranks').locator('.ant-select-selection-item')).toHaveCount(1, { timeout: 1000 });
  }).toPass();
  await page.keyboard.press('Escape');
  await expect(page.locator('.ant-select-dropdown:visible')).toHaveCount(0);
  await expect(editor(page)).toBeVisible();
}

// The label the page shows for a product line in the language on screen.
async function lineLabel(page: Page, lang: string, name: string) {
  const lines = (await api(page, 'GET', '/api/v1/product-lines')).body.items as { name: string; label: { zh: string; en: string } }[];
  return lines.find((l) => l.name === name)!.label[lang as 'zh' | 'en'];
}

const editor = (page: Page) => page.getByTestId('question-editor');
// The form item (label, control and its errors) of a field of the editor.
const item = (page: Page, id: string) => editor(page).locator('.ant-form-item').filter({ has: page.locator(`#${id}`) }).last();

test('HR filters the demo bank, adds a fill-in question after the server refuses a bad stem, saves a second version and retires it with a reason', async ({ page }, info) => {
  test.setTimeout(120_000);
  const t = T[info.project.name as Locale];
  const code = `E2E-FB-${t.lang.toUpperCase()}`;
  await login(page, 'hr', t.lang);
  await page.getByRole('menuitem', { name: t.menu }).click();
  await expect(page).toHaveURL(/\/questions$/);
  const all = (await api(page, 'GET', '/api/v1/questions')).body.total;
  await expect(page.getByTestId('question-table')).toContainText(t.total(all));

  // The filters go to the server and into the URL: a reload keeps them.
  const line = await lineLabel(page, t.lang, t.line);
  await choose(page, '[data-testid=filter-type]', t.fillBlank);
  await choose(page, '[data-testid=filter-line]', line);
  await expect(page).toHaveURL(/type=fill_blank/);
  await expect(page).toHaveURL(new RegExp(`product_line=${encodeURIComponent(t.line)}`));
  const filtered = (await api(page, 'GET', `/api/v1/questions?type=fill_blank&product_line=${encodeURIComponent(t.line)}`)).body;
  expect(filtered.total).toBeGreaterThan(0);
  expect(filtered.total).toBeLessThan(all);
  await expect(page.getByTestId('question-table')).toContainText(t.total(filtered.total));
  await page.reload();
  await expect(page.getByTestId('filter-type')).toContainText(t.fillBlank);
  await expect(page.getByTestId('question-table')).toContainText(t.total(filtered.total));
  const rows = page.getByTestId('question-table').locator('tbody tr.ant-table-row');
  await expect(rows).toHaveCount(Math.min(20, filtered.total));
  for (const row of await rows.all()) await expect(row).toContainText(t.fillBlank);

  // A new fill-in question: the server's error lands on the stem, then the corrected one saves.
  await page.getByTestId('create-question').click();
  await expect(page.locator('#code')).toBeFocused();
  await page.locator('#code').fill(code);
  await choose(page, '#type', t.fillBlank);
  await choose(page, '#product_line', line);
  await page.locator('#knowledge_point').fill('E2E');
  await firstLevel(page);
  await editor(page).locator('#difficulty').getByText('2', { exact: true }).click();
  await page.locator('#stem').fill(t.badStem);
  const refused = page.waitForResponse((r) => r.url().endsWith('/api/v1/questions') && r.request().method() === 'POST');
  await page.getByTestId('question-save').click();
  const problem = await refused;
  expect(problem.status()).toBe(422);
  const stemError = (await problem.json()).errors.find((e: { field: string }) => e.field === 'stem').message;
  await expect(item(page, 'stem').locator('.ant-form-item-explain-error')).toHaveText(stemError);
  await expect(editor(page)).toBeVisible();

  // Each blank of the stem (typed, or put at the cursor by the button) has its list of answers.
  const blank = (i: number) => editor(page).locator(`[data-testid=blank-${i}] input`);
  await page.locator('#stem').fill(t.stem[0]);
  await expect(item(page, 'stem').locator('.ant-form-item-explain-error')).toHaveCount(0);
  await expect(blank(0)).toBeVisible();
  await expect(blank(1)).toHaveCount(0);
  await page.locator('#stem').press('End');
  await editor(page).getByRole('button', { name: t.insertBlank }).click();
  await expect(page.locator('#stem')).toBeFocused();
  await page.keyboard.type(t.stem[1]);
  await expect(page.locator('#stem')).toHaveValue(`${t.stem[0]}___${t.stem[1]}`);
  await expect(blank(1)).toBeVisible();
  await blank(0).fill('30');
  await blank(0).press('Enter');
  await blank(0).fill('三十');
  await blank(0).press('Enter');
  await blank(1).fill('肥皂水');
  await blank(1).press('Enter');
  await editor(page).locator('#normalise_width').uncheck();
  const created = page.waitForResponse((r) => r.url().endsWith('/api/v1/questions') && r.request().method() === 'POST');
  await page.getByTestId('question-save').click();
  expect((await created).status()).toBe(201);
  await expect(editor(page)).toBeHidden();
  const [made] = (await api(page, 'GET', `/api/v1/questions?q=${code}`)).body.items;
  expect(made.blanks).toEqual([['30', '三十'], ['肥皂水']]);
  expect(made.normalise).toEqual({ trim: true, width: false, case: true });
  expect(made.version).toBe(1);

  // The list finds it; opening it shows what was saved and its first version.
  await page.getByTestId('question-search').locator('input').fill(code);
  await page.getByTestId('question-search').locator('input').press('Enter');
  await expect(page).toHaveURL(new RegExp(`q=${code}`));
  await expect(rows).toHaveCount(1);
  await rows.first().getByTestId('open-question').click();
  await expect(editor(page).getByTestId('version-history').locator('tbody tr')).toHaveCount(1);
  await expect(editor(page).locator('[data-testid=blank-0]')).toContainText('三十');

  // An edit saves a second version, which the history shows as current.
  await editor(page).locator('#difficulty').getByText('4', { exact: true }).click();
  await blank(1).fill('检漏液');
  await blank(1).press('Enter');
  const updated = page.waitForResponse((r) => r.url().endsWith(`/api/v1/questions/${made.id}`) && r.request().method() === 'PUT');
  await page.getByTestId('question-save').click();
  expect((await updated).status()).toBe(200);
  await expect(editor(page)).toBeHidden();
  await expect(rows.first()).toContainText('v2');
  await rows.first().getByTestId('open-question').click();
  const history = editor(page).getByTestId('version-history').locator('tbody tr');
  await expect(history).toHaveCount(2);
  await expect(history.first()).toContainText('v2');
  await expect(history.last()).toContainText('v1');
  const saved = (await api(page, 'GET', `/api/v1/questions/${made.id}`)).body;
  expect([saved.version, saved.difficulty, saved.blanks]).toEqual([2, 4, [['30', '三十'], ['肥皂水', '检漏液']]]);

  // Retiring asks for a reason; the question then leaves the list of questions in use.
  await page.getByTestId('editor-retire').click();
  const dialog = page.locator('.ant-modal:visible');
  await dialog.getByTestId('retire-confirm').click();
  await expect(dialog.locator('.ant-form-item-explain-error')).toBeVisible();
  await dialog.getByTestId('retire-reason').fill(t.reason);
  const retired = page.waitForResponse((r) => r.url().endsWith(`/api/v1/questions/${made.id}/retire`));
  await dialog.getByTestId('retire-confirm').click();
  expect((await retired).status()).toBe(200);
  await expect(editor(page)).toBeHidden();
  await expect(rows).toHaveCount(0);
  await expect(page.getByTestId('question-table').locator('.ant-empty')).toBeVisible();
  await page.getByTestId('filter-retired').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').last().click();
  await expect(page).toHaveURL(/retired=true/);
  await expect(rows).toHaveCount(1);
  await expect(rows.first().getByTestId('restore-question')).toBeVisible();
  expect((await api(page, 'GET', `/api/v1/questions/${made.id}`)).body.retired).toBe(true);
});

test('a stem much like one in the bank is saved with a warning naming that question, and the editor stays open on it', async ({ page }, info) => {
  const t = T[info.project.name as Locale];
  const code = `E2E-DUP-${t.lang.toUpperCase()}`;
  await login(page, 'hr', t.lang);
  const [like] = (await api(page, 'GET', `/api/v1/questions?type=single&product_line=${encodeURIComponent(t.line)}&page_size=1`)).body.items;
  await page.goto('/questions');
  await page.getByTestId('create-question').click();
  await page.locator('#code').fill(code);
  await choose(page, '#product_line', await lineLabel(page, t.lang, t.line));
  await page.locator('#knowledge_point').fill(like.knowledge_point);
  await firstLevel(page);
  // The bank's stem with one more character of this project's own.
  await page.locator('#stem').fill(`${like.stem.zh}${t.lang === 'zh' ? '甲' : '乙'}`);
  // Two options: the first two filled, the other two of the four offered removed.
  const options = editor(page).locator('[data-testid=option-row]');
  await options.nth(0).locator('input').first().fill('是');
  await options.nth(1).locator('input').first().fill('否');
  await options.nth(2).getByRole('button').click();
  await options.nth(2).getByRole('button').click();
  await expect(options).toHaveCount(2);
  await editor(page).locator('#correct').getByText('A', { exact: true }).click();
  // Saved from the keyboard.
  await page.locator('#stem').press('Control+Enter');
  const warning = editor(page).getByTestId('similar-warning');
  await expect(warning).toBeVisible();
  await expect(warning).toContainText(like.code);
  await expect(warning).toContainText(code);
  // The question is saved: the editor now shows it, with its history.
  await expect(editor(page).locator('#code')).toBeDisabled();
  await expect(editor(page).getByTestId('version-history').locator('tbody tr')).toHaveCount(1);
  await warning.getByTestId('similar-close').click();
  await expect(editor(page)).toBeHidden();
  const [made] = (await api(page, 'GET', `/api/v1/questions?q=${code}`)).body.items;
  expect([made.type, made.options.length, made.correct]).toEqual(['single', 2, ['A']]);
});

test('HR adds a picture to a question: a file that is not a picture is refused with the reason, a PNG shows as a thumbnail and is saved with the question', async ({ page }, info) => {
  const t = T[info.project.name as Locale];
  const code = `E2E-PIC-${t.lang.toUpperCase()}`;
  await login(page, 'hr', t.lang);
  const made = await api(page, 'POST', '/api/v1/questions', {
    code, type: 'single', product_line: t.line, knowledge_point: '看图', ranks: [2], difficulty: 2,
    stem: { zh: t.lang === 'zh' ? '如图，万用表应拨到哪一档测电容？' : '如图，测量燃气比例阀线圈应选哪一档？', en: '' },
    options: [{ key: 'A', label: { zh: '电容档' } }, { key: 'B', label: { zh: '电压档' } }], correct: ['A'],
  });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  await page.goto(`/questions?q=${code}`);
  const rows = page.getByTestId('question-table').locator('tbody tr.ant-table-row');
  await expect(rows).toHaveCount(1);
  await rows.first().getByTestId('open-question').click();
  const chooser = editor(page).locator('[data-testid=question-images] input[type=file]');
  await chooser.setInputFiles({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('这不是图片') });
  await expect(editor(page).getByTestId('image-error')).toHaveText(t.lang === 'zh' ? '只接受 PNG 或 JPEG 图片' : 'only PNG or JPEG images are accepted');
  await chooser.setInputFiles({ name: 'meter.png', mimeType: 'image/png', buffer: png(48, 32) });
  await expect(editor(page).getByTestId('question-images').locator('img')).toHaveCount(1);
  await expect(editor(page).getByTestId('image-error')).toHaveCount(0);
  const saved = page.waitForResponse((r) => r.url().endsWith(`/api/v1/questions/${made.body.id}`) && r.request().method() === 'PUT');
  await page.getByTestId('question-save').click();
  expect((await saved).status()).toBe(200);
  const back = (await api(page, 'GET', `/api/v1/questions/${made.body.id}`)).body;
  expect(back.images).toHaveLength(1);
  expect(back.version).toBe(2);
  const picture = await page.request.get(`/api/v1/question-images/${back.images[0]}`);
  expect(picture.headers()['content-type']).toBe('image/png');
});

test('a case is written with its sub-questions: a sub-question’s error shows on it, and reordering them saves a new version', async ({ page }, info) => {
  test.setTimeout(90_000);
  const t = T[info.project.name as Locale];
  const code = `E2E-CASE-${t.lang.toUpperCase()}`;
  await login(page, 'hr', t.lang);
  await page.goto('/questions');
  await page.getByTestId('create-question').click();
  await page.locator('#code').fill(code);
  await choose(page, '#type', t.case);
  await choose(page, '#product_line', await lineLabel(page, t.lang, t.line));
  await page.locator('#knowledge_point').fill('E2E');
  await firstLevel(page);
  await page.locator('#stem').fill(t.scenario);
  const parts = editor(page).getByTestId('case-part');
  await editor(page).getByTestId('add-part').click();
  await expect(parts).toHaveCount(1);
  await expect(page.locator('#parts_0_code')).toHaveValue(`${code}-1`);
  await choose(page, '#parts_0_type', t.trueFalse);
  await page.locator('#parts_0_stem').fill(t.partStems[0]);
  await parts.nth(0).locator('#parts_0_correct').getByText(t.true, { exact: true }).click();
  await editor(page).getByTestId('add-part').click();
  await choose(page, '#parts_1_type', t.fillBlank);
  await page.locator('#parts_1_stem').fill(t.partStems[1].replace('___', ''));
  const refused = page.waitForResponse((r) => r.url().endsWith('/api/v1/questions') && r.request().method() === 'POST');
  await page.getByTestId('question-save').click();
  const problem = await refused;
  expect(problem.status()).toBe(422);
  const partError = (await problem.json()).errors.find((e: { field: string }) => e.field === 'parts[1].stem').message;
  await expect(item(page, 'parts_1_stem').locator('.ant-form-item-explain-error')).toHaveText(partError);
  await expect(item(page, 'stem').locator('.ant-form-item-explain-error')).toHaveCount(0);

  await page.locator('#parts_1_stem').fill(t.partStems[1]);
  await parts.nth(1).locator('[data-testid=blank-0] input').fill(t.partAnswer);
  await parts.nth(1).locator('[data-testid=blank-0] input').press('Enter');
  const created = page.waitForResponse((r) => r.url().endsWith('/api/v1/questions') && r.request().method() === 'POST');
  await page.getByTestId('question-save').click();
  expect((await created).status()).toBe(201);
  await expect(editor(page)).toBeHidden();
  const [made] = (await api(page, 'GET', `/api/v1/questions?q=${code}&type=case`)).body.items;
  const saved = (await api(page, 'GET', `/api/v1/questions/${made.id}`)).body;
  expect(saved.parts.map((p: { code: string; type: string }) => [p.code, p.type])).toEqual([[`${code}-1`, 'true_false'], [`${code}-2`, 'fill_blank']]);
  expect(saved.parts[1].blanks).toEqual([[t.partAnswer]]);

  // Moving the second sub-question up is a change: a second version with the parts in the new order.
  await page.getByTestId('question-search').locator('input').fill(code);
  await page.getByTestId('question-search').locator('input').press('Enter');
  const rows = page.getByTestId('question-table').locator('tbody tr.ant-table-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(code);
  await rows.first().getByTestId('open-question').click();
  await expect(parts).toHaveCount(2);
  await expect(page.locator('#parts_1_code')).toHaveValue(`${code}-2`);
  await parts.nth(1).getByRole('button', { name: t.moveUp }).click();
  await expect(page.locator('#parts_0_code')).toHaveValue(`${code}-2`);
  const updated = page.waitForResponse((r) => r.url().endsWith(`/api/v1/questions/${made.id}`) && r.request().method() === 'PUT');
  await page.getByTestId('question-save').click();
  expect((await updated).status()).toBe(200);
  await expect(editor(page)).toBeHidden();
  const after = (await api(page, 'GET', `/api/v1/questions/${made.id}`)).body;
  expect([after.version, after.parts.map((p: { code: string }) => p.code)]).toEqual([2, [`${code}-2`, `${code}-1`]]);
});

test('HR imports a sheet: a file with errors names each row and column and imports nothing; a good one is previewed, then imported', async ({ page }, info) => {
  const t = T[info.project.name as Locale];
  const code = `E2E-IMP-${t.lang.toUpperCase()}`;
  const header = '题目编号,题型,产品线,知识点,适用等级,难度,题干,题干（英文）,选项A,选项B,选项C,选项D,选项E,选项F,选项（英文）,答案,归一化,参考答案,评分要点,解析,解析（英文）,所属案例';
  const csv = (rows: string[]) => ({ name: 'questions.csv', mimeType: 'text/csv', buffer: Buffer.from([header, ...rows].join('\n') + '\n') });
  const good = `${code},判断,${t.line},E2E,初级,1,${t.importStem},,,,,,,,,对,,,,,,`;
  await login(page, 'hr', t.lang);
  await page.goto('/questions');
  await page.getByTestId('open-import').click();
  const dialog = page.locator('.ant-modal:visible');
  await expect(dialog.getByRole('link', { name: t.template })).toHaveAttribute('href', '/api/v1/questions/import-template.xlsx');
  const file = dialog.locator('input[type=file]');
  await file.setInputFiles(csv([good, `${code}-2,判断,${t.line},E2E,神级,9,${t.importStem}（二）,,,,,,,,,也许,,,,,,`]));
  const errors = dialog.getByTestId('import-errors');
  await expect(errors).toBeVisible();
  // Every problem is on the second data row (sheet row 3), in the column it names.
  const lines = errors.locator('tbody tr.ant-table-row');
  await expect(lines.first()).toBeVisible();
  expect((await api(page, 'GET', `/api/v1/questions?q=${code}`)).body.total, 'a file with errors imports nothing').toBe(0);
  const report = await lines.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim())));
  expect(report.map(([row]) => row)).toEqual(report.map(() => '3'));
  for (const column of ['适用等级', '难度', '答案']) expect(report.map(([, c]) => c)).toContain(column);

  await file.setInputFiles(csv([good]));
  const preview = dialog.getByTestId('import-preview');
  await expect(preview).toBeVisible();
  expect((await api(page, 'GET', `/api/v1/questions?q=${code}`)).body.total, 'the preview writes nothing').toBe(0);
  const imported = page.waitForResponse((r) => r.url().endsWith('/api/v1/questions/import') && r.request().method() === 'POST');
  await preview.getByTestId('import-confirm').click();
  expect((await imported).status()).toBe(202);
  await expect(dialog).toBeHidden();
  await page.getByTestId('question-search').locator('input').fill(code);
  await page.getByTestId('question-search').locator('input').press('Enter');
  const rows = page.getByTestId('question-table').locator('tbody tr.ant-table-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(code);
  expect((await api(page, 'GET', `/api/v1/questions?q=${code}`)).body.items[0].correct).toEqual(['true']);
});

test('an examiner reads the bank and its keys, with no control that changes it; an engineer has no bank', async ({ page, browser }, info) => {
  const t = T[info.project.name as Locale];
  await login(page, 'examiner', t.lang);
  await page.getByRole('menuitem', { name: t.menu }).click();
  await expect(page).toHaveURL(/\/questions$/);
  const rows = page.getByTestId('question-table').locator('tbody tr.ant-table-row');
  await expect(rows).toHaveCount(20);
  await expect(page.getByTestId('export-questions')).toHaveAttribute('href', '/api/v1/questions/export.xlsx');
  for (const id of ['create-question', 'open-import', 'retire-question', 'restore-question']) await expect(page.getByTestId(id)).toHaveCount(0);
  const filtered = page.waitForResponse((r) => r.url().includes('/api/v1/questions?') && r.url().includes('type=single'));
  await choose(page, '[data-testid=filter-type]', t.single);
  await expect(page).toHaveURL(/type=single/);
  const [first] = (await (await filtered).json()).items;
  await expect(rows.first()).toContainText(first.code);
  await rows.first().getByTestId('open-question').click();
  await expect(editor(page).getByTestId('version-history')).toBeVisible();
  // The key is there to read.
  await expect(editor(page).locator('#correct .ant-radio-button-wrapper-checked')).toHaveCount(1);
  await expect(editor(page).locator('#stem')).toBeDisabled();
  for (const id of ['question-save', 'editor-retire']) await expect(page.getByTestId(id)).toHaveCount(0);
  await expect(editor(page).getByRole('button', { name: t.addOption })).toHaveCount(0);
  await expect(editor(page).locator('[data-testid=option-row] button')).toHaveCount(0);

  const engineer = await (await browser.newContext()).newPage();
  await login(engineer, 'engineer', t.lang);
  await expect(engineer.getByRole('menuitem', { name: t.menu })).toHaveCount(0);
  await engineer.goto('/questions');
  await expect(engineer.locator('.ant-result-403')).toBeVisible();
  await engineer.context().close();
});

test('on a 390 px phone the bank is a tap away, fits the screen, filters, and a question opens full width', async ({ browser }, info) => {
  const t = T[info.project.name as Locale];
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await ctx.newPage();
  await login(page, 'hr', t.lang);
  await page.getByTestId('menu-button').click();
  await page.getByTestId('phone-menu').getByRole('menuitem', { name: t.menu }).click();
  await expect(page).toHaveURL(/\/questions$/);
  const rows = page.getByTestId('question-table').locator('tbody tr.ant-table-row');
  await expect(rows.first()).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  // Each row shows the stem itself, not only its code.
  const [first] = (await api(page, 'GET', '/api/v1/questions?page_size=1')).body.items;
  await expect(rows.first()).toContainText(first.code);
  await expect(rows.first()).toContainText((t.lang === 'en' && first.stem.en ? first.stem.en : first.stem.zh).slice(0, 8));
  await choose(page, '[data-testid=filter-type]', t.fillBlank);
  await expect(page).toHaveURL(/type=fill_blank/);
  for (const row of await rows.all()) await expect(row).toContainText(t.fillBlank);
  await rows.first().getByTestId('open-question').click();
  const panel = editor(page);
  await expect(panel).toBeVisible();
  // Once it has slid in, the drawer is the whole width of the phone.
  await expect.poll(async () => JSON.stringify(await panel.boundingBox())).toMatch(/^\{"x":0,"y":0,"width":390(\.\d+)?,/);
  await expect(page.getByTestId('question-save')).toBeInViewport();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await ctx.close();
});
