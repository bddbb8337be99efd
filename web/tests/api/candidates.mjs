// Many exam candidates at once, for the crash loop and the load benchmark: active engineers without
// an account (of one level, or any below the top) get accounts from the hand-out sheet, apply for
// the next level in a cycle of their own and are made eligible; each level gets a blueprint of the
// given sections and one sitting open for six hours with every candidate of that level; each
// candidate signs in and chooses a password.
//
//   const { candidates } = await examCandidates(url, { count: 200, sections });   // candidates[0].client, .sitting, .device
import ExcelJS from 'exceljs';
import { Client } from './harness.mjs';

const iso = (ms) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');

// Runs fn over the items, `width` at a time.
export async function each(items, width, fn) {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i], i);
    }
  }));
}

export async function examCandidates(url, { count, rank, sections, name = '考试压力测试', width = 1 }) {
  const as = async (u) => {
    const c = new Client(url);
    const r = await c.login(u);
    if (r.status !== 200) throw new Error(`${u}: ${r.status}`);
    return c;
  };
  const admin = await as('admin');
  const hr = await as('hr');
  const pick = [];
  for (let page = 1; pick.length < count; page++) {
    const items = (await admin.get(`/api/v1/engineers?status=active&account=none&page_size=200&page=${page}${rank ? `&rank=${rank}` : ''}`)).body.items;
    if (!items.length) break;
    pick.push(...items.filter((e) => e.rank < 5).slice(0, count - pick.length));
  }
  if (pick.length < count) throw new Error(`only ${pick.length} engineers without an account`);
  const logins = new Map();
  const chunks = [];
  for (let i = 0; i < pick.length; i += 100) chunks.push(pick.slice(i, i + 100));
  await each(chunks, Math.min(width, 4), async (chunk) => {
    const sheet = await admin.post('/api/v1/engineers/accounts', { json: { engineer_ids: chunk.map((e) => e.id) } });
    if (sheet.status !== 200) throw new Error(`accounts: ${sheet.status}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(sheet.body);
    wb.getWorksheet('账号').eachRow((row, n) => {
      if (n > 1) logins.set(String(row.values[1]), { username: String(row.values[4]), password: String(row.values[5]) });
    });
  });
  const scheme = (await hr.get('/api/v1/schemes')).body.items.find((s) => s.is_default).id;
  const phases = [['application', '2026-11-01', '2026-11-30'], ['eligibility_review', '2026-12-01', '2026-12-05'], ['written_exam', '2026-12-06', '2026-12-10']]
    .map(([phase, starts_on, ends_on]) => ({ phase, starts_on, ends_on, responsible_role: 'hr' }));
  const cycle = (await hr.post('/api/v1/cycles', { json: { name, scheme_id: scheme, kind: 'promotion', open_ranks: [1, 2, 3, 4, 5], cutoff_date: '2026-11-30', phases } })).body;
  const move = async (to) => {
    const cur = await hr.get(`/api/v1/cycles/${cycle.id}`);
    const r = await hr.request('POST', `/api/v1/cycles/${cycle.id}/transition`, { json: { to }, headers: { 'If-Match': cur.headers.get('etag') } });
    if (r.status !== 200) throw new Error(`transition ${to}: ${r.status}`);
  };
  await move('application');
  const apps = [];
  await each(pick, width, async (e) => {
    const a = await hr.post(`/api/v1/cycles/${cycle.id}/applications`, { json: { engineer_id: e.id, target_rank: e.rank + 1 } });
    if (a.status !== 201) throw new Error(`apply: ${JSON.stringify(a.body)}`);
    apps.push(a.body);
  });
  await move('eligibility_review');
  const review = await hr.job(`/api/v1/cycles/${cycle.id}/eligibility-review`);
  if (review.job?.state !== 'succeeded') throw new Error('review failed');
  await each(apps, width, (a) => hr.post(`/api/v1/applications/${a.id}/override`, { json: { eligible: true, reason: name } }));
  await move('written_exam');
  const now = Date.now();
  const sittings = new Map();
  for (const target of new Set(apps.map((a) => a.target_rank))) {
    const bp = await hr.post(`/api/v1/cycles/${cycle.id}/blueprints`, { json: { target_rank: target, duration_minutes: 90, sections } });
    if (bp.status !== 201) throw new Error(`blueprint ${target}: ${JSON.stringify(bp.body)}`);
    const s = await hr.post(`/api/v1/blueprints/${bp.body.id}/sittings`, { json: { name: `${name} 第 ${target} 级`, opens_at: iso(now - 60_000), closes_at: iso(now + 6 * 3600_000), capacity: count } });
    await hr.post(`/api/v1/sittings/${s.body.id}/candidates`, { json: {} });
    sittings.set(target, s.body.id);
  }
  const candidates = [];
  await each(pick, width, async (e) => {
    const l = logins.get(e.employee_no);
    const c = new Client(url);
    if ((await c.login(l.username, l.password)).status !== 200) throw new Error(`sign-in ${l.username}`);
    await c.post('/api/v1/auth/password', { json: { current_password: l.password, new_password: 'load-pass-731' } });
    candidates.push({ client: c, device: `dev-${l.username}`, sitting: sittings.get(e.rank + 1) });
  });
  return { cycle: cycle.id, sittings, candidates };
}
