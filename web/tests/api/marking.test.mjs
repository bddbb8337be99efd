// Marking short answers blind on both engines: examiners take answers from the queue by candidate
// number (never a name), see the reference answer and scoring points, marks are checked and final;
// double marking settles on the mean, a disagreement beyond the threshold calls a third marker who
// is neither of the first two; the settled attempt's score becomes the cycle's written score; HR
// follows progress and workload. Then a key correction is regraded: a dry run that changes
// nothing, an apply that needs a reason, updates the scores and is audited.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { engines, startServer, Client, writtenExamCycle, png } from './harness.mjs';

// Eight single-choice questions of 10 points and two short answers of 10 points (one with a picture), the same for all.
const BLUEPRINT = {
  target_rank: 2,
  duration_minutes: 60,
  fixed: true,
  discrepancy_percent: 20,
  sections: [
    { title: { zh: '单选题', en: 'Single choice' }, types: ['single'], count: 8, points: 1000 },
    { title: { zh: '看图简答', en: 'Short answer with a picture' }, types: ['short_answer'], knowledge_point: '看图判断', count: 1, points: 1000 },
    { title: { zh: '简答题', en: 'Short answer' }, types: ['short_answer'], count: 1, points: 1000 },
  ],
};
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
const QUESTION_FIELDS = ['code', 'type', 'product_line', 'knowledge_point', 'ranks', 'difficulty', 'stem', 'options', 'correct', 'blanks', 'normalise', 'reference', 'rubric', 'explanation'];
const editable = (q) => Object.fromEntries(QUESTION_FIELDS.filter((k) => k in q).map((k) => [k, q[k]]));

for (const engine of engines) {
  describe(`marking on ${engine}`, () => {
    let srv, cycle, blueprint, sitting, picture;
    const as = {};
    const takers = [];  // { client, application, attempt, name, employee_no }
    before(async () => {
      srv = await startServer(engine, { engineers: 30 });
      for (const u of ['hr', 'admin', 'examiner', 'engineer', 'manager', 'auditor']) {
        as[u] = new Client(srv.url);
        assert.equal((await as[u].login(u)).status, 200, u);
      }
      const { hr, admin } = as;
      const me = (await as.engineer.get('/api/v1/auth/me')).body.user;
      // Two more engineers with accounts of their own.
      const picks = (await admin.get('/api/v1/engineers?account=none&status=active&page_size=2')).body.items;
      const sheet = await admin.post('/api/v1/engineers/accounts', { json: { engineer_ids: picks.map((p) => p.id) } });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(sheet.body);
      const clients = [as.engineer];
      for (const n of [2, 3]) {
        const row = wb.getWorksheet('账号').getRow(n).values.slice(1).map(String);
        const c = new Client(srv.url);
        assert.equal((await c.login(row[3], row[4])).status, 200);
        assert.equal((await c.post('/api/v1/auth/password', { json: { current_password: row[4], new_password: `own-choice-73${n}` } })).status, 200);
        clients.push(c);
      }
      const made = await writtenExamCycle(hr, '2026 阅卷', [me.engineer_id, ...picks.map((p) => p.id)]);
      cycle = made.cycle;
      made.applications.forEach((a, i) => takers.push({ client: clients[i], application: a, name: a.engineer.name, employee_no: a.engineer.employee_no }));
    });
    after(() => srv.stop());

    test('the blueprint carries its marking rule, checked', async () => {
      // A short answer with a picture, the only one of its knowledge point.
      picture = (await as.hr.request('POST', '/api/v1/question-images', { body: png(120, 80), headers: { 'Content-Type': 'image/png' } })).body;
      const withPicture = await as.hr.post('/api/v1/questions', { json: {
        code: 'T-PIC-SA', type: 'short_answer', product_line: '家用空调', knowledge_point: '看图判断', ranks: [2], difficulty: 3,
        stem: { zh: '观察图中室外机电控板上指示灯的闪烁方式，说明可能的故障与下一步检查。', en: '' }, images: [picture.id],
        reference: '闪烁 5 次为通信故障：检查室内外机连接线与信号端子。', rubric: [{ points: 5, text: '判断通信故障' }, { points: 5, text: '说明检查连接线' }],
      } });
      assert.equal(withPicture.status, 201, JSON.stringify(withPicture.body));
      const url = `/api/v1/cycles/${cycle.id}/blueprints`;
      for (const bad of [{ ...BLUEPRINT, discrepancy_percent: 150 }, { ...BLUEPRINT, discrepancy_percent: 'some' }, { ...BLUEPRINT, double_marking: 'yes' }]) {
        const r = await as.hr.post(url, { json: bad });
        assert.equal(r.status, 422, JSON.stringify(bad));
        assert.ok(r.body.errors.some((e) => e.field === 'discrepancy_percent' || e.field === 'double_marking'), JSON.stringify(r.body.errors));
      }
      assert.deepEqual((await as.hr.get(url)).body.items, [], 'nothing saved');
      const made = await as.hr.post(url, { json: BLUEPRINT });
      assert.equal(made.status, 201, JSON.stringify(made.body));
      blueprint = made.body;
      assert.equal(blueprint.double_marking, true, 'double marking by default');
      assert.equal(blueprint.discrepancy_percent, 20);
      const now = Date.now();
      sitting = (await as.hr.post(`/api/v1/blueprints/${blueprint.id}/sittings`, { json: { name: '阅卷场', opens_at: iso(now - 60_000), closes_at: iso(now + 3 * 3600_000), capacity: 10 } })).body;
      assert.deepEqual((await as.hr.post(`/api/v1/sittings/${sitting.id}/candidates`, { json: {} })).body, { added: 3 });
    });

    test('objective answers are marked at submission; written short answers wait for markers, blank ones do not', async () => {
      for (const [i, t] of takers.entries()) {
        const a = (await t.client.post('/api/v1/attempts', { json: { sitting_id: sitting.id, device: `d${i}` } })).body;
        let seq = 1;
        for (const q of a.questions) {
          let answer;
          if (q.type === 'single') answer = (await as.hr.get(`/api/v1/questions/${q.question_id}`)).body.correct[0];
          else answer = i === 2 ? '   ' : `考生 ${i + 1} 的答案：先断电、验电，再检查压缩机绕组阻值。`;
          const r = await t.client.request('PUT', `/api/v1/attempts/${a.id}/answers/${q.question_id}`, { json: { seq: seq++, answer, device: `d${i}` } });
          assert.equal(r.status, 200, JSON.stringify(r.body));
        }
        const shown = a.questions.find((q) => q.images.length);
        assert.deepEqual(shown.images, [picture.id], 'the paper names the picture');
        assert.equal((await t.client.get(`/api/v1/question-images/${picture.id}`)).status, 200, 'a candidate sees the picture on their paper');
        const done = (await t.client.post(`/api/v1/attempts/${a.id}/submit`)).body;
        t.attempt = done;
      }
      assert.equal(takers[0].attempt.pending, 2);
      assert.equal(takers[0].attempt.score, null, 'no score while answers wait');
      assert.equal(takers[2].attempt.pending, 0, 'blank short answers: nothing to mark');
      assert.equal(takers[2].attempt.score, 8000);
    });

    test('the queue is blind, marks are checked and final, a claim can be handed back', async () => {
      const { examiner } = as;
      for (const who of ['engineer', 'manager', 'auditor']) assert.equal((await as[who].get('/api/v1/marking')).status, 403, who);
      const queue = (await examiner.get('/api/v1/marking')).body.items;
      assert.deepEqual(queue.map((q) => [q.blueprint_id, q.waiting, q.mine]), [[blueprint.id, 4, 0]]);
      assert.equal(queue[0].cycle_name, '2026 阅卷');
      const next = () => examiner.post(`/api/v1/blueprints/${blueprint.id}/marking/next`);
      const first = (await next()).body.task;
      assert.ok(first, 'a task');
      assert.equal(first.round, 1);
      assert.ok(Math.abs(Date.parse(first.server_now) - Date.now()) < 60_000, 'the server’s clock, to count the claim down by');
      assert.ok(Date.parse(first.expires_at) > Date.parse(first.server_now));
      assert.equal(first.max_points, 1000);
      assert.equal(first.question.type, 'short_answer');
      assert.ok(first.question.reference.length > 0 && first.question.rubric.length > 0, 'reference answer and scoring points');
      assert.match(first.answer, /^考生 [12] 的答案/);
      assert.match(first.candidate_no, new RegExp(`^${sitting.id}-000[12]$`));
      const text = JSON.stringify(first);
      for (const t of takers) {
        assert.ok(!text.includes(t.name), 'no name reaches the marker');
        assert.ok(!text.includes(t.employee_no), 'no employee number either');
      }
      assert.equal((await next()).body.task.id, first.id, 'the open claim comes back');
      // Handing it back puts it at the end of this marker's queue.
      assert.equal((await examiner.request('DELETE', `/api/v1/marks/${first.id}`)).status, 200);
      assert.equal((await examiner.get(`/api/v1/marks/${first.id}`)).status, 404);
      const again = (await next()).body.task;
      assert.notDeepEqual([again.candidate_no, again.question.id], [first.candidate_no, first.question.id], 'another answer first');
      // Bad marks change nothing.
      const url = `/api/v1/marks/${again.id}`;
      for (const bad of [{ points: 1001 }, { points: -1 }, { points: 7.5 }, { points: '800' }, {}, { points: 800, colour: 'red' }]) {
        const r = await examiner.request('PUT', url, { json: bad });
        assert.equal(r.status, 422, JSON.stringify(bad));
        assert.equal(r.body.errors[0].field, Object.keys(bad).find((k) => k === 'colour') ?? 'points');
      }
      assert.equal((await examiner.get(url)).body.points, null);
      assert.equal((await as.hr.request('PUT', url, { json: { points: 800 } })).status, 404, 'another marker’s task');
      assert.equal((await as.engineer.request('PUT', url, { json: { points: 800 } })).status, 403);
      const marked = await examiner.request('PUT', url, { json: { points: 800, comment: '要点 1、2 答全' } });
      assert.equal(marked.status, 200, JSON.stringify(marked.body));
      assert.equal(marked.body.points, 800);
      assert.ok(marked.body.marked_at);
      assert.equal((await examiner.request('PUT', url, { json: { points: 800, comment: '要点 1、2 答全' } })).status, 200, 'a resend');
      const changed = await examiner.request('PUT', url, { json: { points: 600 } });
      assert.equal(changed.status, 409);
      assert.equal(changed.body.code, 'marking.final');
      assert.equal((await examiner.request('DELETE', url)).status, 409);
    });

    test('double marking: the mean within the threshold, a third marker beyond it, then the written score', async () => {
      const seen = [];
      const take = async (who) => {
        const task = (await as[who].post(`/api/v1/blueprints/${blueprint.id}/marking/next`)).body.task;
        if (task) seen.push(task);
        return task;
      };
      const give = async (who, task, points) => {
        const r = await as[who].request('PUT', `/api/v1/marks/${task.id}`, { json: { points } });
        assert.equal(r.status, 200, JSON.stringify(r.body));
      };
      // The examiner marks the other three answers in round 1 (800 each), then has nothing left.
      for (let i = 0; i < 3; i++) {
        const t = await take('examiner');
        assert.equal(t.round, 1);
        await give('examiner', t, 800);
      }
      assert.equal(await take('examiner'), null, 'a marker never marks an answer twice');
      // HR marks round 2: three within 2.00 points, one 5.00 away.
      const far = [];
      for (let i = 0; i < 4; i++) {
        const t = await take('hr');
        assert.equal(t.round, 2);
        const points = i === 0 ? 300 : 700;
        if (points === 300) far.push(t);
        await give('hr', t, points);
      }
      assert.equal(await take('hr'), null);
      assert.equal(await take('examiner'), null, 'the third mark is for a third marker');
      assert.ok(seen.some((x) => x.question.code === 'T-PIC-SA' && x.question.images[0] === picture.id), 'the marker sees the picture');
      const progress = (await as.hr.get(`/api/v1/blueprints/${blueprint.id}/marking`)).body;
      assert.deepEqual([progress.waiting_first, progress.waiting_second, progress.waiting_third, progress.settled, progress.attempts_pending], [0, 0, 1, 3, 1]);
      assert.equal((await as.examiner.get(`/api/v1/blueprints/${blueprint.id}/marking`)).status, 403, 'HR follows the progress');
      const third = await take('admin');
      assert.equal(third.round, 3);
      assert.deepEqual([third.candidate_no, third.question.id], [far[0].candidate_no, far[0].question.id]);
      await give('admin', third, 400);  // closest to HR's 300: (300 + 400) / 2
      const done = (await as.hr.get(`/api/v1/blueprints/${blueprint.id}/marking`)).body;
      assert.deepEqual([done.waiting_third, done.settled, done.discrepant, done.attempts_pending], [0, 4, 1, 0]);
      assert.deepEqual(done.markers.map((m) => [m.marked, m.third]).sort(), [[1, 1], [4, 0], [4, 0]]);
      // Each attempt: 80 objective points plus the settled short answers.
      const sheet = (await as.hr.get(`/api/v1/cycles/${cycle.id}/scores?page_size=200`)).body.items;
      const totals = [];
      for (const t of takers.slice(0, 2)) {
        const written = sheet.find((l) => l.application_id === t.application.id).scores.find((s) => s.component === 'written');
        assert.equal(written.source, 'exam');
        totals.push(Math.round(written.score * 100));
      }
      // Settled: 750 + 750 + 750 and 350 over the two attempts (which attempt had the far mark decides the split).
      assert.equal(totals.reduce((a, b) => a + b, 0), 2 * 8000 + 750 * 3 + 350);
      assert.ok(totals.every((x) => [8000 + 1500, 8000 + 750 + 350].includes(x)), JSON.stringify(totals));
    });

    test('the item analysis downloads as a workbook with the same figures, headers in the reader’s language', async () => {
      const stats = (await as.hr.get(`/api/v1/sittings/${sitting.id}/stats`)).body;
      for (const [lang, sheets, header] of [['zh-CN', ['试题', '选项', '信度'], '题目编号'], ['en-US', ['Items', 'Options', 'Reliability'], 'Code']]) {
        const r = await as.hr.get(`/api/v1/sittings/${sitting.id}/stats.xlsx`, { headers: { 'Accept-Language': lang } });
        assert.equal(r.status, 200);
        assert.match(r.headers.get('content-disposition'), /item-analysis-\d+\.xlsx/);
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(r.body);
        assert.deepEqual(wb.worksheets.map((w) => w.name), sheets);
        const items = wb.worksheets[0];
        assert.equal(items.getRow(1).getCell(1).value, header);
        assert.equal(items.rowCount, 1 + stats.items.length);
        const first = items.getRow(2).values.slice(1);
        const it = stats.items.find((i) => i.code === first[0]);
        assert.equal(Number(first[3]), Math.round(it.p * 1000) / 1000);
      }
      const chosen = await as.hr.get(`/api/v1/sittings/${sitting.id}/stats.xlsx?lang=en`, { headers: { 'Accept-Language': 'zh-CN' } });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(chosen.body);
      assert.equal(wb.worksheets[0].name, 'Items', 'lang= wins over the browser’s language');
      assert.equal((await as.hr.get(`/api/v1/sittings/${sitting.id}/stats.xlsx?lang=fr`)).status, 422);
      assert.equal((await as.examiner.get(`/api/v1/sittings/${sitting.id}/stats.xlsx`)).status, 403);
      assert.equal((await as.hr.get('/api/v1/sittings/999999/stats.xlsx')).status, 404);
    });

    test('regrade after a key correction: a dry run, then an audited apply with a reason', async () => {
      const { hr } = as;
      const paper = (await as.engineer.get(`/api/v1/attempts/${takers[0].attempt.id}`)).body;
      assert.deepEqual(paper.questions ?? [], [], 'a submitted attempt shows no paper');
      // One single-choice question every paper has, found through the stats.
      const stats = (await hr.get(`/api/v1/sittings/${sitting.id}/stats`)).body;
      const shared = stats.items.find((i) => i.type === 'single' && i.n === 3);
      assert.ok(shared, 'a single-choice question on all three papers');
      const q = (await hr.get(`/api/v1/questions/${shared.question_id}`)).body;
      const wrongKey = q.options.map((o) => o.key).find((k) => k !== q.correct[0]);
      const sheetBefore = JSON.stringify((await hr.get(`/api/v1/cycles/${cycle.id}/scores?page_size=200`)).body.items);
      assert.equal((await hr.request('PUT', `/api/v1/questions/${q.id}`, { json: { ...editable(q), correct: [wrongKey] } })).status, 200);
      const url = `/api/v1/blueprints/${blueprint.id}/regrade`;
      assert.equal((await as.examiner.post(url, { json: { dry_run: true } })).status, 403);
      const dry = await hr.post(url, { json: { dry_run: true } });
      assert.equal(dry.status, 200, JSON.stringify(dry.body));
      assert.equal(dry.body.applied, false);
      assert.equal(dry.body.attempts, 3);
      assert.equal(dry.body.changes.length, 3, 'every candidate had it right under the old key');
      for (const c of dry.body.changes) {
        assert.deepEqual(c.questions.map((x) => [x.question_id, x.old_points, x.new_points]), [[q.id, 1000, 0]]);
        assert.equal(c.new_score, c.old_score - 1000);
      }
      assert.equal(JSON.stringify((await hr.get(`/api/v1/cycles/${cycle.id}/scores?page_size=200`)).body.items), sheetBefore, 'a dry run changes nothing');
      const noReason = await hr.post(url, { json: { dry_run: false } });
      assert.equal(noReason.status, 422);
      assert.equal(noReason.body.errors[0].field, 'reason');
      assert.equal((await hr.post(url, { json: { dry_run: false, reason: 'x', colour: 1 } })).status, 422);
      // The cycle was evaluated: the apply starts the evaluation again.
      const evaluated = await hr.evaluate(cycle.id);
      assert.ok(evaluated.total > 0);
      const applied = await hr.post(url, { json: { dry_run: false, reason: `${q.code} 答案更正` } });
      assert.equal(applied.status, 200, JSON.stringify(applied.body));
      assert.equal(applied.body.applied, true);
      assert.equal(typeof applied.body.evaluation_job, 'number', 'the evaluation runs again');
      assert.equal((await hr.settle(`/api/v1/jobs/${applied.body.evaluation_job}`)).state, 'succeeded');
      const totals = (await hr.get(`/api/v1/cycles/${cycle.id}/results?page_size=200`)).body.items;
      const before = new Map(evaluated.items.map((r) => [r.application_id, r.total]));
      assert.ok(totals.some((r) => r.total < before.get(r.application_id)), 'the results follow the regraded written scores');
      assert.deepEqual(applied.body.changes.map((c) => c.new_score), dry.body.changes.map((c) => c.new_score));
      const sheet = (await hr.get(`/api/v1/cycles/${cycle.id}/scores?page_size=200`)).body.items;
      for (const c of applied.body.changes) {
        const written = sheet.find((l) => l.application_id === c.application_id).scores.find((s) => s.component === 'written');
        assert.equal(Math.round(written.score * 100), c.new_score);
      }
      const audit = (await as.auditor.get('/api/v1/audit?entity=blueprint')).body.items;
      assert.ok(audit.some((x) => x.action === 'exam.regrade'), 'audited');
      const twice = (await hr.post(url, { json: { dry_run: true } })).body;
      assert.deepEqual(twice.changes, [], 'the papers now carry the corrected version');
      // A new version that changes the options cannot mark the old papers: it is listed, not used.
      const other = stats.items.find((i) => i.type === 'single' && i.question_id !== q.id);
      const oq = (await hr.get(`/api/v1/questions/${other.question_id}`)).body;
      const more = { ...editable(oq), options: [...oq.options, { key: 'E', label: { zh: '以上都不对', en: '' } }] };
      const put = await hr.request('PUT', `/api/v1/questions/${oq.id}`, { json: more });
      assert.equal(put.status, 200, JSON.stringify(put.body));
      const skipped = (await hr.post(url, { json: { dry_run: true } })).body;
      assert.deepEqual(skipped.changes, []);
      assert.deepEqual(skipped.skipped.map((s) => [s.question_id, s.reason.zh]), [[oq.id, '选项已改变']]);
    });
  });
}
