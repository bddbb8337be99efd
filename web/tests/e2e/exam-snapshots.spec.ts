// Webcam snapshots (监考抓拍) of the online exam, with Chromium's fake camera: HR asks for two in the
// sitting's drawer (in Chinese; through the API in English). On a phone, one candidate reads the
// consent question over the paper, agrees, and the first picture is sent at once (the header counts
// it); another declines and no picture is taken. HR opens the room (cards on a phone in Chinese, the
// table in English): the column shows each consent and count, and the drawer the picture, loaded.
//
// Both browser projects run at once against one server: each prepares a cycle and two new engineers
// with accounts of its own.
import { test, expect, signIn, type Page } from './fixtures';
import config from '../../playwright.config';
import { examCycle, iso, ok, signedIn, staff } from './examSetup';

const T = {
  'zh-CN': {
    lang: 'zh', agree: '同意并开启摄像头', decline: '不同意', intro: '拍摄 2 张照片', keep: /考试结束 \d+ 天后自动删除/, who: '监考人员和人力资源部门',
    agreed: '抓拍：已同意 · 1/2', declined: '抓拍：已拒绝', yes: '已同意', no: '已拒绝', column: '抓拍', audited: '每次查看都会记入审计日志',
  },
  'en-US': {
    lang: 'en', agree: 'Agree and turn on the camera', decline: 'Decline', intro: 'takes 2 photos', keep: /deleted \d+ days after the sitting closes/, who: 'proctors and HR',
    agreed: 'Snapshots: agreed · 1/2', declined: 'Snapshots: declined', yes: 'Agreed', no: 'Declined', column: 'Snapshots', audited: 'Each look is recorded',
  },
} as const;
type Locale = keyof typeof T;

// The project's Chromium with a fake camera that needs no permission prompt.
const launch = config.use?.launchOptions ?? {};
test.use({
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  permissions: ['camera'],
  launchOptions: { ...launch, args: [...(launch.args ?? []), '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'] },
});

// A sitting open now (taking `snapshots`), with two new engineers of level 1 as its candidates.
async function snapshotSitting(lang: string, snapshots: number) {
  const { hr, admin } = await staff(lang);
  const stamp = Date.now() % 1_000_000;
  const { cycle, takers } = await examCycle(hr, {
    name: `E2E 抓拍 ${lang} ${stamp}`, prefix: `SN${lang.toUpperCase()}${stamp}`,
    engineers: [1, 2].map((n) => ({ name: `${lang === 'en' ? 'Snapshot' : '抓拍'} ${n}`, rank: 1 })),
  });
  const blueprint = await hr.post(`/api/v1/cycles/${cycle}/blueprints`, {
    json: { target_rank: 2, duration_minutes: 30, sections: [{ title: { zh: '单选题', en: 'Single choice' }, types: ['single'], count: 10, points: 1000 }] },
  });
  ok(blueprint, 201);
  const now = Date.now();
  const sitting = await hr.post(`/api/v1/blueprints/${blueprint.body.id}/sittings`, {
    json: { name: lang === 'en' ? `Snapshot sitting ${stamp}` : `抓拍场次 ${stamp}`, opens_at: iso(now - 40 * 60_000), closes_at: iso(now + 30 * 60_000), capacity: 10, snapshots },
  });
  ok(sitting, 201);
  expect(sitting.body.snapshots).toBe(snapshots);
  ok(await hr.post(`/api/v1/sittings/${sitting.body.id}/candidates`, { json: { application_ids: takers.map((t) => t.application) } }));
  const accounts = await signedIn(admin, takers, lang);
  return { hr, cycle, sitting: sitting.body.id as number, accounts };
}

// The candidate opens the exam: the consent question comes over the paper and is not dismissed by
// a tap beside it.
async function openExam(page: Page, lang: string, account: { username: string; password: string }, sitting: number) {
  const t = T[lang === 'en' ? 'en-US' : 'zh-CN'];
  await signIn(page, lang, account.username, account.password);
  await expect(page.getByTestId('current-user')).toBeVisible();
  await page.goto(`/exams/${sitting}/take`);
  await expect(page.getByRole('timer')).toBeVisible();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(t.intro);
  await expect(dialog).toContainText(t.who);
  await expect(dialog).toContainText(t.keep);
  await page.mouse.click(195, 820);
  await expect(dialog).toBeVisible();
  return dialog;
}

test('a candidate agrees to webcam snapshots on a phone, another declines, and HR sees both in the room', async ({ page, browser }, info) => {
  test.setTimeout(90_000);
  const t = T[info.project.name as Locale];
  const { hr, cycle, sitting, accounts } = await snapshotSitting(t.lang, t.lang === 'zh' ? 0 : 2);
  const [first, second] = accounts;

  // HR: a wide screen in English, a phone in Chinese.
  const staffContext = await browser.newContext({ locale: info.project.name, ...(t.lang === 'en' ? { viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false } : {}) });
  const hrPage = await staffContext.newPage();
  await signIn(hrPage, t.lang, 'hr', 'api-test-pass');
  await expect(hrPage.getByTestId('current-user')).toBeVisible();
  if (t.lang === 'zh') {
    await hrPage.goto(`/cycles/${cycle}`);
    await hrPage.getByTestId(`sitting-${sitting}`).getByTestId('sitting-edit').click();
    const field = hrPage.getByTestId('sitting-drawer').getByLabel('抓拍次数');
    await expect(field).toHaveValue('0');
    await field.fill('2');
    await hrPage.getByTestId('sitting-save').click();
    await expect(hrPage.getByTestId('sitting-drawer')).toBeHidden();
    expect((await hr.get(`/api/v1/sittings/${sitting}`)).body.snapshots).toBe(2);
  }

  // Agreed: the first picture is sent at once, and the header counts it.
  const dialog = await openExam(page, t.lang, first, sitting);
  await dialog.getByRole('button', { name: t.agree }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('snapshot-status')).toContainText(t.agreed, { timeout: 15_000 });
  const room = async () => (await hr.get(`/api/v1/sittings/${sitting}/room`)).body.items as { candidate_no: string; engineer_name: string; attempt: { id: number } | null; snapshots: { consent: string; taken: number } }[];
  const [agreedLine] = (await room()).filter((l) => l.snapshots?.consent === 'yes');
  const list = await hr.get(`/api/v1/attempts/${agreedLine.attempt!.id}/snapshots`);
  ok(list);
  expect(list.body.items).toHaveLength(1);
  expect(list.body.items[0]).toMatchObject({ width: 320, height: 240 });
  // Answering goes on as before.
  await page.locator('.ant-radio-wrapper').first().click();
  await expect(page.getByTestId('save-status')).toHaveText(t.lang === 'zh' ? '已保存' : 'Saved');

  // Declined: no picture is sent.
  const other = await browser.newContext({ locale: info.project.name });
  const phone = await other.newPage();
  const sent: string[] = [];
  phone.on('request', (r) => {
    if (r.method() === 'POST' && r.url().includes('/snapshots')) sent.push(r.url());
  });
  const asked = await openExam(phone, t.lang, second, sitting);
  await asked.getByRole('button', { name: t.decline }).click();
  await expect(asked).toBeHidden();
  await expect(phone.getByTestId('snapshot-status')).toContainText(t.declined);
  await phone.waitForTimeout(1500);
  expect(sent).toEqual([]);
  await other.close();

  // HR's room.
  await hrPage.goto(`/sittings/${sitting}/room`);
  const lines = await room();
  const declinedLine = lines.find((l) => l.snapshots?.consent === 'no')!;
  expect(declinedLine.snapshots.taken).toBe(0);
  if (t.lang === 'en') await expect(hrPage.getByTestId('room-table').locator('th', { hasText: t.column })).toBeVisible();
  const agreedCell = hrPage.getByTestId(`snapshots-${agreedLine.candidate_no}`);
  await expect(agreedCell).toContainText(t.yes);
  await expect(agreedCell).toContainText('1/2');
  const declinedCell = hrPage.getByTestId(`snapshots-${declinedLine.candidate_no}`);
  await expect(declinedCell).toContainText(t.no);
  await expect(declinedCell).toContainText('0/2');

  // The drawer says each look is recorded and shows the picture, loaded.
  await agreedCell.getByRole('button').click();
  const drawer = hrPage.getByTestId('snapshots-drawer');
  await expect(drawer).toContainText(t.audited);
  await expect(drawer).toContainText(agreedLine.engineer_name);
  const image = drawer.getByTestId('snapshot-image');
  await expect(image).toHaveCount(1);
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(320);
  await staffContext.close();
});
