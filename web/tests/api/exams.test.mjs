// The online written exam on both engines: a blueprint the bank must fill, sittings with proctors and
// candidates, an attempt whose paper carries no key, answers saved with sequence numbers (stale,
// repeated, malformed, foreign and late saves refused without a change), resuming and taking over,
// submitting with objective marking into the cycle's written score, the deadline enforced by the
// server, focus losses, and the proctor's room with extra time.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { engines, startServer, Client, BIN, writtenExamCycle } from './harness.mjs';

const BLUEPRINT = {
  target_rank: 2,
  duration_minutes: 60,
  sections: [
    { title: { zh: '单选题', en: 'Single choice' }, types: ['single'], count: 20, points: 200 },
    { title: { zh: '多选题', en: 'Multiple choice' }, types: ['multiple'], count: 10, points: 300, partial_credit: true },
    { title: { zh: '判断题', en: 'True or false' }, types: ['true_false'], count: 10, points: 100 },
    { title: { zh: '填空题', en: 'Fill in' }, types: ['fill_blank'], count: 4, points: 500 },
  ],
};
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
const KEY_FIELDS = ['"correct"', '"reference"', '"rubric"', '"explanation"', '"normalise"'];

for (const engine of engines) {
  describe(`online exam on ${engine}`, () => {
    let srv, hr, admin, examiner, eng, other, cycle, mine, theirs, absentee, blueprint, sitting;
    const as = {};
    before(async () => {
      srv = await startServer(engine, { engineers: 30, env: { SKILLGRADE_EXAM_SAVE_GRACE_SECONDS: '1', SKILLGRADE_EXAM_SWEEP_SECONDS: '1' } });
      for (const u of ['hr', 'admin', 'examiner', 'engineer', 'manager', 'auditor']) {
        as[u] = new Client(srv.url);
        assert.equal((await as[u].login(u)).status, 200, u);
      }
      ({ hr, admin, examiner, engineer: eng } = as);
      const me = (await eng.get('/api/v1/auth/me')).body.user;
      // A second engineer with an account of their own.
      const [pick, third] = (await admin.get('/api/v1/engineers?account=none&status=active&page_size=2')).body.items;
      const sheet = await admin.post('/api/v1/engineers/accounts', { json: { engineer_ids: [pick.id] } });
      assert.equal(sheet.status, 200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(sheet.body);
      const row = wb.getWorksheet('账号').getRow(2).values.slice(1).map(String);
      other = new Client(srv.url);
      assert.equal((await other.login(row[3], row[4])).status, 200);
      assert.equal((await other.post('/api/v1/auth/password', { json: { current_password: row[4], new_password: 'own-choice-731' } })).status, 200);
      // A cycle in its written-exam phase with both engineers eligible for level 2.
      const made = await writtenExamCycle(hr, '2026 笔试', [me.engineer_id, pick.id, third.id]);
      cycle = made.cycle;
      const apps = made.applications;
      [mine, theirs, absentee] = apps;
    });
    after(() => srv.stop());

    test('a blueprint: its sections total 100, the bank must fill each, the pass mark is the scheme’s', async () => {
      const url = `/api/v1/cycles/${cycle.id}/blueprints`;
      const short = await hr.post(url, { json: { ...BLUEPRINT, sections: [{ ...BLUEPRINT.sections[0], points: 100 }, ...BLUEPRINT.sections.slice(1)] } });
      assert.equal(short.status, 422);
      assert.deepEqual(short.body.errors.map((e) => e.field), ['sections']);
      assert.match(short.body.errors[0].message, /80\.00/);
      const lacking = await hr.post(url, { json: { ...BLUEPRINT, sections: [{ ...BLUEPRINT.sections[0], count: 100, points: 40 }, ...BLUEPRINT.sections.slice(1)] } });
      assert.equal(lacking.status, 422);
      assert.equal(lacking.body.code, 'blueprint.bank_short');
      assert.equal(lacking.body.errors[0].field, 'sections[0].count');
      assert.match(lacking.body.errors[0].message, /^第 1 节（单选题）缺 \d+ 题/);
      for (const bad of [{ ...BLUEPRINT, target_rank: 7 }, { ...BLUEPRINT, duration_minutes: 2 }, { ...BLUEPRINT, sections: [{ ...BLUEPRINT.sections[0], types: ['essay'] }] },
        { ...BLUEPRINT, sections: 'all' }, { ...BLUEPRINT, colour: 'red' }, { ...BLUEPRINT, sections: [{ ...BLUEPRINT.sections[0], difficulty_min: 4, difficulty_max: 2 }] }])
        assert.equal((await hr.post(url, { json: bad })).status, 422, JSON.stringify(bad).slice(0, 80));
      assert.equal((await eng.post(url, { json: BLUEPRINT })).status, 403);
      const made = await hr.post(url, { json: BLUEPRINT });
      assert.equal(made.status, 201, JSON.stringify(made.body));
      blueprint = made.body;
      assert.equal(blueprint.total_points, 10000);
      assert.ok(blueprint.pass_mark > 0, 'the scheme’s written pass mark');
      assert.deepEqual(blueprint.shortfalls, []);
      assert.equal((await hr.post(url, { json: BLUEPRINT })).status, 409, 'one blueprint per level');
      const list = await hr.get(url);
      assert.deepEqual(list.body.items.map((b) => b.id), [blueprint.id]);
      const put = await hr.request('PUT', `/api/v1/blueprints/${blueprint.id}`, { json: { ...BLUEPRINT, duration_minutes: 90 }, headers: { 'If-Match': `"${blueprint.version}"` } });
      assert.equal(put.status, 200, JSON.stringify(put.body));
      assert.equal(put.body.duration_minutes, 90);
      const stale = await hr.request('PUT', `/api/v1/blueprints/${blueprint.id}`, { json: BLUEPRINT, headers: { 'If-Match': `"${blueprint.version}"` } });
      assert.equal(stale.status, 412);
      blueprint = put.body;
    });

    test('sittings: a window, proctors by the national ratio, candidates with numbers', async () => {
      const url = `/api/v1/blueprints/${blueprint.id}/sittings`;
      const now = Date.now();
      const base = { name: '第一场', opens_at: iso(now - 60_000), closes_at: iso(now + 3 * 3600_000), capacity: 50, room: '' };
      for (const bad of [{ ...base, closes_at: iso(now - 120_000) }, { ...base, opens_at: '2026-13-01T09:00:00Z' }, { ...base, capacity: 0 }, { ...base, focus_action: 'kick' },
        { ...base, name: ' ' }, { ...base, opens_at: iso(now), closes_at: iso(now + 30 * 60_000) }])
        assert.equal((await hr.post(url, { json: bad })).status, 422, JSON.stringify(bad));
      const made = await hr.post(url, { json: base });
      assert.equal(made.status, 201, JSON.stringify(made.body));
      sitting = made.body;
      assert.equal(sitting.duration_minutes, 90, 'the blueprint’s duration');
      assert.equal(sitting.state, 'open');
      assert.ok(sitting.problems.some((p) => /监考不足/.test(p.zh)), 'no proctor yet');
      const examinerId = (await admin.get('/api/v1/users?q=examiner')).body.items.find((u) => u.username === 'examiner').id;
      const engineerUser = (await admin.get('/api/v1/users?q=engineer&role=engineer')).body.items[0].id;
      const notProctor = await hr.request('PUT', `/api/v1/sittings/${sitting.id}/proctors`, { json: { user_ids: [engineerUser] } });
      assert.equal(notProctor.status, 422);
      const ok = await hr.request('PUT', `/api/v1/sittings/${sitting.id}/proctors`, { json: { user_ids: [examinerId] } });
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      assert.deepEqual(ok.body.problems, []);
      // A room needs two proctors.
      const cur = await hr.get(`/api/v1/sittings/${sitting.id}`);
      const room = await hr.request('PUT', `/api/v1/sittings/${sitting.id}`, { json: { ...base, room: '济南服务中心 2 号教室' }, headers: { 'If-Match': cur.headers.get('etag') } });
      assert.equal(room.status, 200);
      assert.ok(room.body.problems.some((p) => /2 名/.test(p.zh)));
      const back = await hr.request('PUT', `/api/v1/sittings/${sitting.id}`, { json: base, headers: { 'If-Match': room.headers.get('etag') } });
      assert.equal(back.status, 200);
      // Candidates: one by one here; the other engineer gets a sitting of their own below.
      const wrong = await hr.post(`/api/v1/sittings/${sitting.id}/candidates`, { json: { application_ids: [999999] } });
      assert.equal(wrong.status, 422);
      const added = await hr.post(`/api/v1/sittings/${sitting.id}/candidates`, { json: { application_ids: [mine.id] } });
      assert.deepEqual(added.body, { added: 1 });
      assert.equal((await hr.post(`/api/v1/sittings/${sitting.id}/candidates`, { json: { application_ids: [mine.id] } })).status, 422, 'once per blueprint');
      const exams = (await eng.get('/api/v1/me/exams')).body.items;
      assert.equal(exams.length, 1);
      assert.match(exams[0].candidate_no, new RegExp(`^${sitting.id}-0001$`));
      assert.equal(exams[0].attempt, null);
      assert.deepEqual((await other.get('/api/v1/me/exams')).body.items, []);
      assert.equal((await examiner.get(`/api/v1/cycles/${cycle.id}/sittings`)).body.items.length, 1, 'the proctor sees the sitting they watch');
    });

    test('an attempt: a paper without keys, durable saves by sequence number, resume and take-over, submit with marking', async () => {
      const start = await eng.post('/api/v1/attempts', { json: { sitting_id: sitting.id, device: 'phone-1' } });
      assert.equal(start.status, 200, JSON.stringify(start.body));
      const a = start.body;
      assert.equal(a.status, 'in_progress');
      assert.equal(a.questions.length, 44);
      const text = JSON.stringify(start.body);
      for (const k of KEY_FIELDS) assert.ok(!text.includes(k), `no ${k} reaches the candidate`);
      assert.ok(a.questions.every((q) => typeof q.blanks === 'number'));
      assert.ok(Date.parse(a.deadline) - Date.parse(a.started_at) <= 90 * 60_000);
      // Resuming on the same device is the same attempt; another device must confirm taking over.
      assert.equal((await eng.post('/api/v1/attempts', { json: { sitting_id: sitting.id, device: 'phone-1' } })).body.id, a.id);
      const elsewhere = await eng.post('/api/v1/attempts', { json: { sitting_id: sitting.id, device: 'laptop-2' } });
      assert.equal(elsewhere.status, 409);
      assert.equal(elsewhere.body.code, 'exam.other_device');
      assert.equal((await other.post('/api/v1/attempts', { json: { sitting_id: sitting.id, device: 'x' } })).status, 404, 'not their sitting');
      // The keys, read by HR, to answer all but one question right.
      const keys = {};
      for (const q of a.questions) keys[q.question_id] = (await hr.get(`/api/v1/questions/${q.question_id}`)).body;
      const right = (q) => {
        const k = keys[q.question_id];
        if (q.type === 'single') return k.correct[0];
        if (q.type === 'multiple') return k.correct;
        if (q.type === 'true_false') return k.correct[0] === 'true';
        return k.blanks.map((b) => b[0]);
      };
      const put = (c, q, body) => c.request('PUT', `/api/v1/attempts/${a.id}/answers/${q.question_id}`, { json: body });
      const [q1, q2] = a.questions;
      // Bad saves change nothing.
      assert.equal((await put(eng, q1, { seq: 0, answer: right(q1) })).status, 422);
      assert.equal((await put(eng, q1, { seq: 'one', answer: right(q1) })).status, 422);
      assert.equal((await put(eng, q1, { seq: 1, answer: { a: 1 } })).status, 422);
      assert.equal((await put(eng, q1, { seq: 1 })).status, 422);
      assert.equal((await eng.request('PUT', `/api/v1/attempts/${a.id}/answers/999999`, { json: { seq: 1, answer: 'A' } })).status, 404);
      const single = a.questions.find((q) => q.type === 'single');
      assert.equal((await put(eng, single, { seq: 1, answer: 'Z' })).status, 422, 'no option Z');
      const multiple = a.questions.find((q) => q.type === 'multiple');
      assert.equal((await put(eng, multiple, { seq: 1, answer: ['A', 'A'] })).status, 422);
      assert.equal((await put(other, q1, { seq: 1, answer: right(q1) })).status, 404, 'another engineer’s attempt');
      assert.equal((await put(eng, q1, { seq: 1, answer: right(q1), device: 'laptop-2' })).status, 409, 'not the active device');
      // Saves: newer wins, a resend is answered the same, an older one is refused.
      const first = await put(eng, q1, { seq: 5, answer: right(q1), device: 'phone-1' });
      assert.equal(first.status, 200, JSON.stringify(first.body));
      assert.equal(first.body.seq, 5);
      assert.equal((await put(eng, q1, { seq: 5, answer: right(q1), device: 'phone-1' })).status, 200, 'a resend');
      const older = await put(eng, q1, { seq: 4, answer: null, device: 'phone-1' });
      assert.equal(older.status, 409);
      assert.equal((await put(eng, q1, { seq: 5, answer: null, device: 'phone-1' })).status, 409, 'the same number with another answer');
      // Take over on a laptop: the phone can no longer save.
      const taken = await eng.post('/api/v1/attempts', { json: { sitting_id: sitting.id, device: 'laptop-2', take_over: true } });
      assert.equal(taken.status, 200);
      assert.deepEqual(taken.body.answers.map((x) => [x.question_id, x.seq]), [[q1.question_id, 5]], 'resumed with what was saved');
      assert.equal((await put(eng, q2, { seq: 6, answer: right(q2), device: 'phone-1' })).status, 409);
      const audit = (await as.auditor.get('/api/v1/audit?entity=attempt')).body.items;
      assert.ok(audit.some((x) => x.action === 'attempt.take_over'));
      // Everything right but the second question (left unanswered), saved all at once: each save
      // is answered after the commit it joined, and the server counts them.
      const durable = async () => {
        const text = await (await fetch(srv.metricsUrl)).text();
        const n = (name) => Number(text.match(new RegExp(`^${name} (\\d+)$`, 'm'))[1]);
        return { writes: n('skillgrade_durable_writes_total'), commits: n('skillgrade_durable_commits_total') };
      };
      const before = await durable();
      const rest = a.questions.slice(2);
      const saved = await Promise.all(rest.map((q, i) => put(eng, q, { seq: 10 + i, answer: right(q), device: 'laptop-2' })));
      saved.forEach((r, i) => assert.equal(r.status, 200, `${rest[i].type}: ${JSON.stringify(r.body)}`));
      const after = await durable();
      assert.equal(after.writes - before.writes, rest.length, 'every acknowledged save was written by a group commit');
      assert.ok(after.commits - before.commits >= 1 && after.commits - before.commits <= rest.length);
      // Two saves of one answer at once, possibly in one commit: the newer is stored; the older is
      // either stored first (then replaced) or refused as stale, never stored over the newer.
      const twice = await Promise.all([500, 501].map((n) => put(eng, rest[0], { seq: n, answer: right(rest[0]), device: 'laptop-2' })));
      assert.equal(twice[1].status, 200);
      assert.ok([200, 409].includes(twice[0].status), JSON.stringify(twice[0].body));
      const got = await eng.get(`/api/v1/attempts/${a.id}`);
      assert.equal(got.body.answers.find((x) => x.question_id === rest[0].question_id).seq, 501);
      assert.equal(got.body.answers.length, 43);
      assert.deepEqual(got.body.answers.filter((x) => x.question_id !== q1.question_id && x.question_id !== rest[0].question_id).map((x) => x.seq).sort((x, y) => x - y),
        rest.slice(1).map((_, i) => 11 + i), 'each save stored with its own sequence number');
      const done = await eng.post(`/api/v1/attempts/${a.id}/submit`);
      assert.equal(done.status, 200);
      assert.equal(done.body.status, 'submitted');
      assert.equal(done.body.submitted_by, 'candidate');
      assert.equal(done.body.score, 10000 - q2.points);
      assert.deepEqual(done.body.questions, []);
      assert.equal((await put(eng, q2, { seq: 99, answer: right(q2), device: 'laptop-2' })).status, 409, 'submitted');
      assert.equal((await eng.post(`/api/v1/attempts/${a.id}/submit`)).body.score, done.body.score, 'a second submit changes nothing');
      // The written score of the cycle, from the exam.
      const sheet = (await hr.get(`/api/v1/cycles/${cycle.id}/scores?page_size=200`)).body.items;
      const line = sheet.find((l) => l.application_id === mine.id);
      const written = line.scores.find((s) => s.component === 'written');
      assert.equal(written.source, 'exam');
      assert.equal(Math.round(written.score * 100), 10000 - q2.points);
      // Item analysis: the API and `skillgrade exam stats` give the same figures; one candidate has
      // every question right but the one left out.
      const stats = await hr.get(`/api/v1/sittings/${sitting.id}/stats`);
      assert.equal(stats.status, 200);
      assert.equal(stats.body.candidates, 1);
      assert.equal(stats.body.items.length, 44);
      for (const it of stats.body.items) {
        assert.equal(it.p, it.question_id === q2.question_id ? 0 : 1, it.code);
        assert.ok(it.flags.includes(it.p === 0 ? 'too_hard' : 'too_easy'));
        assert.equal(it.point_biserial, null, 'one candidate: no correlation');
        if (it.type === 'single') assert.equal(it.options.filter((o) => o.correct).length, 1);
      }
      assert.equal(stats.body.reliability.candidates, 1);
      assert.equal(stats.body.reliability.kr20, null);
      assert.equal(stats.body.reliability.method, 'kr20', 'right or wrong: single choice, true/false and fill-in here');
      const cli = JSON.parse(execFileSync(BIN, ['exam', 'stats', '--db', srv.db, '--sitting', String(sitting.id)], { env: { ...process.env, ASAN_OPTIONS: 'detect_leaks=0' } }).toString());
      assert.deepEqual(cli, stats.body);
      assert.equal((await eng.get(`/api/v1/sittings/${sitting.id}/stats`)).status, 403);
      // The engineer sees no score until the sitting closes.
      const mineNow = (await eng.get('/api/v1/me/exams')).body.items[0];
      assert.equal(mineNow.attempt.status, 'submitted');
      assert.equal(mineNow.attempt.score, null);
    });

    test('the deadline: the server submits the attempt, and later saves change nothing', async () => {
      const now = Date.now();
      const s = await hr.post(`/api/v1/blueprints/${blueprint.id}/sittings`, { json: { name: '第二场', opens_at: iso(now - 100 * 60_000), closes_at: iso(now + 4000), capacity: 10, duration_minutes: 90, focus_limit: 2 } });
      assert.equal(s.status, 201, JSON.stringify(s.body));
      assert.deepEqual((await hr.post(`/api/v1/sittings/${s.body.id}/candidates`, { json: {} })).body, { added: 2 }, 'every eligible one not yet placed');
      // Ten single-choice questions no paper has are retired after the first paper was drawn (the
      // bank as papers see it is kept between starts): the next paper has none of them.
      const used = new Set((await hr.get(`/api/v1/sittings/${sitting.id}/stats`)).body.items.map((i) => i.question_id));
      const unused = (await hr.get('/api/v1/questions?type=single&rank=2&page_size=200')).body.items.filter((q) => !used.has(q.id)).slice(0, 10);
      for (const q of unused) assert.equal((await hr.post(`/api/v1/questions/${q.id}/retire`, { json: { retired: true, reason: '缓存测试' } })).status, 200);
      const a = (await other.post('/api/v1/attempts', { json: { sitting_id: s.body.id, device: 'd' } })).body;
      const retired = new Set(unused.map((q) => q.id));
      assert.deepEqual(a.questions.filter((q) => retired.has(q.question_id)), [], 'a retired question is drawn no more');
      for (const q of unused) assert.equal((await hr.post(`/api/v1/questions/${q.id}/retire`, { json: { retired: false } })).status, 200);
      assert.ok(Date.parse(a.deadline) <= now + 5000, 'the sitting’s close caps the deadline');
      const q = a.questions[0];
      assert.equal((await other.request('PUT', `/api/v1/attempts/${a.id}/answers/${q.question_id}`, { json: { seq: 1, answer: null } })).status, 200);
      // Focus losses past the limit flag the attempt for the proctor.
      for (let i = 0; i < 3; i++) assert.equal((await other.post(`/api/v1/attempts/${a.id}/focus-loss`, { json: { seconds: 4 } })).status, 200);
      const flagged = (await other.post(`/api/v1/attempts/${a.id}/focus-loss`, { json: { seconds: 2 } })).body;
      assert.equal(flagged.focus_losses, 4);
      assert.equal(flagged.focus_seconds, 14);
      assert.equal(flagged.flagged, true);
      assert.equal((await other.post(`/api/v1/attempts/${a.id}/focus-loss`, { json: { seconds: -1 } })).status, 422);
      // The room as HR sees it.
      const room = (await hr.get(`/api/v1/sittings/${s.body.id}/room`)).body.items;
      assert.equal(room.length, 2);
      const line = room.find((l) => l.application_id === theirs.id);
      assert.equal(line.answered, 1);
      assert.equal(line.attempt.flagged, true);
      assert.equal(room.find((l) => l.application_id === absentee.id).attempt, null);
      assert.equal((await examiner.get(`/api/v1/sittings/${s.body.id}/room`)).status, 404, 'not their room');
      // Past the deadline and its grace the sweep submits it.
      let after;
      for (let i = 0; i < 40; i++) {
        await new Promise((r) => setTimeout(r, 250));
        after = (await hr.get(`/api/v1/sittings/${s.body.id}/room`)).body.items.find((l) => l.application_id === theirs.id).attempt;
        if (after.status !== 'in_progress') break;
      }
      assert.equal(after.status, 'submitted');
      assert.equal(after.submitted_by, 'deadline');
      const late = await other.request('PUT', `/api/v1/attempts/${a.id}/answers/${q.question_id}`, { json: { seq: 2, answer: null } });
      assert.equal(late.status, 409);
      assert.equal((await other.post('/api/v1/attempts', { json: { sitting_id: s.body.id, device: 'd' } })).body.status, 'submitted');
      // The candidate who never started is absent (缺考) once the sitting has closed.
      let written;
      for (let i = 0; i < 40 && !written; i++) {
        await new Promise((r) => setTimeout(r, 250));
        const sheet = (await hr.get(`/api/v1/cycles/${cycle.id}/scores?page_size=200`)).body.items;
        written = sheet.find((l) => l.application_id === absentee.id).scores.find((x) => x.component === 'written');
      }
      assert.ok(written, 'an absence recorded');
      assert.equal(written.absent, true);
      assert.equal(written.score, null);
      assert.equal(written.source, 'exam');
      const theirsWritten = (await hr.get(`/api/v1/cycles/${cycle.id}/scores?page_size=200`)).body.items.find((l) => l.application_id === theirs.id).scores.find((x) => x.component === 'written');
      assert.equal(theirsWritten.absent, false, 'who started is not absent');
    });

    test('extra time: a proctor gives one candidate more minutes with a reason', async () => {
      const url = `/api/v1/sittings/${sitting.id}/candidates/${mine.id}/extend`;
      assert.equal((await examiner.post(url, { json: { minutes: 10 } })).status, 422, 'a reason is required');
      assert.equal((await examiner.post(url, { json: { minutes: 0, reason: '断网' } })).status, 422);
      assert.equal((await examiner.post(url, { json: { minutes: 10, reason: '断网' } })).status, 409, 'already submitted');
      assert.equal((await eng.post(url, { json: { minutes: 10, reason: '断网' } })).status, 403);
      assert.equal((await examiner.post(`/api/v1/sittings/${sitting.id}/candidates/999999/extend`, { json: { minutes: 10, reason: '断网' } })).status, 404);
      assert.equal((await hr.request('DELETE', `/api/v1/sittings/${sitting.id}/candidates/${mine.id}`)).status, 409, 'started candidates stay');
      assert.equal((await hr.request('PUT', `/api/v1/blueprints/${blueprint.id}`, { json: BLUEPRINT, headers: { 'If-Match': `"${blueprint.version}"` } })).status, 409, 'papers were drawn');
    });

    test('a resit: for who failed or was absent, a paper without the questions they saw, scored by the cycle’s rule', async () => {
      const now = Date.now();
      const made = await hr.post(`/api/v1/blueprints/${blueprint.id}/sittings`, { json: { name: '补考', kind: 'resit', opens_at: iso(now - 60_000), closes_at: iso(now + 3 * 3600_000), capacity: 10 } });
      assert.equal(made.status, 201, JSON.stringify(made.body));
      const resit = made.body;
      const body = { name: '补考', opens_at: resit.opens_at, closes_at: resit.closes_at, capacity: 10 };
      const asRegular = await hr.request('PUT', `/api/v1/sittings/${resit.id}`, { json: { ...body, kind: 'regular' }, headers: { 'If-Match': `"${resit.version}"` } });
      assert.equal(asRegular.status, 422, 'a resit stays a resit');
      assert.equal(asRegular.body.errors[0].field, 'kind');
      const same = await hr.request('PUT', `/api/v1/sittings/${resit.id}`, { json: { ...body, kind: 'resit', name: '补考（一）' }, headers: { 'If-Match': `"${resit.version}"` } });
      assert.equal(same.status, 200, JSON.stringify(same.body));
      assert.equal(same.body.kind, 'resit');
      const passed = await hr.post(`/api/v1/sittings/${resit.id}/candidates`, { json: { application_ids: [mine.id] } });
      assert.equal(passed.status, 422, 'who passed has no resit');
      assert.match(passed.body.errors[0].message, /不能补考/);
      assert.deepEqual((await hr.post(`/api/v1/sittings/${resit.id}/candidates`, { json: {} })).body, { added: 2 }, 'the one who failed and the absent one');
      // The cycle counts a resit at most at the pass mark.
      const cur = await hr.get(`/api/v1/cycles/${cycle.id}`);
      const settings = { published_fields: cur.body.published_fields, certificate_pattern: cur.body.certificate_pattern, notice_days: cur.body.notice_days, resit_rule: 'capped' };
      const set = await hr.request('PUT', `/api/v1/cycles/${cycle.id}/settings`, { json: settings, headers: { 'If-Match': cur.headers.get('etag') } });
      assert.equal(set.status, 200, JSON.stringify(set.body));
      assert.equal(set.body.resit_rule, 'capped');
      const exams = (await other.get('/api/v1/me/exams')).body.items;
      assert.deepEqual(exams.map((e) => e.kind).sort(), ['regular', 'resit']);
      // The questions of their first paper (they were that sitting's only one to submit).
      const firstSitting = exams.find((e) => e.kind === 'regular').sitting_id;
      const seen = new Set((await hr.get(`/api/v1/sittings/${firstSitting}/stats`)).body.items.map((i) => i.question_id));
      assert.equal(seen.size, 44);
      const a = (await other.post('/api/v1/attempts', { json: { sitting_id: resit.id, device: 'd' } })).body;
      assert.equal(a.status, 'in_progress');
      assert.equal(a.questions.length, 44);
      assert.deepEqual(a.questions.filter((q) => seen.has(q.question_id)), [], 'the bank has enough unseen questions of each type');
      let seq = 1;
      for (const q of a.questions) {
        const k = (await hr.get(`/api/v1/questions/${q.question_id}`)).body;
        const answer = q.type === 'single' ? k.correct[0] : q.type === 'multiple' ? k.correct : q.type === 'true_false' ? k.correct[0] === 'true' : k.blanks.map((b) => b[0]);
        assert.equal((await other.request('PUT', `/api/v1/attempts/${a.id}/answers/${q.question_id}`, { json: { seq: seq++, answer, device: 'd' } })).status, 200);
      }
      const done = (await other.post(`/api/v1/attempts/${a.id}/submit`)).body;
      assert.equal(done.score, 10000);
      const written = (await hr.get(`/api/v1/cycles/${cycle.id}/scores?page_size=200`)).body.items.find((l) => l.application_id === theirs.id).scores.find((x) => x.component === 'written');
      assert.equal(Math.round(written.score * 100), blueprint.pass_mark, 'capped at the pass mark');
      assert.equal(written.source, 'exam');
    });

    test('after the close: the engineer’s score by section, answers beside the keys, and the wrong-question list', async () => {
      const exams = (await other.get('/api/v1/me/exams')).body.items;
      const regular = exams.find((e) => e.kind === 'regular');
      const resit = exams.find((e) => e.kind === 'resit');
      const r = await other.get(`/api/v1/attempts/${regular.attempt.id}/review`);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal(r.body.answers_shown, true);
      assert.equal(r.body.passed, false);
      assert.deepEqual(r.body.sections.map((x) => [x.title.zh, x.earned, x.max, x.questions, x.full]),
        [['单选题', 0, 4000, 20, 0], ['多选题', 0, 3000, 10, 0], ['判断题', 0, 1000, 10, 0], ['填空题', 0, 2000, 4, 0]]);
      assert.equal(r.body.questions.length, 44);
      assert.ok(r.body.questions.every((q) => Array.isArray(q.question.correct) && 'explanation' in q.question && q.points === 0 && q.scenario === null));
      const notYet = await other.get(`/api/v1/attempts/${resit.attempt.id}/review`);
      assert.equal(notYet.status, 409, 'the resit sitting is still open');
      assert.equal(notYet.body.code, 'exam.not_closed');
      assert.equal((await eng.get(`/api/v1/attempts/${regular.attempt.id}/review`)).status, 404, 'another engineer’s attempt');
      assert.equal((await hr.get(`/api/v1/attempts/${regular.attempt.id}/review`)).status, 403);
      const wrong = await other.get('/api/v1/me/wrong-questions?page_size=10');
      assert.equal(wrong.status, 200);
      assert.equal(wrong.body.total, 44, 'every question of the closed paper, once');
      assert.equal(wrong.body.items.length, 10);
      assert.ok(wrong.body.items.every((w) => w.attempt_id === regular.attempt.id && w.points < w.max_points && w.question.correct.length > 0));
      const last = (await other.get('/api/v1/me/wrong-questions?page=5&page_size=10')).body.items;
      assert.equal(last.length, 4);
      for (const bad of ['page=0', 'page_size=201', 'colour=red']) assert.equal((await other.get(`/api/v1/me/wrong-questions?${bad}`)).status, 422, bad);
      assert.deepEqual((await eng.get('/api/v1/me/wrong-questions')).body.items, [], 'nothing closed for them yet');
    });
  });
}
