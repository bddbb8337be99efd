// What the review of a closed exam works out by itself, pure: the verdict on each question, its points
// as "8.50 / 10.00", the options in the order the candidate saw them with their choice and the key
// marked, the blanks beside their accepted answers, the scoring points' worth on this paper, and the
// "wrong only" filter that keeps a case with its wrong parts.
//
//   verdict(q)                      // 'right' | 'partial' | 'wrong' | 'pending' | 'case'
//   optionsAsSeen(q)                // [{ letter: 'A', key: 'C', chosen: true, correct: false, … }, …]
//   wrongOnly(review.questions)     // what "只看错题 / Wrong only" shows
import type { Schemas } from '../../api/client';
import { formatTime } from '../format';

export type ReviewQuestion = Schemas['ReviewQuestion'];
export type Text = { zh?: string; en?: string } | undefined;

// A bilingual text in the UI's language: English when there is some, else the Chinese.
export const inLanguage = (l: Text, lang: string) => (lang === 'en' && l?.en ? l.en : l?.zh ?? '');

// Hundredths as points with two decimals: 850 → "8.50"; '—' when there are none.
export const points = (h: number | null | undefined) => (typeof h === 'number' ? (h / 100).toFixed(2) : '—');

// Earned beside the question's points: "8.50 / 10.00", "— / 10.00" while not marked.
export const pointsOf = (q: ReviewQuestion) => `${points(q.points)} / ${points(q.max_points ?? 0)}`;

export type Verdict = 'right' | 'partial' | 'wrong' | 'pending' | 'case';

// A case only holds its parts; points not settled yet are pending; full points are right, none wrong,
// anything between partly right.
export function verdict(q: ReviewQuestion): Verdict {
  if (q.question?.type === 'case') return 'case';
  if (q.points === null || q.points === undefined) return 'pending';
  const max = q.max_points ?? 0;
  if (q.points >= max) return 'right';
  return q.points > 0 ? 'partial' : 'wrong';
}

// Wrong as the wrong-question list counts it: marked, and without full points.
export function isWrong(q: ReviewQuestion): boolean {
  const v = verdict(q);
  return v === 'partial' || v === 'wrong';
}

export const VERDICT_COLORS: Record<Verdict, string> = { right: 'success', partial: 'warning', wrong: 'error', pending: 'processing', case: 'default' };

export interface OptionLine {
  key: string;      // the option's key in the bank ("C"), which the answer and the key name
  letter: string;   // the letter the candidate saw it under ("A" for the first they saw)
  label: Text;
  chosen: boolean;
  correct: boolean;
}

const letter = (i: number) => String.fromCharCode(65 + i);

// The options in the order the candidate saw them (option_order, e.g. "CADB"), lettered A, B, C… as
// on their paper, each marked chosen and / or correct. Options the order does not name follow in
// the bank's order.
export function optionsAsSeen(q: ReviewQuestion): OptionLine[] {
  const options = q.question?.options ?? [];
  const byKey = new Map(options.map((o) => [o.key ?? '', o]));
  const order = [...(q.option_order ?? '')].filter((k, i, all) => byKey.has(k) && all.indexOf(k) === i);
  for (const o of options) if (!order.includes(o.key ?? '')) order.push(o.key ?? '');
  const chosen = new Set(q.answer ?? []);
  const correct = new Set(q.question?.correct ?? []);
  return order.map((key, i) => ({ key, letter: letter(i), label: byKey.get(key)?.label, chosen: chosen.has(key), correct: correct.has(key) }));
}

// A true-or-false answer as stored (["true"], ["false"] or nothing).
export const truth = (values: string[] | undefined): boolean | null => (values?.length ? values[0] === 'true' : null);

// Each blank: what the candidate wrote and the answers accepted for it.
export function blanksOf(q: ReviewQuestion): { answer: string; accepted: string[] }[] {
  const accepted = q.question?.blanks ?? [];
  const n = Math.max(accepted.length, q.answer?.length ?? 0);
  return Array.from({ length: n }, (_, i) => ({ answer: (q.answer?.[i] ?? '').trim(), accepted: accepted[i] ?? [] }));
}

// The scoring points of a short answer with what each is worth on this paper, in hundredths: written
// in whole points in the bank, each counts its share of the question's points (half-up).
export function rubricOf(q: ReviewQuestion): { text: string; worth: number }[] {
  const rubric = q.question?.rubric ?? [];
  const total = rubric.reduce((s, p) => s + (p.points ?? 0), 0);
  const max = q.max_points ?? 0;
  return rubric.map((p) => ({ text: p.text ?? '', worth: total > 0 ? Math.floor((2 * (p.points ?? 0) * max + total) / (2 * total)) : 0 }));
}

// Whether the candidate gave any answer at all.
export const answered = (q: ReviewQuestion) => (q.answer ?? []).some((v) => v.trim() !== '');

// The number each answerable question had on the paper (a case counts through its parts): 1, 2, …
export function numbers(questions: ReviewQuestion[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const q of questions) if (q.question?.type !== 'case') out.set(q.question_id ?? 0, out.size + 1);
  return out;
}

// "Wrong only": the questions without full points, each case kept before its wrong parts.
export function wrongOnly(questions: ReviewQuestion[]): ReviewQuestion[] {
  const parents = new Set(questions.filter((q) => isWrong(q) && q.parent).map((q) => q.parent));
  return questions.filter((q) => isWrong(q) || (verdict(q) === 'case' && parents.has(q.question_id)));
}

// The exam's result as its candidate reads it: still being marked while the score is null, then
// passed or failed against the pass mark.
export type Outcome = 'marking' | 'passed' | 'failed';
export const outcomeOf = (score: number | null | undefined, passed: boolean | undefined): Outcome =>
  score === null || score === undefined ? 'marking' : passed ? 'passed' : 'failed';
export const OUTCOME_COLORS: Record<Outcome, string> = { marking: 'processing', passed: 'success', failed: 'error' };

// A message from the server with its UTC timestamps ("2026-12-03T14:54:21Z") shown in the configured zone.
export const localTimes = (message: string) => message.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?(\.\d+)?Z/g, (m) => formatTime(m));
