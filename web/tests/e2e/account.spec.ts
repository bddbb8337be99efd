import { test, expect, signIn, type Page } from './fixtures';
import { readFileSync } from 'node:fs';
import { freshCode, wrongCode } from './totp';

const PASSWORD = 'api-test-pass';

const T = {
  'zh-CN': { lang: 'zh', mustChange: '请修改密码', mustEnrol: '请启用两步验证', changed: '密码已修改', on: '已启用', off: '未启用', account: '账号安全', mfaTag: '两步验证', ended: '的 1 个会话' },
  'en-US': { lang: 'en', mustChange: 'Change your password', mustEnrol: 'Turn on two-factor authentication', changed: 'Password changed', on: 'On', off: 'Off', account: 'Account security', mfaTag: '2FA', ended: 'ended: 1' },
} as const;
type Locale = keyof typeof T;

// The administrator's session that global-setup signed in (with its second factor).
async function asAdmin(method: string, path: string, body?: unknown) {
  const res = await fetch(process.env.SKILLGRADE_E2E_URL + path, {
    method,
    headers: {
      Cookie: process.env.SKILLGRADE_E2E_ADMIN_COOKIE!,
      'X-CSRF-Token': process.env.SKILLGRADE_E2E_ADMIN_CSRF!,
      ...(body ? { 'Content-Type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, text, body: text ? JSON.parse(text) : null };
}

// The demo has one account per role, shared by both browser projects: each test makes its own,
// then resets its password as an administrator does, so that the first sign-in must change it.
async function resetAccount(username: string, password: string, role: 'engineer' | 'admin' | 'auditor', display: string) {
  let engineer_no: string | undefined;
  if (role === 'engineer') {
    const list = await asAdmin('GET', '/api/v1/engineers?page=1&page_size=5&sort=employee_no');
    expect(list.status, list.text).toBe(200);
    engineer_no = list.body.items[0].employee_no; // an engineer may have more than one account
  }
  const made = await asAdmin('POST', '/api/v1/users', { username, display_name: display, password: `Made-${password}`, roles: [role], ...(engineer_no ? { engineer_no } : {}) });
  expect(made.status, made.text).toBe(201);
  const reset = await asAdmin('POST', `/api/v1/users/${made.body.id}/password`, { password });
  expect(reset.status, reset.text).toBe(200);
  return made.body.id as number;
}

const names = (info: { project: { name: string }; repeatEachIndex: number; retry: number }, kind: string) => {
  const t = T[info.project.name as Locale];
  const suffix = `${info.repeatEachIndex}${info.retry}${Date.now() % 100000}`;
  return { t, username: `e2e.${kind}.${t.lang}.${suffix}`, display: `E2E ${t.lang}`, suffix };
};


const answerOf = (page: Page, path: string) => page.waitForResponse((r) => new URL(r.url()).pathname === path);
// A field's error as shown (not the previous one while it fades out).
const fieldError = (page: Page, id: string) => page.locator(`.ant-form-item:has(#${id}) .ant-form-item-explain-error:not(.ant-form-show-help-item-leave)`);

// Fills and submits the password form; the server's status, unless the form stops it first.
async function changePassword(page: Page, current: string, next: string, { sent = true } = {}) {
  await page.locator('#change-password_current_password').fill(current);
  await page.locator('#change-password_new_password').fill(next);
  await page.locator('#change-password_repeat').fill(next);
  const answer = sent ? answerOf(page, '/api/v1/auth/password') : null;
  await page.getByTestId('change-password-submit').click();
  return answer && (await answer).status();
}

// Turns the second factor on from the page: the secret read off it, a code computed from it.
async function enrol(page: Page, used: number[]) {
  await page.getByTestId('mfa-turn-on').click();
  await expect(page.getByTestId('mfa-enrolment').locator('.ant-qrcode svg')).toBeVisible();
  const secret = (await page.getByTestId('mfa-secret').innerText()).replace(/\s+/g, '');
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  await page.locator('#mfa-confirm_code').fill(wrongCode(secret));
  const refused = answerOf(page, '/api/v1/auth/mfa/confirm');
  await page.getByTestId('mfa-confirm').click();
  expect((await refused).status()).toBe(422);
  await expect(fieldError(page, 'mfa-confirm_code')).toBeVisible();
  await page.locator('#mfa-confirm_code').fill(await freshCode(secret, used));
  await page.getByTestId('mfa-confirm').click();
  const list = page.getByTestId('recovery-codes').locator('li');
  await expect(list).toHaveCount(10);
  const codes = (await list.allInnerTexts()).map((c) => c.trim());
  expect(new Set(codes).size).toBe(10);
  return { secret, codes };
}

test('an engineer changes a reset password, then their own on the account page, turns on two-factor and signs in with a code; another session is ended', async ({ page, browser }, info) => {
  test.setTimeout(180_000);
  const { t, username, display, suffix } = names(info, 'eng');
  const [reset, own, final] = [`Temp-${suffix}-qz81`, `Own-${suffix}-rv52`, `Final-${suffix}-mh94`];
  await resetAccount(username, reset, 'engineer', display);

  // The first sign-in after a reset shows only the password change (and sign-out).
  await signIn(page, t.lang, username, reset);
  await expect(page.getByTestId('must-change-password')).toContainText(t.mustChange);
  await expect(page.locator('.ant-menu')).toHaveCount(0);
  await expect(page.getByTestId('sign-out')).toBeVisible();
  expect(await changePassword(page, reset, own)).toBe(200);
  await expect(page.getByTestId('current-user')).toBeVisible();

  // The account page, from the header: a wrong current password, a short and a common new one.
  await page.getByTestId('current-user').click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole('heading', { name: t.account })).toBeVisible();
  expect(await changePassword(page, 'not-my-password', final)).toBe(422);
  await expect(fieldError(page, 'change-password_current_password')).toBeVisible();
  await changePassword(page, own, 'short1', { sent: false });
  await expect(fieldError(page, 'change-password_new_password')).toBeVisible();
  expect(await changePassword(page, own, '12345678')).toBe(422);
  await expect(fieldError(page, 'change-password_new_password')).toBeVisible();
  await expect(fieldError(page, 'change-password_current_password')).toHaveCount(0);
  expect(await changePassword(page, own, final)).toBe(200);
  await expect(page.locator('.ant-message')).toContainText(t.changed);

  // Signed out, the old password no longer works, the new one does.
  await page.getByTestId('sign-out').click();
  await signIn(page, t.lang, username, own);
  await expect(page.getByTestId('login-error')).toBeVisible();
  await signIn(page, t.lang, username, final);
  await expect(page.getByTestId('current-user')).toBeVisible();

  // Two-factor: ten recovery codes, shown once, downloadable as text.
  await page.getByTestId('current-user').click();
  await expect(page.getByTestId('mfa-status')).toHaveText(t.off);
  const used: number[] = [];
  const { secret, codes } = await enrol(page, used);
  const download = page.waitForEvent('download');
  await page.getByTestId('recovery-download').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.txt$/);
  expect(readFileSync(await file.path(), 'utf8')).toContain(codes[9]);
  await page.getByTestId('recovery-done').click();
  await expect(page.getByTestId('recovery-codes')).toHaveCount(0);
  await expect(page.getByTestId('mfa-status')).toHaveText(t.on);

  // Signing in now asks for a code: a wrong one shows under the field, a fresh one signs in.
  await page.getByTestId('sign-out').click();
  await signIn(page, t.lang, username, final);
  await expect(page.locator('#otp')).toBeFocused();
  await page.locator('#otp').fill(wrongCode(secret));
  const bad = answerOf(page, '/api/v1/auth/login');
  await page.locator('button[type=submit]').click();
  expect([401, 422]).toContain((await bad).status());
  await expect(fieldError(page, 'otp')).toBeVisible();
  await expect(page.locator('#password')).toHaveValue(final);
  await page.locator('#otp').fill(await freshCode(secret, used));
  await page.locator('button[type=submit]').click();
  await expect(page.getByTestId('current-user')).toBeVisible();

  // A second session signs in with a recovery code; the account page lists both and ends the other.
  const other = await browser.newContext();
  const second = await other.request.post('/api/v1/auth/login', { data: { username, password: final, otp: codes[0] } });
  expect(second.status(), await second.text()).toBe(200);
  await page.getByTestId('current-user').click();
  const rows = page.getByTestId('sessions').locator('tbody tr.ant-table-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ has: page.getByTestId('session-current') })).toHaveCount(1);
  await rows.filter({ hasNot: page.getByTestId('session-current') }).getByRole('button').click();
  await page.locator('.ant-popconfirm:visible .ant-btn-primary').click();
  await expect(rows).toHaveCount(1);
  expect((await other.request.get('/api/v1/auth/me')).status()).toBe(401);
  // A recovery code works once.
  expect((await other.request.post('/api/v1/auth/login', { data: { username, password: final, otp: codes[0] } })).ok()).toBe(false);
  await other.close();
});

test('a new administrator changes the reset password and enrols a second factor before anything else, then ends a user\'s sessions', async ({ page }, info) => {
  test.setTimeout(120_000);
  const { t, username, display, suffix } = names(info, 'adm');
  const [reset, own] = [`Temp-${suffix}-kd37`, `Own-${suffix}-wp60`];
  await resetAccount(username, reset, 'admin', display);

  await signIn(page, t.lang, username, reset);
  await expect(page.getByTestId('must-change-password')).toContainText(t.mustChange);
  expect(await changePassword(page, reset, own)).toBe(200);
  // The role requires a second factor: only the enrolment shows, whatever the address.
  await expect(page.getByTestId('must-enrol-mfa')).toContainText(t.mustEnrol);
  await page.goto('/users');
  await expect(page.getByTestId('must-enrol-mfa')).toBeVisible();
  await expect(page.locator('.ant-menu')).toHaveCount(0);
  await enrol(page, []);
  // The codes stay until they are kept; then the app opens.
  await expect(page.getByTestId('must-enrol-mfa')).toBeVisible();
  await page.getByTestId('recovery-done').click();
  await expect(page.getByTestId('current-user')).toBeVisible();

  // The role may not turn it off: the server says why.
  await page.getByTestId('current-user').click();
  await expect(page.getByTestId('mfa-status')).toHaveText(t.on);
  await page.getByTestId('mfa-turn-off').click();
  await page.locator('#mfa-disable_password').fill(own);
  await page.locator('.ant-modal-footer .ant-btn-dangerous').click();
  await expect(page.getByTestId('mfa-refused')).toBeVisible();
  await page.locator('.ant-modal-footer .ant-btn').first().click();

  // On the accounts page: the new account's tag, and an auditor's sessions ended from the list.
  const auditor = `${username}.aud`;
  await resetAccount(auditor, `Aud-${suffix}-zt18`, 'auditor', `审计员 ${t.lang}`);
  const signedIn = await fetch(`${process.env.SKILLGRADE_E2E_URL}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: auditor, password: `Aud-${suffix}-zt18` }),
  });
  expect(signedIn.status).toBe(200);
  const cookie = signedIn.headers.get('set-cookie')!.split(';')[0];
  await page.goto('/users');
  await expect(page.locator('tr').filter({ has: page.getByRole('cell', { name: username, exact: true }) })).toContainText(t.mfaTag);
  await page.getByTestId(`end-sessions-${auditor}`).click();
  await page.locator('.ant-popconfirm:visible .ant-btn-primary').click();
  await expect(page.locator('.ant-message')).toContainText(auditor);
  await expect(page.locator('.ant-message')).toContainText(t.ended);
  expect((await fetch(`${process.env.SKILLGRADE_E2E_URL}/api/v1/auth/me`, { headers: { Cookie: cookie } })).status).toBe(401);
});

test('on a 390 px phone the account page is one tap away from the header and fits the screen', async ({ browser }, info) => {
  const t = T[info.project.name as Locale];
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await ctx.newPage();
  await signIn(page, t.lang, 'engineer', PASSWORD);
  await page.getByTestId('current-user').click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByTestId('change-password')).toBeVisible();
  await expect(page.getByTestId('sessions')).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await ctx.close();
});
