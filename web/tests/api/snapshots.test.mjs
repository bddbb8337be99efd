// Webcam snapshots of the online exam on both engines: a sitting asks for a number of them; none is
// kept before the candidate consents (the consent, and its withdrawal, audited); only JPEG pictures
// of a bounded size, only as many as asked; the sitting's proctors and HR see them (each look
// audited), nobody else; they are deleted once the sitting has been closed for the retention period.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { engines, startServer, Client, jpeg, png } from './harness.mjs';
import { examCandidates } from './candidates.mjs';

const iso = (ms) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

for (const engine of engines) {
  describe(`webcam snapshots on ${engine}`, () => {
    let srv, hr, examiner, auditor, first, second, sittingId, attempt;
    before(async () => {
      // Kept 0 days: deleted as soon as the sitting has closed (and its grace passed).
      srv = await startServer(engine, { engineers: 40, env: { SKILLGRADE_EXAM_SNAPSHOT_DAYS: '0', SKILLGRADE_EXAM_SAVE_GRACE_SECONDS: '1', SKILLGRADE_EXAM_SWEEP_SECONDS: '1' } });
      const { sittings, candidates } = await examCandidates(srv.url, { count: 2, rank: 1, name: '抓拍测试', sections: [
        { title: { zh: '单选题', en: 'Single choice' }, types: ['single'], count: 10, points: 1000 },
      ] });
      sittingId = sittings.get(2);
      [first, second] = candidates;
      hr = new Client(srv.url);
      await hr.login('hr');
      examiner = new Client(srv.url);
      await examiner.login('examiner');
      auditor = new Client(srv.url);
      await auditor.login('auditor');
    });
    after(() => srv.stop());

    const putSitting = async (change) => {
      const cur = await hr.get(`/api/v1/sittings/${sittingId}`);
      const s = cur.body;
      const body = { name: s.name, kind: s.kind, opens_at: s.opens_at, closes_at: s.closes_at, duration_minutes: s.duration_minutes, room: s.room,
        capacity: s.capacity, focus_limit: s.focus_limit, focus_action: s.focus_action, snapshots: s.snapshots, ...change };
      return hr.request('PUT', `/api/v1/sittings/${sittingId}`, { json: body, headers: { 'If-Match': cur.headers.get('etag') } });
    };
    const shoot = (c, id, bytes, type = 'image/jpeg') => c.client.request('POST', `/api/v1/attempts/${id}/snapshots`, { body: bytes, headers: { 'Content-Type': type } });

    test('a sitting asks for 0–10 snapshots; without any, consent and pictures are refused', async () => {
      assert.equal((await hr.get(`/api/v1/sittings/${sittingId}`)).body.snapshots, 0, 'none unless asked');
      for (const bad of [11, -1, 'three', 2.5]) assert.equal((await putSitting({ snapshots: bad })).status, 422, String(bad));
      const started = await second.client.post('/api/v1/attempts', { json: { sitting_id: sittingId, device: second.device } });
      assert.equal(started.status, 200);
      assert.deepEqual(started.body.snapshots, { wanted: 0, taken: 0, consent: '', consent_at: '', next_at: null, keep_days: 0 });
      const consent = await second.client.post(`/api/v1/attempts/${started.body.id}/consent`, { json: { snapshots: true } });
      assert.equal(consent.status, 409);
      assert.equal(consent.body.code, 'exam.no_snapshots');
      assert.equal((await shoot(second, started.body.id, jpeg(320, 240))).status, 409);
      const asked = await putSitting({ snapshots: 3 });
      assert.equal(asked.status, 200, JSON.stringify(asked.body));
      assert.equal(asked.body.snapshots, 3);
    });

    test('no picture is kept before the candidate consents; consent and its withdrawal are audited', async () => {
      const started = await first.client.post('/api/v1/attempts', { json: { sitting_id: sittingId, device: first.device } });
      assert.equal(started.status, 200);
      attempt = started.body;
      assert.equal(attempt.sitting.snapshots, 3);
      assert.deepEqual(attempt.snapshots, { wanted: 3, taken: 0, consent: '', consent_at: '', next_at: null, keep_days: 0 }, 'asked, not yet answered');
      const before = await shoot(first, attempt.id, jpeg(320, 240));
      assert.equal(before.status, 409);
      assert.equal(before.body.code, 'exam.no_consent');
      const url = `/api/v1/attempts/${attempt.id}/consent`;
      for (const bad of [{}, { snapshots: 'yes' }, { snapshots: true, face: 1 }]) assert.equal((await first.client.post(url, { json: bad })).status, 422, JSON.stringify(bad));
      assert.equal((await second.client.post(url, { json: { snapshots: true } })).status, 404, 'another candidate’s attempt');
      const no = await first.client.post(url, { json: { snapshots: false } });
      assert.equal(no.status, 200);
      assert.equal(no.body.consent, 'no');
      assert.equal(no.body.next_at, null);
      assert.equal((await shoot(first, attempt.id, jpeg(320, 240))).body.code, 'exam.no_consent', 'declined: nothing kept');
      const yes = await first.client.post(url, { json: { snapshots: true } });
      assert.equal(yes.status, 200);
      assert.equal(yes.body.consent, 'yes');
      assert.ok(yes.body.consent_at);
      assert.equal(yes.body.next_at, attempt.started_at, 'the first at once: who sits the exam');
      const audit = (await auditor.get(`/api/v1/audit?entity=attempt&entity_id=${attempt.id}`)).body.items.filter((x) => x.action === 'attempt.snapshot_consent');
      assert.equal(audit.length, 2, 'declined, then consented');
    });

    test('only JPEG pictures of at most 256 KB, only as many as asked', async () => {
      for (const [bytes, type] of [[png(32, 32), 'image/png'], [Buffer.from('not a picture'), 'image/jpeg'], [jpeg(320, 240).subarray(0, 30), 'image/jpeg'],
        [jpeg(320, 240, 300_000), 'image/jpeg']]) {
        const r = await shoot(first, attempt.id, bytes, type);
        assert.equal(r.status, 422, `${type} ${bytes.length}`);
        assert.equal(r.body.code, 'snapshot.invalid');
      }
      assert.equal((await shoot(second, attempt.id, jpeg(320, 240))).status, 404, 'not their attempt');
      const one = await shoot(first, attempt.id, jpeg(320, 240));
      assert.equal(one.status, 201, JSON.stringify(one.body));
      assert.deepEqual([one.body.width, one.body.height, one.body.status.taken], [320, 240, 1]);
      const due = Date.parse(one.body.status.next_at);
      const third = (Date.parse(attempt.deadline) - Date.parse(attempt.started_at)) / 3;
      assert.ok(due > Date.parse(attempt.started_at) + third && due < Date.parse(attempt.started_at) + 2 * third, 'the second in the second third of the time');
      // The moments follow from the attempt: asking again gives the same one.
      assert.equal((await first.client.get(`/api/v1/attempts/${attempt.id}`)).body.snapshots.next_at, one.body.status.next_at);
      assert.equal((await shoot(first, attempt.id, jpeg(640, 480))).status, 201);
      const last = await shoot(first, attempt.id, jpeg(640, 480));
      assert.equal(last.body.status.next_at, null, 'all three taken');
      const more = await shoot(first, attempt.id, jpeg(640, 480));
      assert.equal(more.status, 409);
      assert.equal(more.body.code, 'exam.snapshots_done');
    });

    test('the sitting’s proctors and HR see them, each look audited; nobody else', async () => {
      const list = await hr.get(`/api/v1/attempts/${attempt.id}/snapshots`);
      assert.equal(list.status, 200);
      assert.equal(list.body.status.consent, 'yes');
      assert.deepEqual(list.body.items.map((x) => [x.width, x.height]), [[320, 240], [640, 480], [640, 480]]);
      assert.ok(!JSON.stringify(list.body).includes('data'), 'the list carries no picture');
      const pic = await hr.get(`/api/v1/snapshots/${list.body.items[0].id}`);
      assert.equal(pic.status, 200);
      assert.equal(pic.headers.get('content-type'), 'image/jpeg');
      assert.equal(pic.headers.get('cache-control'), 'no-store');
      assert.deepEqual(Buffer.from(pic.body), jpeg(320, 240));
      // The examiner is not this sitting's proctor; the engineers are not proctors at all.
      assert.equal((await examiner.get(`/api/v1/attempts/${attempt.id}/snapshots`)).status, 404);
      assert.equal((await examiner.get(`/api/v1/snapshots/${list.body.items[0].id}`)).status, 404);
      assert.equal((await first.client.get(`/api/v1/snapshots/${list.body.items[0].id}`)).status, 403);
      assert.equal((await hr.get('/api/v1/snapshots/999999')).status, 404);
      const room = (await hr.get(`/api/v1/sittings/${sittingId}/room`)).body.items;
      const line = room.find((l) => l.attempt?.id === attempt.id);
      assert.deepEqual(line.snapshots, { consent: 'yes', taken: 3 });
      const audit = (await auditor.get(`/api/v1/audit?entity=attempt&entity_id=${attempt.id}`)).body.items.filter((x) => x.action === 'attempt.snapshots_viewed');
      assert.equal(audit.length, 1);
      assert.equal(audit[0].actor, 'hr');
    });

    test('they are deleted once the sitting has been closed for the retention period', async () => {
      const ids = (await hr.get(`/api/v1/attempts/${attempt.id}/snapshots`)).body.items.map((x) => x.id);
      const closing = await putSitting({ closes_at: iso(Date.now() + 2000), opens_at: iso(Date.now() - 100 * 60_000) });
      assert.equal(closing.status, 200, JSON.stringify(closing.body));
      let left = ids.length;
      for (let i = 0; i < 40 && left; i++) {
        await sleep(500);
        left = (await hr.get(`/api/v1/attempts/${attempt.id}/snapshots`)).body.items.length;
      }
      assert.equal(left, 0, 'deleted after the close, the grace and a sweep');
      for (const id of ids) assert.equal((await hr.get(`/api/v1/snapshots/${id}`)).status, 404);
    });
  });
}
