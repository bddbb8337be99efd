// What the written-exam specs prepare through the API before the browser opens: HR and the
// administrator as API clients, a cycle of the spec's own in its written-exam phase with new
// engineers applying for the next level (eligible), and those engineers' accounts signed in with
// passwords of their own.
//
//   const { hr, admin } = await staff(lang);
//   const { cycle, takers } = await examCycle(hr, { name: `E2E 阅卷 ${stamp}`, prefix: `MK${stamp}`, engineers: [{ name: '甲', rank: 1 }] });
//   const [first] = await signedIn(admin, takers, lang);   // first.client is signed in as takers[0]
import ExcelJS from 'exceljs';
import { expect } from './fixtures';
import { Client } from '../api/harness.mjs';

export const url = () => process.env.SKILLGRADE_E2E_URL!;
export const ok = (r: { status: number; body: unknown }, status = 200) => expect(r.status, JSON.stringify(r.body).slice(0, 300)).toBe(status);
export const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
export const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const language = (lang: string) => (lang === 'en' ? 'en-US' : 'zh-CN');

// HR signed in, and the administrator of the global setup's session.
export async function staff(lang: string) {
  const hr = new Client(url(), language(lang));
  ok(await hr.login('hr'));
  const admin = new Client(url());
  admin.cookie = process.env.SKILLGRADE_E2E_ADMIN_COOKIE!;
  admin.csrf = process.env.SKILLGRADE_E2E_ADMIN_CSRF!;
  return { hr, admin };
}

export type Taker = { id: number; name: string; employee_no: string; rank: number; application: number };

// A cycle in its written-exam phase (which began two days ago) with the engineers made for it in
// the organisation's last team, which no other test nominates: each at its level since 2021,
// applying for the next one and eligible (HR overrides the review where it says otherwise).
export async function examCycle(hr: Client, { name, prefix, engineers }: { name: string; prefix: string; engineers: { name: string; rank: number }[] }) {
  const phases = [['application', -20, -11], ['eligibility_review', -10, -3], ['written_exam', -2, 10]].map(([phase, a, b]) => ({
    phase, starts_on: day(a as number), ends_on: day(b as number), responsible_role: 'hr',
  }));
  const made = await hr.post('/api/v1/cycles', { json: { name, scheme_id: 1, kind: 'promotion', open_ranks: [1, 2, 3, 4, 5], cutoff_date: day(-11), phases } });
  ok(made, 201);
  const cycle = made.body.id as number;
  const move = async (to: string) => {
    const cur = await hr.get(`/api/v1/cycles/${cycle}`);
    ok(await hr.request('POST', `/api/v1/cycles/${cycle}/transition`, { json: { to }, headers: { 'If-Match': cur.headers.get('etag')! } }));
  };
  await move('application');
  const teams = (await hr.get('/api/v1/org-units')).body.items.filter((o: { kind: string }) => o.kind === 'team');
  const takers: Taker[] = [];
  for (const [i, e] of engineers.entries()) {
    const made = await hr.post('/api/v1/engineers', {
      json: { employee_no: `${prefix}${i}`, name: e.name, org_unit: teams[teams.length - 1].code, hire_date: '2018-03-01', career_start: '2017-07-01', education: 'bachelor', rank: e.rank, level_since: '2021-01-01' },
    });
    ok(made, 201);
    const a = await hr.post(`/api/v1/cycles/${cycle}/applications`, { json: { engineer_id: made.body.id, target_rank: e.rank + 1 } });
    ok(a, 201);
    takers.push({ id: made.body.id, name: made.body.name, employee_no: made.body.employee_no, rank: e.rank, application: a.body.id });
  }
  await move('eligibility_review');
  expect((await hr.job(`/api/v1/cycles/${cycle}/eligibility-review`)).job.state).toBe('succeeded');
  for (const a of (await hr.get(`/api/v1/cycles/${cycle}/applications?page_size=50`)).body.items as { id: number; status: string }[])
    if (a.status !== 'eligible') ok(await hr.post(`/api/v1/applications/${a.id}/override`, { json: { eligible: true, reason: `E2E ${name}` } }));
  await move('written_exam');
  return { cycle, takers };
}

// Each engineer's account from the hand-out sheet, signed in and with a password of their own
// choosing, in the order given.
export async function signedIn(admin: Client, engineers: { id: number; employee_no: string }[], lang: string) {
  const sheet = await admin.post('/api/v1/engineers/accounts', { json: { engineer_ids: engineers.map((e) => e.id) } });
  ok(sheet);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(sheet.body);
  const logins = new Map<string, [string, string]>();
  wb.getWorksheet('账号')!.eachRow((r, i) => {
    const v = (r.values as unknown[]).slice(1).map(String);
    if (i > 1) logins.set(v[0], [v[3], v[4]]);
  });
  const out: { username: string; password: string; client: Client }[] = [];
  for (const [i, e] of engineers.entries()) {
    const [username, first] = logins.get(e.employee_no)!;
    const client = new Client(url(), language(lang));
    ok(await client.login(username, first));
    const password = `own-choice-${lang}-${i}-731`;
    ok(await client.post('/api/v1/auth/password', { json: { current_password: first, new_password: password } }));
    out.push({ username, password, client });
  }
  return out;
}
