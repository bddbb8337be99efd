// The online exam under load, beside nginx in the same run (issue #7's speed targets):
//   start burst  — N candidates of one sitting start their attempts spread over 60 s (the paper is
//                  drawn and returned whole): p50/p99, failures, the server's peak RSS;
//   autosave     — wrk with 200 connections saving answers (group commit; saves per fsync from /metrics) for 10 s, and
//                  nginx serving a static file of the save's answer size with the same wrk settings;
//   submit rush  — the N attempts submitted spread over 60 s, objective marking included: p50/p99.
// Run by scripts/bench-exam (release build); BENCH_EXAM_CANDIDATES (default 10000) and
// BENCH_EXAM_ENGINE (sqlite | postgresql, the latter with SKILLGRADE_TEST_PG); BENCH_PERF=1 records a
// perf profile of the server during the autosave run.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer } from '../api/harness.mjs';
import { examCandidates } from '../api/candidates.mjs';

const N = Number(process.env.BENCH_EXAM_CANDIDATES ?? 10000);
const ENGINE = process.env.BENCH_EXAM_ENGINE ?? 'sqlite';
const OUT = process.env.BENCH_OUT ?? join(process.cwd(), '..', 'bench', 'out');
const WINDOW_MS = Number(process.env.BENCH_EXAM_WINDOW_MS ?? 60_000);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
mkdirSync(OUT, { recursive: true });

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const ms = (x) => `${x.toFixed(1)} ms`;

function peakRss(pid) {
  const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmHWM:\s+(\d+) kB/);
  return Number(m[1]) * 1024;
}

// N candidates at level 1 applying for level 2, eligible, in one sitting of a 40-question paper,
// each signed in with the password of their own choosing.
async function prepare(url) {
  const { sittings, candidates } = await examCandidates(url, { count: N, rank: 1, width: 8, sections: [
    { title: { zh: '单选题', en: 'Single choice' }, types: ['single'], count: 20, points: 300 },
    { title: { zh: '多选题', en: 'Multiple choice' }, types: ['multiple'], count: 10, points: 200, partial_credit: true },
    { title: { zh: '判断题', en: 'True or false' }, types: ['true_false'], count: 10, points: 200 },
  ] });
  return { sitting: sittings.get(2), candidates };
}

// Requests spread evenly over the window (an open loop: each starts at its time whatever the
// others do), their latencies sorted.
async function spread(items, fn) {
  const t0 = performance.now();
  const lat = [];
  let failed = 0;
  await Promise.all(items.map(async (item, i) => {
    const at = t0 + (i * WINDOW_MS) / items.length;
    const wait = at - performance.now();
    if (wait > 0) await sleep(wait);
    const s = performance.now();
    const ok = await fn(item).catch(() => false);
    lat.push(performance.now() - s);
    if (!ok) failed++;
  }));
  lat.sort((a, b) => a - b);
  return { lat, failed, seconds: (performance.now() - t0) / 1000 };
}

function wrk(url, args, script) {
  const out = execFileSync('wrk', ['-t2', '-c200', '-d10s', '--latency', ...(script ? ['-s', script] : []), ...args, url], { encoding: 'utf8', maxBuffer: 1 << 24 });
  const rps = Number(out.match(/Requests\/sec:\s+([\d.]+)/)[1]);
  const p99 = out.match(/99%\s+([\d.]+)(us|ms|s)/);
  const toMs = (v, u) => Number(v) * (u === 'us' ? 0.001 : u === 's' ? 1000 : 1);
  const non2xx = Number(out.match(/Non-2xx or 3xx responses: (\d+)/)?.[1] ?? 0);
  return { rps, p99: p99 ? toMs(p99[1], p99[2]) : NaN, non2xx, raw: out };
}

async function nginxServing(body) {
  const dir = join(OUT, 'exam-nginx');
  mkdirSync(join(dir, 'www'), { recursive: true });
  mkdirSync(join(dir, 'logs'), { recursive: true });
  writeFileSync(join(dir, 'www', 'answer.json'), body);
  const port = 20000 + Math.floor(Math.random() * 20000);
  writeFileSync(join(dir, 'nginx.conf'), `worker_processes 1;\ndaemon off;\npid ${dir}/nginx.pid;\nerror_log ${dir}/logs/error.log;\n` +
    `events { worker_connections 1024; }\nhttp { access_log off; server { listen 127.0.0.1:${port}; root ${dir}/www; location / { default_type application/json; } } }\n`);
  const proc = spawn('nginx', ['-p', dir, '-c', join(dir, 'nginx.conf')], { stdio: 'ignore' });
  await sleep(300);
  return { url: `http://127.0.0.1:${port}/answer.json`, stop: () => proc.kill('SIGTERM') };
}

const srv = await startServer(ENGINE, { engineers: Math.ceil(N * 7.5), env: { SKILLGRADE_LOG_LEVEL: 'error', SKILLGRADE_CONNECTIONS_PER_ADDRESS: '4096' } });
const lines = [`## Exam load on ${ENGINE}: ${N.toLocaleString('en')} candidates (${new Date().toISOString().slice(0, 16)}Z)`, ''];
try {
  const t0 = performance.now();
  const { sitting, candidates } = await prepare(srv.url);
  lines.push(`- setup (accounts, applications, sign-ins): ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  const rssBefore = peakRss(srv.pid);

  // The start burst.
  const attempts = new Map();
  const refusals = new Map();  // status → how many, and the first answer
  const refused = (r) => {
    const seen = refusals.get(r.status) ?? { count: 0, first: JSON.stringify(r.body).slice(0, 200) };
    seen.count++;
    refusals.set(r.status, seen);
  };
  const start = await spread(candidates, async (c) => {
    const r = await c.client.post('/api/v1/attempts', { json: { sitting_id: sitting, device: c.device } });
    if (r.status !== 200) return refused(r), false;
    attempts.set(c, r.body);
    return r.body.questions.length === 40;
  });
  const rss = peakRss(srv.pid);
  lines.push(`- start burst: ${N.toLocaleString('en')} starts over ${start.seconds.toFixed(0)} s — p50 ${ms(pct(start.lat, 50))}, p99 **${ms(pct(start.lat, 99))}** (target < 100 ms), ${start.failed} failed`);
  for (const [status, r] of refusals) lines.push(`  - ${r.count} answered ${status}, the first: \`${r.first}\``);
  console.log(lines.join('\n'));
  lines.push(`- server peak RSS: **${(rss / 1048576).toFixed(0)} MB** after the burst (${(rssBefore / 1048576).toFixed(0)} MB before; target < 128 MB)`);

  // Autosave under wrk: each connection saves for the candidates of its thread in turn, every save
  // with a sequence number higher than that candidate's last.
  const saves = [...attempts.entries()].slice(0, 2000).map(([c, a]) => ({
    cookie: c.client.cookie, csrf: c.client.csrf, attempt: a.id, device: c.device,
    questions: a.questions.filter((q) => q.type === 'single').map((q) => [q.question_id, q.options[0].key]),
  }));
  const lua = join(OUT, 'exam-saves.lua');
  writeFileSync(lua, `local cands = {\n${saves.map((s) => `{c=${JSON.stringify(s.cookie)},t=${JSON.stringify(s.csrf)},a=${s.attempt},d=${JSON.stringify(s.device)},q={${s.questions.map(([id, k]) => `{${id},${JSON.stringify(k)}}`).join(',')}}}`).join(',\n')}\n}\n` +
    `local threads = {}\nlocal n = 0\nfunction setup(thread) n = n + 1; thread:set("part", n); table.insert(threads, thread) end\n` +
    `local me, i, seq = 0, 0, 1000\nfunction init(args) me = part end\n` +
    `function request()\n  i = i + 1\n  local k = 2 * (i % math.floor(#cands / 2)) + me\n  local c = cands[k]\n  seq = seq + 1\n  local q = c.q[(i % #c.q) + 1]\n` +
    `  local body = '{"seq":' .. seq .. ',"answer":"' .. q[2] .. '","device":"' .. c.d .. '"}'\n` +
    `  return wrk.format("PUT", "/api/v1/attempts/" .. c.a .. "/answers/" .. q[1], {["Cookie"]=c.c, ["X-CSRF-Token"]=c.t, ["Content-Type"]="application/json"}, body)\nend\n` +
    `local shown = false\nfunction response(status, headers, body) if status ~= 200 and not shown then shown = true; print("refused: " .. status .. " " .. body) end end\n`);
  const durable = async () => {
    const text = await (await fetch(srv.metricsUrl)).text();
    const n = (name) => Number(text.match(new RegExp(`^${name} (\\d+)$`, 'm'))[1]);
    return { writes: n('skillgrade_durable_writes_total'), commits: n('skillgrade_durable_commits_total') };
  };
  const d0 = await durable();
  // BENCH_PERF=1: a perf profile of the server while it saves (bench/out/exam-perf.data).
  const perf = process.env.BENCH_PERF === '1'
    ? spawn('perf', ['record', '-g', '-F', '999', '-p', String(srv.pid), '-o', join(OUT, 'exam-perf.data'), '--', 'sleep', '10'], { stdio: 'ignore' })
    : null;
  const save = wrk(srv.url, [], lua);
  if (perf) await new Promise((r) => perf.on('exit', r));
  const d1 = await durable();
  const perCommit = (d1.writes - d0.writes) / Math.max(1, d1.commits - d0.commits);
  for (const refused of save.raw.match(/^refused: .*$/gm) ?? []) console.log(refused);
  const [someone, paper] = attempts.entries().next().value;
  const sample = await someone.client.request('PUT', `/api/v1/attempts/${paper.id}/answers/${paper.questions[0].question_id}`,
    { json: { seq: 10_000_000, answer: paper.questions[0].options[0]?.key ?? 'true', device: someone.device } });
  const nginx = await nginxServing(JSON.stringify(sample.body));
  const ref = wrk(nginx.url, []);
  nginx.stop();
  lines.push(`- autosave, 200 connections for 10 s: **${save.rps.toFixed(0)} saves/s**, p99 ${ms(save.p99)}, ${save.non2xx} not 2xx; nginx serving the ${JSON.stringify(sample.body).length}-byte answer: ${ref.rps.toFixed(0)} req/s, p99 ${ms(ref.p99)} — **${((100 * save.rps) / ref.rps).toFixed(1)} %** of nginx (target ≥ 50 %); ${(d1.writes - d0.writes).toLocaleString('en')} saves in ${(d1.commits - d0.commits).toLocaleString('en')} commits: **${perCommit.toFixed(1)} saves per fsync**`);

  // The submit rush.
  const submit = await spread([...attempts.entries()], async ([c, a]) => {
    const r = await c.client.post(`/api/v1/attempts/${a.id}/submit`);
    return r.status === 200 && r.body.status === 'submitted';
  });
  lines.push(`- submit rush: ${attempts.size.toLocaleString('en')} submissions over ${submit.seconds.toFixed(0)} s with objective marking — p50 ${ms(pct(submit.lat, 50))}, p99 **${ms(pct(submit.lat, 99))}** (target < 200 ms), ${submit.failed} failed`);
  lines.push(`- server peak RSS over the whole run: ${(peakRss(srv.pid) / 1048576).toFixed(0)} MB`);
} finally {
  await srv.stopped();
}
lines.push('');
const text = lines.join('\n');
console.log(text);
writeFileSync(join(OUT, `exam-${ENGINE}.md`), text);
