// The HTTP edge, tried as an attacker would: static files that cannot escape the build directory,
// malformed requests, strict ids and query numbers, limits before authentication, the cookie
// parser, security headers and /metrics.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, symlinkSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, basename, dirname } from 'node:path';
import { execFileSync } from 'node:child_process';
import net from 'node:net';
import { startServer, Client, rawRequest, rssOf } from './harness.mjs';

const corpus = (name) =>
  readFileSync(new URL(`./data/${name}`, import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'));

// A build directory of our own: two files, a link to /etc/passwd and a link to /etc.
function webDir() {
  const dir = mkdtempSync(join(tmpdir(), 'sg-web-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>skillgrade</title><div id="root"></div>');
  writeFileSync(join(dir, 'assets', 'app-1234.js'), 'console.log("app")');
  symlinkSync('/etc/passwd', join(dir, 'leak'));
  symlinkSync('/etc', join(dir, 'leak-dir'));
  symlinkSync('/etc/passwd', join(dir, 'assets', 'leak'));
  return dir;
}

let srv, dir;
before(async () => {
  dir = webDir();
  // 64 connections per address here (the product allows 256 by default, for exam rooms behind one NAT address).
  srv = await startServer('sqlite', { engineers: 20, staticDir: dir, env: { SKILLGRADE_CONNECTIONS_PER_ADDRESS: '64' } });
});
after(() => srv.stop());

describe('static files', () => {
  test('no spelling of a path answers with the bytes of a file outside the build directory', async () => {
    symlinkSync(srv.db, join(dir, 'assets', 'db-link'));  // added after start-up: never served either
    const secrets = ['/etc/passwd', '/etc/hostname', srv.db, '/proc/self/environ']
      .filter((f) => existsSync(f))
      .map((f) => readFileSync(f))
      .filter((b) => b.length >= 8);
    const sqliteMagic = Buffer.from('SQLite format 3');
    const spellings = [...corpus('traversal.txt'), '/assets/db-link'].map((l) =>
      l.replaceAll('{db}', srv.db.slice(1)).replaceAll('{dbname}', basename(srv.db)));
    assert.ok(spellings.length >= 40);
    for (const path of spellings) {
      const res = await rawRequest(srv.url, `GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
      assert.ok([200, 400, 404].includes(res.status), `${path}: status ${res.status}`);
      assert.ok(!res.body.includes(sqliteMagic), `${path} answered with a database`);
      for (const s of secrets) assert.ok(!res.body.includes(s.subarray(0, 64)), `${path} answered with a file outside the build`);
      if (res.status === 200) assert.match(res.body.toString(), /<title>skillgrade<\/title>/, `${path}: only the app's own files`);
      else assert.equal(res.headers['content-type'], 'application/problem+json', path);
    }
  });

  test('files come from memory with an ETag, gzip when taken, and index.html for client routes', async () => {
    const js = await fetch(`${srv.url}/assets/app-1234.js`);
    assert.equal(js.status, 200);
    assert.equal(await js.text(), 'console.log("app")');
    assert.match(js.headers.get('cache-control'), /immutable/);
    const etag = js.headers.get('etag');
    assert.match(etag, /^"[0-9a-f]{16}"$/);
    const again = await fetch(`${srv.url}/assets/app-1234.js`, { headers: { 'If-None-Match': etag } });
    assert.equal(again.status, 304);
    const route = await fetch(`${srv.url}/cycles/7`);
    assert.equal(route.status, 200);
    assert.match(await route.text(), /<div id="root">/);
    const missing = await fetch(`${srv.url}/assets/nope.js`);
    assert.equal(missing.status, 404);
    assert.equal(missing.headers.get('content-type'), 'application/problem+json');
    // A file added after start-up is not served: the table is built once.
    writeFileSync(join(dir, 'assets', 'late.js'), 'late');
    assert.equal((await fetch(`${srv.url}/assets/late.js`)).status, 404);
  });

  test('a wrong method on a static path is 405 with Allow', async () => {
    const res = await fetch(`${srv.url}/index.html`, { method: 'DELETE' });
    assert.equal(res.status, 405);
    assert.equal(res.headers.get('allow'), 'GET, HEAD');
    assert.equal(res.headers.get('content-type'), 'application/problem+json');
  });
});

describe('malformed requests', () => {
  test('each gets problem+json and the connection is closed', async () => {
    const cases = corpus('malformed.txt').map((l) => JSON.parse(l));
    assert.ok(cases.length >= 20);
    for (const c of cases) {
      const bytes = c.request.replace(/\{\{([\s\S]*?)\*(\d+)\}\}/g, (_, x, n) => x.repeat(Number(n)));
      const res = await rawRequest(srv.url, Buffer.from(bytes, 'latin1'));
      assert.equal(res.status, c.status, `${c.name}: status ${res.status}`);
      assert.equal(res.headers['content-type'], 'application/problem+json', c.name);
      const problem = JSON.parse(res.body.toString('utf8'));
      assert.equal(problem.status, c.status, c.name);
      assert.ok(problem.code && problem.title, c.name);
      assert.ok(res.closed, `${c.name}: the connection stays open`);
    }
    assert.equal((await fetch(`${srv.url}/healthz`)).status, 200);
  });

  test('a wrong method on a known API path is 405 with Allow', async () => {
    const res = await fetch(`${srv.url}/api/v1/engineers`, { method: 'DELETE' });
    assert.equal(res.status, 405);
    assert.equal(res.headers.get('allow'), 'GET, POST');
    assert.equal((await res.json()).code, 'request.method');
  });
});

describe('strict ids and numbers', () => {
  let hr;
  before(async () => {
    hr = new Client(srv.url);
    assert.equal((await hr.login('hr')).status, 200);
  });

  test('ids that are not plain positive decimals match no route (404 problem+json)', async () => {
    for (const id of ['0', '000', '-1', '01', '+1', '9223372036854775808', '99999999999999999999', '1e3', '7%2F8', '%37', '1.0', '0x10', '%201', '1%20']) {
      const res = await rawRequest(srv.url, `GET /api/v1/engineers/${id} HTTP/1.1\r\nHost: x\r\nCookie: ${hr.cookie}\r\nConnection: close\r\n\r\n`);
      assert.equal(res.status, 404, `id ${id}`);
      assert.equal(res.headers['content-type'], 'application/problem+json', `id ${id}`);
    }
    assert.equal((await hr.get('/api/v1/engineers/9223372036854775807')).status, 404);  // the largest id: no such engineer
  });

  test('a level change for engineer 0 writes nothing (it used to write for an unrelated engineer)', async () => {
    const audit = async () => {
      const admin = new Client(srv.url);
      await admin.login('auditor');
      return (await admin.get('/api/v1/audit?page_size=1')).body.total;
    };
    const before = await audit();
    const res = await hr.post('/api/v1/engineers/0/levels', { json: { rank: 2, since: '2026-01-01', note: 'x' } });
    assert.equal(res.status, 404);
    assert.equal(res.type, 'application/problem+json');
    const after = await audit();
    assert.equal(after, before + 1, 'only the auditor’s own sign-in was audited');
  });

  test('query numbers are strict and bounded', async () => {
    const bad = ['page=1000000000', 'page=0', 'page=01', 'page=-1', 'page=1e3', 'page=%201', 'page_size=500', 'page_size=0', 'rank=999'];
    for (const q of bad) {
      const res = await hr.get(`/api/v1/engineers?${q}`);
      assert.equal(res.status, 422, q);
      assert.ok(res.body.errors?.length, q);
    }
    assert.equal((await hr.get('/api/v1/engineers?page=1000000&page_size=200')).status, 200);
    const schemes = (await hr.get('/api/v1/schemes')).body.items;
    assert.equal((await hr.get(`/api/v1/schemes/${schemes[0].id}?version=-1`)).status, 422);
    assert.equal((await hr.get(`/api/v1/schemes/${schemes[0].id}?version=1`)).status, 200);
  });
});

describe('sessions and cookies', () => {
  test('logout reads the cookie named exactly sg_session, not one whose name ends with it', async () => {
    const c = new Client(srv.url);
    await c.login('examiner');
    const real = c.cookie.split('=')[1];
    const res = await c.post('/api/v1/auth/logout', { headers: { Cookie: `xsg_session=decoy; sg_session=${real}` } });
    assert.equal(res.status, 200);
    assert.equal((await c.get('/api/v1/auth/me')).status, 401, 'the real session ended');
    const d = new Client(srv.url);
    await d.login('examiner');
    const token = d.cookie.split('=')[1];
    // A decoy cookie with a longer name before the real one: still authenticated by the real one.
    assert.equal((await d.get('/api/v1/auth/me', { headers: { Cookie: `xsg_session=decoy; sg_session=${token}` } })).status, 200);
    assert.equal((await d.get('/api/v1/auth/me', { headers: { Cookie: `xsg_session=${token}` } })).status, 401);
  });
});

describe('limits before authentication', () => {
  test('a flood of large login and upload bodies is refused early: memory stays bounded and /healthz answers', async () => {
    const idle = rssOf(srv.pid);
    const { port } = new URL(srv.url);
    const chunk = Buffer.alloc(1 << 20, 0x61);
    let peak = idle;
    const sockets = [];
    const flood = (path, i) =>
      new Promise((resolve) => {
        const s = net.connect(Number(port), '127.0.0.1');
        sockets.push(s);
        s.on('error', () => resolve());
        s.on('close', () => resolve());
        s.on('connect', async () => {
          s.write(`POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${32 << 20}\r\n\r\n`);
          for (let mb = 0; mb < 31 && !s.destroyed; mb++) {
            if (!s.write(chunk)) await new Promise((r) => { s.once('drain', r); s.once('close', r); });
          }
          s.end();
        });
      });
    const flooding = Promise.all(Array.from({ length: 20 }, (_, i) => flood(i % 2 ? '/api/v1/auth/login' : '/api/v1/engineers/import', i)));
    const probe = setInterval(() => { peak = Math.max(peak, rssOf(srv.pid)); }, 20);
    const health = await fetch(`${srv.url}/healthz`);
    assert.equal(health.status, 200);
    await flooding;
    clearInterval(probe);
    for (const s of sockets) s.destroy();
    // 20 × 31 MB were sent; the server may hold a socket buffer or two each, never the bodies.
    assert.ok(peak - idle < 64 << 20, `RSS grew by ${((peak - idle) / 1048576).toFixed(1)} MB under the flood`);
    assert.equal((await fetch(`${srv.url}/healthz`)).status, 200);
  });

  test('connections per client address are limited to the configured number', async () => {
    const { port } = new URL(srv.url);
    const open = [];
    for (let i = 0; i < 64; i++) open.push(await new Promise((r) => { const s = net.connect(Number(port), '127.0.0.1', () => r(s)); }));
    const refused = await rawRequest(srv.url, 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
    assert.equal(refused.status, 503);
    assert.equal(refused.headers['retry-after'], '5');
    assert.equal(refused.headers['content-type'], 'application/problem+json');
    for (const s of open) s.destroy();
    await new Promise((r) => setTimeout(r, 200));
    assert.equal((await fetch(`${srv.url}/healthz`)).status, 200);
  });
});

describe('headers and metrics', () => {
  test('every answer carries the security headers; the web app is served under a strict CSP', async () => {
    for (const path of ['/', '/api/v1/auth/me', '/assets/app-1234.js', '/api/v1/nothing']) {
      const res = await fetch(srv.url + path);
      const csp = res.headers.get('content-security-policy');
      assert.match(csp, /default-src 'self'/, path);
      assert.match(csp, /script-src 'self'(;|$)/, path);
      assert.match(csp, /object-src 'none'/, path);
      assert.match(csp, /base-uri 'none'/, path);
      assert.match(csp, /frame-ancestors 'none'/, path);
      assert.equal(res.headers.get('referrer-policy'), 'no-referrer', path);
      assert.ok(res.headers.get('permissions-policy'), path);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff', path);
      assert.equal(res.headers.get('strict-transport-security'), null, `${path}: no HSTS without secure cookies`);
    }
  });

  test('HSTS is sent when the cookies are marked Secure', async () => {
    const secure = await startServer('sqlite', { engineers: 5, env: { SKILLGRADE_SECURE_COOKIES: '1' } });
    try {
      const res = await fetch(`${secure.url}/api/v1/auth/me`);
      assert.match(res.headers.get('strict-transport-security'), /max-age=31536000/);
    } finally {
      secure.stop();
    }
  });

  test('/metrics answers on its own loopback listener, and on the main port only with the bearer token', async () => {
    assert.ok(srv.metricsUrl, 'the server printed its metrics address');
    const m = await fetch(`${srv.metricsUrl}`);
    assert.equal(m.status, 200);
    assert.match(await m.text(), /skillgrade_http_requests_total/);
    assert.equal((await fetch(`${srv.url}/metrics`)).status, 404);
    const tokened = await startServer('sqlite', { engineers: 5, env: { SKILLGRADE_METRICS_TOKEN: 'metrics-secret-1', SKILLGRADE_METRICS_HOST: '' } });
    try {
      assert.equal(tokened.metricsUrl, '', 'no separate listener when its host is empty');
      assert.equal((await fetch(`${tokened.url}/metrics`)).status, 404);
      assert.equal((await fetch(`${tokened.url}/metrics`, { headers: { Authorization: 'Bearer wrong' } })).status, 404);
      const ok = await fetch(`${tokened.url}/metrics`, { headers: { Authorization: 'Bearer metrics-secret-1' } });
      assert.equal(ok.status, 200);
    } finally {
      tokened.stop();
    }
  });
});
