// Every page of every role, in both languages: no console error, no failed request, and no text in
// the other language outside user data. User data is every string the API sent, except the Chinese
// half of a bilingual {zh, en} text: what remains on the page after those are taken out is the UI's.
import { test, expect, signIn, api, type Page } from './fixtures';

const CJK = /[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]/;
// Words a Chinese page may show in Latin letters: the product's name, the language switch, file types and sizes,
// keys of the keyboard.
// Browser and system names describe a signed-in device; {YYYY} and the like are pattern placeholders.
const LATIN_OK = new Set(['skillgrade', 'English', 'xlsx', 'csv', 'zip', 'toml', 'TOML', 'Excel', 'TOTP', 'PDF', 'PNG', 'JPEG', 'MB', 'ID', 'QR',
  'Ctrl', 'Enter', 'Esc', 'Chrome', 'Linux', 'Windows', 'Firefox', 'Safari', 'Edge', 'macOS', 'Android', 'iPhone', 'iPad', 'HarmonyOS', 'WeChat', 'DingTalk', 'Opera', 'curl', 'ChromeOS']);

type Role = 'admin' | 'hr' | 'examiner' | 'committee' | 'manager' | 'engineer' | 'auditor';

// A question's stem, options and explanation are written by people in both languages: both halves
// are user data (a Chinese stem may name R32, PFC or ISO 817).
const WRITTEN = new Set(['stem', 'options', 'explanation']);
function collectStrings(v: unknown, out: Set<string>, written = false) {
  if (typeof v === 'string') {
    if (v.trim()) out.add(v.trim());
  } else if (Array.isArray(v)) v.forEach((x) => collectStrings(x, out, written));
  else if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const bilingual = typeof o.zh === 'string' && typeof o.en === 'string';
    for (const [k, x] of Object.entries(o)) if (!(bilingual && k === 'zh' && !written)) collectStrings(x, out, written || WRITTEN.has(k));
  }
}

// Watches a page for console errors, failed requests, and records every string the API answered.
function watch(page: Page) {
  const problems: string[] = [];
  const data = new Set<string>();
  const pending = new Set<Promise<void>>();
  page.on('console', (m) => {
    // A failed load is reported by status below (where the signed-out 401 is told apart).
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  // Requests still running when the walk moves on are aborted by the navigation, not failed.
  page.on('requestfailed', (r) => {
    if (r.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`);
  });
  page.on('response', async (r) => {
    const url = r.url();
    // Before signing in the app asks who is signed in: 401 is the answer, not a failure.
    if (r.status() >= 400 && !(r.status() === 401 && url.endsWith('/api/v1/auth/me'))) problems.push(`HTTP ${r.status()} ${url}`);
    if (url.includes('/api/') && (r.headers()['content-type'] ?? '').includes('json')) {
      const read = r.json().then(
        (body) => collectStrings(body, data),
        () => undefined, // a body already gone with a navigation
      );
      pending.add(read);
      void read.finally(() => pending.delete(read));
    }
  });
  // Every answer read so far has been taken into `data`.
  const settled = async () => {
    while (pending.size) await Promise.all([...pending]);
  };
  return { problems, data, settled };
}

function visibleTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || !n.textContent?.trim()) continue;
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden' || el.closest('[aria-hidden="true"]')) continue;
      out.push(n.textContent.trim());
    }
    for (const el of document.querySelectorAll<HTMLInputElement>('input[placeholder], textarea[placeholder]')) if (el.offsetParent) out.push(el.placeholder);
    return out;
  });
}

// The page's visible UI text with user data taken out.
async function uiText(page: Page, data: Set<string>, settled: () => Promise<void>) {
  await page.waitForLoadState('networkidle');
  // The page has settled when its text stops changing and every answer has been read.
  let texts: string[] = [];
  for (let round = 0; round < 10; round++) {
    await settled();
    const now = await visibleTexts(page);
    if (round > 0 && now.join('\n') === texts.join('\n')) break;
    texts = now;
    await page.waitForTimeout(300);
  }
  await settled();
  // Strings of two characters or more are taken out where they appear; a text that is part of a longer
  // one (a hash shown by its first characters) is user data as a whole.
  const known = [...data].filter((d) => d.length >= 2).sort((a, b) => b.length - a.length);
  const long = known.filter((d) => d.length >= 8);
  return texts
    .filter((t) => !(t.length >= 4 && long.some((d) => d.includes(t))))
    .map((t) => {
      let rest = t.replace(/\{[A-Za-z]+(:\d+)?\}/g, ' ');
      for (const d of known) {
        if (!rest.includes(d)) continue;
        // Latin data (a user name such as "hr") only as a whole word, not inside "Chrome".
        if (/^[\x00-\x7f]+$/.test(d)) rest = rest.replace(new RegExp(`(?<![A-Za-z0-9])${d.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z0-9])`, 'g'), ' ');
        else rest = rest.split(d).join(' ');
      }
      // The switch to the other language names that language in itself.
      // (a two-character button label is spaced out as "中 文").
      return rest.replace(/中\s*文/, ' ');
    });
}

// A sitting for HR and administrators to open the item analysis of: in a cycle of its own that never
// starts, with a blueprint, nobody sitting it.
async function unsatSitting(page: Page): Promise<number> {
  const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
  const phases = [['application', 1, 10], ['eligibility_review', 11, 15], ['written_exam', 16, 20]].map(([phase, a, b]) => ({
    phase, starts_on: day(a as number), ends_on: day(b as number), responsible_role: 'hr',
  }));
  const cycle = await api(page, 'POST', '/api/v1/cycles', { name: `Walk ${Date.now() % 100000}`, scheme_id: 1, kind: 'promotion', open_ranks: [2], cutoff_date: day(10), phases });
  expect(cycle.status, JSON.stringify(cycle.body)).toBe(201);
  const blueprint = await api(page, 'POST', `/api/v1/cycles/${cycle.body.id}/blueprints`, {
    target_rank: 2, duration_minutes: 30, sections: [{ title: { zh: '单选题', en: 'Single choice' }, types: ['single'], count: 5, points: 2000 }],
  });
  expect(blueprint.status, JSON.stringify(blueprint.body)).toBe(201);
  const iso = (n: number) => `${day(n)}T01:00:00Z`;
  const sitting = await api(page, 'POST', `/api/v1/blueprints/${blueprint.body.id}/sittings`, { name: `Walk ${Date.now() % 100000}`, opens_at: iso(17), closes_at: iso(18), capacity: 10 });
  expect(sitting.status, JSON.stringify(sitting.body)).toBe(201);
  return sitting.body.id;
}

async function pagesOf(page: Page, role: Role): Promise<string[]> {
  const get = async (path: string) => page.evaluate(async (p) => (await fetch(p)).json(), path);
  const me = (await get('/api/v1/auth/me')).user;
  const cycles = (await get('/api/v1/cycles')).items as { id: number; status: string }[];
  const closed = cycles.find((c) => c.status === 'closed')!.id;
  const open = cycles.find((c) => c.status === 'application')!.id;
  const someone = role === 'engineer' ? me.engineer_id : (await get('/api/v1/engineers?page_size=1&sort=-rank')).items[0].id;
  const common = ['/schemes', '/schemes/1', '/courses', '/cycles', `/cycles/${closed}`, `/cycles/${open}`, `/engineers/${someone}`, '/account'];
  const analysis = role === 'admin' || role === 'hr' ? `/sittings/${await unsatSitting(page)}/analysis` : '';
  const extra: Record<Role, string[]> = {
    admin: ['/home', '/engineers', '/org', '/users', '/audit', '/calendar', '/questions', '/marking', analysis],
    hr: ['/home', '/engineers', '/org', '/calendar', '/questions', '/marking', analysis],
    examiner: ['/home', '/engineers', '/org', '/questions', '/marking'],
    committee: ['/home', '/engineers', '/org'],
    manager: ['/home', '/engineers', '/org'],
    engineer: ['/exams', '/exams/wrong'],
    auditor: ['/home', '/engineers', '/org', '/audit', '/questions'],
  };
  return [...extra[role], ...common];
}

async function signInAs(page: Page, lang: string, role: Role) {
  if (role === 'admin') {
    const [name, value] = process.env.SKILLGRADE_E2E_ADMIN_COOKIE!.split('=');
    await page.context().addCookies([{ name, value, url: process.env.SKILLGRADE_E2E_URL! }]);
    await page.goto('/');
    await page.evaluate((l) => localStorage.setItem('lang', l), lang);
    await page.reload();
  } else await signIn(page, lang, role, 'api-test-pass');
  await expect(page.getByTestId('current-user')).toBeVisible();
}

for (const role of ['admin', 'hr', 'examiner', 'committee', 'manager', 'engineer', 'auditor'] as Role[]) {
  test(`every page of the ${role}: no console error or failed request, and all UI text in the chosen language`, async ({ page }, info) => {
    test.setTimeout(180_000);
    const lang = info.project.name === 'en-US' ? 'en' : 'zh';
    const { problems, data, settled } = watch(page);
    await signInAs(page, lang, role);
    const wrong: string[] = [];
    for (const path of await pagesOf(page, role)) {
      await page.goto(path);
      for (const text of await uiText(page, data, settled)) {
        if (lang === 'en' && CJK.test(text)) wrong.push(`${path}: ${text}`);
        if (lang === 'zh') {
          const words = (text.match(/[A-Za-z]{3,}/g) ?? []).filter((w) => !LATIN_OK.has(w));
          if (words.length) wrong.push(`${path}: ${text}`);
        }
      }
    }
    expect([...new Set(wrong)], lang === 'en' ? 'Chinese text in the English UI' : 'English text in the Chinese UI').toEqual([]);
    expect(problems, 'console errors and failed requests').toEqual([]);
  });
}

// On a 390 px phone the engineer's and HR's main pages scroll only downwards, and the menu opens.
for (const role of ['engineer', 'hr'] as Role[]) {
  test(`the ${role}'s main pages fit a 390 px phone and the menu opens`, async ({ page }, info) => {
    test.setTimeout(120_000);
    const lang = info.project.name === 'en-US' ? 'en' : 'zh';
    await page.setViewportSize({ width: 390, height: 844 });
    await signInAs(page, lang, role);
    const wide: string[] = [];
    for (const path of await pagesOf(page, role)) {
      await page.goto(path);
      await page.waitForLoadState('networkidle');
      const [scroll, inner] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      if (scroll > inner + 1) wide.push(`${path}: ${scroll} px wide`);
    }
    expect(wide, 'pages wider than the phone').toEqual([]);
    const button = page.getByTestId('menu-button');
    const box = await button.boundingBox();
    expect(box && box.width > 0 && box.height > 0, 'the menu button has a size').toBeTruthy();
    await button.click();
    const cycles = page.getByTestId('phone-menu').getByRole('menuitem', { name: lang === 'zh' ? '评定批次' : 'Cycles' });
    await expect(cycles).toBeVisible();
    await cycles.click();
    await expect(page).toHaveURL(/\/cycles$/);
  });
}
