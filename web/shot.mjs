// usage: node shot.mjs user lang width path out.png
import { chromium } from '@playwright/test';
const [user, lang, width, path, out] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: Number(width), height: Number(width) < 500 ? 844 : 800 } });
const base = 'http://127.0.0.1:8765';
await page.goto(base + '/');
await page.evaluate((l) => localStorage.setItem('lang', l), lang);
await page.reload();
await page.locator('#username').fill(user);
await page.locator('#password').fill('demo-pass-123');
await page.locator('button[type=submit]').click();
await page.getByTestId('current-user').waitFor();
await page.goto(base + path);
await page.waitForLoadState('networkidle');
await page.waitForTimeout(500);
const w = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
console.log(path, w);
if (process.env.WIDEST) {
  const wide = await page.evaluate(() => [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1).slice(0, 8).map((e) => `${e.tagName}.${String(e.className).slice(0, 60)} ${Math.round(e.getBoundingClientRect().right)}`));
  console.log(wide.join('\n'));
}
await page.screenshot({ path: out, fullPage: true });
await browser.close();
