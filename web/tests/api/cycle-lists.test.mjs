// A cycle's lists — applications, score sheet, results, published — page, filter and sort on the
// server: the boundaries (page 0, beyond the last page, page_size above the maximum), bad sorts and
// filters as localized 422s, totals counted by the server, sort orders, filters, and each caller's
// scope (an engineer pages through their own applications only) — both engines.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { engines, startServer, Client } from './harness.mjs';

for (const engine of engines) {
  describe(`cycle lists on ${engine}`, () => {
    let srv, closed, open;
    const as = {};
    before(async () => {
      srv = await startServer(engine, { engineers: 300 });
      for (const u of ['hr', 'engineer', 'manager', 'examiner', 'committee']) {
        as[u] = new Client(srv.url);
        assert.equal((await as[u].login(u)).status, 200, u);
      }
      as.hrEn = new Client(srv.url, 'en-US');
      assert.equal((await as.hrEn.login('hr')).status, 200);
      const cycles = (await as.hr.get('/api/v1/cycles')).body.items;
      closed = cycles.find((c) => c.status === 'closed');
      open = cycles.find((c) => c.status === 'application');
      assert.ok(closed && open, 'the demo has a closed cycle and one taking applications');
    });
    after(() => srv.stop());

    const all = async (client, path) => {
      const r = await client.get(`${path}${path.includes('?') ? '&' : '?'}page_size=200`);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.ok(r.body.total <= 200, 'the demo cycle fits on one page');
      return r.body;
    };

    test('a page answers items, total, page and page_size; beyond the last page the items are empty and the total true', async () => {
      for (const list of ['applications', 'scores', 'results', 'published']) {
        const path = `/api/v1/cycles/${closed.id}/${list}`;
        const whole = await all(as.hr, path);
        assert.ok(whole.total >= 3, `${list}: the demo has enough rows (${whole.total})`);
        assert.equal(whole.items.length, whole.total, list);
        const first = (await as.hr.get(`${path}?page_size=2`)).body;
        assert.deepEqual([first.items.length, first.total, first.page, first.page_size], [2, whole.total, 1, 2], list);
        const defaults = (await as.hr.get(path)).body;
        assert.deepEqual([defaults.page, defaults.page_size], [1, 20], `${list}: the default page`);
        const last = Math.ceil(whole.total / 2);
        const tail = (await as.hr.get(`${path}?page_size=2&page=${last}`)).body;
        assert.equal(tail.items.length, whole.total - 2 * (last - 1), `${list}: the last page holds the rest`);
        const beyond = await as.hr.get(`${path}?page_size=2&page=${last + 1}`);
        assert.equal(beyond.status, 200, list);
        assert.deepEqual([beyond.body.items.length, beyond.body.total, beyond.body.page], [0, whole.total, last + 1], list);
        // The pages together are the whole list, each row once.
        const ids = [];
        for (let p = 1; p <= last; p++) ids.push(...(await as.hr.get(`${path}?page_size=2&page=${p}`)).body.items.map((x) => x.application_id ?? x.id));
        assert.deepEqual(ids, whole.items.map((x) => x.application_id ?? x.id), list);
      }
    });

    test('page 0, page_size above 200, bad numbers, unknown parameters, sorts and filters are 422 in zh and en, never 5xx', async () => {
      const path = `/api/v1/cycles/${closed.id}`;
      const bad = [
        ['applications?page=0', 'request.invalid', 'page'],
        ['applications?page=-1', 'request.invalid', 'page'],
        ['applications?page=01', 'request.invalid', 'page'],
        ['scores?page_size=0', 'request.invalid', 'page_size'],
        ['results?page_size=201', 'request.invalid', 'page_size'],
        ['published?page_size=1e2', 'request.invalid', 'page_size'],
        ['applications?target_rank=0', 'request.invalid', 'target_rank'],
        ['results?org_unit=abc', 'request.invalid', 'org_unit'],
        ['applications?limit=5', 'request.invalid', 'limit'],
        ['applications?sort=total', 'request.invalid_query', 'sort'],
        ['scores?sort=-password', 'request.invalid_query', 'sort'],
        ['results?sort=name;DROP', 'request.invalid_query', 'sort'],
        ['applications?status=approved', 'request.invalid_query', 'status'],
        ['applications?outcome=passed', 'request.invalid_query', 'outcome'],
        ['results?outcome=maybe', 'request.invalid_query', 'outcome'],
        ['published?status=eligible', 'request.invalid_query', 'status'],
        ['published?sort=total', 'request.invalid_query', 'sort'],
        [`applications?q=${'x'.repeat(101)}`, 'request.invalid_query', 'q'],
      ];
      for (const [query, code, field] of bad) {
        for (const [client, title] of [[as.hr, /[\u4e00-\u9fff]/], [as.hrEn, /^Invalid/]]) {
          const r = await client.get(`${path}/${query}`);
          assert.equal(r.status, 422, `${query}: ${JSON.stringify(r.body)}`);
          assert.equal(r.type, 'application/problem+json', query);
          assert.equal(r.body.code, code, query);
          assert.match(r.body.title, title, `${query} (${client.lang})`);
          assert.ok(r.body.errors.some((e) => e.field === field), `${query}: ${JSON.stringify(r.body.errors)}`);
        }
      }
      assert.equal((await as.hr.get('/api/v1/cycles/999999/applications')).status, 404);
    });

    test('sorts: by employee number both ways, by total, by name; ties keep application order', async () => {
      const base = `/api/v1/cycles/${closed.id}`;
      const nos = (await all(as.hr, `${base}/applications?sort=employee_no`)).items.map((a) => a.employee_no);
      assert.deepEqual(nos, [...nos].sort(), 'ascending');
      assert.deepEqual((await all(as.hr, `${base}/applications?sort=-employee_no`)).items.map((a) => a.employee_no), [...nos].sort().reverse(), 'descending');
      const ids = (await all(as.hr, `${base}/applications`)).items.map((a) => a.id);
      assert.deepEqual(ids, [...ids].sort((a, b) => a - b), 'application order by default');
      assert.deepEqual((await all(as.hr, `${base}/applications?sort=-id`)).items.map((a) => a.id), [...ids].sort((a, b) => b - a));
      const totals = (await all(as.hr, `${base}/results?sort=-total`)).items.map((r) => r.total);
      assert.deepEqual(totals, [...totals].sort((a, b) => b - a), 'best first');
      assert.deepEqual((await all(as.hr, `${base}/results?sort=total`)).items.map((r) => r.total), [...totals].sort((a, b) => a - b));
      // The first page of a sort is the start of the whole sorted list.
      const top = (await as.hr.get(`${base}/results?sort=-total&page_size=3`)).body.items.map((r) => r.total);
      assert.deepEqual(top, totals.slice(0, 3));
      const names = (await all(as.hr, `${base}/applications?sort=name`)).items.map((a) => a.engineer_name);
      assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b, 'zh-CN-u-co-pinyin')), 'pinyin order');
    });

    test('filters: status, target level, outcome, name or employee number, org subtree — totals counted by the server', async () => {
      const base = `/api/v1/cycles/${closed.id}`;
      const apps = (await all(as.hr, `${base}/applications`)).items;
      for (const status of ['eligible', 'ineligible']) {
        const page = await all(as.hr, `${base}/applications?status=${status}`);
        assert.equal(page.total, apps.filter((a) => a.status === status).length, status);
        assert.ok(page.items.every((a) => a.status === status));
      }
      const rank = apps[0].target_rank;
      assert.equal((await all(as.hr, `${base}/applications?target_rank=${rank}`)).total, apps.filter((a) => a.target_rank === rank).length);
      const one = apps[3];
      const byNo = await all(as.hr, `${base}/applications?q=${encodeURIComponent(one.employee_no)}`);
      assert.ok(byNo.items.some((a) => a.id === one.id) && byNo.items.every((a) => a.employee_no.includes(one.employee_no)));
      const byName = await all(as.hr, `${base}/applications?q=${encodeURIComponent(one.engineer_name)}`);
      assert.ok(byName.items.some((a) => a.id === one.id) && byName.items.every((a) => a.engineer_name.includes(one.engineer_name)));
      assert.equal((await all(as.hr, `${base}/applications?q=${encodeURIComponent('%')}`)).total, 0, '% is a character, not a wildcard');
      // The org subtree: the engineers of the unit and the units below it.
      const units = (await as.hr.get('/api/v1/org-units')).body.items;
      let checked = 0;
      for (const u of units) {
        const inside = new Set((await as.hr.get(`/api/v1/engineers?org_unit=${u.id}&page_size=200`)).body.items.map((e) => e.id));
        const page = await all(as.hr, `${base}/applications?org_unit=${u.id}`);
        assert.equal(page.total, apps.filter((a) => inside.has(a.engineer_id)).length, u.code);
        if (page.total > 0 && page.total < apps.length) checked++;
      }
      assert.ok(checked > 0, 'some unit holds some but not all applicants');
      const results = (await all(as.hr, `${base}/results`)).items;
      for (const outcome of ['passed', 'failed']) {
        const page = await all(as.hr, `${base}/results?outcome=${outcome}`);
        assert.equal(page.total, results.filter((r) => r.passed === (outcome === 'passed')).length, outcome);
      }
      const published = await all(as.engineer, `${base}/published?outcome=passed`);
      assert.ok(published.items.every((r) => r.passed === true));
      assert.equal(published.total + (await all(as.engineer, `${base}/published?outcome=failed`)).total, (await all(as.engineer, `${base}/published`)).total);
      const sheet = await all(as.hr, `${base}/scores?status=eligible`);
      assert.equal(sheet.total, apps.filter((a) => a.status === 'eligible').length);
      assert.ok(sheet.items.every((l) => Array.isArray(l.scores) && l.scores.every((s) => s.application_id === l.application_id)));
      assert.ok(sheet.items.some((l) => l.result && typeof l.result.total === 'number'), 'HR sees the results on the sheet');
      assert.ok((await all(as.examiner, `${base}/scores?status=eligible`)).items.every((l) => l.result === null), 'an examiner reads no results');
    });

    test('scope: an engineer pages through their own applications only, a manager through their subtree', async () => {
      const me = (await as.engineer.get('/api/v1/auth/me')).body;
      const own = (await as.engineer.get(`/api/v1/engineers/${me.user.engineer_id ?? me.engineer_id}`)).body;
      const applied = await as.engineer.post(`/api/v1/cycles/${open.id}/applications`, { json: { engineer_id: own.id, target_rank: own.current_rank + 1 } });
      assert.ok([201, 422].includes(applied.status), JSON.stringify(applied.body));
      const everyone = await all(as.hr, `/api/v1/cycles/${open.id}/applications`);
      const mine = await all(as.engineer, `/api/v1/cycles/${open.id}/applications`);
      const expected = everyone.items.filter((a) => a.engineer_id === own.id).length;
      assert.ok(everyone.total > expected, 'the cycle has other applicants');
      assert.equal(mine.total, expected);
      assert.ok(mine.items.every((a) => a.engineer_id === own.id));
      const beyond = (await as.engineer.get(`/api/v1/cycles/${open.id}/applications?page=2`)).body;
      assert.deepEqual([beyond.items.length, beyond.total], [0, expected], 'beyond the last page: the own total, nobody else');
      assert.equal((await as.engineer.get(`/api/v1/cycles/${closed.id}/applications?q=${encodeURIComponent(everyone.items[0]?.employee_no ?? 'E')}`)).body.items.filter((a) => a.engineer_id !== own.id).length, 0);
      const visible = new Set((await as.manager.get('/api/v1/engineers?page_size=200')).body.items.map((e) => e.id));
      const closedAll = (await all(as.hr, `/api/v1/cycles/${closed.id}/applications`)).items;
      const managed = await all(as.manager, `/api/v1/cycles/${closed.id}/applications`);
      assert.equal(managed.total, closedAll.filter((a) => visible.has(a.engineer_id)).length);
      assert.ok(managed.total < closedAll.length, "the manager's subtree is not the whole company");
      assert.equal((await as.engineer.get(`/api/v1/cycles/${closed.id}/scores`)).status, 403, 'engineers read no score sheet');
    });

    test('verdicts read from a page explain themselves in zh and en', async () => {
      const reviewed = (await all(as.hr, `/api/v1/cycles/${closed.id}/applications`)).items.filter((a) => a.verdict);
      assert.ok(reviewed.length > 0);
      for (const a of reviewed) {
        assert.ok(a.verdict.summary.zh && a.verdict.summary.en, JSON.stringify(a.verdict));
        assert.equal(typeof a.verdict.eligible, 'boolean');
        for (const p of a.verdict.paths) for (const c of p.conditions) assert.ok(c.explanation.zh && c.explanation.en, JSON.stringify(c));
      }
    });
  });
}
