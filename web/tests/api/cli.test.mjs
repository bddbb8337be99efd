// The command line as scripts use it: exit codes, standard input, row reports.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { BIN, PASSWORD, freshDatabase, startServer, Client } from './harness.mjs';

const env = { ...process.env, ASAN_OPTIONS: 'detect_leaks=0', SKILLGRADE_FAST_PASSWORD_HASHING: '1' };
const run = (args, input, extra = {}) => spawnSync(BIN, args, { env: { ...env, ...extra }, input, encoding: 'utf8' });

test('--help lists the subcommands', () => {
  const r = run(['--help']);
  assert.equal(r.status, 0);
  for (const c of ['serve', 'migrate', 'demo', 'import', 'export', 'audit', 'user']) assert.match(r.stdout, new RegExp(`\\b${c}\\b`));
});

test('serve refuses a setting that is not a whole number in its range, naming it', () => {
  const db = freshDatabase('sqlite');
  for (const [name, value] of [['SKILLGRADE_EXAM_SNAPSHOT_DAYS', '-1'], ['SKILLGRADE_EXAM_SNAPSHOT_DAYS', '30d'], ['SKILLGRADE_WORKERS', 'four'], ['SKILLGRADE_EXAM_SWEEP_SECONDS', '0']]) {
    const r = spawnSync(BIN, ['serve', '--db', db, '--port', '0'], { env: { ...env, [name]: value }, encoding: 'utf8', timeout: 20_000 });
    assert.notEqual(r.status, 0, `${name}=${value}`);
    assert.match(r.stdout + r.stderr, new RegExp(`${name} must be a whole number`), `${name}=${value}`);
  }
});

test('audit verify exits 0 on an intact chain and 1 naming the first broken link', () => {
  const db = freshDatabase('sqlite');
  assert.equal(run(['demo', '--db', db, '--password', PASSWORD, '--engineers', '20']).status, 0);
  const ok = run(['audit', 'verify', '--db', db]);
  assert.equal(ok.status, 0, ok.stdout + ok.stderr);
  assert.match(ok.stdout, /intact/);
  assert.equal(spawnSync('sqlite3', [db, "UPDATE audit_log SET actor = 'mallory' WHERE id = 3"]).status, 0);
  const broken = run(['audit', 'verify', '--db', db]);
  assert.equal(broken.status, 1);
  assert.match(broken.stdout, /BROKEN at record 3/);
});

test('user add reads the password from standard input; reset-password too', async () => {
  const db = freshDatabase('sqlite');
  assert.equal(run(['migrate', '--db', db]).status, 0);
  const add = run(['user', 'add', '--db', db, '--username', 'hr2', '--role', 'hr'], 'maple-leaf-77\n');
  assert.equal(add.status, 0, add.stderr);
  const weak = run(['user', 'add', '--db', db, '--username', 'hr3', '--role', 'hr'], 'short\n');
  assert.notEqual(weak.status, 0);
  assert.match(weak.stderr, /at least 8 characters/);
  assert.equal(run(['user', 'add', '--db', db, '--username', 'x', '--role', 'pilot'], 'long-enough\n').status, 2);
  assert.equal(run(['user', 'reset-password', '--db', db, '--username', 'hr2'], 'maple-leaf-78\n').status, 0);
  const srv = await startServer('sqlite', { engineers: 0, db });
  try {
    const c = new Client(srv.url);
    assert.equal((await c.login('hr2', 'maple-leaf-77')).status, 401);
    assert.equal((await c.login('hr2', 'maple-leaf-78')).status, 200);
  } finally {
    srv.stop();
  }
});

test('import engineers prints a row report and exits non-zero on a bad file; nothing is written', () => {
  const db = freshDatabase('sqlite');
  assert.equal(run(['demo', '--db', db, '--password', PASSWORD, '--engineers', '5']).status, 0);
  const file = join(dirname(db), 'bad.csv');
  writeFileSync(file, '工号,姓名,组织单元编码,入职日期,参加工作日期,学历\nC1,甲,SC-EAST-SH-T1,2020-01-01,2019-01-01,本科\nC2,乙,SC-EAST-SH-T1,2020-01-01,2019-01-01,小学\n');
  // One language at a time, from the locale; the column is the file's own (Chinese) header.
  const bad = run(['import', 'engineers', file, '--db', db], undefined, { LC_ALL: '', LC_MESSAGES: '', LANG: 'C.UTF-8' });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /^(?: {2}\d+ \/ \d+ rows \(\d+%\)\n)*error: The file has 1 error; nothing was imported\n {2}row 3 \[学历\] [a-z]/);
  assert.doesNotMatch(bad.stderr.replace(/\[[^\]]*\]/g, '').replace(/小学/g, ''), /[\u4e00-\u9fff]/, bad.stderr);
  const zh = run(['import', 'engineers', file, '--db', db], undefined, { LC_ALL: '', LC_MESSAGES: '', LANG: 'zh_CN.UTF-8' });
  assert.equal(zh.status, 2);
  assert.match(zh.stderr, /^(?: {2}\d+ \/ \d+ 行 \(\d+%\)\n)*错误：文件有 1 处错误，未导入任何数据\n {2}第 3 行 \[学历\] /);
  assert.doesNotMatch(zh.stderr, /[a-z]{4,}/, zh.stderr);
  writeFileSync(file, '工号,姓名,组织单元编码,入职日期,参加工作日期,学历\nC1,甲,SC-EAST-SH-T1,2020-01-01,2019-01-01,本科\n');
  const ok = run(['import', 'engineers', file, '--db', db]);
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, /imported 1 engineer\n|已导入 1 名工程师/);
  assert.match(ok.stderr, /^ {2}1 \/ 1 (?:rows|行) \(100%\)$/m, 'not on a terminal: the progress as plain lines');
  const out = join(dirname(db), 'out.xlsx');
  assert.equal(run(['export', 'engineers', out, '--db', db]).status, 0);
});

test('evaluate --cycle prints a summary and the changes; identical inputs print identical output', async () => {
  const srv = await startServer('sqlite', { engineers: 12 });
  let db;
  try {
    db = srv.db;
    const hr = new Client(srv.url);
    await hr.login('hr');
    const phases = [['application', '2026-11-01', '2026-11-30'], ['eligibility_review', '2026-12-01', '2026-12-05'], ['written_exam', '2026-12-06', '2026-12-10']]
      .map(([phase, starts_on, ends_on]) => ({ phase, starts_on, ends_on, responsible_role: 'hr' }));
    const c = (await hr.post('/api/v1/cycles', { json: { name: 'CLI', scheme_id: 1, kind: 'promotion', open_ranks: [1, 2, 3, 4, 5], cutoff_date: '2026-11-30', phases } })).body;
    const move = async (to) => {
      const cur = await hr.get(`/api/v1/cycles/${c.id}`);
      assert.equal((await hr.request('POST', `/api/v1/cycles/${c.id}/transition`, { json: { to }, headers: { 'If-Match': cur.headers.get('etag') } })).status, 200);
    };
    await move('application');
    const engineers = (await hr.get('/api/v1/engineers?page_size=12')).body.items.filter((e) => e.rank < 5).slice(0, 2);
    for (const e of engineers) await hr.post(`/api/v1/cycles/${c.id}/applications`, { json: { engineer_id: e.id, target_rank: e.rank + 1 } });
    await move('eligibility_review');
    assert.equal((await hr.job(`/api/v1/cycles/${c.id}/eligibility-review`)).job.state, 'succeeded');
    const apps = (await hr.get(`/api/v1/cycles/${c.id}/applications?page_size=200`)).body.items;
    for (const a of apps) if (a.status !== 'eligible') await hr.post(`/api/v1/applications/${a.id}/override`, { json: { eligible: true, reason: '测试' } });
    await move('written_exam');
    for (const a of apps) for (const k of ['written', 'practical', 'interview', 'performance']) await hr.post(`/api/v1/applications/${a.id}/scores`, { json: { component: k, score: 88 } });
  } finally {
    srv.stop();
  }
  await new Promise((r) => setTimeout(r, 300));
  // Nothing stored yet: every result is a difference, so the dry run exits 1.
  const first = run(['evaluate', '--db', db, '--cycle', '1', '--dry-run']);
  assert.equal(first.status, 1, first.stderr);
  assert.match(first.stdout, /cycle 1: 2 evaluated/);
  assert.match(first.stdout, /\+ application/);
  assert.equal(run(['evaluate', '--db', db, '--cycle', '1', '--dry-run']).stdout, first.stdout);
  // Read on two threads (from the first application on), the output is the same.
  const parallel = run(['evaluate', '--db', db, '--cycle', '1', '--dry-run'], undefined, { SKILLGRADE_PARALLEL_EVALUATION_FROM: '1' });
  assert.equal(parallel.status, 1, parallel.stderr);
  assert.equal(parallel.stdout, first.stdout);
  assert.equal(run(['evaluate', '--db', db, '--cycle', '1']).status, 0);
  const same = run(['evaluate', '--db', db, '--cycle', '1', '--dry-run']);
  assert.equal(same.status, 0, same.stderr);
  assert.match(same.stdout, /\nidentical to the stored results\n$/);
  // One score changes: the diff lists that application with its stored line and its new one.
  const again = await startServer('sqlite', { db });
  let amended;
  try {
    const hr = new Client(again.url);
    await hr.login('hr');
    const app = (await hr.get('/api/v1/cycles/1/applications')).body.items.find((a) => a.status === 'eligible');
    assert.equal((await hr.post(`/api/v1/applications/${app.id}/scores`, { json: { component: 'written', score: 40 } })).status, 200);
    amended = app.id;
  } finally {
    again.stop();
  }
  await new Promise((r) => setTimeout(r, 300));
  const diff = run(['evaluate', '--db', db, '--cycle', '1', '--dry-run']);
  assert.equal(diff.status, 1, diff.stderr);
  const changed = diff.stdout;
  assert.match(changed, new RegExp(`~ application ${amended}: 88\\.00 passed rank \\d -> \\d+\\.\\d\\d (not )?passed rank \\d`));
  assert.match(changed, /change\(s\) against the stored results \(0 new, [12] changed, 0 gone\)/, 'the other applicant may move up a rank');
  const missing = run(['evaluate', '--db', db, '--cycle', '99']);
  assert.equal(missing.status, 2);
});

test('evaluate --dry-run replays a closed cycle: exit 0 when identical, 1 with the difference listed, 2 on an error', () => {
  const db = freshDatabase('sqlite');
  assert.equal(run(['demo', '--db', db, '--password', PASSWORD, '--engineers', '40']).status, 0);
  const sql = (q) => spawnSync('sqlite3', [db, q], { encoding: 'utf8' });
  const closed = sql("SELECT id FROM cycles WHERE status = 'closed'").stdout.trim();
  assert.match(closed, /^\d+$/);
  const en = { LC_ALL: '', LC_MESSAGES: '', LANG: 'C.UTF-8' };
  const zh = { LC_ALL: '', LC_MESSAGES: '', LANG: 'zh_CN.UTF-8' };
  const same = run(['evaluate', '--db', db, '--cycle', closed, '--dry-run'], undefined, en);
  assert.equal(same.status, 0, same.stdout + same.stderr);
  assert.match(same.stdout, /\(dry run, nothing stored\)\neligibility: the verdicts stored at the review/);
  assert.match(same.stdout, /\nidentical to the stored results\n$/);
  const samezh = run(['evaluate', '--db', db, '--cycle', closed, '--dry-run'], undefined, zh);
  assert.equal(samezh.status, 0, samezh.stderr);
  assert.match(samezh.stdout, /\n与存储的结果一致\n$/);
  // A real evaluation of the closed cycle stays refused.
  const real = run(['evaluate', '--db', db, '--cycle', closed], undefined, en);
  assert.equal(real.status, 2);
  assert.match(real.stderr, /The evaluation runs during the assessment phases/);
  // One stored total changed behind the application's back: exactly that application differs.
  const [app, total] = sql(`SELECT application_id, total FROM results WHERE cycle_id = ${closed} AND passed = 1 ORDER BY application_id LIMIT 1`).stdout.trim().split('|');
  const no = sql(`SELECT e.employee_no FROM applications a JOIN engineers e ON e.id = a.engineer_id WHERE a.id = ${app}`).stdout.trim();
  assert.equal(sql(`UPDATE results SET total = ${Number(total) + 500} WHERE application_id = ${app}`).status, 0);
  const diff = run(['evaluate', '--db', db, '--cycle', closed, '--dry-run'], undefined, en);
  assert.equal(diff.status, 1, diff.stderr);
  const stored = ((Number(total) + 500) / 100).toFixed(2), replayed = (Number(total) / 100).toFixed(2);
  assert.match(diff.stdout, new RegExp(`\\n~ application ${app}: ${stored.replace('.', '\\.')} passed rank \\d+ -> ${replayed.replace('.', '\\.')} passed rank \\d+  \\[${no} `));
  assert.match(diff.stdout, /\n1 change\(s\) against the stored results \(0 new, 1 changed, 0 gone\)\n$/);
  const diffzh = run(['evaluate', '--db', db, '--cycle', closed, '--dry-run'], undefined, zh);
  assert.equal(diffzh.status, 1);
  assert.match(diffzh.stdout, /\n与存储的结果有 1 处不同（新增 0，变化 1，消失 0）\n$/);
  // Errors are neither 0 nor 1: an unknown cycle, a cycle id that is not a number, no database.
  const missing = run(['evaluate', '--db', db, '--cycle', '999', '--dry-run'], undefined, en);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /No such cycle/);
  for (const bad of ['abc', '1x', '']) {
    const r = run(['evaluate', '--db', db, '--cycle', bad, '--dry-run'], undefined, en);
    assert.ok(r.status >= 2, `--cycle '${bad}' exits ${r.status}`);
  }
  const help = run(['evaluate', '--help']);
  assert.match(help.stdout, /0 when the results are identical to the stored ones, 1 when they differ, 2 on an error/);
});

test('serve stops on SIGTERM while it is answering requests, every time', async () => {
  // The signal used to be handled by code that allocates; a signal landing inside malloc hung the process.
  const first = await startServer('sqlite', { engineers: 5 });
  await first.stopped();
  for (let round = 0; round < 8; round++) {
    const srv = await startServer('sqlite', { db: first.db });
    // Not awaited: requests cut off by the stop may never settle.
    for (let i = 0; i < 64; i++) fetch(`${srv.url}/api/v1/auth/me`, { signal: AbortSignal.timeout(2000) }).catch(() => null);
    await new Promise((r) => setTimeout(r, round * 3));
    const exit = srv.stopped();
    const timeout = new Promise((r) => setTimeout(() => r('hung'), 10000));
    const how = await Promise.race([exit, timeout]);
    if (how === 'hung') process.kill(srv.pid, 'SIGKILL');
    assert.notEqual(how, 'hung', `round ${round}: the server did not stop within 10 s`);
  }
});
