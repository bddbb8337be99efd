// api/openapi.yaml is the contract: every route of the server is in it and nothing else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { BIN } from './harness.mjs';

test('the route table and api/openapi.yaml list the same operations', () => {
  const out = execFileSync(BIN, ['routes'], { env: { ...process.env, ASAN_OPTIONS: 'detect_leaks=0' } }).toString();
  const routes = out.trim().split('\n').map((l) => { const [m, p] = l.split(' '); return `${m} ${p}`; }).sort();
  const spec = parse(readFileSync(new URL('../../../api/openapi.yaml', import.meta.url), 'utf8'));
  const ops = [];
  for (const [path, item] of Object.entries(spec.paths))
    for (const m of Object.keys(item)) if (['get', 'post', 'put', 'patch', 'delete'].includes(m)) ops.push(`${m.toUpperCase()} ${path}`);
  assert.deepEqual(routes, ops.sort());
});
