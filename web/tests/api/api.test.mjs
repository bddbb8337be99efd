import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { engines, startServer, Client } from './harness.mjs';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

async function xlsx(rows) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('工程师');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const HEADER = ['工号', '姓名', '组织单元编码', '入职日期', '参加工作日期', '学历', '产品线', '当前等级', '等级起始日期'];

for (const engine of engines) {
  describe(`API on ${engine}`, () => {
    let srv, hr;
    before(async () => {
      srv = await startServer(engine);
      hr = new Client(srv.url);
      assert.equal((await hr.login('hr')).status, 200);
    });
    after(() => srv.stop());

    test('health, readiness and metrics', async () => {
      const c = new Client(srv.url);
      assert.equal((await c.get('/healthz')).status, 200);
      assert.equal((await c.get('/readyz')).status, 200);
      // /metrics is served on its own loopback listener (the main port answers 404 without a token).
      assert.equal((await c.get('/metrics')).status, 404);
      const m = await fetch(srv.metricsUrl);
      assert.match(await m.text(), /skillgrade_http_requests_total\{code="2xx"\} \d+/);
    });

    test('login sets an HttpOnly SameSite cookie; wrong password is a localized 401', async () => {
      const c = new Client(srv.url);
      const ok = await c.login('examiner');
      assert.match(ok.headers.get('set-cookie'), /HttpOnly; SameSite=Strict/);
      assert.ok(ok.body.csrf_token.length >= 20);
      assert.deepEqual(ok.body.user.roles, ['examiner']);
      const me = await c.get('/api/v1/auth/me');
      assert.equal(me.body.user.username, 'examiner');
      const zh = await new Client(srv.url, 'zh-CN').login('examiner', 'nope');
      assert.equal(zh.status, 401);
      assert.equal(zh.type, 'application/problem+json');
      assert.equal(zh.body.code, 'auth.bad_credentials');
      assert.equal(zh.body.title, '用户名或密码错误');
      const en = await new Client(srv.url, 'en-US').login('examiner', 'nope');
      assert.equal(en.body.title, 'Wrong user name or password');
      await c.post('/api/v1/auth/logout');
      assert.equal((await c.get('/api/v1/auth/me')).status, 401);
    });

    test('schemes: list, ladder and export', async () => {
      const list = await hr.get('/api/v1/schemes');
      assert.equal(list.body.total, 3);
      const five = list.body.items.find((s) => s.code === 'company-5');
      const s = await hr.get(`/api/v1/schemes/${five.id}`);
      assert.deepEqual(s.body.levels.map((l) => l.label.zh), ['初级售后工程师', '中级售后工程师', '高级售后工程师', '技术专家级售后工程师', '顾问级售后工程师']);
      assert.equal(s.body.levels[0].max_difficulty, 'simple');
      const toml = await hr.get(`/api/v1/schemes/${five.id}/export.toml`);
      assert.match(toml.body.toString(), /code = "company-5"/);
      assert.equal((await hr.get('/api/v1/schemes/999')).status, 404);
    });

    test('scheme import validates the whole file and names the field', async () => {
      const bad = await hr.post('/api/v1/schemes?file_name=bad.toml', { body: '[scheme]\ncode = "x"\nname_zh = "x"\nname_en = "x"\n', headers: { 'Content-Type': 'application/toml' } });
      assert.equal(bad.status, 422);
      assert.equal(bad.body.code, 'scheme.invalid');
      assert.ok(bad.body.title.includes('bad.toml'));
      assert.ok(bad.body.errors.some((e) => e.field === 'levels'));
    });

    test('engineer list filters, sorts and pages', async () => {
      const page = await hr.get('/api/v1/engineers?page=2&page_size=10&sort=-name');
      assert.equal(page.status, 200);
      assert.equal(page.body.items.length, 10);
      assert.equal(page.body.total, 60);
      const names = page.body.items.map((e) => e.name);
      assert.deepEqual(names, [...names].sort(new Intl.Collator('zh-CN').compare).reverse(), 'by pinyin');
      const rank3 = await hr.get('/api/v1/engineers?rank=3&page_size=200');
      assert.ok(rank3.body.items.every((e) => e.rank === 3));
      const one = await hr.get('/api/v1/engineers?q=E100001');
      assert.equal(one.body.total, 1);
      assert.equal((await hr.get('/api/v1/engineers?q=%25')).body.total, 0, 'a % in the search text is literal');
      assert.equal((await hr.get('/api/v1/engineers?q=E1000_1')).body.total, 0, 'an _ in the search text is literal');
      assert.equal((await hr.get('/api/v1/engineers/99999999999999999999999')).status, 404);
      const units = await hr.get('/api/v1/org-units');
      const east = units.body.items.find((u) => u.code === 'R-EAST');
      const sub = await hr.get(`/api/v1/engineers?org_unit=${east.id}&page_size=200`);
      assert.ok(sub.body.total > 0 && sub.body.total < 60);
      for (const q of ['page=0', 'page_size=500', 'sort=salary', 'rank=x', 'bogus=1'])
        assert.equal((await hr.get(`/api/v1/engineers?${q}`)).status, 422, q);
    });

    test('names sort by pinyin, not by code point, both ways, and a renamed engineer moves', async () => {
      const base = { org_unit: 'SC-EAST-SH-T1', hire_date: '2021-03-01', career_start: '2020-07-01', education: '本科', product_lines: ['冰箱'] };
      // Code-point order would be Latin first, then 安 张 李 王; CLDR's zh order is Chinese by pinyin, then Latin.
      const names = ['张拼音序', '王拼音序', 'Mark拼音序', '李拼音序', '安拼音序'];
      const ids = {};
      for (const [i, name] of names.entries()) {
        const r = await hr.post('/api/v1/engineers', { json: { ...base, employee_no: `PY${i}`, name } });
        assert.equal(r.status, 201, JSON.stringify(r.body));
        ids[name] = r.body;
      }
      const sorted = async (sort) => (await hr.get(`/api/v1/engineers?q=${encodeURIComponent('拼音序')}&sort=${sort}`)).body.items.map((e) => e.name);
      assert.deepEqual(await sorted('name'), ['安拼音序', '李拼音序', '王拼音序', '张拼音序', 'Mark拼音序']);
      assert.deepEqual(await sorted('-name'), ['Mark拼音序', '张拼音序', '王拼音序', '李拼音序', '安拼音序']);
      const an = ids['安拼音序'];
      const put = await hr.request('PUT', `/api/v1/engineers/${an.id}`, { json: { ...base, name: '赵拼音序', status: 'active' }, headers: { 'If-Match': `"${an.version}"` } });
      assert.equal(put.status, 200, JSON.stringify(put.body));
      assert.deepEqual((await sorted('name')).slice(-2), ['赵拼音序', 'Mark拼音序']);
    });

    test('create engineer: 201, then duplicate 409, bad input 4xx and nothing written', async () => {
      const body = { employee_no: 'X0001', name: '测试员', org_unit: 'SC-EAST-SH-T1', hire_date: '2021-03-01', career_start: '2020-07-01', education: '本科', product_lines: ['冰箱'] };
      const created = await hr.post('/api/v1/engineers', { json: body });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal(created.body.employee_no, 'X0001');
      assert.equal((await hr.post('/api/v1/engineers', { json: body })).status, 409);
      const bad = await hr.post('/api/v1/engineers', { json: { ...body, employee_no: 'X0002', hire_date: '2021-02-30', extra: 1 } });
      assert.equal(bad.status, 422);
      assert.deepEqual(bad.body.errors.map((e) => e.field).sort(), ['extra']);
      const badDate = await hr.post('/api/v1/engineers', { json: { ...body, employee_no: 'X0002', hire_date: '2021-02-30' } });
      assert.equal(badDate.status, 422);
      assert.ok(badDate.body.errors.some((e) => e.field === 'hire_date'));
      const wrongType = await hr.post('/api/v1/engineers', { json: { ...body, employee_no: 5 } });
      assert.equal(wrongType.status, 422);
      const missing = await hr.post('/api/v1/engineers', { json: { name: 'x' } });
      assert.equal(missing.status, 422);
      const malformed = await hr.post('/api/v1/engineers', { body: '{"name": ', headers: { 'Content-Type': 'application/json' } });
      assert.equal(malformed.status, 400);
      const noCsrf = await hr.post('/api/v1/engineers', { json: { ...body, employee_no: 'X0003' }, csrf: false });
      assert.equal(noCsrf.status, 403);
      assert.equal(noCsrf.body.code, 'auth.csrf');
      const list = await hr.get('/api/v1/engineers?q=X000');
      assert.equal(list.body.total, 1);
      assert.equal((await hr.get('/api/v1/engineers/999999')).status, 404);
    });

    test('org units: create under a parent with a manager; bad input is a 422 naming the field', async () => {
      const ok = await hr.post('/api/v1/org-units', { json: { code: 'SC-EAST-SH-T9', name: '上海九组', kind: 'team', parent: 'SC-EAST-SH', manager: 'manager' } });
      assert.equal(ok.status, 201, JSON.stringify(ok.body));
      assert.equal(ok.body.manager_name, '华东大区经理 赵磊');
      assert.match(ok.body.path, /^\/1\/\d+\/\d+\/\d+\/$/);
      const dup = await hr.post('/api/v1/org-units', { json: { code: 'SC-EAST-SH-T9', name: 'x', kind: 'team', parent: 'SC-EAST-SH' } });
      assert.equal(dup.status, 422);
      assert.deepEqual(dup.body.errors.map((e) => e.field), ['code']);
      const upside = await hr.post('/api/v1/org-units', { json: { code: 'R-X', name: 'x', kind: 'region', parent: 'SC-EAST-SH-T1' } });
      assert.deepEqual(upside.body.errors.map((e) => e.field), ['parent']);
      const units = (await hr.get('/api/v1/org-units')).body.items;
      assert.equal(units.filter((u) => u.code === 'R-X').length, 0);
    });

    test('edit an engineer with If-Match: stale versions get 412 and change nothing', async () => {
      const id = (await hr.get('/api/v1/engineers?q=E100002')).body.items[0].id;
      const got = await hr.get(`/api/v1/engineers/${id}`);
      const etag = got.headers.get('etag');
      assert.match(etag, /^"\d+"$/);
      const units = (await hr.get('/api/v1/org-units')).body.items;
      const body = { name: '改名后', org_unit: 'SC-NORTH-BJ-T1', hire_date: got.body.hire_date, career_start: got.body.career_start, education: 'master', product_lines: ['热水器'], phone: '', email: 'a@b.cn', status: 'left' };
      const ok = await hr.request('PUT', `/api/v1/engineers/${id}`, { json: body, headers: { 'If-Match': etag } });
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      assert.equal(ok.body.name, '改名后');
      assert.equal(ok.body.org_unit_id, units.find((u) => u.code === 'SC-NORTH-BJ-T1').id);
      assert.equal(ok.body.employee_no, 'E100002');
      const stale = await hr.request('PUT', `/api/v1/engineers/${id}`, { json: { ...body, name: '又改' }, headers: { 'If-Match': etag } });
      assert.equal(stale.status, 412);
      assert.equal(stale.body.code, 'engineer.stale');
      const missing = await hr.request('PUT', `/api/v1/engineers/${id}`, { json: body });
      assert.equal(missing.status, 412);
      const bad = await hr.request('PUT', `/api/v1/engineers/${id}`, { json: { ...body, status: 'gone' }, headers: { 'If-Match': ok.headers.get('etag') } });
      assert.equal(bad.status, 422);
      assert.equal((await hr.get(`/api/v1/engineers/${id}`)).body.name, '改名后');
      const audit = new Client(srv.url);
      await audit.login('auditor');
      const log = await audit.get('/api/v1/audit?entity=engineer');
      const rec = log.body.items.find((a) => a.action === 'engineer.update' && a.entity_id === String(id));
      assert.ok(rec.before.includes('E100002') && rec.after.includes('改名后'));
    });

    test('a level change is recorded with its reason and becomes the current level', async () => {
      const id = (await hr.get('/api/v1/engineers?q=E100003')).body.items[0].id;
      const r = await hr.post(`/api/v1/engineers/${id}/levels`, { json: { rank: 2, since: '2026-01-05', note: '复核更正' } });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      assert.equal(r.body.rank, 2);
      assert.equal(r.body.history[0].note, '复核更正');
      assert.equal(r.body.history[0].source, 'manual');
      const bad = await hr.post(`/api/v1/engineers/${id}/levels`, { json: { rank: 9, since: '2099-01-01', note: '' } });
      assert.equal(bad.status, 422);
      assert.deepEqual(bad.body.errors.map((e) => e.field).sort(), ['note', 'rank', 'since']);
    });

    test('admin adds accounts and resets passwords; sessions end at a reset', async () => {
      const admin = new Client(srv.url);
      await admin.login('admin');
      const made = await admin.post('/api/v1/users', { json: { username: 'eng2', display_name: '工程师二', password: 'river-stone-41', roles: ['engineer'], engineer_no: 'E100002' } });
      assert.equal(made.status, 201, JSON.stringify(made.body));
      assert.ok(made.body.engineer_id > 0);
      const eng = new Client(srv.url);
      assert.equal((await eng.login('eng2', 'river-stone-41')).status, 200);
      assert.equal((await eng.get(`/api/v1/engineers/${made.body.engineer_id}`)).status, 200);
      const bad = await admin.post('/api/v1/users', { json: { username: 'mgr2', password: 'short', roles: ['manager', 'pilot'] } });
      assert.equal(bad.status, 422);
      assert.deepEqual(bad.body.errors.map((e) => e.field).sort(), ['org_unit', 'roles']);
      assert.equal((await admin.post('/api/v1/users', { json: { username: 'eng2', password: 'another-pass', roles: ['hr'] } })).status, 409);
      const reset = await admin.post(`/api/v1/users/${made.body.id}/password`, { json: { password: 'river-stone-42' } });
      assert.equal(reset.status, 200);
      assert.equal((await eng.get('/api/v1/auth/me')).status, 401);
      assert.equal((await new Client(srv.url).login('eng2', 'river-stone-42')).status, 200);
    });

    test('next level: each condition met or not, explained and with its gap in zh and en', async () => {
      const body = { employee_no: 'N0001', name: '新人', org_unit: 'SC-EAST-SH-T1', hire_date: '2026-03-01', career_start: '2026-03-01', education: 'high_school' };
      const e = (await hr.post('/api/v1/engineers', { json: body })).body;
      const r = await hr.get(`/api/v1/engineers/${e.id}/next-level`);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal(r.body.target.code, 'L1');
      assert.equal(r.body.eligible, false);
      const conds = r.body.paths[0].conditions;
      const work = conds.find((c) => c.kind === 'work_years');
      assert.equal(work.met, true, 'more than half a year of work by the cut-off');
      const training = conds.find((c) => c.kind === 'training_hours');
      assert.equal(training.met, false);
      assert.equal(training.gap.zh, '还需培训 16 学时');
      assert.equal(training.gap.en, '16 more training hours');
      assert.ok(conds.find((c) => c.kind === 'education').met);
      assert.ok(conds.filter((c) => c.kind === 'course').every((c) => !c.met && c.gap.zh.startsWith('需完成课程')));
    });

    test('training import: bad rows reported and nothing written; then hours and courses count for the next level', async () => {
      const body = { employee_no: 'T0001', name: '培训生', org_unit: 'SC-EAST-SH-T1', hire_date: '2025-01-01', career_start: '2025-01-01', education: 'high_school' };
      const e = (await hr.post('/api/v1/engineers', { json: body })).body;
      const header = '工号,课程代码,学时,日期,是否通过\n';
      const bad = await hr.imported('/api/v1/training/import', { body: header + 'T0001,SAFE-101,8,2026-05-01,是\nNOPE,PROD-101,8,2026-05-02,是\nT0001,PROD-101,x,2026-13-01,也许\nT0001,XYZ-999,8,2026-05-03,是\n', headers: { 'Content-Type': 'text/csv' } });
      assert.deepEqual([bad.start, bad.state, bad.report.slug], [202, 'failed', 'import.rows_invalid']);
      assert.equal(bad.report.title.en, 'The file has 5 errors; nothing was imported');
      assert.deepEqual(bad.report.errors.map((x) => [x.row, x.column]), [[3, '工号'], [4, '学时'], [4, '日期'], [4, '是否通过'], [5, '课程代码']]);
      assert.match(bad.report.errors[4].message.zh, /XYZ-999/, 'an unknown course code is a row error: its hours would never count');
      assert.equal((await hr.get(`/api/v1/engineers/${e.id}/training`)).body.total, 0);
      const ok = await hr.imported('/api/v1/training/import', { body: header + 'T0001,SAFE-101,8,2026-05-01,是\nT0001,PROD-101,8,2026/5/2,是\n', headers: { 'Content-Type': 'text/csv' } });
      assert.deepEqual([ok.state, ok.report.imported, ok.report.rows], ['succeeded', true, 2], JSON.stringify(ok.report));
      assert.equal((await hr.get(`/api/v1/engineers/${e.id}/training`)).body.total, 2);
      const next = (await hr.get(`/api/v1/engineers/${e.id}/next-level`)).body;
      assert.equal(next.eligible, true, JSON.stringify(next.paths));
      assert.match(next.summary.zh, /近 12 个月培训 16 学时 ≥ 16 学时/);
    });

    test('the course catalogue lists each scheme\'s courses with the levels that require them; the training template imports as downloaded', async () => {
      const examiner = new Client(srv.url);
      await examiner.login('examiner');
      const courses = (await examiner.get('/api/v1/courses')).body.items;
      const safe = courses.find((c) => c.code === 'SAFE-101' && c.scheme_code === 'company-5');
      assert.deepEqual([safe.name.zh, safe.name.en], ['安全操作规范', 'Safe working practice']);
      assert.ok(safe.required_for.some((l) => l.zh === '初级售后工程师'), JSON.stringify(safe));
      const template = await hr.get('/api/v1/training/import-template.xlsx');
      assert.equal(template.status, 200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(template.body);
      assert.deepEqual(book.worksheets.map((w) => w.name), ['培训记录', '课程目录']);
      assert.deepEqual(book.worksheets[0].getRow(1).values.slice(1), ['工号', '课程代码', '学时', '日期', '是否通过']);
      const codes = book.worksheets[1].getColumn(1).values.slice(2);
      assert.ok(codes.includes('SAFE-101') && codes.length === courses.length, 'every catalogue course is listed');
      const imported = await hr.imported('/api/v1/training/import', { body: template.body, headers: { 'Content-Type': 'application/octet-stream' } });
      assert.equal(imported.state, 'succeeded', JSON.stringify(imported.report));
      assert.deepEqual([imported.report.imported, imported.report.rows], [true, 1]);
    });

    test('the engineer template imports as downloaded and lists the valid org codes, levels and education values', async () => {
      const template = await hr.get('/api/v1/engineers/import-template.xlsx');
      assert.equal(template.status, 200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(template.body);
      assert.deepEqual(book.worksheets.map((w) => w.name), ['工程师', '组织单元', '等级', '学历']);
      const units = book.getWorksheet('组织单元').getColumn(1).values.slice(2);
      const sample = book.getWorksheet('工程师').getRow(2).values.slice(1);
      assert.ok(units.includes(sample[2]), `the sample's org code ${sample[2]} is a listed one`);
      assert.ok(book.getWorksheet('等级').getColumn(1).values.includes('初级售后工程师'));
      const imported = await hr.imported('/api/v1/engineers/import', { body: template.body, headers: { 'Content-Type': 'application/octet-stream' } });
      assert.deepEqual([imported.state, imported.report.imported], ['succeeded', true], JSON.stringify(imported.report));
      const made = (await hr.get(`/api/v1/engineers?q=${sample[0]}`)).body.items;
      assert.deepEqual(made.map((e) => [e.employee_no, e.rank]), [[sample[0], 1]]);
      const again = await hr.get('/api/v1/engineers/import-template.xlsx');
      const next = new ExcelJS.Workbook();
      await next.xlsx.load(again.body);
      assert.notEqual(next.getWorksheet('工程师').getRow(2).values[1], sample[0], 'the next template offers an unused number');
    });

    test('oversized body is 413', async () => {
      const big = Buffer.alloc(33 * 1024 * 1024, 'a');
      const r = await hr.post('/api/v1/engineers/import', { body: big, headers: { 'Content-Type': 'text/csv' } }).catch((e) => ({ status: 413, err: e }));
      assert.equal(r.status, 413);
    });

    test('import xlsx: bad rows are reported and nothing is imported; fixed file imports', async () => {
      const rows = [HEADER];
      for (let i = 1; i <= 20; i++) rows.push([`M${String(i).padStart(4, '0')}`, `导入${i}`, 'SC-EAST-SH-T1', '2020-01-01', '2019-01-01', '大专', '冰箱', '', '']);
      rows[5][3] = '2020-13-01';
      rows[9][2] = 'NO-SUCH-UNIT';
      const bad = await hr.imported('/api/v1/engineers/import', { body: await xlsx(rows), headers: { 'Content-Type': 'application/octet-stream' } });
      assert.deepEqual([bad.state, bad.report.slug], ['failed', 'import.rows_invalid']);
      assert.deepEqual(bad.report.errors.map((e) => [e.row, e.column]), [[6, '入职日期'], [10, '组织单元编码']]);
      assert.equal((await hr.get('/api/v1/engineers?q=M00')).body.total, 0);
      rows[5][3] = '2020-12-01';
      rows[9][2] = 'SC-EAST-SH-T2';
      const ok = await hr.imported('/api/v1/engineers/import', { body: await xlsx(rows), headers: { 'Content-Type': 'application/octet-stream' } });
      assert.deepEqual([ok.state, ok.report.imported, ok.report.created], ['succeeded', true, 20], JSON.stringify(ok.report));
      assert.deepEqual([ok.job.done, ok.job.total, ok.job.phase], [20, 20, 'import'], 'the job counted the rows it read');
      assert.equal((await hr.get('/api/v1/engineers?q=M00')).body.total, 20);
    });

    test('re-importing known employee numbers updates them: a preview of each change first, the level only on the profile, absent columns kept', async () => {
      const rows = [HEADER.slice(0, 7).concat(['手机'])];
      for (let i = 1; i <= 3; i++) rows.push([`R${i}`, `复导${i}`, 'SC-EAST-SH-T1', '2020-01-01', '2019-01-01', '大专', '冰箱', `1380000000${i}`]);
      assert.equal((await hr.imported('/api/v1/engineers/import', { body: await xlsx(rows), headers: { 'Content-Type': 'application/octet-stream' } })).report.imported, true);
      const r2 = (await hr.get('/api/v1/engineers?q=R2')).body.items[0];
      // The same numbers again: R2 renamed and moved, R3 unchanged, R4 new.
      rows[2][1] = '复导二';
      rows[2][2] = 'SC-EAST-SH-T2';
      rows.push(['R4', '复导4', 'SC-EAST-SH-T1', '2020-01-01', '2019-01-01', '本科', '冰箱', '']);
      const upload = async (rs, query = '') => hr.imported(`/api/v1/engineers/import${query}`, { body: await xlsx(rs), headers: { 'Content-Type': 'application/octet-stream' } });
      const preview = await upload(rows, '?dry_run=true');
      assert.equal(preview.state, 'succeeded', JSON.stringify(preview.report));
      assert.deepEqual([preview.report.created, preview.report.updated, preview.report.unchanged, preview.report.imported], [1, 1, 2, false]);
      assert.deepEqual(preview.report.changes, [{ row: 3, employee_no: 'R2', name: '复导二', fields: [
        { field: 'name', column: '姓名', before: '复导2', after: '复导二' },
        { field: 'org_unit', column: '组织单元编码', before: 'SC-EAST-SH-T1', after: 'SC-EAST-SH-T2' },
      ] }]);
      assert.equal((await hr.get(`/api/v1/engineers/${r2.id}`)).body.name, '复导2', 'a preview writes nothing');
      const done = await upload(rows);
      assert.equal(done.state, 'succeeded', JSON.stringify(done.report));
      assert.deepEqual([done.report.imported, done.report.created, done.report.updated, done.report.unchanged], [true, 1, 1, 2]);
      const after = (await hr.get(`/api/v1/engineers/${r2.id}`)).body;
      assert.deepEqual([after.name, after.org_unit_name !== r2.org_unit_name, after.phone, after.version], ['复导二', true, '13800000002', r2.version + 1]);
      // A file without the phone column keeps the phones; a different level is a row error, nothing written.
      const noPhone = rows.map((r) => r.slice(0, 7));
      noPhone[1][1] = '复导一';
      const kept = await upload(noPhone);
      assert.deepEqual([kept.state, kept.report.imported], ['succeeded', true], JSON.stringify(kept.report));
      // A blank status cell keeps the stored status (an engineer who left is not made active again).
      const r1 = (await hr.get('/api/v1/engineers?q=R1')).body.items[0];
      const left = await hr.request('PUT', `/api/v1/engineers/${r1.id}`, { json: { name: r1.name, org_unit: 'SC-EAST-SH-T1', hire_date: '2020-01-01', career_start: '2019-01-01', education: '大专', product_lines: ['冰箱'], phone: r1.phone, status: 'left' }, headers: { 'If-Match': `"${r1.version}"` } });
      assert.equal(left.status, 200, JSON.stringify(left.body));
      const blankStatus = [[...HEADER.slice(0, 7), '状态'], ['R1', '复导一', 'SC-EAST-SH-T1', '2020-01-01', '2019-01-01', '大专', '冰箱', '']];
      const same = await upload(blankStatus, '?dry_run=true');
      assert.deepEqual([same.state, same.report.updated, same.report.unchanged], ['succeeded', 0, 1], JSON.stringify(same.report));
      assert.equal((await hr.get('/api/v1/engineers?q=R1')).body.items[0].phone, '13800000001');
      const levels = [HEADER, ['R1', '复导一', 'SC-EAST-SH-T1', '2020-01-01', '2019-01-01', '大专', '冰箱', '高级售后工程师', '2024-01-01'], ['R3', '复导3', 'SC-EAST-SH-T1', '2020-01-01', '2019-02-01', '大专', '冰箱', '', '']];
      const refused = await upload(levels);
      assert.equal(refused.state, 'failed');
      assert.deepEqual(refused.report.errors.map((e) => [e.row, e.column]), [[2, '当前等级']]);
      // The job list (polled every second) sums them up; their lists are the one job's to show.
      const listed = (await hr.get('/api/v1/jobs')).body.items;
      const [doneListed, refusedListed] = [done, refused].map((x) => listed.find((j) => j.id === x.job.id));
      assert.deepEqual([doneListed.result.updated, doneListed.result.changes], [1, undefined]);
      assert.deepEqual([refusedListed.error.slug, refusedListed.error.errors], ['import.rows_invalid', undefined]);
      assert.equal((await hr.get('/api/v1/engineers?q=R3')).body.items[0].career_start, '2019-01-01', 'nothing written');
      const auditor = new Client(srv.url);
      await auditor.login('auditor');
      const log = (await auditor.get(`/api/v1/audit?entity=engineer&entity_id=${r2.id}`)).body.items;
      assert.ok(log.some((x) => x.action === 'engineer.update' && JSON.parse(x.after).name === '复导二'));
    });

    test('import csv in GBK is accepted; not-a-zip xlsx is a clear 422', async () => {
      const text = HEADER.join(',') + '\nG0001,国标编码,SC-EAST-SH-T1,2020-01-01,2019-01-01,本科,冰箱,,\n';
      const ok = await hr.imported('/api/v1/engineers/import', { body: iconv.encode(text, 'gbk'), headers: { 'Content-Type': 'text/csv' } });
      assert.deepEqual([ok.state, ok.report.imported], ['succeeded', true], JSON.stringify(ok.report));
      assert.equal((await hr.get('/api/v1/engineers?q=国标编码')).body.total, 1);
      const notZip = await hr.imported('/api/v1/engineers/import', { body: Buffer.from('PK\u0003\u0004garbage'), headers: { 'Content-Type': 'application/octet-stream' } });
      assert.deepEqual([notZip.start, notZip.state, notZip.report.slug], [202, 'failed', 'import.bad_xlsx']);
      assert.match(notZip.report.title.zh, /不是有效的 XLSX/);
      const empty = await hr.imported('/api/v1/engineers/import', { body: Buffer.alloc(0), headers: { 'Content-Type': 'application/octet-stream' } });
      assert.deepEqual([empty.start, empty.state, empty.report.code], [422, null, 'import.empty'], 'an empty upload is refused without a job');
    });

    test('export xlsx writes formula-like cells as text', async () => {
      const body = { employee_no: 'F0001', name: '=1+1', org_unit: 'SC-EAST-SH-T1', hire_date: '2021-03-01', career_start: '2020-07-01', education: '本科' };
      assert.equal((await hr.post('/api/v1/engineers', { json: body })).status, 201);
      const res = await hr.exported('/api/v1/engineers/export?q=F0001');
      assert.equal(res.status, 200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.body);
      const cell = wb.worksheets[0].getRow(2).getCell(2);
      assert.equal(cell.value, '=1+1');
      assert.equal(cell.type, ExcelJS.ValueType.String);
    });
  });
}
