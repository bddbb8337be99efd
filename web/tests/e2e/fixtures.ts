// Every browser test runs under the server's Content-Security-Policy and fails when the page
// reports a violation of it (or any other page error) in the console.
import { test as base, expect } from '@playwright/test';

export const test = base.extend<{ cspGuard: void }>({
  cspGuard: [
    async ({ page }, use) => {
      const violations: string[] = [];
      page.on('console', (m) => {
        if (/Content[- ]Security[- ]Policy|Refused to (load|execute|apply|connect|frame)/i.test(m.text())) violations.push(m.text());
      });
      page.on('pageerror', (e) => {
        if (/Content Security Policy|EvalError/i.test(e.message)) violations.push(e.message);
      });
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) =>
          console.error(`Content-Security-Policy violation: ${e.violatedDirective} ${e.blockedURI}`));
      });
      await use();
      expect(violations, 'CSP violations on the page').toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };
export type { Page } from '@playwright/test';

// Opens the app in a language and submits the sign-in form (what follows is the caller's to check).
export async function signIn(page: import('@playwright/test').Page, lang: string, username: string, password: string) {
  await page.goto('/');
  await page.evaluate((l) => localStorage.setItem('lang', l), lang);
  await page.reload();
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.locator('button[type=submit]').click();
}

// A call of the API from inside the signed-in page (its cookie and CSRF token), with If-Match.
export async function api(page: import('@playwright/test').Page, method: string, path: string, body?: unknown, version?: number) {
  return page.evaluate(
    async ({ method, path, body, version }) => {
      const me = await (await fetch('/api/v1/auth/me')).json();
      const headers: Record<string, string> = { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token };
      if (version !== undefined) headers['If-Match'] = `"${version}"`;
      const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: res.status, body: await res.json() };
    },
    { method, path, body, version },
  );
}

// POSTs work that runs as a job (the review, the evaluation) and waits for it: the job as it ended.
export async function runJob(page: import('@playwright/test').Page, path: string) {
  const started = await api(page, 'POST', path);
  if (started.status !== 202) throw new Error(`${path}: ${started.status} ${JSON.stringify(started.body)}`);
  for (let i = 0; i < 600; i++) {
    const j = await api(page, 'GET', `/api/v1/jobs/${started.body.id}`);
    if (!['queued', 'running'].includes(j.body.state)) return j.body;
    await page.waitForTimeout(100);
  }
  throw new Error(`${path}: the job did not end`);
}
