// The question bank on both engines: the demo bank, saving (a version per change), the rules of each
// type, near-duplicate warnings, cases with parts, retiring, the sheet import (all rows or none), the
// export read back unchanged, the template, paging bounds, and who may see the keys.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import JSZip from 'jszip';
import { engines, startServer, Client, png } from './harness.mjs';

const HEADER = '题目编号,题型,产品线,知识点,适用等级,难度,题干,题干（英文）,选项A,选项B,选项C,选项D,选项E,选项F,选项（英文）,答案,归一化,参考答案,评分要点,解析,解析（英文）,所属案例\n';
const csv = (rows) => ({ body: HEADER + rows.join('\n') + '\n', headers: { 'Content-Type': 'text/csv' } });
const single = (over = {}) => ({
  code: 'T-0001', type: 'single', product_line: '冰箱', knowledge_point: '除霜系统', ranks: [2, 3], difficulty: 3,
  stem: { zh: '风冷冰箱蒸发器结霜严重、冷藏室不冷，首先应检查哪一部件？', en: '' },
  options: [{ key: 'A', label: { zh: '除霜加热器及其温控器' } }, { key: 'B', label: { zh: '门灯开关' } }, { key: 'C', label: { zh: '电源线' } }, { key: 'D', label: { zh: '调温旋钮外壳' } }],
  correct: ['A'], explanation: { zh: '除霜失效使蒸发器被霜堵住，风道不通。' }, ...over,
});

for (const engine of engines) {
  describe(`question bank on ${engine}`, () => {
    let srv;
    const as = {};
    before(async () => {
      srv = await startServer(engine);
      for (const u of ['hr', 'examiner', 'auditor', 'engineer', 'manager']) {
        as[u] = new Client(srv.url);
        assert.equal((await as[u].login(u)).status, 200, u);
      }
    });
    after(() => srv.stop());

    test('the demo bank: filtered and paged on the server; keys for HR, examiners and auditors only', async () => {
      const all = await as.hr.get('/api/v1/questions?page_size=200');
      assert.equal(all.status, 200);
      assert.ok(all.body.total >= 300, `total ${all.body.total}`);
      const page = await as.examiner.get('/api/v1/questions?product_line=%E5%86%B0%E7%AE%B1&type=single&rank=2&page_size=50');
      assert.equal(page.status, 200);
      assert.ok(page.body.total > 0);
      for (const q of page.body.items) {
        assert.equal(q.product_line, '冰箱');
        assert.equal(q.type, 'single');
        assert.ok(q.ranks.includes(2));
        assert.equal(q.correct.length, 1, 'the key is there for an examiner');
      }
      assert.equal((await as.auditor.get('/api/v1/questions')).status, 200);
      for (const who of ['engineer', 'manager']) assert.equal((await as[who].get('/api/v1/questions')).status, 403, who);
      assert.equal((await as.engineer.get(`/api/v1/questions/${all.body.items[0].id}`)).status, 403);
      const cases = await as.hr.get('/api/v1/questions?type=case');
      assert.ok(cases.body.total > 0);
      const oneCase = await as.hr.get(`/api/v1/questions/${cases.body.items[0].id}`);
      assert.ok(oneCase.body.parts.length >= 2, 'a case comes with its parts');
      assert.ok(oneCase.body.parts.every((p) => p.case_code === oneCase.body.code));
      // Paging bounds: clear 4xx, or an empty page past the end.
      for (const q of ['page=0', 'page_size=0', 'page_size=201', 'difficulty=6', 'type=essay', 'rank=x', 'retired=maybe', 'colour=red'])
        assert.equal((await as.hr.get(`/api/v1/questions?${q}`)).status, 422, q);
      const beyond = await as.hr.get('/api/v1/questions?page=1000&page_size=200');
      assert.equal(beyond.status, 200);
      assert.deepEqual(beyond.body.items, []);
      assert.equal((await as.hr.get('/api/v1/questions/999999')).status, 404);
    });

    test('saving: 201 with the question, a new version for a change, none for the same content; codes are one question’s', async () => {
      const made = await as.hr.post('/api/v1/questions', { json: single() });
      assert.equal(made.status, 201, JSON.stringify(made.body));
      assert.equal(made.body.version, 1);
      assert.deepEqual(made.body.warnings, []);
      const id = made.body.id;
      const again = await as.hr.request('PUT', `/api/v1/questions/${id}`, { json: single() });
      assert.equal(again.status, 200);
      assert.equal(again.body.changed, false);
      assert.equal(again.body.version, 1, 'the same content adds no version');
      const edited = await as.hr.request('PUT', `/api/v1/questions/${id}`, { json: single({ correct: ['A'], difficulty: 4 }) });
      assert.equal(edited.body.version, 2);
      assert.equal(edited.body.id, id, 'the question keeps its id');
      assert.notEqual(edited.body.version_id, made.body.version_id, 'a version of its own');
      assert.deepEqual(edited.body.versions.map((v) => v.version), [2, 1]);
      const read = await as.hr.get(`/api/v1/questions/${id}`);
      assert.equal(read.body.difficulty, 4);
      // Two editors: the one who opened version 1 cannot save over version 2.
      const stale = await as.hr.request('PUT', `/api/v1/questions/${id}`, { json: single({ difficulty: 5 }), headers: { 'If-Match': '"1"' } });
      assert.equal(stale.status, 412);
      assert.equal(stale.body.code, 'question.stale');
      assert.match(stale.body.title, /第 2 版/);
      assert.equal((await as.hr.request('PUT', `/api/v1/questions/${id}`, { json: single({ difficulty: 5 }), headers: { 'If-Match': 'soon' } })).status, 412);
      assert.equal((await as.hr.get(`/api/v1/questions/${id}`)).body.difficulty, 4, 'nothing saved');
      const current = await as.hr.request('PUT', `/api/v1/questions/${id}`, { json: single({ correct: ['A'], difficulty: 4 }), headers: { 'If-Match': '"2"' } });
      assert.equal(current.status, 200);
      const taken = await as.hr.post('/api/v1/questions', { json: single({ stem: { zh: '另一道题：冰箱压缩机启动继电器的作用是什么？' } }) });
      assert.equal(taken.status, 422);
      assert.ok(taken.body.errors.some((e) => e.field === 'code'));
      const renamed = await as.hr.request('PUT', `/api/v1/questions/${id}`, { json: single({ code: 'T-0009' }) });
      assert.equal(renamed.status, 422, 'the code cannot change');
      assert.equal((await as.examiner.post('/api/v1/questions', { json: single({ code: 'T-0002' }) })).status, 403);
    });

    test('bad input is refused with the field named and nothing saved', async () => {
      const before = (await as.hr.get('/api/v1/questions')).body.total;
      const cases = [
        [{ type: 'essay' }, 'type'],
        [{ correct: ['E'] }, 'correct'],
        [{ correct: ['A', 'B'] }, 'correct'],
        [{ type: 'multiple', correct: ['A'] }, 'correct'],
        [{ difficulty: 0 }, 'difficulty'],
        [{ ranks: [] }, 'ranks'],
        [{ stem: { zh: '' } }, 'stem'],
        [{ options: [{ key: 'A', label: { zh: '只有一个' } }], correct: ['A'] }, 'options'],
        [{ type: 'fill_blank', options: [], correct: [], stem: { zh: '抽真空应达到 ___ Pa，保压 ___ 分钟。' }, blanks: [['60']] }, 'blanks'],
        [{ type: 'fill_blank', options: [], correct: [], stem: { zh: '抽真空应达到 ___ Pa。' }, blanks: [[]] }, 'blanks[0]'],
        [{ type: 'short_answer', options: [], correct: [] }, 'reference'],
        [{ type: 'true_false', options: [], correct: ['yes'] }, 'correct'],
        [{ colour: 'red' }, 'colour'],
        [{ ranks: 'two' }, 'ranks'],
        [{ options: [{ key: 'A', label: 'A' }, { key: 'B', label: { zh: 'b' } }] }, 'options[0].label'],
      ];
      for (const [over, field] of cases) {
        const r = await as.hr.post('/api/v1/questions', { json: single({ code: 'T-BAD', ...over }) });
        assert.equal(r.status, 422, `${field}: ${r.status}`);
        assert.ok(r.body.errors.some((e) => e.field === field), `${field}: ${JSON.stringify(r.body.errors)}`);
      }
      const en = new Client(srv.url, 'en-US');
      await en.login('hr');
      const r = await en.post('/api/v1/questions', { json: single({ code: 'T-BAD', correct: ['E'] }) });
      assert.match(r.body.errors.find((e) => e.field === 'correct').message, /not an option/);
      assert.equal((await as.hr.get('/api/v1/questions')).body.total, before);
    });

    test('a stem much like one in the bank is saved with a warning naming it; a case saves with its parts', async () => {
      const bank = (await as.hr.get('/api/v1/questions?product_line=%E5%AE%B6%E7%94%A8%E7%A9%BA%E8%B0%83&type=single&page_size=1')).body.items[0];
      const near = await as.hr.post('/api/v1/questions', { json: { ...single({ code: 'T-NEAR' }), product_line: '家用空调', stem: { zh: bank.stem.zh + '（）' }, knowledge_point: bank.knowledge_point } });
      assert.equal(near.status, 201, JSON.stringify(near.body));
      assert.equal(near.body.warnings.length, 1);
      assert.match(near.body.warnings[0].message.zh, new RegExp(bank.code));
      const scenario = {
        code: 'T-CASE', type: 'case', product_line: '洗衣机', knowledge_point: '排水系统', ranks: [3], difficulty: 3,
        stem: { zh: '用户报修：滚筒洗衣机洗涤后不排水，显示 E21，排水泵有嗡嗡声。' },
        parts: [
          { code: 'T-CASE-1', type: 'true_false', knowledge_point: '排水系统', difficulty: 2, stem: { zh: '排水泵有嗡嗡声说明泵一定已烧毁。' }, correct: ['false'] },
          { code: 'T-CASE-2', type: 'fill_blank', knowledge_point: '排水系统', difficulty: 3, stem: { zh: '应先清理 ___ 中的异物。' }, blanks: [['过滤器', '排水过滤器']] },
        ],
      };
      const made = await as.hr.post('/api/v1/questions', { json: scenario });
      assert.equal(made.status, 201, JSON.stringify(made.body));
      assert.deepEqual(made.body.parts.map((p) => [p.code, p.case_code, p.product_line]), [['T-CASE-1', 'T-CASE', '洗衣机'], ['T-CASE-2', 'T-CASE', '洗衣机']]);
      const badPart = await as.hr.request('PUT', `/api/v1/questions/${made.body.id}`, { json: { ...scenario, parts: [scenario.parts[0], { ...scenario.parts[1], blanks: [] }] } });
      assert.equal(badPart.status, 422);
      assert.ok(badPart.body.errors.some((e) => e.field === 'parts[1].blanks'), JSON.stringify(badPart.body.errors));
      const fewer = await as.hr.request('PUT', `/api/v1/questions/${made.body.id}`, { json: { ...scenario, parts: [scenario.parts[0]] } });
      assert.equal(fewer.body.version, 2);
      assert.deepEqual(fewer.body.parts.map((p) => p.code), ['T-CASE-1'], 'a part left out goes with the new version');
    });

    test('pictures: PNG or JPEG only, within the limits, stored once, served cached to those who may see them', async () => {
      const up = (body, type = 'image/png', who = 'hr') => as[who].request('POST', '/api/v1/question-images', { body, headers: { 'Content-Type': type } });
      const picture = png(64, 48);
      const made = await up(picture);
      assert.equal(made.status, 201, JSON.stringify(made.body));
      assert.deepEqual([made.body.media_type, made.body.width, made.body.height, made.body.size], ['image/png', 64, 48, picture.length]);
      assert.equal((await up(picture)).body.id, made.body.id, 'the same picture is stored once');
      for (const [bad, why] of [[Buffer.from('GIF89a\x01\x00\x01\x00'), /PNG 或 JPEG/], [picture.subarray(0, picture.length - 4), /不完整或已损坏/],
        [Buffer.concat([png(8, 8).subarray(0, 33), Buffer.alloc(1 << 20), png(8, 8).subarray(33)]), /1 MB/], [png(5000, 1), /4096/]]) {
        const r = await up(bad);
        assert.equal(r.status, 422, String(why));
        assert.equal(r.body.errors[0].field, 'file');
        assert.match(r.body.errors[0].message, why);
      }
      assert.equal((await up(picture, 'image/png', 'examiner')).status, 403);
      // A question shows it below its stem; a picture that does not exist is refused.
      const q = single({ code: 'T-IMG', stem: { zh: '如图所示的四通阀线圈接线端子，哪一组应测得约 1.5 kΩ？' }, images: [made.body.id] });
      const none = await as.hr.post('/api/v1/questions', { json: { ...q, images: [999999] } });
      assert.equal(none.status, 422);
      assert.deepEqual(none.body.errors.map((e) => e.field), ['images']);
      assert.equal((await as.hr.get('/api/v1/questions?q=T-IMG')).body.total, 0, 'nothing saved');
      assert.equal((await as.hr.post('/api/v1/questions', { json: { ...q, images: [made.body.id, made.body.id] } })).status, 422, 'each picture once');
      const saved = await as.hr.post('/api/v1/questions', { json: q });
      assert.equal(saved.status, 201, JSON.stringify(saved.body));
      assert.deepEqual(saved.body.images, [made.body.id]);
      const again = await as.hr.request('PUT', `/api/v1/questions/${saved.body.id}`, { json: { ...q, images: [] } });
      assert.equal(again.body.version, 2, 'taking the picture away is a new version');
      // Served with its digest: cached, revalidated with 304.
      const url = `/api/v1/question-images/${made.body.id}`;
      const got = await as.examiner.get(url);
      assert.equal(got.status, 200);
      assert.equal(got.headers.get('content-type'), 'image/png');
      assert.ok(Buffer.from(got.body).equals(picture));
      assert.match(got.headers.get('cache-control'), /max-age=31536000/);
      const etag = got.headers.get('etag');
      assert.equal((await as.examiner.get(url, { headers: { 'If-None-Match': etag } })).status, 304);
      for (const who of ['engineer', 'manager']) assert.equal((await as[who].get(url)).status, 404, `${who}: not on a paper of theirs`);
      assert.equal((await as.auditor.get('/api/v1/question-images/999999')).status, 404);
    });

    test('a .zip of the sheet with its pictures: each picture checked on its row, every row or none; the export with pictures reads back unchanged', async () => {
      const head = HEADER.trimEnd() + ',图片\n';
      const row = (code, stem, pictures) => `${code},单选,空调,电控,中级,2,${stem},,电源板,主控板,显示板,遥控器,,,,B,,,,,,,${pictures}`;
      const zip = async (rows, files) => {
        const z = new JSZip();
        z.file('题库/questions.csv', head + rows.join('\n') + '\n');
        for (const [name, bytes] of Object.entries(files)) z.file(`题库/图片/${name}`, bytes);
        return { body: await z.generateAsync({ type: 'nodebuffer' }), headers: { 'Content-Type': 'application/zip' } };
      };
      const before = (await as.hr.get('/api/v1/questions')).body.total;
      const big = Buffer.concat([png(8, 8).subarray(0, 33), Buffer.alloc(1 << 20), png(8, 8).subarray(33)]);
      const bad = await as.hr.imported('/api/v1/questions/import', await zip([
        row('Z-0001', '图中哪块电路板负责与室外机通信？', 'missing.png'),
        row('Z-0002', '图中哪块电路板上有压敏电阻？', 'fake.png'),
        row('Z-0003', '图中哪块电路板为整机供电？', 'big.png'),
        row('Z-0004', '图中哪块电路板显示故障代码？', 'board.png'),
      ], { 'fake.png': Buffer.from('这不是图片'), 'big.png': big, 'board.png': png(40, 30) }));
      assert.equal(bad.state, 'failed');
      assert.deepEqual(bad.report.errors.map((e) => [e.row, e.column]), [[2, '图片'], [3, '图片'], [4, '图片']]);
      assert.match(bad.report.errors[0].message.zh, /压缩包中没有图片 missing\.png/);
      assert.match(bad.report.errors[1].message.zh, /fake\.png：只接受 PNG 或 JPEG 图片/);
      assert.match(bad.report.errors[2].message.zh, /big\.png：图片不能超过 1 MB/);
      assert.equal((await as.hr.get('/api/v1/questions')).body.total, before, 'nothing imported');
      const plain = await as.hr.imported('/api/v1/questions/import', { body: head + row('Z-0005', '图中哪块板坏了？', 'board.png') + '\n', headers: { 'Content-Type': 'text/csv' } });
      assert.equal(plain.state, 'failed');
      assert.match(plain.report.errors[0].message.zh, /打包为 \.zip/);
      const good = await as.hr.imported('/api/v1/questions/import', await zip([
        row('Z-0001', '图中哪块电路板负责与室外机通信？', 'board.png'),
        row('Z-0002', '图中哪块电路板上有压敏电阻？', 'board.png、wiring.png'),
      ], { 'board.png': png(40, 30), 'wiring.png': png(20, 20, [0, 0, 200]) }));
      assert.equal(good.state, 'succeeded', JSON.stringify(good.report));
      assert.equal(good.report.created, 2);
      const list = (await as.hr.get('/api/v1/questions?q=Z-000')).body.items;
      const [one, two] = ['Z-0001', 'Z-0002'].map((c) => list.find((q) => q.code === c));
      assert.equal(one.images.length, 1);
      assert.equal(two.images.length, 2);
      assert.equal(two.images[0], one.images[0], 'the same picture is stored once');
      const served = await as.hr.get(`/api/v1/question-images/${two.images[1]}`);
      assert.ok(Buffer.from(served.body).equals(png(20, 20, [0, 0, 200])));
      // The export with pictures: the sheet names them, the archive holds them, and it imports unchanged.
      const exported = await as.hr.get('/api/v1/questions/export.zip');
      assert.equal(exported.status, 200);
      const z = await JSZip.loadAsync(exported.body);
      assert.ok(z.file('questions.xlsx'));
      assert.ok(z.file(`images/${two.images[1]}.png`));
      const again = await as.hr.imported('/api/v1/questions/import', { body: exported.body, headers: { 'Content-Type': 'application/zip' } });
      assert.equal(again.state, 'succeeded', JSON.stringify(again.report));
      assert.deepEqual([again.report.created, again.report.updated], [0, 0]);
    });

    test('retiring asks for a reason, takes the question out of the list and can be undone', async () => {
      const made = await as.hr.post('/api/v1/questions', { json: single({ code: 'T-OLD', stem: { zh: '冰箱门封条老化会导致哪种现象？' } }) });
      const id = made.body.id;
      assert.equal((await as.hr.post(`/api/v1/questions/${id}/retire`, { json: { retired: true } })).status, 422);
      const gone = await as.hr.post(`/api/v1/questions/${id}/retire`, { json: { retired: true, reason: '题干表述过时' } });
      assert.equal(gone.status, 200);
      assert.equal(gone.body.retired, true);
      assert.ok(!(await as.hr.get('/api/v1/questions?q=T-OLD')).body.items.length);
      assert.equal((await as.hr.get('/api/v1/questions?q=T-OLD&retired=true')).body.total, 1);
      const back = await as.hr.post(`/api/v1/questions/${id}/retire`, { json: { retired: false } });
      assert.equal(back.body.retired, false);
      const trail = (await as.auditor.get('/api/v1/audit?page_size=50')).body.items.map((a) => a.action);
      assert.ok(trail.includes('question.retire') && trail.includes('question.restore') && trail.includes('question.create'));
    });

    test('the sheet import: every row or none with the row and column named; again unchanged; the export reads back unchanged', async () => {
      const before = (await as.hr.get('/api/v1/questions')).body.total;
      const bad = await as.hr.imported('/api/v1/questions/import', csv([
        'I-0001,单选,热水器,燃气安全,初级,1,燃气热水器安装在哪里不符合规范？,,阳台,浴室内,厨房,通风良好的室外,,,,B,,,,,,',
        'I-0002,单选,热水器,燃气安全,初级,1,发现燃气泄漏首先应当？,,开窗关阀,开灯查看,打电话,,,,,,,,,,,',
        'I-0003,多选,热水器,燃气安全,中级,2,熄火保护装置包括哪些？,,热电偶,离子感应针,水流开关,,,,,A,G,,,,,,',
        'I-0004,填空,热水器,燃气安全,中级,2,天然气灶前压力约为 ___ Pa。,,,,,,,,,,,,,,,',
        'I-0005,单选,热水器,燃气安全,神级,9,难度与等级都不对？,,甲,乙,,,,,,A,,,,,,',
        'I-0006,单选,热水器,燃气安全,初级,1,所属案例不存在,,甲,乙,,,,,,A,,,,,,NOPE',
      ]));
      assert.equal(bad.start, 202);
      assert.equal(bad.state, 'failed');
      const rows = bad.report.errors.map((e) => [e.row, e.column]);
      for (const want of [[3, '答案'], [4, '答案'], [5, '答案'], [6, '适用等级'], [6, '难度'], [7, '所属案例']])
        assert.ok(rows.some(([r, c]) => r === want[0] && c === want[1]), `${want}: ${JSON.stringify(rows)}`);
      assert.ok(!rows.some(([r]) => r === 2), 'row 2 is good');
      assert.equal((await as.hr.get('/api/v1/questions')).body.total, before, 'nothing imported');

      const good = ['I-0001,单选,热水器,燃气安全,初级,1,燃气热水器安装在哪里不符合规范？,Where may a gas water heater not be installed?,阳台,浴室内,厨房,通风良好的室外,,,Balcony | Bathroom | Kitchen | Outdoors,B,,,,浴室通风差，易致一氧化碳中毒。,,',
        'I-0002,填空,热水器,燃气安全,中级,2,天然气灶前额定压力约为 ___ Pa。,,,,,,,,,2000 | 2000Pa,去空格、全半角,,,,,',
        'I-0003,案例,热水器,熄火保护,高级,3,用户反映热水器点火后几秒即熄火，燃气压力正常。,,,,,,,,,,,,,,,',
        'I-0003-1,简答,热水器,熄火保护,高级,3,列出三项可能原因。,,,,,,,,,,,热电偶老化、感应针积碳、风压过大。,"4|热电偶\n3|感应针\n3|风压",,,I-0003'];
      const preview = await as.hr.imported('/api/v1/questions/import?dry_run=true', csv(good));
      assert.equal(preview.state, 'succeeded', JSON.stringify(preview.report));
      assert.equal(preview.report.created, 4);
      assert.equal((await as.hr.get('/api/v1/questions')).body.total, before, 'a dry run writes nothing');
      const done = await as.hr.imported('/api/v1/questions/import', csv(good));
      assert.equal(done.state, 'succeeded', JSON.stringify(done.report));
      assert.deepEqual([done.report.created, done.report.updated, done.report.unchanged], [4, 0, 0]);
      assert.equal((await as.hr.get('/api/v1/questions')).body.total, before + 3, 'three top-level questions (the case’s part comes with it)');
      const fill = (await as.hr.get('/api/v1/questions?q=I-0002')).body.items[0];
      assert.deepEqual(fill.blanks, [['2000', '2000Pa']]);
      assert.deepEqual(fill.normalise, { trim: true, width: true, case: false });
      const again = await as.hr.imported('/api/v1/questions/import', csv(good));
      assert.deepEqual([again.report.created, again.report.updated, again.report.unchanged], [0, 0, 4]);
      const changed = await as.hr.imported('/api/v1/questions/import', csv([good[0].replace(',1,燃气', ',2,燃气')]));
      assert.deepEqual([changed.report.created, changed.report.updated], [0, 1]);
      assert.equal((await as.hr.get(`/api/v1/questions/${(await as.hr.get('/api/v1/questions?q=I-0001')).body.items[0].id}`)).body.version, 2);

      // The export is the import's sheet: read back, every row unchanged.
      const exported = await as.examiner.get('/api/v1/questions/export.xlsx');
      assert.equal(exported.status, 200);
      assert.match(exported.type, /spreadsheetml/);
      const back = await as.hr.imported('/api/v1/questions/import', { body: exported.body, headers: { 'Content-Type': 'application/octet-stream' } });
      assert.equal(back.state, 'succeeded', JSON.stringify(back.report).slice(0, 500));
      assert.equal(back.report.created + back.report.updated, 0);
      assert.ok(back.report.unchanged >= before);
      // The template imports as it is.
      const template = await as.hr.get('/api/v1/questions/import-template.xlsx');
      const fromTemplate = await as.hr.imported('/api/v1/questions/import', { body: template.body, headers: { 'Content-Type': 'application/octet-stream' } });
      assert.equal(fromTemplate.state, 'succeeded', JSON.stringify(fromTemplate.report).slice(0, 500));
      assert.equal(fromTemplate.report.created, 7);
    });
  });
}
