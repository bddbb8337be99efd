// The short crash loop of the online exam (make crash runs the long one): candidates save answers
// while the server is killed with SIGKILL; every acknowledged answer survives each restart, and the
// database passes its integrity check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engines } from './harness.mjs';
import { crashLoop } from '../crash/exam-crash.mjs';

for (const engine of engines) {
  test(`acknowledged answers survive kill -9 on ${engine}`, { timeout: 240_000 }, async () => {
    const r = await crashLoop({ engine, kills: engine === 'sqlite' ? 10 : 3, candidates: 50 });
    assert.equal(r.kills, engine === 'sqlite' ? 10 : 3);
    assert.ok(r.acknowledged > 100, `only ${r.acknowledged} saves acknowledged`);
    assert.ok(r.checked > 0);
  });
}
