// Accounts under ASVS 5.0 level 2: throttled sign-in, the password policy, one's own password
// change, an administrator's reset, TOTP with recovery codes, sessions a user can list and end
// (on every server at once), and the audit of it all.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { engines, startServer, Client, PASSWORD } from './harness.mjs';

// RFC 6238: HMAC-SHA1 over the 30-second step, dynamic truncation, 6 digits.
function base32(s) {
  const a = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of s.replace(/[\s=]/g, '').toUpperCase()) bits += a.indexOf(c).toString(2).padStart(5, '0');
  const out = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) out.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(out);
}
export function totp(secret, step = Math.floor(Date.now() / 30000)) {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', base32(secret)).update(msg).digest();
  const o = mac[mac.length - 1] & 15;
  return String((mac.readUInt32BE(o) & 0x7fffffff) % 1000000).padStart(6, '0');
}

test('the TOTP of the test matches RFC 6238’s test vector', () => {
  // Secret "12345678901234567890", T = 59 s: 94287082 (8 digits), so 287082 in 6.
  assert.equal(totp('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 1), '287082');
});

for (const engine of engines) {
  describe(`accounts on ${engine}`, () => {
    let srv, admin;
    const made = {};
    before(async () => {
      srv = await startServer(engine, { engineers: 30 });
      admin = new Client(srv.url);
      assert.equal((await admin.login('admin')).status, 200);
      for (const name of ['acc1', 'acc2', 'acc3', 'acc4']) {
        const r = await admin.post('/api/v1/users', { json: { username: name, display_name: `测试 ${name}`, password: 'start-pass-9', roles: ['hr'] } });
        assert.equal(r.status, 201, JSON.stringify(r.body));
        made[name] = r.body.id;
      }
    });
    after(() => srv.stop());

    test('an administrator changes roles and disables or enables an account; a disabled account is signed out and cannot sign in', async () => {
      const created = await admin.post('/api/v1/users', { json: { username: 'acc5', display_name: '测试 acc5', password: 'start-pass-9', roles: ['hr'] } });
      assert.equal(created.status, 201);
      const id = created.body.id;
      const user = new Client(srv.url);
      assert.equal((await user.login('acc5', 'start-pass-9')).status, 200);
      const put = (id, json) => admin.request('PUT', `/api/v1/users/${id}`, { json });
      const roles = await put(id, { display_name: '测试 审计', roles: ['auditor'], active: true });
      assert.equal(roles.status, 200, JSON.stringify(roles.body));
      assert.deepEqual([roles.body.roles, roles.body.display_name], [['auditor'], '测试 审计']);
      assert.equal((await user.get('/api/v1/audit?page_size=1')).status, 200, 'the new role applies to the running session');
      assert.equal((await user.get('/api/v1/cycles/1/appeals')).status, 403, 'and the old one is gone');
      for (const [body, field] of [[{ roles: [], active: true }, 'roles'], [{ roles: ['wizard'], active: true }, 'roles'], [{ roles: ['engineer'], active: true }, 'roles'], [{ roles: ['auditor'], active: 'no' }, 'active']]) {
        const bad = await put(id, body);
        assert.equal(bad.status, 422, JSON.stringify(body));
        assert.ok(bad.body.errors.some((e) => e.field === field), JSON.stringify(bad.body));
      }
      const off = await put(id, { roles: ['auditor'], active: false });
      assert.equal(off.status, 200);
      assert.equal((await user.get('/api/v1/auth/me')).status, 401, 'signed out everywhere');
      assert.equal((await new Client(srv.url).login('acc5', 'start-pass-9')).status, 401);
      assert.equal((await put(id, { roles: ['auditor'], active: true })).status, 200);
      assert.equal((await new Client(srv.url).login('acc5', 'start-pass-9')).status, 200);
      const me = (await admin.get('/api/v1/auth/me')).body.user;
      const self = await put(me.id, { roles: ['admin'], active: false });
      assert.equal(self.status, 422);
      assert.equal((await put(me.id, { roles: ['hr'], active: true })).status, 422, 'nobody drops their own administrator role');
      assert.equal((await put(999999, { roles: ['hr'], active: true })).status, 404);
      const auditor = new Client(srv.url);
      await auditor.login('auditor');
      const log = (await auditor.get(`/api/v1/audit?entity=user&entity_id=${id}`)).body.items.map((r) => r.action);
      assert.deepEqual(log.filter((a) => a.startsWith('user.')).slice(0, 3), ['user.enable', 'user.disable', 'user.update']);
    });

    test('engineer accounts in bulk: one-time passwords on a hand-out sheet, skipped engineers with the reason, nothing twice', async () => {
      const without = (await admin.get('/api/v1/engineers?account=none&status=active&page_size=4')).body;
      assert.equal(without.items.length, 4);
      const hr = new Client(srv.url);
      await hr.login('hr');
      assert.equal((await hr.get('/api/v1/engineers?account=none')).status, 422, 'only administrators filter by account');
      assert.equal((await admin.get('/api/v1/engineers?account=maybe')).status, 422);
      const own = (await admin.get('/api/v1/users?q=engineer&role=engineer')).body.items[0].engineer_id;
      assert.ok(own, 'the demo engineer account is linked');
      const sheetOf = async (buf) => {
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(buf);
        const rows = (name) => {
          const out = [];
          wb.getWorksheet(name).eachRow((r) => out.push(r.values.slice(1).map(String)));
          return out;
        };
        return { made: rows('账号'), skipped: rows('未创建') };
      };
      // Strict bodies: nothing is created by any of these.
      for (const ids of [[], [0], [-1], ['1'], [own, own], Array.from({ length: 101 }, (_, i) => i + 1), [without.items[0].id, 999999]]) {
        const bad = await admin.post('/api/v1/engineers/accounts', { json: { engineer_ids: ids } });
        assert.equal(bad.status, 422, JSON.stringify(ids));
        assert.ok(bad.body.errors.some((e) => e.field === 'engineer_ids'), JSON.stringify(bad.body));
      }
      assert.equal((await admin.get('/api/v1/engineers?account=none&status=active&page_size=4')).body.total, without.total);
      const ids = [...without.items.map((e) => e.id), own];
      const res = await admin.post('/api/v1/engineers/accounts', { json: { engineer_ids: ids } });
      assert.equal(res.status, 200, res.body.toString());
      assert.match(res.type, /spreadsheetml/);
      assert.deepEqual([res.headers.get('x-accounts-created'), res.headers.get('x-accounts-skipped')], ['4', '1']);
      const { made, skipped } = await sheetOf(res.body);
      assert.deepEqual(made[0], ['工号', '姓名', '组织单元', '用户名', '一次性密码']);
      assert.deepEqual(made.slice(1).map((r) => r[0]).sort(), without.items.map((e) => e.employee_no).sort());
      assert.equal(skipped.length, 2);
      assert.match(skipped[1][3], /^已有账号：engineer/);
      const passwords = new Set(made.slice(1).map((r) => r[4]));
      assert.equal(passwords.size, 4, 'every account its own password');
      // Each signs in with the sheet's password and must choose their own.
      const [no, name, , username, password] = made[1];
      assert.equal(username, no);
      const eng = new Client(srv.url);
      const login = await eng.login(username, password);
      assert.equal(login.status, 200, JSON.stringify(login.body));
      assert.equal(login.body.must_change_password, true);
      assert.deepEqual(login.body.user.roles, ['engineer']);
      assert.equal(login.body.user.display_name, name);
      assert.equal((await eng.get(`/api/v1/engineers/${login.body.user.engineer_id}`)).status, 403, 'nothing before the password is changed');
      assert.equal((await eng.post('/api/v1/auth/password', { json: { current_password: password, new_password: 'own-choice-731' } })).status, 200);
      assert.equal((await eng.get(`/api/v1/engineers/${login.body.user.engineer_id}`)).body.employee_no, no);
      assert.equal((await admin.get('/api/v1/engineers?account=none&status=active&page_size=4')).body.total, without.total - 4);
      // Again: nothing twice.
      const again = await admin.post('/api/v1/engineers/accounts', { json: { engineer_ids: ids } });
      assert.deepEqual([again.headers.get('x-accounts-created'), again.headers.get('x-accounts-skipped')], ['0', '5']);
      const auditor = new Client(srv.url);
      await auditor.login('auditor');
      const log = (await auditor.get('/api/v1/audit?action=user.create&page_size=50')).body.items.map((r) => JSON.parse(r.after).username);
      for (const e of without.items) assert.ok(log.includes(e.employee_no), e.employee_no);
    });

    test('accounts are listed a page at a time, searched by name and filtered by role', async () => {
      const all = (await admin.get('/api/v1/users?page_size=200')).body;
      assert.ok(all.total >= 8);
      const names = all.items.map((u) => u.username);
      assert.deepEqual(names, [...names].sort(), 'by user name');
      const page2 = (await admin.get('/api/v1/users?page=2&page_size=3')).body;
      assert.deepEqual(page2.items.map((u) => u.username), names.slice(3, 6));
      assert.equal(page2.total, all.total);
      const found = (await admin.get(`/api/v1/users?q=${encodeURIComponent('测试 acc')}`)).body.items.map((u) => u.username);
      assert.ok(found.includes('acc1') && !found.includes('admin'), found.join());
      assert.equal((await admin.get('/api/v1/users?q=%25')).body.total, 0, '% is literal');
      const auditors = (await admin.get('/api/v1/users?role=auditor')).body.items;
      assert.ok(auditors.length >= 1 && auditors.every((u) => u.roles.includes('auditor')));
      for (const q of ['role=wizard', 'page=0', 'page_size=201', 'sort=name'])
        assert.equal((await admin.get(`/api/v1/users?${q}`)).status, 422, q);
    });

    test('unknown users and wrong passwords get the same answer, and every attempt is audited', async () => {
      const c = new Client(srv.url);
      const unknown = await c.request('POST', '/api/v1/auth/login', { json: { username: 'nobody-here', password: 'whatever-123' }, headers: { 'User-Agent': 'probe/1.0' } });
      const wrong = await c.request('POST', '/api/v1/auth/login', { json: { username: 'acc1', password: 'whatever-123' }, headers: { 'User-Agent': 'probe/1.0' } });
      assert.equal(unknown.status, 401);
      assert.equal(wrong.status, 401);
      assert.deepEqual({ ...unknown.body }, { ...wrong.body });
      const auditor = new Client(srv.url);
      await auditor.login('auditor');
      const log = (await auditor.get('/api/v1/audit?entity=user&page_size=50')).body.items;
      const failed = log.filter((r) => r.action === 'auth.login_failed').map((r) => JSON.parse(r.after));
      assert.ok(failed.some((f) => f.username === 'nobody-here' && f.user_agent === 'probe/1.0' && f.address === '127.0.0.1'));
      assert.ok(failed.some((f) => f.username === 'acc1'));
      assert.ok(log.some((r) => r.action === 'auth.login' && JSON.parse(r.after).username === 'auditor'));
    });

    test('the password policy: 8+ characters, not a common password, not the user name; no maximum below 64', async () => {
      const make = (username, password, display_name = '') =>
        admin.post('/api/v1/users', { json: { username, display_name, password, roles: ['auditor'] } });
      const cases = [
        ['pol1', 'short-7'],           // 7 characters
        ['pol2', 'password1'],         // common
        ['pol3', 'Iloveyou1'],         // common, in another case
        ['pol4', 'xpol4-secret'],      // contains the user name
        ['pol5', 'wang-secret-9', 'Wang Li'],  // contains a word of the display name
      ];
      for (const [u, p, d] of cases) {
        const r = await make(u, p, d);
        assert.equal(r.status, 422, `${u} ${p}`);
        assert.equal(r.body.errors[0].field, 'password', `${u} ${p}`);
      }
      assert.equal((await make('pol6', '售后工程师技能等')).status, 201, '8 Chinese characters are 8 characters');
      assert.equal((await make('pol7', 'a-long-pass-phrase-'.repeat(6).slice(0, 100))).status, 201, '100 characters are fine');
      assert.equal((await make('pol8', 'x'.repeat(129))).status, 422);
    });

    test('changing one’s own password needs the current one and ends every other session', async () => {
      const a = new Client(srv.url), b = new Client(srv.url);
      await a.login('acc1', 'start-pass-9');
      await b.login('acc1', 'start-pass-9');
      const wrong = await a.post('/api/v1/auth/password', { json: { current_password: 'nope-nope-1', new_password: 'fresh-pass-42' } });
      assert.equal(wrong.status, 422);
      assert.equal(wrong.body.errors[0].field, 'current_password');
      const weak = await a.post('/api/v1/auth/password', { json: { current_password: 'start-pass-9', new_password: 'qwertyuiop' } });
      assert.equal(weak.status, 422);
      assert.equal(weak.body.errors[0].field, 'new_password');
      const ok = await a.post('/api/v1/auth/password', { json: { current_password: 'start-pass-9', new_password: 'fresh-pass-42' } });
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      assert.equal((await a.get('/api/v1/auth/me')).status, 200, 'this session goes on');
      assert.equal((await b.get('/api/v1/auth/me')).status, 401, 'the other session ended');
      assert.equal((await new Client(srv.url).login('acc1', 'start-pass-9')).status, 401);
      assert.equal((await new Client(srv.url).login('acc1', 'fresh-pass-42')).status, 200);
    });

    test('an administrator’s reset ends the user’s sessions and forces a change at the next sign-in', async () => {
      const u = new Client(srv.url);
      await u.login('acc2', 'start-pass-9');
      const reset = await admin.post(`/api/v1/users/${made.acc2}/password`, { json: { password: 'temp-pass-77' } });
      assert.equal(reset.status, 200);
      assert.equal((await u.get('/api/v1/auth/me')).status, 401);
      const again = await u.login('acc2', 'temp-pass-77');
      assert.equal(again.status, 200);
      assert.equal(again.body.must_change_password, true);
      const blocked = await u.get('/api/v1/engineers');
      assert.equal(blocked.status, 403);
      assert.equal(blocked.body.code, 'auth.password_change_required');
      assert.equal((await u.get('/api/v1/auth/me')).status, 200, 'the account routes answer');
      const changed = await u.post('/api/v1/auth/password', { json: { current_password: 'temp-pass-77', new_password: 'own-choice-88' } });
      assert.equal(changed.status, 200);
      assert.equal(changed.body.must_change_password, false);
      assert.equal((await u.get('/api/v1/engineers')).status, 200);
      const list = (await admin.get('/api/v1/users')).body.items.find((x) => x.username === 'acc2');
      assert.equal(list.must_change_password, false);
    });

    test('TOTP: enrol with a code, sign in with a code or a recovery code, each good once', async () => {
      const u = new Client(srv.url);
      await u.login('acc3', 'start-pass-9');
      const setup = await u.post('/api/v1/auth/mfa/setup');
      assert.equal(setup.status, 200);
      assert.match(setup.body.secret, /^[A-Z2-7]{32}$/);
      assert.match(setup.body.otpauth_uri, /^otpauth:\/\/totp\/skillgrade:acc3\?secret=[A-Z2-7]+&issuer=skillgrade/);
      const secret = setup.body.secret;
      assert.equal((await u.post('/api/v1/auth/mfa/confirm', { json: { code: '000000' === totp(secret) ? '111111' : '000000' } })).status, 422);
      const step = Math.floor(Date.now() / 30000);
      const confirm = await u.post('/api/v1/auth/mfa/confirm', { json: { code: totp(secret, step) } });
      assert.equal(confirm.status, 200, JSON.stringify(confirm.body));
      assert.equal(confirm.body.recovery_codes.length, 10);
      assert.equal(confirm.body.session.mfa_enabled, true);
      const codes = confirm.body.recovery_codes;

      const c = new Client(srv.url);
      const needs = await c.login('acc3', 'start-pass-9');
      assert.equal(needs.status, 401);
      assert.equal(needs.body.code, 'auth.mfa_required');
      // The code used to confirm is spent; the next step's code (within the ±30 s window) is not.
      const replay = await c.request('POST', '/api/v1/auth/login', { json: { username: 'acc3', password: 'start-pass-9', otp: totp(secret, step) } });
      assert.equal(replay.status, 401);
      assert.equal(replay.body.code, 'auth.mfa_bad_code');
      const next = totp(secret, step + 1);
      const ok = await c.request('POST', '/api/v1/auth/login', { json: { username: 'acc3', password: 'start-pass-9', otp: next } });
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      const rec = await c.request('POST', '/api/v1/auth/login', { json: { username: 'acc3', password: 'start-pass-9', otp: codes[3].toUpperCase() } });
      assert.equal(rec.status, 200, 'a recovery code, in any case');
      assert.equal((await c.request('POST', '/api/v1/auth/login', { json: { username: 'acc3', password: 'start-pass-9', otp: codes[3] } })).status, 401);
      // A wrong password with a right code tells nothing about the code.
      const wrongPw = await c.request('POST', '/api/v1/auth/login', { json: { username: 'acc3', password: 'nope-nope-1', otp: codes[4] } });
      assert.equal(wrongPw.body.code, 'auth.bad_credentials');
      // Turning it off needs the password.
      assert.equal((await u.post('/api/v1/auth/mfa/disable', { json: { password: 'nope-nope-1' } })).status, 422);
      const off = await u.post('/api/v1/auth/mfa/disable', { json: { password: 'start-pass-9' } });
      assert.equal(off.status, 200);
      assert.equal(off.body.mfa_enabled, false);
      assert.equal((await new Client(srv.url).login('acc3', 'start-pass-9')).status, 200);
    });

    test('a user lists their sessions and ends one; an administrator ends them all; foreign ids are 404', async () => {
      const a = new Client(srv.url), b = new Client(srv.url);
      await a.request('POST', '/api/v1/auth/login', { json: { username: 'acc4', password: 'start-pass-9' }, headers: { 'User-Agent': 'Phone A' } })
        .then((r) => { a.cookie = r.headers.get('set-cookie').split(';')[0]; a.csrf = r.body.csrf_token; });
      await b.login('acc4', 'start-pass-9');
      const list = await a.get('/api/v1/auth/sessions');
      assert.equal(list.status, 200);
      assert.equal(list.body.items.length, 2);
      const mine = list.body.items.find((s) => s.current);
      assert.equal(mine.user_agent, 'Phone A');
      assert.equal(mine.address, '127.0.0.1');
      const other = list.body.items.find((s) => !s.current);
      // Another user cannot end it.
      const hr = new Client(srv.url);
      await hr.login('hr');
      assert.equal((await hr.request('DELETE', `/api/v1/auth/sessions/${other.id}`)).status, 404);
      assert.equal((await b.get('/api/v1/auth/me')).status, 200);
      assert.equal((await a.request('DELETE', `/api/v1/auth/sessions/${other.id}`)).status, 200);
      assert.equal((await b.get('/api/v1/auth/me')).status, 401);
      const ended = await admin.post(`/api/v1/users/${made.acc4}/sessions/revoke`);
      assert.equal(ended.status, 200);
      assert.equal(ended.body.ended, 1);
      assert.equal((await a.get('/api/v1/auth/me')).status, 401);
      assert.equal((await admin.post('/api/v1/users/999999/sessions/revoke')).status, 404);
    });

    test('a session ended on one server instance ends on the other at once', async () => {
      const second = await startServer(engine, { db: srv.db });
      try {
        const c = new Client(srv.url);
        await c.login('committee');
        const onB = new Client(second.url);
        onB.cookie = c.cookie;
        onB.csrf = c.csrf;
        assert.equal((await onB.get('/api/v1/cycles')).status, 200, 'the session works on the other instance (and is cached there)');
        assert.equal((await c.post('/api/v1/auth/logout')).status, 200);
        assert.equal((await onB.get('/api/v1/cycles')).status, 401, 'ended there at once');
      } finally {
        second.stop();
      }
    });
  });
}

describe('throttling and required second factors', () => {
  let srv;
  before(async () => {
    srv = await startServer('sqlite', {
      engineers: 10,
      env: { SKILLGRADE_LOGIN_MAX_FAILURES_PER_ADDRESS: '6', SKILLGRADE_LOGIN_MAX_FAILURES_GLOBAL: '1000' },
    });
  });
  after(() => srv.stop());

  test('spraying one password over many user names from one address is stopped with 429 and Retry-After', async () => {
    const c = new Client(srv.url);
    for (let i = 0; i < 6; i++) assert.equal((await c.login(`spray${i}`, 'Summer2026!')).status, 401);
    const blocked = await c.login('hr');
    assert.equal(blocked.status, 429);
    assert.equal(blocked.body.code, 'auth.rate_limited');
    assert.ok(Number(blocked.headers.get('retry-after')) > 0);
    assert.equal(blocked.type, 'application/problem+json');
    // The lockout is in the audit log (read from the file: this address may not sign in now).
    const rows = execFileSync('sqlite3', [srv.db, "SELECT actor FROM audit_log WHERE action = 'auth.lockout'"]).toString().trim().split('\n');
    assert.deepEqual(rows, ['spray5']);
  });

  test('the global ceiling stops sign-ins from every address', async () => {
    const g = await startServer('sqlite', { engineers: 5, env: { SKILLGRADE_LOGIN_MAX_FAILURES_GLOBAL: '3' } });
    try {
      const c = new Client(g.url);
      for (let i = 0; i < 3; i++) assert.equal((await c.login(`x${i}`, 'wrong-pass-1')).status, 401);
      const r = await c.login('hr');
      assert.equal(r.status, 429);
      assert.ok(Number(r.headers.get('retry-after')) > 0);
    } finally {
      g.stop();
    }
  });

  test('a role that requires a second factor enrols before anything else', async () => {
    // A server of its own: the spraying test above spent this address's allowance.
    const s = await startServer('sqlite', { engineers: 5, mfaRoles: 'admin' });
    try {
      const a = new Client(s.url);
      const r = await a.login('admin');
      assert.equal(r.status, 200);
      assert.equal(r.body.mfa_enrolment_required, true);
      const blocked = await a.get('/api/v1/users');
      assert.equal(blocked.status, 403);
      assert.equal(blocked.body.code, 'auth.mfa_enrolment_required');
      const setup = await a.post('/api/v1/auth/mfa/setup');
      const confirm = await a.post('/api/v1/auth/mfa/confirm', { json: { code: totp(setup.body.secret) } });
      assert.equal(confirm.status, 200);
      assert.equal(confirm.body.session.mfa_enrolment_required, false);
      assert.equal((await a.get('/api/v1/users')).status, 200);
      const off = await a.post('/api/v1/auth/mfa/disable', { json: { password: PASSWORD } });
      assert.equal(off.status, 403, 'the role requires it');
    } finally {
      s.stop();
    }
  });
});
