// Background jobs: the eligibility review and the evaluation answer 202 with the queued job,
// their progress and result, one job for two starters, who sees a job, cancelling — both engines.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { engines, startServer, Client } from './harness.mjs';

const PHASES = ['application', 'eligibility_review', 'written_exam'].map((phase, i) => ({ phase, starts_on: `2027-01-0${1 + i * 3}`, ends_on: `2027-01-0${3 + i * 3}`, responsible_role: 'hr' }));

for (const engine of engines) {
  describe(`jobs on ${engine}`, () => {
    let srv;
    const as = {};
    before(async () => {
      srv = await startServer(engine);
      for (const u of ['admin', 'hr', 'engineer']) {
        as[u] = new Client(srv.url);
        assert.equal((await as[u].login(u)).status, 200, u);
      }
    });
    after(() => srv.stop());

    test('a review and an evaluation run as jobs: 202 with Location, one job for two starters, progress to the end, the data a dry run computes', async () => {
      const made = await as.hr.post('/api/v1/cycles', { json: { name: '任务测试', scheme_id: 1, kind: 'promotion', open_ranks: [1, 2, 3, 4, 5], cutoff_date: '2026-12-31', phases: PHASES } });
      assert.equal(made.status, 201, JSON.stringify(made.body));
      const id = made.body.id;
      const move = async (to) => {
        const cur = await as.hr.get(`/api/v1/cycles/${id}`);
        const r = await as.hr.request('POST', `/api/v1/cycles/${id}/transition`, { json: { to }, headers: { 'If-Match': cur.headers.get('etag') } });
        assert.equal(r.status, 200, JSON.stringify(r.body));
      };
      await move('application');
      const early = await as.hr.post(`/api/v1/cycles/${id}/eligibility-review`);
      assert.equal(early.status, 409, 'a job that cannot run is refused at once, not queued');
      const who = (await as.hr.get('/api/v1/engineers?rank=1&status=active&page_size=30')).body.items;
      for (const e of who) assert.equal((await as.hr.post(`/api/v1/cycles/${id}/applications`, { json: { engineer_id: e.id, target_rank: 2 } })).status, 201);
      await move('eligibility_review');

      const first = await as.hr.post(`/api/v1/cycles/${id}/eligibility-review`);
      const second = await as.admin.post(`/api/v1/cycles/${id}/eligibility-review`);
      assert.equal(first.status, 202, JSON.stringify(first.body));
      assert.equal(first.headers.get('location'), `/api/v1/jobs/${first.body.id}`);
      assert.equal(first.body.kind, 'eligibility_review');
      assert.equal(first.body.cycle_id, id);
      const done = await as.hr.settle(first.headers.get('location'));
      // The second starter got the same job while it was active, or a new one after it ended: never two at once.
      if (second.body.id !== first.body.id) assert.ok(second.body.id > first.body.id && ['succeeded'].includes((await as.admin.settle(second.headers.get('location'))).state));
      assert.equal(done.state, 'succeeded', JSON.stringify(done.error));
      assert.equal(done.result.reviewed, who.length);
      assert.deepEqual([done.done, done.total], [who.length, who.length], 'an ended job keeps the progress it reached');
      assert.ok(done.started_at && done.finished_at);
      const byJob = (await as.hr.get(`/api/v1/cycles/${id}/applications?page_size=200`)).body.items.map((a) => [a.id, a.status]);
      const again = await as.hr.job(`/api/v1/cycles/${id}/eligibility-review`);
      assert.ok(again.body.id > first.body.id, 'an ended job is not answered again: a new review runs');
      assert.equal(again.job.state, 'succeeded');
      assert.deepEqual((await as.hr.get(`/api/v1/cycles/${id}/applications?page_size=200`)).body.items.map((a) => [a.id, a.status]), byJob, 'a second review writes what the first wrote');

      assert.equal((await as.engineer.get(first.headers.get('location'))).status, 404, 'an engineer does not see HR’s job');
      assert.ok(!(await as.engineer.get('/api/v1/jobs')).body.items.some((j) => j.id === first.body.id));
      assert.ok((await as.admin.get('/api/v1/jobs')).body.items.some((j) => j.id === first.body.id), 'a holder of the kind’s permission sees it');
      const ended = await as.hr.request('DELETE', first.headers.get('location'));
      assert.equal(ended.status, 409, 'an ended job cannot be cancelled');
      assert.equal(ended.body.code, 'job.ended');
      assert.equal((await as.hr.get('/api/v1/jobs/0')).status, 404);
      assert.equal((await as.hr.get('/api/v1/jobs/99999999')).status, 404);

      for (const a of (await as.hr.get(`/api/v1/cycles/${id}/applications?page_size=200`)).body.items)
        if (a.status !== 'eligible') await as.hr.post(`/api/v1/applications/${a.id}/override`, { json: { eligible: true, reason: '任务测试' } });
      await move('written_exam');
      const preview = (await as.hr.post(`/api/v1/cycles/${id}/evaluate?dry_run=true`)).body.items;
      assert.ok(Array.isArray(preview) && preview.length === who.length, 'a dry run still answers its results');
      const ev = await as.hr.post(`/api/v1/cycles/${id}/evaluate`);
      assert.equal(ev.status, 202, JSON.stringify(ev.body));
      const evaluated = await as.hr.settle(ev.headers.get('location'));
      assert.equal(evaluated.state, 'succeeded', JSON.stringify(evaluated.error));
      assert.equal(evaluated.result.evaluated, who.length);
      const stored = (await as.hr.get(`/api/v1/cycles/${id}/results?page_size=200`)).body.items;
      assert.deepEqual(stored.map((r) => [r.application_id, r.total, r.passed, r.rank]).sort(), preview.map((r) => [r.application_id, r.total, r.passed, r.rank]).sort());
    });
  });

  // A real crash: the server is killed (SIGKILL) while the review job runs, and started again on the
  // same database. The job runs again from the start and ends; the applications then equal those of
  // an uninterrupted review.
  test(`a review job killed with its server (kill -9) runs again after the restart and writes what an uninterrupted run writes, on ${engine}`, async () => {
    let srv = await startServer(engine, { engineers: 6000 });
    const hr = new Client(srv.url);
    assert.equal((await hr.login('hr')).status, 200);
    const made = await hr.post('/api/v1/cycles', { json: { name: '崩溃恢复测试', scheme_id: 1, kind: 'promotion', open_ranks: [1, 2, 3, 4, 5], cutoff_date: '2026-12-31', phases: PHASES } });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    const id = made.body.id;
    const move = async (to) => {
      const cur = await hr.get(`/api/v1/cycles/${id}`);
      assert.equal((await hr.request('POST', `/api/v1/cycles/${id}/transition`, { json: { to }, headers: { 'If-Match': cur.headers.get('etag') } })).status, 200);
    };
    await move('application');
    const nominated = await hr.post(`/api/v1/cycles/${id}/nominations`, { json: {} });
    assert.equal(nominated.status, 201, JSON.stringify(nominated.body));
    assert.ok(nominated.body.created > 4000, JSON.stringify(nominated.body));
    await move('eligibility_review');
    const started = await hr.post(`/api/v1/cycles/${id}/eligibility-review`);
    assert.equal(started.status, 202);
    const location = started.headers.get('location');
    let seen;
    for (let i = 0; i < 2000; i++) {
      seen = (await hr.get(location)).body;
      if (seen.state !== 'queued') break;
      await new Promise((r) => setTimeout(r, 5));
    }
    assert.equal(seen.state, 'running', 'the job was killed while it ran');
    await srv.killed();
    srv = await startServer(engine, { db: srv.db });
    try {
      const again = new Client(srv.url);
      assert.equal((await again.login('hr')).status, 200);
      const ended = await again.settle(location);
      assert.equal(ended.state, 'succeeded', JSON.stringify(ended.error));
      assert.equal(ended.result.reviewed, nominated.body.created);
      const statuses = async () => {
        const all = [];
        for (let page = 1; ; page++) {
          const r = (await again.get(`/api/v1/cycles/${id}/applications?page=${page}&page_size=200`)).body;
          all.push(...r.items.map((a) => [a.id, a.status, a.verdict?.summary?.en]));
          if (r.items.length < 200 || all.length >= nominated.body.created) break;
        }
        return all.sort((a, b) => a[0] - b[0]);
      };
      const afterCrash = await statuses();
      assert.equal(afterCrash.length, nominated.body.created);
      assert.ok(afterCrash.every(([, st]) => st === 'eligible' || st === 'ineligible'), 'every application reviewed');
      const uninterrupted = await again.job(`/api/v1/cycles/${id}/eligibility-review`);
      assert.equal(uninterrupted.job.state, 'succeeded');
      assert.deepEqual(await statuses(), afterCrash);
    } finally {
      await srv.stopped();
    }
  });
}
