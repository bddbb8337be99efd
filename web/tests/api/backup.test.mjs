// The database file belongs to the storage layer: a second process (backup, audit verify) may open
// it while a server writes, and afterwards every write the API acknowledged is in the file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { BIN, startServer, Client } from './harness.mjs';

const run = promisify(execFile);
const env = { ...process.env, ASAN_OPTIONS: 'detect_leaks=0', SKILLGRADE_LOG_LEVEL: 'warn' };
const sql = (db, query) => execFileSync('sqlite3', [db, query]).toString().trim();

test('backup and audit verify run beside a serving database under write load; no acknowledged write is lost', async () => {
  const srv = await startServer('sqlite', { engineers: 10 });
  const hr = new Client(srv.url);
  await hr.login('hr');
  const acknowledged = [];
  let writing = true;
  const writer = (async () => {
    for (let i = 0; writing || i < 40; i++) {
      const no = `BK${String(i).padStart(5, '0')}`;
      const r = await hr.post('/api/v1/engineers', {
        json: { employee_no: no, name: `备份测试${i}`, org_unit: 'SC-EAST-SH-T1', hire_date: '2021-03-01', career_start: '2020-07-01', education: '本科', product_lines: ['冰箱'] },
      });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      acknowledged.push(no);
    }
  })();
  const copies = [];
  for (let round = 0; round < 3; round++) {
    const to = `${srv.db}.backup-${round}`;
    const [b, v] = await Promise.all([
      run(BIN, ['backup', '--db', srv.db, '--to', to], { env }),
      run(BIN, ['audit', 'verify', '--db', srv.db], { env }),
    ]);
    assert.match(b.stdout, /backup written to/);
    assert.match(v.stdout, /audit chain intact/);
    copies.push(to);
  }
  writing = false;
  await writer;
  // The server goes on writing after the other processes closed the file.
  const after = await hr.post('/api/v1/engineers', {
    json: { employee_no: 'BK-LAST', name: '最后一位', org_unit: 'SC-EAST-SH-T1', hire_date: '2021-03-01', career_start: '2020-07-01', education: '本科', product_lines: ['冰箱'] },
  });
  assert.equal(after.status, 201);
  acknowledged.push('BK-LAST');
  await srv.stopped();

  const stored = new Set(sql(srv.db, "SELECT employee_no FROM engineers WHERE employee_no LIKE 'BK%'").split('\n'));
  const lost = acknowledged.filter((no) => !stored.has(no));
  assert.deepEqual(lost, [], `${lost.length} acknowledged writes are missing from the file`);
  assert.ok(acknowledged.length >= 41);
  for (const copy of copies) {
    assert.ok(!existsSync(`${copy}-wal`), 'a backup is one file');
    assert.equal(sql(copy, 'PRAGMA integrity_check'), 'ok');
    const n = Number(sql(copy, "SELECT COUNT(*) FROM engineers WHERE employee_no LIKE 'BK%'"));
    assert.ok(n <= acknowledged.length);
    const verified = await run(BIN, ['audit', 'verify', '--db', copy], { env });
    assert.match(verified.stdout, /audit chain intact/);
  }
});

test('backup refuses to overwrite the database itself and explains PostgreSQL', async () => {
  const srv = await startServer('sqlite', { engineers: 5 });
  try {
    await assert.rejects(run(BIN, ['backup', '--db', srv.db, '--to', srv.db], { env }), (e) => /another file/.test(e.stderr));
  } finally {
    srv.stop();
  }
  if (process.env.SKILLGRADE_TEST_PG) {
    const pg = await startServer('postgresql', { engineers: 5 });
    try {
      await assert.rejects(run(BIN, ['backup', '--db', pg.db, '--to', '/tmp/x.db'], { env }), (e) => /pg_dump/.test(e.stderr));
    } finally {
      pg.stop();
    }
  }
});
