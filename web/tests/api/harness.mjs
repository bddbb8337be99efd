// Starts the real server (port 0) on a fresh SQLite file or PostgreSQL database with demo data,
// and offers a small client that keeps the session cookie and CSRF token.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const BIN = process.env.SKILLGRADE_BIN ?? new URL('../../../build/debug/src/skillgrade', import.meta.url).pathname;
export const PASSWORD = 'api-test-pass';
export const engines = process.env.SKILLGRADE_TEST_PG ? ['sqlite', 'postgresql'] : ['sqlite'];

let counter = 0;
export function freshDatabase(engine) {
  if (engine === 'sqlite') return join(mkdtempSync(join(tmpdir(), 'sg-api-')), 'test.db');
  const base = process.env.SKILLGRADE_TEST_PG;
  const name = `sgapi_${process.pid}_${counter++}_${Date.now() % 100000}`;
  execFileSync('psql', ['-q', `${base}postgres`, '-c', `CREATE DATABASE ${name}`]);
  return base + name;
}

// With `db`, serves that existing database as it is; otherwise a fresh one with demo data.
export async function startServer(engine, { engineers = 60, db: existing } = {}) {
  const db = existing ?? freshDatabase(engine);
  const env = { ...process.env, ASAN_OPTIONS: 'detect_leaks=0', SKILLGRADE_FAST_PASSWORD_HASHING: '1', SKILLGRADE_LOG_LEVEL: 'warn' };
  if (!existing) execFileSync(BIN, ['demo', '--db', db, '--password', PASSWORD, '--engineers', String(engineers)], { env });
  const proc = spawn(BIN, ['serve', '--db', db, '--port', '0'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    proc.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/\S+)/);
      if (m) resolve(m[1]);
    });
    proc.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
  return { url, db, stop: () => proc.kill('SIGTERM') };
}

export class Client {
  constructor(url, lang = 'zh-CN') {
    this.url = url;
    this.lang = lang;
    this.cookie = '';
    this.csrf = '';
  }
  async login(username, password = PASSWORD) {
    const res = await this.request('POST', '/api/v1/auth/login', { json: { username, password } });
    if (res.status === 200) {
      this.cookie = res.headers.get('set-cookie').split(';')[0];
      this.csrf = res.body.csrf_token;
    }
    return res;
  }
  async request(method, path, { json, body, headers = {}, csrf = true } = {}) {
    const h = { 'Accept-Language': this.lang, ...headers };
    if (this.cookie) h.Cookie = this.cookie;
    if (csrf && this.csrf && method !== 'GET') h['X-CSRF-Token'] = this.csrf;
    let payload = body;
    if (json !== undefined) {
      payload = JSON.stringify(json);
      h['Content-Type'] = 'application/json';
    }
    const res = await fetch(this.url + path, { method, headers: h, body: payload });
    const type = res.headers.get('content-type') ?? '';
    const raw = Buffer.from(await res.arrayBuffer());
    const parsed = type.includes('json') ? JSON.parse(raw.toString('utf8')) : raw;
    return { status: res.status, headers: res.headers, body: parsed, type };
  }
  get(path, opts) {
    return this.request('GET', path, opts);
  }
  post(path, opts) {
    return this.request('POST', path, opts);
  }
}
