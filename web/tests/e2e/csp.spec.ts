import { test, expect } from '@playwright/test';

// The app is served under a Content-Security-Policy that a browser enforces: an inline script
// injected into the page does not run and is reported (the other tests fail on such a report).
test('the browser enforces the CSP: an inline script is refused and reported', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('#root')).not.toBeEmpty();
  const outcome = await page.evaluate(async () => {
    const reported = new Promise<string>((resolve) =>
      document.addEventListener('securitypolicyviolation', (e) => resolve(e.violatedDirective), { once: true }));
    const s = document.createElement('script');
    s.textContent = 'window.__inline = 1';
    document.body.appendChild(s);
    return { ran: (window as unknown as { __inline?: number }).__inline === 1, directive: await reported };
  });
  expect(outcome.ran).toBe(false);
  expect(outcome.directive).toMatch(/script-src/);
});
