// The exam's crash loop: simulated candidates save answers while the server is killed with SIGKILL
// at random moments and started again on the same database. After every restart each answer whose
// save was acknowledged must be there with its latest acknowledged value (or a later value this
// candidate sent), and the database must pass its integrity check.
//
//   const counts = await crashLoop({ engine: 'sqlite', kills: 10, candidates: 50 });
import { execFileSync, spawn } from 'node:child_process';
import { BIN, PASSWORD, startServer } from '../api/harness.mjs';
import { examCandidates } from '../api/candidates.mjs';

const env = { ...process.env, ASAN_OPTIONS: 'detect_leaks=0', SKILLGRADE_FAST_PASSWORD_HASHING: '1', SKILLGRADE_LOG_LEVEL: 'error', SKILLGRADE_MFA_REQUIRED_ROLES: '' };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// The server on an existing database, on a port of its own choosing.
function serve(db) {
  const proc = spawn(BIN, ['serve', '--db', db, '--port', '0'], { env, stdio: ['ignore', 'pipe', 'ignore'] });
  const exited = new Promise((resolve) => proc.on('exit', resolve));
  const url = new Promise((resolve, reject) => {
    let out = '';
    proc.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/\S+)/);
      if (m) resolve(m[1]);
    });
    proc.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { proc, url, exited };
}

// `count` candidates (accounts made for them), one sitting per level they apply for, each paper
// five single-choice questions; each candidate starts their attempt.
async function prepare(url, count) {
  const { candidates } = await examCandidates(url, { count, name: '崩溃测试', sections: [{ types: ['single'], count: 5, points: 2000 }] });
  const out = [];
  for (const c of candidates) {
    const a = await c.client.post('/api/v1/attempts', { json: { sitting_id: c.sitting, device: c.device } });
    if (a.status !== 200) throw new Error(`start: ${JSON.stringify(a.body)}`);
    out.push({ client: c.client, device: c.device, attempt: a.body.id, questions: a.body.questions, seq: 0, sent: new Map(), acked: new Map() });
  }
  return out;
}

// One candidate saving answers until told to stop: every save's number and value is remembered as
// sent, and as acknowledged when the server said 200.
async function saveLoop(c, state) {
  while (!state.stop) {
    if (state.paused) {
      await sleep(20);
      continue;
    }
    const q = c.questions[Math.floor(Math.random() * c.questions.length)];
    const option = q.options[Math.floor(Math.random() * q.options.length)].key;
    const seq = ++c.seq;
    c.client.url = state.url;
    if (!c.sent.has(q.question_id)) c.sent.set(q.question_id, new Map());
    c.sent.get(q.question_id).set(seq, [option]);
    state.sent++;
    try {
      const r = await c.client.request('PUT', `/api/v1/attempts/${c.attempt}/answers/${q.question_id}`, { json: { seq, answer: option, device: c.device } });
      if (r.status === 200) {
        const prev = c.acked.get(q.question_id);
        if (!prev || prev.seq < seq) c.acked.set(q.question_id, { seq, value: [option] });
        state.acked++;
      } else if (r.status === 503) {
        await sleep(50);  // busy: back off as the page does
      } else {
        throw new Error(`save ${r.status}: ${JSON.stringify(r.body)}`);
      }
    } catch (e) {
      if (e.message?.startsWith('save ')) throw e;
      await sleep(20);  // the server is down: try again when it is back
    }
  }
}

// Every acknowledged answer is there: the server holds its number or a later one this candidate
// sent, with the value sent under that number.
async function verify(candidates, url) {
  let checked = 0;
  for (const c of candidates) {
    c.client.url = url;
    // What was acknowledged before the read: saves go on meanwhile, and later ones need not be in it.
    const acked = new Map(c.acked);
    let got = await c.client.get(`/api/v1/attempts/${c.attempt}`);
    // A server busy with every candidate's saves may refuse for a moment (503 with Retry-After).
    for (let i = 0; i < 50 && got.status === 503; i++) {
      await sleep(50);
      got = await c.client.get(`/api/v1/attempts/${c.attempt}`);
    }
    if (got.status !== 200) throw new Error(`attempt ${c.attempt}: ${got.status}`);
    const held = new Map(got.body.answers.map((a) => [a.question_id, a]));
    for (const [qid, ack] of acked) {
      const h = held.get(qid);
      if (!h) throw new Error(`attempt ${c.attempt} question ${qid}: acknowledged seq ${ack.seq} lost`);
      if (h.seq < ack.seq) throw new Error(`attempt ${c.attempt} question ${qid}: seq ${h.seq} older than acknowledged ${ack.seq}`);
      const sentValue = c.sent.get(qid).get(h.seq);
      if (!sentValue || JSON.stringify(sentValue) !== JSON.stringify(h.answer))
        throw new Error(`attempt ${c.attempt} question ${qid}: value ${JSON.stringify(h.answer)} under seq ${h.seq} was never sent`);
      checked++;
    }
  }
  return checked;
}

export async function crashLoop({ engine = 'sqlite', kills = 10, candidates: count = 50, log = () => {} } = {}) {
  const first = await startServer(engine, { engineers: Math.max(120, count * 2) });
  const db = first.db;
  const cands = await prepare(first.url, count);
  await first.stopped();
  const state = { url: '', stop: false, paused: false, sent: 0, acked: 0 };
  let server = serve(db);
  state.url = await server.url;
  const loops = cands.map((c) => saveLoop(c, state));
  let checked = 0;
  for (let k = 0; k < kills; k++) {
    await sleep(150 + Math.random() * 600);
    server.proc.kill('SIGKILL');
    await server.exited;
    if (engine === 'sqlite') {
      const r = execFileSync(BIN, ['check', '--db', db], { env }).toString().trim();
      if (r !== 'ok') throw new Error(`integrity_check after kill ${k + 1}: ${r}`);
    }
    server = serve(db);
    state.url = await server.url;
    // The saves wait while the answers are read back (they go on across the kills themselves).
    state.paused = true;
    checked += await verify(cands, state.url);
    state.paused = false;
    log(`kill ${k + 1}/${kills}: ${state.acked} saves acknowledged of ${state.sent} sent`);
  }
  state.stop = true;
  await Promise.all(loops);
  checked += await verify(cands, state.url);
  const integrity = execFileSync(BIN, ['check', '--db', db], { env }).toString().trim();
  server.proc.kill('SIGTERM');
  await server.exited;
  if (integrity !== 'ok') throw new Error(`integrity: ${integrity}`);
  return { engine, kills, candidates: count, sent: state.sent, acknowledged: state.acked, checked };
}

export { PASSWORD };
