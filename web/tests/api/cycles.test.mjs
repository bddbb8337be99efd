import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { engines, startServer, Client } from './harness.mjs';

const PHASES = [
  ['application', '2026-11-01', '2026-11-30', 'engineer'],
  ['eligibility_review', '2026-12-01', '2026-12-10', 'hr'],
  ['written_exam', '2026-12-11', '2026-12-20', 'examiner'],
].map(([phase, starts_on, ends_on, responsible_role]) => ({ phase, starts_on, ends_on, responsible_role }));

for (const engine of engines) {
  describe(`cycles on ${engine}`, () => {
    let srv, hr, eng, cycle, me;
    before(async () => {
      srv = await startServer(engine, { engineers: 30 });
      hr = new Client(srv.url);
      await hr.login('hr');
      eng = new Client(srv.url);
      await eng.login('engineer');
      me = (await eng.get('/api/v1/auth/me')).body.user;
    });
    after(() => srv.stop());

    const move = async (to, reason, override) => {
      const cur = await hr.get(`/api/v1/cycles/${cycle.id}`);
      const json = { to, ...(reason ? { reason } : {}), ...(override ? { override } : {}) };
      return hr.request('POST', `/api/v1/cycles/${cycle.id}/transition`, { json, headers: { 'If-Match': cur.headers.get('etag') } });
    };

    test('the working-day calendar: fixed-date defaults, lunar holidays and make-up days added by HR', async () => {
      const days = (await hr.get('/api/v1/calendar')).body.items;
      assert.ok(days.some((d) => d.day === '2026-10-01' && d.kind === 'holiday'));
      assert.equal((await hr.post('/api/v1/calendar', { json: { day: '2026-02-17', kind: 'holiday', name: '春节' } })).status, 200);
      assert.equal((await hr.post('/api/v1/calendar', { json: { day: '2026-02-30', kind: 'holiday', name: 'x' } })).status, 422);
      assert.equal((await hr.post('/api/v1/calendar', { json: { day: '2026-02-17', kind: 'none' } })).status, 200);
      assert.ok(!(await hr.get('/api/v1/calendar')).body.items.some((d) => d.day === '2026-02-17'));
    });

    test('HR plans a cycle; bad timelines are 422 naming the phase', async () => {
      const schemes = (await hr.get('/api/v1/schemes')).body.items;
      const id = schemes.find((s) => s.is_default).id;
      const bad = await hr.post('/api/v1/cycles', { json: { name: 'x', scheme_id: id, kind: 'promotion', open_ranks: [9], cutoff_date: '2026-11-30', phases: [PHASES[1], { ...PHASES[0], ends_on: '2026-10-01' }] } });
      assert.equal(bad.status, 422);
      assert.deepEqual(bad.body.errors.map((e) => e.field).sort(), ['open_ranks', 'phases[1]', 'phases[1].phase'].sort());
      const ok = await hr.post('/api/v1/cycles', { json: { name: '2026 年度晋级评定', scheme_id: id, kind: 'promotion', open_ranks: [1, 2, 3, 4, 5], cutoff_date: '2026-11-30', phases: PHASES } });
      assert.equal(ok.status, 201, JSON.stringify(ok.body));
      cycle = ok.body;
      assert.equal(cycle.status, 'draft');
      const s = (await hr.get(`/api/v1/schemes/${id}`)).body;
      assert.equal(s.versions.find((v) => v.version === cycle.scheme_version).in_use, true, 'the version is frozen');
    });

    test('transitions go one step at a time, back only with a reason, and stale versions get 412', async () => {
      const stale = (await hr.get(`/api/v1/cycles/${cycle.id}`)).headers.get('etag');
      const skip = await move('written_exam');
      assert.equal(skip.status, 409);
      const needless = await move('application', '无', true);
      assert.equal(needless.status, 422, 'an override only ends a running public notice');
      assert.equal(needless.body.errors[0].field, 'override');
      assert.equal((await hr.get(`/api/v1/cycles/${cycle.id}`)).body.status, 'draft');
      assert.equal((await move('application')).status, 200);
      const lost = await hr.request('POST', `/api/v1/cycles/${cycle.id}/transition`, { json: { to: 'eligibility_review' }, headers: { 'If-Match': stale } });
      assert.equal(lost.status, 412);
      assert.equal((await move('draft')).status, 422, 'going back needs a reason');
      assert.equal((await move('draft', '时间表调整')).status, 200);
      assert.equal((await move('application')).status, 200);
    });

    test('an engineer applies for the next level once; other levels and other engineers are refused', async () => {
      // Put the engineer at level 1 first, so that the next level is 2 whatever the demo data says.
      const self = (await eng.get(`/api/v1/engineers/${me.engineer_id}`)).body;
      const set = await hr.post(`/api/v1/engineers/${me.engineer_id}/levels`, { json: { rank: 1, since: '2026-06-01' > self.hire_date ? '2026-06-01' : self.hire_date, note: '测试定级' } });
      assert.equal(set.status, 201, JSON.stringify(set.body));
      const next = 2;
      const wrong = await eng.post(`/api/v1/cycles/${cycle.id}/applications`, { json: { engineer_id: me.engineer_id, target_rank: 3 } });
      assert.equal(wrong.status, 422);
      const other = await eng.post(`/api/v1/cycles/${cycle.id}/applications`, { json: { engineer_id: me.engineer_id + 1, target_rank: 1 } });
      assert.equal(other.status, 403);
      const first = await eng.post(`/api/v1/cycles/${cycle.id}/applications`, { json: { engineer_id: me.engineer_id, target_rank: next } });
      assert.equal(first.status, 201, JSON.stringify(first.body));
      const again = await eng.post(`/api/v1/cycles/${cycle.id}/applications`, { json: { engineer_id: me.engineer_id, target_rank: next } });
      assert.equal(again.body.id, first.body.id, 'a double submit creates one application');
      assert.equal((await eng.get(`/api/v1/cycles/${cycle.id}/applications?page_size=200`)).body.total, 1);
    });

    test('HR nominates, the review explains each verdict, and an override needs a reason', async () => {
      const list = (await hr.get('/api/v1/engineers?page_size=30&sort=employee_no')).body.items.filter((e) => e.rank < 5 && e.id !== me.engineer_id).slice(0, 4);
      const nominated = [];
      for (const e of list) {
        const r = await hr.post(`/api/v1/cycles/${cycle.id}/applications`, { json: { engineer_id: e.id, target_rank: e.rank + 1 } });
        assert.equal(r.status, 201, JSON.stringify(r.body));
        assert.equal(r.body.nominated_by, 'hr');
        nominated.push(r.body);
      }
      // One nomination is withdrawn before the review: the review leaves it alone.
      const gone = nominated.pop();
      assert.equal((await hr.post(`/api/v1/applications/${gone.id}/withdraw`)).status, 200);
      assert.equal((await hr.post(`/api/v1/cycles/${cycle.id}/eligibility-review`)).status, 409, 'not in the review phase yet');
      assert.equal((await move('eligibility_review')).status, 200);
      const late = await eng.post(`/api/v1/cycles/${cycle.id}/applications`, { json: { engineer_id: me.engineer_id, target_rank: 1 } });
      assert.equal(late.status, 409, 'applications close with the application phase');
      const reviewed = await hr.job(`/api/v1/cycles/${cycle.id}/eligibility-review`);
      assert.equal(reviewed.status, 202);
      assert.equal(reviewed.job.state, 'succeeded', JSON.stringify(reviewed.job.error));
      const all = (await hr.get(`/api/v1/cycles/${cycle.id}/applications?page_size=200`)).body.items;
      assert.equal(all.find((a) => a.id === gone.id).status, 'withdrawn');
      const apps = all.filter((a) => a.id !== gone.id);
      assert.equal(reviewed.job.result.reviewed, apps.length);
      assert.ok(apps.length >= 3);
      for (const a of apps) {
        assert.ok(['eligible', 'ineligible'].includes(a.status));
        assert.ok(a.verdict.summary.zh.length > 0 && a.verdict.summary.en.length > 0);
        for (const c of a.verdict.paths[0].conditions) assert.ok(c.explanation.zh && c.explanation.en);
      }
      const target = apps[0];
      const noReason = await hr.post(`/api/v1/applications/${target.id}/override`, { json: { eligible: true, reason: ' ' } });
      assert.equal(noReason.status, 422);
      const ok = await hr.post(`/api/v1/applications/${target.id}/override`, { json: { eligible: true, reason: '外部认证等同' } });
      assert.equal(ok.status, 200);
      assert.equal(ok.body.status, 'eligible');
      assert.equal(ok.body.override_reason, '外部认证等同');
      assert.equal((await hr.job(`/api/v1/cycles/${cycle.id}/eligibility-review`)).job.state, 'succeeded');
      const after = (await hr.get(`/api/v1/cycles/${cycle.id}/applications?page_size=200`)).body.items.find((a) => a.id === target.id);
      assert.equal(after.override_reason, '外部认证等同', 'a second review keeps the override');
      const withdrawn = await hr.post(`/api/v1/applications/${target.id}/withdraw`);
      assert.equal(withdrawn.status, 409, 'reviewed applications are not withdrawn');
    });

    test('scores: entered or imported, absent is not zero, locks need reasons, and evaluation is reproducible', async () => {
      const examiner = new Client(srv.url);
      await examiner.login('examiner');
      let apps = (await hr.get(`/api/v1/cycles/${cycle.id}/applications?page_size=200`)).body.items;
      const eligible = apps.filter((a) => a.status === 'eligible');
      assert.ok(eligible.length >= 1);
      const a = eligible[0];
      assert.equal((await examiner.post(`/api/v1/applications/${a.id}/scores`, { json: { component: 'written', score: 80 } })).status, 409, 'not in an assessment phase yet');
      assert.equal((await move('written_exam')).status, 200);
      assert.equal((await examiner.post(`/api/v1/applications/${a.id}/scores`, { json: { component: 'written', score: 100.5 } })).status, 422);
      assert.equal((await examiner.post(`/api/v1/applications/${a.id}/scores`, { json: { component: 'written', score: 80.125 } })).status, 422);
      assert.equal((await examiner.post(`/api/v1/applications/${a.id}/scores`, { json: { component: 'written', score: 80, absent: true } })).status, 422);
      const ok = await examiner.post(`/api/v1/applications/${a.id}/scores`, { json: { component: 'written', score: 82.5 } });
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      assert.equal(ok.body.score, 82.5);
      // The rest by import: the practical part absent, the others scored.
      const lv = (await hr.get(`/api/v1/schemes/${cycle.scheme_id}?version=${cycle.scheme_version}`)).body.levels[a.target_rank - 1];
      const rows = lv.components.filter((c) => c.kind !== 'written').map((c) => `${a.employee_no},${c.label.zh},${c.kind === 'practical' ? '缺考' : '90'}`);
      const bad = await examiner.imported(`/api/v1/cycles/${cycle.id}/scores/import`, { body: '工号,考核项,成绩\n' + rows.join('\n') + '\nNOBODY,笔试,70\n', headers: { 'Content-Type': 'text/csv' } });
      assert.equal(bad.state, 'failed');
      assert.deepEqual(bad.report.errors.map((e) => [e.row, e.column]), [[rows.length + 2, '工号']]);
      const imported = await examiner.imported(`/api/v1/cycles/${cycle.id}/scores/import`, { body: '工号,考核项,成绩\n' + rows.join('\n') + '\n', headers: { 'Content-Type': 'text/csv' } });
      assert.deepEqual([imported.state, imported.report.imported, imported.report.rows], ['succeeded', true, rows.length], JSON.stringify(imported.report));
      const first = { body: await hr.evaluate(cycle.id) };
      const mine = first.body.items.find((r) => r.application_id === a.id);
      assert.equal(mine.passed, false);
      assert.ok(mine.outcome.reasons.some((r) => r.zh === '实际操作缺考'), JSON.stringify(mine.outcome.reasons));
      const again = await hr.post(`/api/v1/cycles/${cycle.id}/evaluate?dry_run=true`);
      assert.deepEqual(again.body.items.map((r) => [r.application_id, r.total, r.passed, r.rank]), first.body.items.map((r) => [r.application_id, r.total, r.passed, r.rank]));
      // Lock the practical part: a change now needs a reason, and then the candidate passes it.
      assert.equal((await hr.post(`/api/v1/cycles/${cycle.id}/locks`, { json: { component: 'practical' } })).status, 200);
      assert.equal((await examiner.post(`/api/v1/applications/${a.id}/scores`, { json: { component: 'practical', score: 95 } })).status, 422);
      const changed = await examiner.post(`/api/v1/applications/${a.id}/scores`, { json: { component: 'practical', score: 95, reason: '补考成绩' } });
      assert.equal(changed.status, 200);
      const auditor = new Client(srv.url);
      await auditor.login('auditor');
      const record = (await auditor.get('/api/v1/audit?entity=application')).body.items.find((x) => x.action === 'score.change_locked' && x.entity_id === String(a.id));
      assert.ok(record, 'the locked change is audited');
      assert.deepEqual([JSON.parse(record.before).absent, JSON.parse(record.after).score, JSON.parse(record.after).reason], [true, '95.00', '补考成绩']);
      const after = (await hr.evaluate(cycle.id)).items.find((r) => r.application_id === a.id);
      assert.equal(after.passed, true, JSON.stringify(after.outcome));
      // A quota of no places: passed but not selected; over 100% is refused; removing it selects again.
      const quota = (json) => hr.post(`/api/v1/cycles/${cycle.id}/quotas`, { json });
      assert.equal((await quota({ rank: a.target_rank, kind: 'percent', value: 150 })).status, 422);
      assert.equal((await quota({ rank: a.target_rank, kind: 'count', value: 0 })).status, 200);
      const limited = (await hr.evaluate(cycle.id)).items.find((r) => r.application_id === a.id);
      assert.deepEqual([limited.passed, limited.selected], [true, false]);
      assert.equal((await quota({ rank: a.target_rank, kind: 'none' })).status, 200);
      assert.equal((await hr.evaluate(cycle.id)).items.find((r) => r.application_id === a.id).selected, true);
      const committee = new Client(srv.url);
      await committee.login('committee');
      assert.equal((await committee.get(`/api/v1/cycles/${cycle.id}/results?page_size=200`)).body.items.find((r) => r.application_id === a.id).total, after.total);
    });

    test('the committee votes by majority and closing the cycle certifies the new level', async () => {
      const apps = (await hr.get(`/api/v1/cycles/${cycle.id}/applications?page_size=200`)).body.items;
      const results = (await hr.get(`/api/v1/cycles/${cycle.id}/results?page_size=200`)).body.items;
      const passed = results.find((r) => r.passed && r.selected);
      assert.ok(passed, 'one application passed in the previous step');
      const app = apps.find((x) => x.id === passed.application_id);
      const admin = new Client(srv.url);
      await admin.login('admin');
      for (const u of ['committee2', 'committee3'])
        assert.equal((await admin.post('/api/v1/users', { json: { username: u, password: 'committee-pass', roles: ['committee'] } })).status, 201);
      const members = [];
      for (const [u, p] of [['committee', undefined], ['committee2', 'committee-pass'], ['committee3', 'committee-pass']]) {
        const c = new Client(srv.url);
        await c.login(u, p);
        members.push(c);
      }
      assert.equal((await members[0].post(`/api/v1/applications/${app.id}/votes`, { json: { vote: 'approve' } })).status, 409, 'not in the committee review yet');
      for (const to of ['practical_test', 'interview', 'committee_review']) assert.equal((await move(to)).status, 200, to);
      // Nothing is published while an application that passed has no committee decision; each one is named.
      const undecided = await move('public_notice');
      assert.equal(undecided.status, 409);
      assert.equal(undecided.body.code, 'cycle.decisions_missing');
      const passedAll = results.filter((r) => r.passed && r.selected);
      assert.equal(undecided.body.errors.length, passedAll.length);
      assert.ok(undecided.body.errors.some((e) => e.field === `applications/${app.id}` && e.message.includes(app.employee_no)), JSON.stringify(undecided.body));
      assert.equal((await members[0].post(`/api/v1/applications/${app.id}/votes`, { json: { vote: 'maybe' } })).status, 422);
      const notPassed = apps.find((x) => !results.some((r) => r.application_id === x.id && r.passed && r.selected));
      assert.ok(notPassed, 'another application did not pass');
      const refused = await members[0].post(`/api/v1/applications/${notPassed.id}/votes`, { json: { vote: 'approve' } });
      assert.equal(refused.status, 409);
      assert.equal(refused.body.code, 'vote.not_passed');
      await members[0].post(`/api/v1/applications/${app.id}/votes`, { json: { vote: 'reject' } });
      await members[0].post(`/api/v1/applications/${app.id}/votes`, { json: { vote: 'approve', comment: '改为同意' } });
      await members[1].post(`/api/v1/applications/${app.id}/votes`, { json: { vote: 'approve' } });
      await members[2].post(`/api/v1/applications/${app.id}/votes`, { json: { vote: 'reject' } });
      const view = (await hr.get(`/api/v1/cycles/${cycle.id}/results?page_size=200`)).body.items.find((r) => r.application_id === app.id);
      assert.deepEqual(view.votes, { approve: 2, reject: 1, defer: 0 }, 'a repeated vote counts once');
      assert.equal(view.decision, 'approved');
      for (const other of passedAll.filter((r) => r.application_id !== app.id))
        for (const m of members.slice(0, 2)) assert.equal((await m.post(`/api/v1/applications/${other.application_id}/votes`, { json: { vote: 'approve' } })).status, 200);
      assert.equal((await eng.get(`/api/v1/cycles/${cycle.id}/published?page_size=200`)).status, 409, 'nothing is published before the notice');
      assert.equal((await move('public_notice')).status, 200);
      const noticed = (await hr.get(`/api/v1/cycles/${cycle.id}`)).body;
      assert.match(noticed.notice_ends_on, /^\d{4}-\d{2}-\d{2}$/);
      const list = (await eng.get(`/api/v1/cycles/${cycle.id}/published?page_size=200`)).body.items;
      assert.equal(list.find((r) => r.application_id === app.id).passed, true);
      assert.ok(list.every((r) => r.total === undefined), 'scores are not published');
      // The engineer appeals their own result; someone else's is refused; one open appeal at a time.
      const own = (await eng.get(`/api/v1/cycles/${cycle.id}/applications?page_size=200`)).body.items[0];
      const others = apps.find((x) => x.engineer_id !== me.engineer_id);
      assert.equal((await eng.post(`/api/v1/applications/${others.id}/appeals`, { json: { reason: '不服' } })).status, 403);
      assert.equal((await eng.post(`/api/v1/applications/${own.id}/appeals`, { json: { reason: ' ' } })).status, 422);
      const filed = await eng.post(`/api/v1/applications/${own.id}/appeals`, { json: { reason: '培训记录漏录' } });
      assert.equal(filed.status, 201, JSON.stringify(filed.body));
      assert.equal((await eng.post(`/api/v1/applications/${own.id}/appeals`, { json: { reason: '再次' } })).status, 409);
      const appeals = (await hr.get(`/api/v1/cycles/${cycle.id}/appeals`)).body.items;
      assert.equal(appeals.length, 1);
      assert.equal((await hr.post(`/api/v1/appeals/${filed.body.id}/resolve`, { json: { decision: 'amend', note: '' } })).status, 422);
      const upheld = await hr.post(`/api/v1/appeals/${filed.body.id}/resolve`, { json: { decision: 'uphold', note: '记录核实无误' } });
      assert.equal(upheld.status, 200);
      assert.equal(upheld.body.status, 'upheld');
      assert.equal((await hr.post(`/api/v1/appeals/${filed.body.id}/resolve`, { json: { decision: 'uphold', note: 'again' } })).status, 409);
      // An amendment changes a score (audited) and re-evaluates.
      assert.equal((await admin.post('/api/v1/users', { json: { username: 'passer', password: 'quiet-harbor-5', roles: ['engineer'], engineer_no: app.employee_no } })).status, 201);
      const passer = new Client(srv.url);
      await passer.login('passer', 'quiet-harbor-5');
      const second = await passer.post(`/api/v1/applications/${app.id}/appeals`, { json: { reason: '笔试成绩登记错误' } });
      assert.equal(second.status, 201);
      assert.deepEqual([second.body.engineer_name, second.body.employee_no, second.body.target_rank], [app.engineer_name, app.employee_no, app.target_rank], 'an appeal names whose it is');
      // The notice runs its full length; ending it early is an override with a reason, and it is audited.
      const early = await move('appeal');
      assert.equal(early.status, 409);
      assert.equal(early.body.code, 'cycle.notice_running');
      assert.ok(early.body.title.includes(noticed.notice_ends_on), JSON.stringify(early.body));
      assert.equal((await move('appeal', undefined, true)).status, 422, 'an override needs a reason');
      assert.equal((await move('appeal', '公示无异议，提前结束', true)).status, 200);
      const auditor = new Client(srv.url);
      await auditor.login('auditor');
      const moved = (await auditor.get('/api/v1/audit?entity=cycle')).body.items.find((x) => x.action === 'cycle.transition' && JSON.parse(x.after).status === 'appeal');
      assert.deepEqual([JSON.parse(moved.after).override, JSON.parse(moved.after).reason], [true, '公示无异议，提前结束']);
      // Certification waits for every appeal to be decided.
      const pending = await move('certification');
      assert.equal(pending.status, 409);
      assert.equal(pending.body.code, 'cycle.appeals_pending');
      assert.deepEqual(pending.body.errors.map((e) => e.field), [`appeals/${second.body.id}`]);
      const before = (await hr.get(`/api/v1/cycles/${cycle.id}/results?page_size=200`)).body.items.find((r) => r.application_id === app.id).total;
      const amended = await hr.post(`/api/v1/appeals/${second.body.id}/resolve`, { json: { decision: 'amend', note: '核对原始试卷', component: 'written', score: 99 } });
      assert.equal(amended.status, 200, JSON.stringify(amended.body));
      assert.equal(amended.body.status, 'amended');
      const afterAmend = (await hr.get(`/api/v1/cycles/${cycle.id}/results?page_size=200`)).body.items.find((r) => r.application_id === app.id).total;
      assert.ok(afterAmend > before, `${afterAmend} > ${before}`);
      for (const to of ['certification', 'closed']) assert.equal((await move(to)).status, 200, to);
      const e = (await hr.get(`/api/v1/engineers/${app.engineer_id}`)).body;
      assert.equal(e.rank, app.target_rank);
      assert.equal(e.history[0].source, `cycle:${cycle.id}`);
      const certs = (await hr.get(`/api/v1/engineers/${app.engineer_id}/certificates`)).body.items;
      assert.equal(certs.length, 1);
      assert.equal(certs[0].number.length, 22);
      assert.equal(certs[0].level_rank, app.target_rank);
      assert.equal((await move('certification', 'reopen')).status, 409, 'a closed cycle stays closed');
      // The engineer's own view: the cycle, the outcome and own scores once published.
      const mineNow = (await passer.get(`/api/v1/engineers/${app.engineer_id}/results`)).body.items.find((r) => r.cycle_id === cycle.id);
      assert.equal(mineNow.passed, true);
      assert.ok(mineNow.scores.some((s) => s.component === 'written' && s.score === 99));
      const stranger = apps.find((x) => x.engineer_id !== app.engineer_id).engineer_id;
      assert.equal((await passer.get(`/api/v1/engineers/${stranger}/results`)).status, 403);
      // The certificate shows up in the expiring list once the window reaches its end.
      const soon = (await hr.get('/api/v1/certificates/expiring?days=30')).body.items;
      assert.ok(!soon.some((c) => c.number === certs[0].number));
      const later = (await hr.get('/api/v1/certificates/expiring?days=3650')).body.items;
      assert.ok(later.some((c) => c.number === certs[0].number && c.employee_no === app.employee_no));
      assert.equal((await hr.get('/api/v1/certificates/expiring?days=-1')).status, 422);
    });
  });
}
