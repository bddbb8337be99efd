// A cycle's settings, bulk nomination, per-unit quotas, reports and the results export, the
// published fields, the certificate-number pattern, and a re-certification that keeps or lowers levels.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { inflateRawSync } from 'node:zlib';
import { spawnSync } from 'node:child_process';
import { engines, startServer, Client, BIN } from './harness.mjs';

const ALL_PHASES = ['application', 'eligibility_review', 'written_exam', 'practical_test', 'interview', 'committee_review', 'public_notice', 'appeal', 'certification'];
const PHASES = ALL_PHASES.map((phase, i) => ({ phase, starts_on: `2026-${String(1 + i).padStart(2, '0')}-01`, ends_on: `2026-${String(1 + i).padStart(2, '0')}-20`, responsible_role: 'hr' }));

// The text of one part of a zip file (the .xlsx), read through the central directory.
function zipEntry(buf, name) {
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = buf.readUInt32LE(eocd + 16);
  for (let n = buf.readUInt16LE(eocd + 10); n > 0; n--) {
    const method = buf.readUInt16LE(at + 10), size = buf.readUInt32LE(at + 20);
    const nameLen = buf.readUInt16LE(at + 28), extra = buf.readUInt16LE(at + 30), comment = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    if (buf.toString('utf8', at + 46, at + 46 + nameLen) === name) {
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      const data = buf.subarray(start, start + size);
      return (method === 8 ? inflateRawSync(data) : data).toString('utf8');
    }
    at += 46 + nameLen + extra + comment;
  }
  return null;
}

for (const engine of engines) {
  describe(`cycle settings, nominations, reports and re-certification on ${engine}`, () => {
    let srv, hr, eng, committee, schemeId, cycle, levels;
    before(async () => {
      srv = await startServer(engine, { engineers: 40 });
      hr = new Client(srv.url);
      await hr.login('hr');
      eng = new Client(srv.url);
      await eng.login('engineer');
      committee = [];
      for (const u of ['committee', 'committee.b', 'committee.c']) {
        const c = new Client(srv.url);
        await c.login(u);
        committee.push(c);
      }
      schemeId = (await hr.get('/api/v1/schemes')).body.items.find((s) => s.is_default).id;
      levels = (await hr.get(`/api/v1/schemes/${schemeId}`)).body.levels;
    });
    after(() => srv.stop());

    const move = async (c, to, reason) => {
      const cur = await hr.get(`/api/v1/cycles/${c.id}`);
      // The public notice ends early here (the tests do not wait out its days): an override with a reason.
      const early = to === 'appeal' ? { override: true, reason: reason ?? '测试：提前结束公示' } : {};
      const r = await hr.request('POST', `/api/v1/cycles/${c.id}/transition`, { json: { to, ...(reason ? { reason } : {}), ...early }, headers: { 'If-Match': cur.headers.get('etag') } });
      assert.equal(r.status, 200, `${to}: ${JSON.stringify(r.body)}`);
      return r.body;
    };
    const applications = async (c) => (await hr.get(`/api/v1/cycles/${c.id}/applications?page_size=200`)).body.items;
    // Every component of every eligible application, as a score-import sheet.
    const scoreSheet = (apps, scoreOf) =>
      '工号,考核项,成绩\n' + apps.flatMap((a, i) => levels[a.target_rank - 1].components.map((c) => `${a.employee_no},${c.kind},${scoreOf(a, i)}`)).join('\n') + '\n';
    const everyoneVotes = async (c, results) => {
      for (const r of results.filter((x) => x.passed && x.selected))
        for (const m of committee) assert.equal((await m.post(`/api/v1/applications/${r.application_id}/votes`, { json: { vote: 'approve' } })).status, 200);
    };

    test('settings: published fields, certificate pattern and notice length are validated; a stale version gets 412', async () => {
      const made = await hr.post('/api/v1/cycles', { json: { name: '设置与报表测试批次', scheme_id: schemeId, kind: 'promotion', open_ranks: [1, 2, 3, 4, 5], cutoff_date: '2026-11-30', phases: PHASES } });
      assert.equal(made.status, 201, JSON.stringify(made.body));
      cycle = made.body;
      assert.deepEqual(cycle.published_fields, ['employee_no', 'engineer_name', 'org_unit', 'target_rank', 'outcome'], 'scores are hidden by default');
      assert.equal(cycle.certificate_pattern, 'S000131000001{YY}{L}{N:6}');
      const url = `/api/v1/cycles/${cycle.id}/settings`;
      const good = { published_fields: ['engineer_name', 'org_unit', 'outcome', 'total'], certificate_pattern: 'SG-{YYYY}-{L}-{N:5}', notice_days: 3 };
      const etag = (await hr.get(`/api/v1/cycles/${cycle.id}`)).headers.get('etag');
      const put = (json, tag = etag) => hr.request('PUT', url, { json, headers: tag ? { 'If-Match': tag } : {} });
      assert.equal((await put(good, null)).status, 412, 'If-Match is required');
      for (const [bad, field] of [
        [{ ...good, certificate_pattern: 'SG-{YY}' }, 'certificate_pattern'],
        [{ ...good, certificate_pattern: 'SG-{N:6}' }, 'certificate_pattern'],
        [{ ...good, published_fields: ['engineer_name', 'salary'] }, 'published_fields'],
        [{ ...good, published_fields: ['outcome'] }, 'published_fields'],
        [{ ...good, notice_days: 0 }, 'notice_days'],
        [{ ...good, resit_rule: 'average' }, 'resit_rule'],
      ]) {
        const r = await put(bad);
        assert.equal(r.status, 422, JSON.stringify(bad));
        assert.ok(r.body.errors.some((e) => e.field === field), JSON.stringify(r.body));
      }
      assert.equal((await hr.get(`/api/v1/cycles/${cycle.id}`)).body.version, cycle.version, 'refused settings change nothing');
      const saved = await put(good);
      assert.equal(saved.status, 200, JSON.stringify(saved.body));
      assert.deepEqual(saved.body.published_fields, good.published_fields);
      assert.equal(saved.body.notice_days, 3);
      assert.equal(saved.body.resit_rule, 'latest', 'the resit counts by default');
      const lost = await put({ ...good, notice_days: 7 });
      assert.equal(lost.status, 412, 'the second of two editors gets 412');
      assert.equal((await hr.get(`/api/v1/cycles/${cycle.id}`)).body.notice_days, 3);
      assert.equal((await eng.request('PUT', url, { json: good, headers: { 'If-Match': saved.headers.get('etag') } })).status, 403);
    });

    test('bulk nomination by filter: a dry run counts, the run creates, a repeat adds nobody', async () => {
      const url = `/api/v1/cycles/${cycle.id}/nominations`;
      assert.equal((await hr.post(url, { json: {} })).status, 409, 'only during the application phase');
      await move(cycle, 'application');
      assert.equal((await hr.post(url, { json: { org_unit: 'NOWHERE' } })).status, 422);
      assert.equal((await hr.post(url, { json: { min_years: 99 } })).status, 422);
      assert.equal((await hr.post(`${url}?dry_run=true`, { json: { min_years: 60 } })).body.matched, 0);
      const east = await hr.post(`${url}?dry_run=true`, { json: { org_unit: 'R-EAST' } });
      assert.equal(east.status, 200);
      assert.ok(east.body.matched > 0);
      assert.equal((await applications(cycle)).length, 0, 'a dry run creates nothing');
      const all = await hr.post(`${url}?dry_run=true`, { json: {} });
      assert.ok(all.body.matched > east.body.matched);
      const made = await hr.post(url, { json: {} });
      assert.equal(made.status, 201, JSON.stringify(made.body));
      assert.equal(made.body.created, all.body.created);
      assert.equal(made.body.created + made.body.skipped + made.body.already, made.body.matched);
      const apps = await applications(cycle);
      assert.equal(apps.length, made.body.created);
      assert.ok(apps.every((a) => a.nominated_by === 'hr' && a.status === 'submitted'));
      const again = await hr.post(url, { json: {} });
      assert.equal(again.body.created, 0);
      assert.equal(again.body.already, made.body.created, 'a repeat counts the open applications and adds none');
      assert.equal((await eng.post(url, { json: {} })).status, 403);
    });

    test('a quota per org unit ranks that unit among itself; the rest of the level is untouched', async () => {
      await move(cycle, 'eligibility_review');
      assert.equal((await hr.job(`/api/v1/cycles/${cycle.id}/eligibility-review`)).job.state, 'succeeded');
      for (const a of await applications(cycle))
        if (a.status === 'ineligible') assert.equal((await hr.post(`/api/v1/applications/${a.id}/override`, { json: { eligible: true, reason: '档案人工核验' } })).status, 200);
      await move(cycle, 'written_exam');
      const apps = (await applications(cycle)).filter((a) => a.status === 'eligible');
      // Scores 80–99: everyone passes every gate and the level's pass mark.
      const imported = await hr.imported(`/api/v1/cycles/${cycle.id}/scores/import`, { body: scoreSheet(apps, (a, i) => 80 + (i % 20)), headers: { 'Content-Type': 'text/csv' } });
      assert.equal(imported.state, 'succeeded', JSON.stringify(imported.report));
      const quota = (json) => hr.post(`/api/v1/cycles/${cycle.id}/quotas`, { json });
      assert.equal((await quota({ rank: 2, org_unit: 'NOWHERE', kind: 'count', value: 1 })).status, 422);
      // Large counts are kept as given (a company-wide level may have thousands of places); absurd ones are refused.
      const big = await quota({ rank: 2, kind: 'count', value: 25000 });
      assert.equal(big.status, 200, JSON.stringify(big.body));
      assert.ok(big.body.quotas.some((q) => q.rank === 2 && q.value === 25000 && !q.org_unit_id));
      assert.equal((await quota({ rank: 2, kind: 'count', value: 5000000 })).status, 422);
      assert.equal((await quota({ rank: 2, kind: 'none' })).status, 200);
      const before = (await hr.evaluate(cycle.id)).items;
      assert.ok(before.every((r) => r.passed && r.selected), 'without quotas everyone who passed is selected');
      // The level with the most eastern applicants gets an eastern quota of one place.
      const units = (await hr.get('/api/v1/org-units')).body.items;
      const eastPath = units.find((u) => u.code === 'R-EAST').path;
      const eastUnits = new Set(units.filter((u) => u.path.startsWith(eastPath)).map((u) => u.id));
      const eastIds = new Set();
      for (const a of apps) if (eastUnits.has((await hr.get(`/api/v1/engineers/${a.engineer_id}`)).body.org_unit_id)) eastIds.add(a.id);
      const perRank = {};
      for (const a of apps) if (eastIds.has(a.id)) perRank[a.target_rank] = (perRank[a.target_rank] ?? 0) + 1;
      const rank = Number(Object.entries(perRank).sort((x, y) => y[1] - x[1])[0][0]);
      const set = await quota({ rank, org_unit: 'R-EAST', kind: 'count', value: 1 });
      assert.equal(set.status, 200, JSON.stringify(set.body));
      assert.ok(set.body.quotas.some((q) => q.rank === rank && q.org_unit_name === '华东大区' && q.value === 1));
      const results = (await hr.evaluate(cycle.id)).items;
      const ofRank = results.filter((r) => apps.find((a) => a.id === r.application_id).target_rank === rank);
      const inEast = ofRank.filter((r) => eastIds.has(r.application_id));
      assert.equal(inEast.filter((r) => r.selected).length, 1);
      assert.ok(inEast.every((r) => r.outcome.quota.org_unit === '华东大区' && r.outcome.quota.places === 1));
      assert.ok(ofRank.filter((r) => !eastIds.has(r.application_id)).every((r) => r.selected && r.outcome.quota.org_unit === ''));
      const top = inEast.reduce((best, r) => (r.total > best.total ? r : best));
      assert.equal(top.selected, true, 'the best total in the unit takes the place');
      for (const r of inEast.filter((x) => !x.selected)) assert.ok(r.outcome.reasons.some((w) => w.en.includes('quota line')), JSON.stringify(r.outcome.reasons));
      // The command line evaluates the same cycle read on one thread or on two: the same output, and
      // no change against what the API stored.
      const cli = (extra) =>
        spawnSync(BIN, ['evaluate', '--db', srv.db, '--cycle', String(cycle.id), '--dry-run', '--show', '-1'], {
          env: { ...process.env, ASAN_OPTIONS: 'detect_leaks=0', SKILLGRADE_LOG_LEVEL: 'warn', ...extra },
          encoding: 'utf8',
        });
      const serial = cli({ SKILLGRADE_PARALLEL_EVALUATION_FROM: '1000000' });
      const parallel = cli({ SKILLGRADE_PARALLEL_EVALUATION_FROM: '1' });
      assert.equal(serial.status, 0, serial.stderr);
      assert.equal(parallel.stdout, serial.stdout);
      assert.match(serial.stdout, new RegExp(`${results.length} evaluated, ${results.filter((x) => x.passed).length} passed`));
      assert.match(serial.stdout, /identical to the stored results/);
    });

    test('reports: pass rates by level, org unit and component, distributions, and the results as .xlsx', async () => {
      const results = (await hr.get(`/api/v1/cycles/${cycle.id}/results?page_size=200`)).body.items;
      const r = await hr.get(`/api/v1/cycles/${cycle.id}/report`);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      const rep = r.body;
      assert.equal(rep.evaluated, results.length);
      assert.equal(rep.passed, results.filter((x) => x.passed && x.selected).length);
      assert.equal(rep.by_level.reduce((n, x) => n + x.candidates, 0), results.length);
      assert.equal(rep.by_org.reduce((n, x) => n + x.passed, 0), rep.passed);
      assert.ok(rep.by_org.some((x) => x.key === 'R-EAST' && x.label.zh === '华东大区'));
      assert.ok(rep.by_component.some((x) => x.key === 'written' && x.label.en && x.candidates > 0));
      assert.equal(rep.distributions[0].key, 'total');
      assert.equal(rep.distributions[0].bins.length, 10);
      assert.equal(rep.distributions[0].bins.reduce((n, x) => n + x, 0), results.length);
      assert.equal(rep.distributions[0].bins.slice(0, 8).reduce((n, x) => n + x, 0), 0, 'every total is 80 or more');
      const written = rep.distributions.find((d) => d.key === 'written');
      assert.equal(written.bins.reduce((n, x) => n + x, 0) + written.absent, rep.by_component.find((c) => c.key === 'written').candidates);
      const x = await hr.exported(`/api/v1/cycles/${cycle.id}/results/export`);
      assert.equal(x.status, 200);
      assert.match(x.type, /spreadsheetml/);
      const strings = zipEntry(x.body, 'xl/sharedStrings.xml') ?? zipEntry(x.body, 'xl/worksheets/sheet1.xml');
      assert.ok(strings.includes('综合成绩') && strings.includes('名额线内'), 'the header row');
      const first = (await applications(cycle)).find((a) => a.id === results[0].application_id);
      assert.ok(strings.includes(first.employee_no), 'a result row');
      assert.equal((await eng.get(`/api/v1/cycles/${cycle.id}/report`)).status, 403);
      assert.equal((await eng.post(`/api/v1/cycles/${cycle.id}/results/export`)).status, 403);
      assert.equal((await eng.get(`/api/v1/jobs/${x.job.id}/file`)).status, 404, 'an export is its owner’s');
      assert.equal(x.job.result.bytes, x.body.length);
      assert.deepEqual([x.job.done, x.job.total], [rep.evaluated, rep.evaluated], 'an ended job keeps the progress it reached');
    });

    test('the published list shows the configured fields and certificates follow the pattern', async () => {
      for (const to of ['practical_test', 'interview', 'committee_review']) await move(cycle, to);
      await everyoneVotes(cycle, (await hr.get(`/api/v1/cycles/${cycle.id}/results?page_size=200`)).body.items);
      await move(cycle, 'public_notice');
      const pub = (await eng.get(`/api/v1/cycles/${cycle.id}/published?page_size=200`)).body;
      assert.deepEqual(pub.fields, ['engineer_name', 'org_unit', 'outcome', 'total']);
      assert.ok(pub.items.length > 0);
      for (const row of pub.items) {
        assert.equal(row.employee_no, undefined);
        assert.equal(row.target_rank, undefined);
        assert.equal(typeof row.total, 'number');
        assert.ok(row.engineer_name && row.org_unit);
      }
      for (const to of ['appeal', 'certification', 'closed']) await move(cycle, to);
      const results = (await hr.get(`/api/v1/cycles/${cycle.id}/results?page_size=200`)).body.items;
      const winner = (await applications(cycle)).find((a) => a.id === results.find((r) => r.decision === 'approved').application_id);
      const certs = (await hr.get(`/api/v1/engineers/${winner.engineer_id}/certificates`)).body.items;
      const year = new Date().getFullYear();
      const cert = certs.find((c) => c.cycle_id === cycle.id);
      assert.match(cert.number, new RegExp(`^SG-(${year}|${year + 1})-${winner.target_rank}-\\d{5}$`));
      assert.ok(certs.filter((c) => c.level_rank < winner.target_rank).every((c) => c.status !== 'valid'), 'a promotion supersedes lower certificates');
    });

    test('re-certification: holders who pass keep their level with a new certificate, the others go one level down', async () => {
      const holders = [];
      for (const c of (await hr.get('/api/v1/certificates/expiring?days=3650')).body.items) {
        const e = (await hr.get(`/api/v1/engineers/${c.engineer_id}`)).body;
        if (e.rank === c.level_rank && e.status === 'active' && !holders.some((h) => h.engineer.id === e.id)) holders.push({ engineer: e, certificate: c });
      }
      assert.ok(holders.length >= 2, `holders: ${holders.length}`);
      const ranks = [...new Set(holders.map((h) => h.engineer.rank))].sort();
      const made = await hr.post('/api/v1/cycles', { json: { name: '证书复审', scheme_id: schemeId, kind: 'recertification', open_ranks: ranks, cutoff_date: '2026-11-30', phases: PHASES } });
      assert.equal(made.status, 201, JSON.stringify(made.body));
      const rc = made.body;
      await move(rc, 'application');
      const holderIds = new Set(holders.map((h) => h.engineer.id));
      const outsider = (await hr.get('/api/v1/engineers?page_size=40')).body.items.find((e) => !holderIds.has(e.id) && ranks.includes(e.rank));
      if (outsider) {
        const refused = await hr.post(`/api/v1/cycles/${rc.id}/applications`, { json: { engineer_id: outsider.id, target_rank: outsider.rank } });
        assert.equal(refused.status, 422, 'only holders of a valid certificate at the level');
      }
      const wrongLevel = await hr.post(`/api/v1/cycles/${rc.id}/applications`, { json: { engineer_id: holders[0].engineer.id, target_rank: holders[0].engineer.rank + 1 } });
      assert.equal(wrongLevel.status, 422, 'a re-certification is for the current level');
      const nominated = await hr.post(`/api/v1/cycles/${rc.id}/nominations`, { json: {} });
      assert.equal(nominated.body.created, holders.length, JSON.stringify(nominated.body));
      await move(rc, 'eligibility_review');
      assert.equal((await hr.job(`/api/v1/cycles/${rc.id}/eligibility-review`)).job.state, 'succeeded');
      const apps = await applications(rc);
      assert.ok(apps.every((a) => a.status === 'eligible' && a.verdict.summary.en.startsWith('meets the re-certification condition')), JSON.stringify(apps[0].verdict));
      await move(rc, 'written_exam');
      const [keep, lose] = [apps[0], apps[1]];
      const sheet = scoreSheet([keep, lose], (a) => (a.id === keep.id ? 95 : 30));
      assert.equal((await hr.imported(`/api/v1/cycles/${rc.id}/scores/import`, { body: sheet, headers: { 'Content-Type': 'text/csv' } })).state, 'succeeded');
      await hr.evaluate(rc.id);
      for (const to of ['practical_test', 'interview', 'committee_review']) await move(rc, to);
      await everyoneVotes(rc, (await hr.get(`/api/v1/cycles/${rc.id}/results?page_size=200`)).body.items);
      for (const to of ['public_notice', 'appeal', 'certification', 'closed']) await move(rc, to);
      const kept = (await hr.get(`/api/v1/engineers/${keep.engineer_id}`)).body;
      assert.equal(kept.rank, keep.target_rank, 'kept');
      const keptCerts = (await hr.get(`/api/v1/engineers/${keep.engineer_id}/certificates`)).body.items;
      assert.ok(keptCerts.some((c) => c.cycle_id === rc.id && c.status === 'valid' && c.level_rank === keep.target_rank));
      assert.ok(keptCerts.some((c) => c.status === 'renewed' && c.level_rank === keep.target_rank));
      const lowered = (await hr.get(`/api/v1/engineers/${lose.engineer_id}`)).body;
      assert.equal(lowered.rank, lose.target_rank - 1, 'lowered one level');
      assert.equal(lowered.history[0].source, `cycle:${rc.id}`);
      const lostCerts = (await hr.get(`/api/v1/engineers/${lose.engineer_id}/certificates`)).body.items;
      assert.ok(lostCerts.some((c) => c.status === 'lapsed' && c.level_rank === lose.target_rank));
      assert.ok(!lostCerts.some((c) => c.cycle_id === rc.id));
    });
  });
}
