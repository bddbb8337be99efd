// Each role's home, the audit trail's filters and chain check, and an engineer's own results with
// the reasons and their appeals — on the demo data.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { engines, startServer, Client } from './harness.mjs';

const PHASES = ['application', 'eligibility_review', 'written_exam'].map((phase, i) => ({ phase, starts_on: `2027-01-0${1 + i * 3}`, ends_on: `2027-01-0${3 + i * 3}`, responsible_role: 'hr' }));

for (const engine of engines) {
  describe(`home pages and audit on ${engine}`, () => {
    let srv;
    const as = {};
    before(async () => {
      srv = await startServer(engine);
      for (const u of ['hr', 'examiner', 'committee', 'manager', 'engineer', 'auditor']) {
        as[u] = new Client(srv.url);
        assert.equal((await as[u].login(u)).status, 200, u);
      }
    });
    after(() => srv.stop());

    test('HR sees the cycles in progress with their phase and what is waiting; a manager sees the team by level', async () => {
      const home = (await as.hr.get('/api/v1/home')).body;
      const open = home.cycles.find((c) => c.status === 'application');
      assert.ok(open, JSON.stringify(home));
      const listed = (await as.hr.get(`/api/v1/cycles/${open.id}/applications?page_size=200`)).body.items.filter((a) => a.status === 'submitted').length;
      assert.ok(listed > 0);
      assert.equal(open.applications.submitted, listed);
      assert.match(open.phase.ends_on, /^\d{4}-\d{2}-\d{2}$/);
      assert.ok(!home.cycles.some((c) => c.status === 'closed'), 'closed cycles are not work');
      assert.equal(typeof home.expiring_certificates, 'number');
      const team = (await as.manager.get('/api/v1/home')).body.team;
      const everyone = (await as.manager.get('/api/v1/engineers?status=active&page_size=1')).body.total;
      assert.equal(team.reduce((n, t) => n + t.count, 0), everyone, 'the team is the manager’s scope, by level');
      const mine = (await as.engineer.get('/api/v1/home')).body;
      assert.deepEqual([mine.cycles, mine.team, mine.expiring_certificates], [[], undefined, undefined], 'an engineer’s home is their own profile');
    });

    test('an examiner sees the scores left per component, a committee member the votes left', async () => {
      const made = await as.hr.post('/api/v1/cycles', { json: { name: '首页测试', scheme_id: 1, kind: 'promotion', open_ranks: [1, 2, 3, 4, 5], cutoff_date: '2026-12-31', phases: PHASES } });
      assert.equal(made.status, 201, JSON.stringify(made.body));
      const id = made.body.id;
      const move = async (to) => {
        const cur = await as.hr.get(`/api/v1/cycles/${id}`);
        const r = await as.hr.request('POST', `/api/v1/cycles/${id}/transition`, { json: { to }, headers: { 'If-Match': cur.headers.get('etag') } });
        assert.equal(r.status, 200, JSON.stringify(r.body));
      };
      await move('application');
      const who = (await as.hr.get('/api/v1/engineers?rank=1&status=active&page_size=2')).body.items;
      const apps = [];
      for (const e of who) apps.push((await as.hr.post(`/api/v1/cycles/${id}/applications`, { json: { engineer_id: e.id, target_rank: 2 } })).body);
      await move('eligibility_review');
      assert.equal((await as.hr.job(`/api/v1/cycles/${id}/eligibility-review`)).job.state, 'succeeded');
      for (const a of apps) await as.hr.post(`/api/v1/applications/${a.id}/override`, { json: { eligible: true, reason: '首页测试' } });
      await move('written_exam');
      const left = async () => (await as.examiner.get('/api/v1/home')).body.cycles.find((c) => c.id === id)?.scores_left;
      assert.deepEqual(await left(), { written: 2, practical: 2, interview: 2, performance: 2 });
      assert.equal((await as.examiner.post(`/api/v1/applications/${apps[0].id}/scores`, { json: { component: 'written', score: 80 } })).status, 200);
      assert.equal((await as.examiner.post(`/api/v1/applications/${apps[1].id}/scores`, { json: { component: 'written', absent: true } })).status, 200);
      assert.deepEqual(await left(), { written: 0, practical: 2, interview: 2, performance: 2 }, 'an absence is a recorded score');
      assert.equal((await as.committee.get('/api/v1/home')).body.cycles.find((c) => c.id === id), undefined, 'no votes before the committee review');
    });

    test('the audit trail filters by actor, action prefix, object and local dates; the chain check runs from the page', async () => {
      const all = (await as.auditor.get('/api/v1/audit?page_size=200')).body;
      const byHr = (await as.auditor.get('/api/v1/audit?actor=hr&action=cycle.&page_size=200')).body;
      assert.ok(byHr.total > 0 && byHr.total < all.total);
      assert.ok(byHr.items.every((r) => r.actor === 'hr' && r.action.startsWith('cycle.')), JSON.stringify(byHr.items[0]));
      const one = (await as.auditor.get('/api/v1/audit?action=cycle.transition&entity=cycle&entity_id=1')).body;
      assert.ok(one.total >= 10 && one.items.every((r) => r.action === 'cycle.transition' && r.entity_id === '1'));
      const first = one.items.at(-1);
      const shanghai = new Date(Date.parse(first.at) + 8 * 3600e3).toISOString().slice(0, 10);
      const that = (await as.auditor.get(`/api/v1/audit?from=${shanghai}&to=${shanghai}&entity=cycle&entity_id=1&action=cycle.transition`)).body;
      assert.ok(that.items.some((r) => r.id === first.id), 'a record falls on its local day');
      assert.ok(that.items.every((r) => new Date(Date.parse(r.at) + 8 * 3600e3).toISOString().slice(0, 10) === shanghai));
      for (const bad of ['from=2026-13-01', 'to=yesterday', 'from=2026-12-02&to=2026-12-01']) {
        const r = await as.auditor.get(`/api/v1/audit?${bad}`);
        assert.equal(r.status, 422, bad);
      }
      const actions = (await as.auditor.get('/api/v1/audit/actions')).body.items;
      assert.ok(actions.includes('cycle.transition') && actions.includes('appeal.create'));
      const verdict = (await as.auditor.get('/api/v1/audit/verify')).body;
      assert.equal(verdict.ok, true);
      assert.ok(verdict.checked >= all.total);
    });

    test('an engineer’s own results carry the reasons of the outcome and their appeals with the resolution', async () => {
      const closed = (await as.hr.get('/api/v1/cycles')).body.items.find((c) => c.status === 'closed');
      const appeal = (await as.hr.get(`/api/v1/cycles/${closed.id}/appeals`)).body.items[0];
      assert.ok(appeal.engineer_name && appeal.employee_no, 'the appeal names the engineer');
      const own = (await as.hr.get(`/api/v1/engineers/${appeal.engineer_id}/results`)).body.items.find((r) => r.cycle_id === closed.id);
      assert.equal(own.passed, false);
      assert.ok(own.outcome.reasons.length > 0, JSON.stringify(own.outcome));
      assert.deepEqual(own.appeals.map((a) => [a.status, a.resolution.length > 0]), [['upheld', true]]);
    });
  });
}
