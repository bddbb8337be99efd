// Starts the real server (port 0) on a fresh SQLite file or PostgreSQL database with demo data,
// and offers a small client that keeps the session cookie and CSRF token.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import net from 'node:net';
import zlib from 'node:zlib';
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
// `mfaRoles`: the roles that must enrol a second factor (none by default here, so that the tests
// sign in as every role with a password; the product's default is admin). `env`: more settings.
export async function startServer(engine, { engineers = 60, db: existing, mfaRoles = '', env: extra = {}, staticDir } = {}) {
  const db = existing ?? freshDatabase(engine);
  const env = {
    ...process.env,
    ASAN_OPTIONS: 'detect_leaks=0',
    SKILLGRADE_FAST_PASSWORD_HASHING: '1',
    SKILLGRADE_LOG_LEVEL: 'warn',
    SKILLGRADE_MFA_REQUIRED_ROLES: mfaRoles,
    SKILLGRADE_METRICS_PORT: '0',
    ...extra,
  };
  if (!existing) execFileSync(BIN, ['demo', '--db', db, '--password', PASSWORD, '--engineers', String(engineers)], { env });
  const args = ['serve', '--db', db, '--port', '0'];
  if (staticDir) args.push('--static-dir', staticDir);
  const proc = spawn(BIN, args, { env, stdio: ['ignore', 'pipe', 'inherit'] });
  let metricsUrl = '';
  const url = await new Promise((resolve, reject) => {
    let out = '';
    proc.stdout.on('data', (d) => {
      out += d;
      const metrics = out.match(/metrics on (http:\/\/\S+)/);
      if (metrics) metricsUrl = metrics[1];
      const m = out.match(/listening on (http:\/\/\S+)/);
      if (m) resolve(m[1]);
    });
    proc.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
  const exited = new Promise((resolve) => proc.on('exit', resolve));
  return { url, db, metricsUrl, pid: proc.pid, stop: () => proc.kill('SIGTERM'), stopped: () => { proc.kill('SIGTERM'); return exited; }, killed: () => { proc.kill('SIGKILL'); return exited; } };
}

// The server process's resident memory in bytes (Linux).
export function rssOf(pid) {
  const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
  return Number(m[1]) * 1024;
}

// One raw HTTP exchange over a new TCP connection: the bytes as given (no normalisation of the
// target, as fetch would do), the whole answer until the server closes or `timeout` ms pass.
export function rawRequest(url, bytes, { timeout = 5000 } = {}) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const chunks = [];
    let closed = false;
    const sock = net.connect(Number(port), hostname, () => sock.write(bytes));
    const done = () => {
      const raw = Buffer.concat(chunks);
      const split = raw.indexOf('\r\n\r\n');
      const head = (split < 0 ? raw : raw.subarray(0, split)).toString('latin1');
      const [statusLine, ...lines] = head.split('\r\n');
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      resolve({ status: Number(statusLine.split(' ')[1] ?? 0), headers, body: split < 0 ? Buffer.alloc(0) : raw.subarray(split + 4), closed });
    };
    sock.on('data', (d) => chunks.push(d));
    sock.on('end', () => { closed = true; });
    sock.on('error', () => { closed = true; });
    sock.on('close', done);
    sock.setTimeout(timeout, () => sock.destroy());
  });
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
    if (this.cookie && !('Cookie' in headers)) h.Cookie = this.cookie;
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
  // Waits for the job at `location` to end: the job as it ended (succeeded, failed or cancelled).
  async settle(location) {
    for (let i = 0; i < 600; i++) {
      const j = await this.get(location);
      if (j.status !== 200) throw new Error(`${location}: ${j.status} ${JSON.stringify(j.body)}`);
      if (!['queued', 'running'].includes(j.body.state)) return j.body;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`${location} did not end`);
  }
  // POSTs work that runs as a job (the review, the evaluation): the answer, and with a 202 the job
  // as it ended.
  async job(path, opts) {
    const r = await this.post(path, opts);
    return { ...r, job: r.status === 202 ? await this.settle(r.headers.get('location')) : null };
  }
  // Runs an import as its job: the start's status, the state the job ended in, and its report: the
  // job's result when it succeeded, its error (the row/column report) when it failed, the refusal's
  // problem when no job started.
  async imported(path, opts) {
    const r = await this.job(path, opts);
    return { start: r.status, state: r.job?.state ?? null, report: r.job ? (r.job.result ?? r.job.error) : r.body, job: r.job };
  }
  // Runs an export as its job and downloads the file it made: the download's answer (or, when the
  // export was refused or failed, the start's answer with its job).
  async exported(path) {
    const r = await this.job(path);
    if (r.job?.state !== 'succeeded') return r;
    return { ...(await this.get(`/api/v1/jobs/${r.job.id}/file`)), job: r.job };
  }
  // Runs the evaluation of a cycle as its job and answers the stored results ({items, total}); the
  // job's failure or a refusal is thrown with its problem.
  async evaluate(cycleId) {
    const r = await this.job(`/api/v1/cycles/${cycleId}/evaluate`);
    if (r.job?.state !== 'succeeded') throw new Error(`evaluate ${cycleId}: ${r.status} ${JSON.stringify(r.job?.error ?? r.body)}`);
    return (await this.get(`/api/v1/cycles/${cycleId}/results?page_size=200`)).body;
  }
}

// A cycle of the default scheme in its written-exam phase with each engineer placed at level 1 and
// eligible for level 2 (HR overrides the review): the cycle and the applications, in the order given.
export const EXAM_PHASES = [
  ['application', '2026-11-01', '2026-11-30', 'engineer'],
  ['eligibility_review', '2026-12-01', '2026-12-10', 'hr'],
  ['written_exam', '2026-12-11', '2026-12-20', 'examiner'],
].map(([phase, starts_on, ends_on, responsible_role]) => ({ phase, starts_on, ends_on, responsible_role }));
export async function writtenExamCycle(hr, name, engineerIds) {
  const scheme = (await hr.get('/api/v1/schemes')).body.items.find((s) => s.is_default).id;
  const cycle = (await hr.post('/api/v1/cycles', { json: { name, scheme_id: scheme, kind: 'promotion', open_ranks: [1, 2, 3, 4, 5], cutoff_date: '2026-11-30', phases: EXAM_PHASES } })).body;
  const move = async (to) => {
    const cur = await hr.get(`/api/v1/cycles/${cycle.id}`);
    const r = await hr.request('POST', `/api/v1/cycles/${cycle.id}/transition`, { json: { to }, headers: { 'If-Match': cur.headers.get('etag') } });
    if (r.status !== 200) throw new Error(`transition to ${to}: ${r.status} ${JSON.stringify(r.body)}`);
  };
  await move('application');
  const applications = [];
  for (const id of engineerIds) {
    const self = (await hr.get(`/api/v1/engineers/${id}`)).body;
    const level = await hr.post(`/api/v1/engineers/${id}/levels`, { json: { rank: 1, since: self.hire_date > '2026-06-01' ? self.hire_date : '2026-06-01', note: '测试定级' } });
    if (level.status !== 201) throw new Error(`level of ${id}: ${level.status} ${JSON.stringify(level.body)}`);
    const a = await hr.post(`/api/v1/cycles/${cycle.id}/applications`, { json: { engineer_id: id, target_rank: 2 } });
    if (a.status !== 201) throw new Error(`application of ${id}: ${a.status} ${JSON.stringify(a.body)}`);
    applications.push({ ...a.body, engineer: self });
  }
  await move('eligibility_review');
  const review = await hr.job(`/api/v1/cycles/${cycle.id}/eligibility-review`);
  if (review.job?.state !== 'succeeded') throw new Error(`review: ${JSON.stringify(review.body)}`);
  for (const a of applications) {
    const r = await hr.post(`/api/v1/applications/${a.id}/override`, { json: { eligible: true, reason: '笔试测试' } });
    if (r.status !== 200) throw new Error(`override ${a.id}: ${r.status} ${JSON.stringify(r.body)}`);
  }
  await move('written_exam');
  return { cycle, applications };
}

// A baseline JPEG as a camera would send it: SOI, APP0, the frame header with the size, a scan of
// `scanBytes` bytes, EOI (not decodable, and the server never decodes: it checks the structure).
export function jpeg(width, height, scanBytes = 20) {
  const be16 = (n) => Buffer.from([n >> 8, n & 255]);
  return Buffer.concat([
    Buffer.from([0xff, 0xd8, 0xff, 0xe0]), be16(16), Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1'),
    Buffer.from([0xff, 0xc0]), be16(17), Buffer.from([8]), be16(height), be16(width), Buffer.alloc(10, 1),
    Buffer.from([0xff, 0xda]), be16(8), Buffer.alloc(6), Buffer.alloc(scanBytes, 0x64), Buffer.from([0xff, 0xd9]),
  ]);
}

// A real PNG of one colour (width × height, RGB), for picture uploads.
export function png(width, height, rgb = [200, 30, 30]) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgb).flat())]);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}
