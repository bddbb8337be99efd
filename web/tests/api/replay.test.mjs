// Replay for auditors: POST /cycles/{id}/replay is always a job that recomputes the evaluation (a
// closed cycle included) and compares it with the stored results, writing nothing — both engines.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { engines, startServer, Client } from './harness.mjs';

// SQL behind the application's back, on either engine.
const sql = (engine, db, q) =>
  engine === 'sqlite' ? execFileSync('sqlite3', [db, q]).toString() : execFileSync('psql', ['-qtA', db, '-c', q]).toString();

for (const engine of engines) {
  describe(`replay on ${engine}`, () => {
    let srv;
    const as = {};
    let closed;
    before(async () => {
      srv = await startServer(engine, { engineers: 40 });
      for (const u of ['admin', 'hr', 'auditor', 'committee', 'engineer', 'examiner', 'manager']) {
        as[u] = new Client(srv.url);
        assert.equal((await as[u].login(u)).status, 200, u);
      }
      closed = (await as.auditor.get('/api/v1/cycles')).body.items.find((c) => c.status === 'closed');
      assert.ok(closed, 'the demo has a closed cycle');
    });
    after(() => srv.stop());

    const replay = async (client, id) => {
      const r = await client.post(`/api/v1/cycles/${id}/replay`);
      assert.equal(r.status, 202, JSON.stringify(r.body));
      assert.equal(r.headers.get('location'), `/api/v1/jobs/${r.body.id}`);
      assert.equal(r.body.kind, 'replay');
      assert.equal(r.body.cycle_id, id);
      const done = await client.settle(r.headers.get('location'));
      assert.equal(done.state, 'succeeded', JSON.stringify(done.error));
      return { job: r, done };
    };
    const stored = async () => (await as.auditor.get(`/api/v1/cycles/${closed.id}/results`)).body.items;
    const audited = async () => (await as.admin.get('/api/v1/audit?page_size=1')).body.total;

    test('an auditor replays a closed cycle: identical to the stored results, and nothing is written', async () => {
      const results = await stored();
      assert.ok(results.length > 0);
      const log = await audited();
      const { job, done } = await replay(as.auditor, closed.id);
      assert.deepEqual(done.result, {
        cycle_id: closed.id, identical: true, evaluated: results.length, passed: results.filter((r) => r.passed).length,
        selected: results.filter((r) => r.passed && r.selected).length, differences: 0, added: 0, changed: 0, removed: 0, as_stored: true, listed: [],
      });
      assert.equal(done.done, done.total);
      assert.equal(done.owner, 'auditor');
      assert.deepEqual(await stored(), results, 'the stored results are as they were, their evaluation time included');
      assert.equal(await audited(), log, 'a replay reads: no audit record');
      // HR and administrators see the auditor's job (they hold the results permission); an engineer does not.
      assert.equal((await as.hr.get(job.headers.get('location'))).status, 200);
      assert.equal((await as.engineer.get(job.headers.get('location'))).status, 404);
      assert.equal((await as.examiner.get(job.headers.get('location'))).status, 404);
      for (const u of ['hr', 'admin', 'committee']) assert.equal((await replay(as[u], closed.id)).done.result.identical, true, u);
      // The cycle page's open cycle, before any evaluation: nothing stored, nothing recomputed, identical.
      const open = (await as.auditor.get('/api/v1/cycles')).body.items.find((c) => c.status === 'application');
      const early = (await replay(as.auditor, open.id)).done.result;
      assert.equal(early.identical, true);
      assert.equal(early.as_stored, false);
    });

    test('engineers, examiners and managers may not replay; an unknown or malformed cycle id is a 404 that queues nothing', async () => {
      for (const u of ['engineer', 'examiner', 'manager']) {
        const r = await as[u].post(`/api/v1/cycles/${closed.id}/replay`);
        assert.equal(r.status, 403, u);
        assert.equal(r.body.code, 'auth.forbidden');
      }
      const jobs = (await as.admin.get('/api/v1/jobs')).body.items.length;
      for (const id of ['999999', '0', '-1', '1x', '01', '99999999999999999999']) {
        const r = await as.auditor.post(`/api/v1/cycles/${id}/replay`);
        assert.equal(r.status, 404, `cycle ${id}: ${JSON.stringify(r.body)}`);
      }
      const missing = await as.auditor.post('/api/v1/cycles/999999/replay', { headers: { 'Accept-Language': 'zh-CN' } });
      assert.match(missing.body.title, /评定批次/);
      assert.equal((await as.admin.get('/api/v1/jobs')).body.items.length, jobs, 'no job was queued');
      // The real evaluation of the closed cycle stays refused.
      const real = await as.hr.post(`/api/v1/cycles/${closed.id}/evaluate`, { headers: { Prefer: 'respond-async' } });
      assert.equal(real.status, 409);
      assert.equal(real.body.code, 'cycle.phase');
    });

    test('a stored result changed behind the application’s back shows as exactly that difference, old and new', async () => {
      const target = (await stored()).find((r) => r.passed);
      const cents = Math.round(target.total * 100);
      const applicant = (await as.auditor.get(`/api/v1/cycles/${closed.id}/applications`)).body.items.find((a) => a.id === target.application_id);
      sql(engine, srv.db, `UPDATE results SET total = ${cents + 250} WHERE application_id = ${target.application_id}`);
      try {
        const { done } = await replay(as.auditor, closed.id);
        assert.equal(done.result.identical, false);
        assert.equal(done.result.differences, 1);
        assert.equal(done.result.changed, 1);
        assert.deepEqual(done.result.listed, [{
          application_id: target.application_id, employee_no: applicant.employee_no, engineer_name: applicant.engineer_name, kind: 'changed',
          stored: { outcome: target.selected ? 'selected' : 'below_quota', total: (cents + 250) / 100, rank: target.rank },
          replayed: { outcome: target.selected ? 'selected' : 'below_quota', total: cents / 100, rank: target.rank },
        }]);
      } finally {
        sql(engine, srv.db, `UPDATE results SET total = ${cents} WHERE application_id = ${target.application_id}`);
      }
      assert.equal((await replay(as.auditor, closed.id)).done.result.identical, true);
    });
  });
}
