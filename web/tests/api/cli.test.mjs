// The command line as scripts use it: exit codes, standard input, row reports.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { BIN, PASSWORD, freshDatabase, startServer, Client } from './harness.mjs';

const env = { ...process.env, ASAN_OPTIONS: 'detect_leaks=0', SKILLGRADE_FAST_PASSWORD_HASHING: '1' };
const run = (args, input) => spawnSync(BIN, args, { env, input, encoding: 'utf8' });

test('--help lists the subcommands', () => {
  const r = run(['--help']);
  assert.equal(r.status, 0);
  for (const c of ['serve', 'migrate', 'demo', 'import', 'export', 'audit', 'user']) assert.match(r.stdout, new RegExp(`\\b${c}\\b`));
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
  const add = run(['user', 'add', '--db', db, '--username', 'hr2', '--role', 'hr'], 'hr2-password\n');
  assert.equal(add.status, 0, add.stderr);
  const weak = run(['user', 'add', '--db', db, '--username', 'hr3', '--role', 'hr'], 'short\n');
  assert.notEqual(weak.status, 0);
  assert.match(weak.stderr, /at least 8 characters/);
  assert.equal(run(['user', 'add', '--db', db, '--username', 'x', '--role', 'pilot'], 'long-enough\n').status, 2);
  assert.equal(run(['user', 'reset-password', '--db', db, '--username', 'hr2'], 'hr2-password-2\n').status, 0);
  const srv = await startServer('sqlite', { engineers: 0, db });
  try {
    const c = new Client(srv.url);
    assert.equal((await c.login('hr2', 'hr2-password')).status, 401);
    assert.equal((await c.login('hr2', 'hr2-password-2')).status, 200);
  } finally {
    srv.stop();
  }
});

test('import engineers prints a row report and exits non-zero on a bad file; nothing is written', () => {
  const db = freshDatabase('sqlite');
  assert.equal(run(['demo', '--db', db, '--password', PASSWORD, '--engineers', '5']).status, 0);
  const file = join(dirname(db), 'bad.csv');
  writeFileSync(file, '工号,姓名,组织单元编码,入职日期,参加工作日期,学历\nC1,甲,SC-EAST-SH-T1,2020-01-01,2019-01-01,本科\nC2,乙,SC-EAST-SH-T1,2020-01-01,2019-01-01,小学\n');
  const bad = run(['import', 'engineers', file, '--db', db]);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /row 3 \[学历\]/);
  writeFileSync(file, '工号,姓名,组织单元编码,入职日期,参加工作日期,学历\nC1,甲,SC-EAST-SH-T1,2020-01-01,2019-01-01,本科\n');
  const ok = run(['import', 'engineers', file, '--db', db]);
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, /imported 1 engineers/);
  const out = join(dirname(db), 'out.xlsx');
  assert.equal(run(['export', 'engineers', out, '--db', db]).status, 0);
});
