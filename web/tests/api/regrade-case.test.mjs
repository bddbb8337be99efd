// A regrade reaches a case's sub-questions, on both engines: a candidate answers every part of a
// case right; HR corrects (here: changes) the key of one part by saving the case again; the dry run
// lists that part with its old and new points, the apply moves the paper to the new versions, and
// a second dry run finds nothing left to change.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { engines, startServer, Client, writtenExamCycle } from './harness.mjs';

const iso = (ms) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
const FIELDS = ['code', 'type', 'product_line', 'knowledge_point', 'ranks', 'difficulty', 'stem', 'options', 'correct', 'blanks', 'normalise', 'reference', 'rubric', 'explanation'];
const editable = (q) => Object.fromEntries(FIELDS.filter((k) => k in q).map((k) => [k, q[k]]));

for (const engine of engines) {
  describe(`regrading a case's parts on ${engine}`, () => {
    let srv, hr, eng, blueprint, sitting, attempt, caseId;
    before(async () => {
      srv = await startServer(engine, { engineers: 30 });
      hr = new Client(srv.url);
      eng = new Client(srv.url);
      assert.equal((await hr.login('hr')).status, 200);
      assert.equal((await eng.login('engineer')).status, 200);
      const me = (await eng.get('/api/v1/auth/me')).body.user;
      const { cycle } = await writtenExamCycle(hr, '2026 案例重判', [me.engineer_id]);
      const made = await hr.post(`/api/v1/cycles/${cycle.id}/blueprints`, { json: {
        target_rank: 2, duration_minutes: 60, fixed: true,
        sections: [{ title: { zh: '案例分析', en: 'Case analysis' }, types: ['case'], product_line: '家用空调', count: 1, points: 10000 }],
      } });
      assert.equal(made.status, 201, JSON.stringify(made.body));
      blueprint = made.body;
      const now = Date.now();
      sitting = (await hr.post(`/api/v1/blueprints/${blueprint.id}/sittings`, { json: { name: '案例场', opens_at: iso(now - 60_000), closes_at: iso(now + 3 * 3600_000), capacity: 5 } })).body;
      assert.deepEqual((await hr.post(`/api/v1/sittings/${sitting.id}/candidates`, { json: {} })).body, { added: 1 });
    });
    after(() => srv.stop());

    test('every part answered right, submitted, marked', async () => {
      attempt = (await eng.post('/api/v1/attempts', { json: { sitting_id: sitting.id, device: 'd' } })).body;
      const parts = attempt.questions.filter((q) => q.case_id);
      assert.ok(parts.length >= 2, 'a case with its parts');
      caseId = parts[0].case_id;
      const detail = (await hr.get(`/api/v1/questions/${caseId}`)).body;
      const key = new Map(detail.parts.map((p) => [p.id, p]));
      let seq = 1;
      for (const q of parts) {
        const k = key.get(q.question_id);
        assert.ok(k, `part ${q.question_id} of case ${caseId}`);
        const answer = q.type === 'single' ? k.correct[0] : q.type === 'multiple' ? k.correct : q.type === 'true_false' ? k.correct[0] === 'true' : k.blanks.map((b) => b[0]);
        const r = await eng.request('PUT', `/api/v1/attempts/${attempt.id}/answers/${q.question_id}`, { json: { seq: seq++, answer, device: 'd' } });
        assert.equal(r.status, 200, JSON.stringify(r.body));
      }
      const done = (await eng.post(`/api/v1/attempts/${attempt.id}/submit`)).body;
      assert.equal(done.score, 10000, 'every part right');
    });

    test('a part’s key changed through its case: the dry run lists it, the apply moves the paper', async () => {
      const detail = (await hr.get(`/api/v1/questions/${caseId}`)).body;
      const i = detail.parts.findIndex((p) => p.type === 'single');
      assert.ok(i >= 0, 'a single-choice part');
      const part = detail.parts[i];
      const wrong = part.options.map((o) => o.key).find((k) => k !== part.correct[0]);
      const body = { ...editable(detail), parts: detail.parts.map((p, j) => ({ ...editable(p), ...(j === i ? { correct: [wrong] } : {}) })) };
      const saved = await hr.request('PUT', `/api/v1/questions/${caseId}`, { json: body, headers: { 'If-Match': `"${detail.version}"` } });
      assert.equal(saved.status, 200, JSON.stringify(saved.body));
      const url = `/api/v1/blueprints/${blueprint.id}/regrade`;
      const dry = await hr.post(url, { json: { dry_run: true } });
      assert.equal(dry.status, 200, JSON.stringify(dry.body));
      assert.equal(dry.body.changes.length, 1);
      const [line] = dry.body.changes;
      assert.equal(line.questions.length, 1, JSON.stringify(line.questions));
      assert.equal(line.questions[0].question_id, part.id);
      assert.ok(line.questions[0].old_points > 0);
      assert.equal(line.questions[0].new_points, 0);
      assert.equal(line.new_score, 10000 - line.questions[0].old_points);
      const applied = await hr.post(url, { json: { dry_run: false, reason: `${part.code} 答案更正` } });
      assert.equal(applied.status, 200, JSON.stringify(applied.body));
      assert.deepEqual((await hr.post(url, { json: { dry_run: true } })).body.changes, [], 'the paper carries the new versions');
    });
  });
}
