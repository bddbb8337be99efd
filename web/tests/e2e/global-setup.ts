import { startServer, PASSWORD } from '../api/harness.mjs';
import { totp } from './totp';

// The administrator's role requires a second factor: enrol it once here and hand the tests the
// signed-in session (cookie and CSRF token, SKILLGRADE_E2E_ADMIN_*), so that tests can make their
// own accounts through the API without racing each other for one-time codes.
async function adminSession(url: string) {
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: PASSWORD }),
  });
  if (login.status !== 200) throw new Error(`admin sign-in: ${login.status} ${await login.text()}`);
  const cookie = login.headers.get('set-cookie')!.split(';')[0];
  let session = await login.json();
  const post = (path: string, body?: unknown) =>
    fetch(url + path, {
      method: 'POST',
      headers: { Cookie: cookie, 'X-CSRF-Token': session.csrf_token, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
  if (session.mfa_enrolment_required) {
    const setup = await post('/api/v1/auth/mfa/setup');
    if (setup.status !== 200) throw new Error(`admin mfa setup: ${setup.status} ${await setup.text()}`);
    const { secret } = await setup.json();
    const confirm = await post('/api/v1/auth/mfa/confirm', { code: totp(secret, Math.floor(Date.now() / 30000)) });
    if (confirm.status !== 200) throw new Error(`admin mfa confirm: ${confirm.status} ${await confirm.text()}`);
    const done = await confirm.json();
    session = done.session;
    process.env.SKILLGRADE_E2E_ADMIN_TOTP = secret;
    process.env.SKILLGRADE_E2E_ADMIN_RECOVERY = done.recovery_codes.join(',');
  }
  process.env.SKILLGRADE_E2E_ADMIN_COOKIE = cookie;
  process.env.SKILLGRADE_E2E_ADMIN_CSRF = session.csrf_token;
}

export default async function globalSetup() {
  // As the product ships: the administrator's role requires a second factor (account.spec tests it).
  const srv = await startServer('sqlite', { engineers: 80, mfaRoles: 'admin' });
  process.env.SKILLGRADE_E2E_URL = srv.url;
  try {
    await adminSession(srv.url);
  } catch (e) {
    srv.stop();
    throw e;
  }
  return async () => srv.stop();
}
