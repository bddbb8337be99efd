// Every route × every role against the table below: allowed (2xx/4xx other than 401/403) or
// forbidden (403). An engineer opening another engineer's profile is forbidden too.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { engines, startServer, Client, BIN } from './harness.mjs';

const ROLES = ['admin', 'hr', 'examiner', 'committee', 'manager', 'engineer', 'auditor'];
const ALL = new Set(ROLES);
const only = (...r) => new Set(r);
// route -> roles allowed; {own} and {other} are engineer ids filled in at run time.
const TABLE = {
  'GET /api/v1/auth/me': ALL,
  'POST /api/v1/auth/logout': ALL,
  'POST /api/v1/auth/password': ALL,
  'POST /api/v1/auth/mfa/setup': ALL,
  'POST /api/v1/auth/mfa/confirm': ALL,
  'POST /api/v1/auth/mfa/disable': ALL,
  'GET /api/v1/auth/sessions': ALL,
  'DELETE /api/v1/auth/sessions/{id}': ALL,
  'POST /api/v1/users/{id}/sessions/revoke': only('admin'),
  'GET /api/v1/schemes': ALL,
  'POST /api/v1/schemes': only('admin', 'hr'),
  'GET /api/v1/schemes/{id}': ALL,
  'GET /api/v1/schemes/{id}/export.toml': ALL,
  'GET /api/v1/schemes/{id}/diff': ALL,
  'GET /api/v1/org-units': ALL,
  'POST /api/v1/org-units': only('admin', 'hr'),
  'GET /api/v1/engineers': ALL,
  'POST /api/v1/engineers': only('admin', 'hr'),
  'POST /api/v1/engineers/export': only('admin', 'hr', 'manager', 'auditor'),
  'GET /api/v1/engineers/import-template.xlsx': only('admin', 'hr'),
  'POST /api/v1/engineers/import': only('admin', 'hr'),
  'POST /api/v1/engineers/accounts': only('admin'),
  'PUT /api/v1/engineers/{id}': only('admin', 'hr'),
  'POST /api/v1/engineers/{id}/levels': only('admin', 'hr'),
  'GET /api/v1/engineers/{id}/training': only('admin', 'hr', 'examiner', 'committee', 'auditor'),
  'POST /api/v1/training/import': only('admin', 'hr'),
  'GET /api/v1/training/import-template.xlsx': only('admin', 'hr'),
  'GET /api/v1/questions': only('admin', 'hr', 'examiner', 'auditor'),
  'POST /api/v1/questions': only('admin', 'hr'),
  'GET /api/v1/questions/export.xlsx': only('admin', 'hr', 'examiner', 'auditor'),
  'GET /api/v1/questions/import-template.xlsx': only('admin', 'hr'),
  'POST /api/v1/questions/import': only('admin', 'hr'),
  'POST /api/v1/question-images': only('admin', 'hr'),
  'GET /api/v1/questions/export.zip': only('admin', 'hr', 'examiner', 'auditor'),
  'GET /api/v1/question-images/{id}': ALL, // the bank's readers, and engineers for pictures on their papers: 404 otherwise
  'GET /api/v1/questions/{id}': only('admin', 'hr', 'examiner', 'auditor'),
  'PUT /api/v1/questions/{id}': only('admin', 'hr'),
  'POST /api/v1/questions/{id}/retire': only('admin', 'hr'),
  'GET /api/v1/cycles/{id}/blueprints': only('admin', 'hr'),
  'POST /api/v1/cycles/{id}/blueprints': only('admin', 'hr'),
  'GET /api/v1/blueprints/{id}': only('admin', 'hr'),
  'PUT /api/v1/blueprints/{id}': only('admin', 'hr'),
  'POST /api/v1/blueprints/{id}/sittings': only('admin', 'hr'),
  'GET /api/v1/cycles/{id}/sittings': only('admin', 'hr', 'examiner'),
  'GET /api/v1/sittings/{id}': only('admin', 'hr', 'examiner'),
  'PUT /api/v1/sittings/{id}': only('admin', 'hr'),
  'GET /api/v1/proctors': only('admin', 'hr'),
  'PUT /api/v1/sittings/{id}/proctors': only('admin', 'hr'),
  'POST /api/v1/sittings/{id}/candidates': only('admin', 'hr'),
  'DELETE /api/v1/sittings/{id}/candidates/{application_id}': only('admin', 'hr'),
  'GET /api/v1/sittings/{id}/room': only('admin', 'hr', 'examiner'),
  'POST /api/v1/sittings/{id}/candidates/{application_id}/extend': only('admin', 'hr', 'examiner'),
  'GET /api/v1/sittings/{id}/stats': only('admin', 'hr'),
  'GET /api/v1/sittings/{id}/stats.xlsx': only('admin', 'hr'),
  'GET /api/v1/marking': only('admin', 'hr', 'examiner'),
  'POST /api/v1/blueprints/{id}/marking/next': only('admin', 'hr', 'examiner'),
  'GET /api/v1/blueprints/{id}/marking': only('admin', 'hr'),
  'POST /api/v1/blueprints/{id}/regrade': only('admin', 'hr'),
  'GET /api/v1/marks/{id}': only('admin', 'hr', 'examiner'), // the marker's own: a 404 for another's
  'PUT /api/v1/marks/{id}': only('admin', 'hr', 'examiner'),
  'DELETE /api/v1/marks/{id}': only('admin', 'hr', 'examiner'),
  'GET /api/v1/me/exams': ALL,
  'POST /api/v1/attempts': only('engineer'),
  'GET /api/v1/attempts/{id}': only('engineer'), // the candidate's own: a 404 for another's
  'PUT /api/v1/attempts/{id}/answers/{question_id}': only('engineer'),
  'POST /api/v1/attempts/{id}/submit': only('engineer'),
  'POST /api/v1/attempts/{id}/focus-loss': only('engineer'),
  'POST /api/v1/attempts/{id}/consent': only('engineer'),
  'POST /api/v1/attempts/{id}/snapshots': only('engineer'),
  'GET /api/v1/attempts/{id}/snapshots': only('admin', 'hr', 'examiner'), // the sitting's proctors: a 404 for the others
  'GET /api/v1/snapshots/{id}': only('admin', 'hr', 'examiner'),
  'GET /api/v1/attempts/{id}/review': only('engineer'),
  'GET /api/v1/me/wrong-questions': only('engineer'),
  'GET /api/v1/courses': ALL,
  'GET /api/v1/home': ALL,
  'GET /api/v1/product-lines': ALL,
  'GET /api/v1/audit/actions': only('admin', 'auditor'),
  'GET /api/v1/audit/verify': only('admin', 'auditor'),
  'GET /api/v1/engineers/{id}/next-level': only('admin', 'hr', 'examiner', 'committee', 'auditor'),
  'GET /api/v1/engineers/{id}': only('admin', 'hr', 'examiner', 'committee', 'auditor'), // id 21: a northern team, outside the manager's region and not the engineer account's own
  'GET /api/v1/audit': only('admin', 'auditor'),
  'GET /api/v1/certificates/expiring': only('admin', 'hr', 'manager', 'auditor'),
  'GET /api/v1/calendar': ALL,
  'POST /api/v1/calendar': only('admin', 'hr'),
  'GET /api/v1/cycles': ALL,
  'POST /api/v1/cycles': only('admin', 'hr'),
  'GET /api/v1/cycles/{id}': ALL,
  'GET /api/v1/jobs': ALL,
  'GET /api/v1/jobs/{id}': ALL, // each sees the jobs they may: a 404 for the others, never a 403 that confirms it exists
  'DELETE /api/v1/jobs/{id}': ALL,
  'GET /api/v1/jobs/{id}/file': ALL, // the owner's file: a 404 for everyone else
  'POST /api/v1/cycles/{id}/transition': only('admin', 'hr'),
  'GET /api/v1/cycles/{id}/applications': ALL,
  'POST /api/v1/cycles/{id}/applications': only('admin', 'hr', 'manager', 'engineer'),
  'POST /api/v1/cycles/{id}/eligibility-review': only('admin', 'hr'),
  'GET /api/v1/cycles/{id}/scores': only('admin', 'hr', 'examiner'),
  'GET /api/v1/cycles/{id}/locks': only('admin', 'hr', 'examiner'),
  'POST /api/v1/cycles/{id}/scores/import': only('admin', 'hr', 'examiner'),
  'POST /api/v1/cycles/{id}/locks': only('admin', 'hr'),
  'POST /api/v1/cycles/{id}/quotas': only('admin', 'hr'),
  'PUT /api/v1/cycles/{id}/settings': only('admin', 'hr'),
  'POST /api/v1/cycles/{id}/nominations': only('admin', 'hr'),
  'GET /api/v1/cycles/{id}/report': only('admin', 'hr', 'committee', 'auditor'),
  'POST /api/v1/cycles/{id}/results/export': only('admin', 'hr', 'committee', 'auditor'),
  'POST /api/v1/cycles/{id}/evaluate': only('admin', 'hr'),
  'GET /api/v1/cycles/{id}/results': only('admin', 'hr', 'committee', 'auditor'),
  'POST /api/v1/cycles/{id}/replay': only('admin', 'hr', 'committee', 'auditor'),
  'POST /api/v1/applications/{id}/scores': only('admin', 'hr', 'examiner'),
  'POST /api/v1/applications/{id}/votes': only('committee'),
  'GET /api/v1/engineers/{id}/results': only('admin', 'hr', 'examiner', 'committee', 'auditor'),
  'GET /api/v1/engineers/{id}/certificates': only('admin', 'hr', 'examiner', 'committee', 'auditor'),
  'GET /api/v1/cycles/{id}/published': ALL,
  'GET /api/v1/cycles/{id}/appeals': only('admin', 'hr'),
  'POST /api/v1/applications/{id}/appeals': only('admin', 'hr', 'manager', 'engineer'),
  'POST /api/v1/appeals/{id}/resolve': only('admin', 'hr'),
  'POST /api/v1/applications/{id}/withdraw': only('admin', 'hr', 'manager', 'engineer'),
  'POST /api/v1/applications/{id}/override': only('admin', 'hr'),
  'GET /api/v1/users': only('admin'),
  'POST /api/v1/users': only('admin'),
  'POST /api/v1/users/{id}/password': only('admin'),
  'PUT /api/v1/users/{id}': only('admin'),
};

const engine = engines[engines.length - 1];
let srv;
before(async () => {
  srv = await startServer(engine, { engineers: 40 });
});
after(() => srv.stop());

test('every route is in the table', () => {
  const out = execFileSync(BIN, ['routes'], { env: { ...process.env, ASAN_OPTIONS: 'detect_leaks=0' } }).toString();
  const routes = out.trim().split('\n').map((l) => l.split(' ').slice(0, 2).join(' ')).filter((r) => r !== 'POST /api/v1/auth/login');
  assert.deepEqual(routes.sort(), Object.keys(TABLE).sort());
});

for (const role of ROLES) {
  test(`role ${role}: allowed and forbidden routes`, async () => {
    const c = new Client(srv.url);
    assert.equal((await c.login(role)).status, 200);
    const me = (await c.get('/api/v1/auth/me')).body.user;
    for (const [route, allowed] of Object.entries(TABLE)) {
      if (route === 'POST /api/v1/auth/logout') continue;
      const [method, pattern] = route.split(' ');
      // Engineers: id 21 (outside the manager's region, not the engineer account's own); applications and
      // appeals: an id that does not exist, so that only the route's permission decides between 403 and 404.
      // Sessions and a user's sessions: an id that does not exist, so that no role ends its own session here.
      const id = pattern.startsWith('/api/v1/engineers/') ? '21'
        : /^\/api\/v1\/(applications|appeals|auth\/sessions)\//.test(pattern) || pattern.endsWith('/sessions/revoke') ? '999999' : '1';
      let path = pattern.replace('{id}', id).replace(/\{[a-z_]+_id\}/g, '999999');
      if (pattern === '/api/v1/schemes/{id}/diff') path += '?from=1&to=1';
      const opts = method === 'POST' ? { json: {}, headers: {} } : {};
      const res = await c.request(method, path, opts);
      if (allowed.has(role)) assert.notEqual(res.status, 403, `${role} ${route} should be allowed, got ${res.status}`);
      else assert.equal(res.status, 403, `${role} ${route} should be forbidden, got ${res.status}`);
      assert.notEqual(res.status, 401, `${role} ${route}`);
    }
    if (role === 'engineer') {
      const own = me.engineer_id;
      assert.equal((await c.get(`/api/v1/engineers/${own}`)).status, 200);
      assert.equal((await c.get(`/api/v1/engineers/${own + 1}`)).status, 403);
      assert.equal((await c.get(`/api/v1/engineers/${own}/next-level`)).status, 200);
      assert.equal((await c.get(`/api/v1/engineers/${own + 1}/next-level`)).status, 403);
      assert.equal((await c.get('/api/v1/engineers')).body.total, 1);
    }
    if (role === 'manager') {
      const list = await c.get('/api/v1/engineers?page_size=200');
      assert.ok(list.body.total > 0 && list.body.total < 40);
      const hr = new Client(srv.url);
      await hr.login('hr');
      const all = (await hr.get('/api/v1/engineers?page_size=200')).body.items;
      const mine = new Set(list.body.items.map((e) => e.id));
      const outside = all.find((e) => !mine.has(e.id));
      assert.equal((await c.get(`/api/v1/engineers/${outside.id}`)).status, 403);
    }
  });
}

test('anonymous requests are 401 on every protected route', async () => {
  const c = new Client(srv.url);
  for (const route of Object.keys(TABLE)) {
    const [method, pattern] = route.split(' ');
    const res = await c.request(method, pattern.replace(/\{[a-z_]*id\}/g, '1'));
    assert.equal(res.status, 401, route);
  }
});

// Phone and e-mail (the role × field table in app::sees_contact): HR, admin, the engineer's managers and
// the engineer themself; examiners, committee members and auditors see the record without them.
test('contact details are shown only to the roles that need them', async () => {
  const hr = new Client(srv.url);
  await hr.login('hr');
  const all = (await hr.get('/api/v1/engineers?page_size=200')).body.items;
  assert.ok(all.length > 0 && all.every((e) => e.phone), 'HR sees every phone');
  const contact = { admin: true, hr: true, examiner: false, committee: false, auditor: false };
  for (const [role, sees] of Object.entries(contact)) {
    const c = new Client(srv.url);
    await c.login(role);
    const one = (await c.get('/api/v1/engineers/21')).body;
    assert.equal(Boolean(one.phone), sees, `${role}: phone on the profile`);
    if (!sees) assert.equal(one.email, '', `${role}: e-mail on the profile`);
    const list = (await c.get('/api/v1/engineers?page_size=200')).body.items;
    assert.ok(list.length > 0, role);
    assert.ok(list.every((e) => Boolean(e.phone) === sees), `${role}: phones in the list`);
  }
  const manager = new Client(srv.url);
  await manager.login('manager');
  const team = (await manager.get('/api/v1/engineers?page_size=200')).body.items;
  assert.ok(team.length > 0 && team.every((e) => e.phone), 'a manager sees the phones of their subtree');
  const engineer = new Client(srv.url);
  await engineer.login('engineer');
  const me = (await engineer.get('/api/v1/auth/me')).body.user;
  assert.ok((await engineer.get(`/api/v1/engineers/${me.engineer_id}`)).body.phone, 'an engineer sees their own phone');
  // The export follows the same table: HR's sheet has the phones, the auditor's none.
  const phonesIn = async (c) => {
    const res = await c.exported('/api/v1/engineers/export');
    assert.equal(res.status, 200);
    // The file is its owner's: a manager (who sees only a subtree) cannot fetch HR's or the auditor's sheet.
    assert.equal((await manager.get(`/api/v1/jobs/${res.job.id}/file`)).status, 404);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body);
    const cells = [];
    wb.worksheets[0].eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value))));
    return all.filter((e) => cells.includes(e.phone)).length;
  };
  const auditor = new Client(srv.url);
  await auditor.login('auditor');
  assert.equal(await phonesIn(hr), all.length);
  assert.equal(await phonesIn(auditor), 0);
  // The audit log keeps the records as written; the auditor reads them without contact details.
  const made = await hr.post('/api/v1/engineers', {
    json: { employee_no: 'PII001', name: '隐私测试', org_unit: 'SC-EAST-SH-T1', hire_date: '2021-03-01', career_start: '2020-07-01', education: '本科', phone: '13912345678', email: 'pii@example.com' },
  });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  const admin = new Client(srv.url);
  await admin.login('admin');
  const imageOf = async (c) => (await c.get('/api/v1/audit?entity=engineer&page_size=200')).body.items.find((r) => r.action === 'engineer.create' && r.entity_id === String(made.body.id)).after;
  assert.match(await imageOf(admin), /13912345678/);
  const seen = await imageOf(auditor);
  assert.match(seen, /隐私测试/);
  assert.doesNotMatch(seen, /13912345678|pii@example\.com/);
});
