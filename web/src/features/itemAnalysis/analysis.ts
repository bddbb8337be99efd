// How the item analysis page reads the server's figures: what a flag says, the figures with two
// decimals, the table's order (a question without a figure stays last either way), the counts of
// the header and the dots of the scatter. Pure: the thresholds are the server's (it sets the flags;
// the page only draws them).
//
//   flagOf('weak_distractor:B')          // { kind: 'weak_distractor', option: 'B' }
//   formatFigure(0.4251)                  // "0.43"; formatFigure(null) → "—"
//   items.sort((a, b) => compareFigure('p')(a, b, 'descend'))
import type { ItemStats, Reliability, SittingStats } from './api';

// p below / above, discrimination below, distractor share below: the question is flagged.
export const TOO_HARD = 0.2;
export const TOO_EASY = 0.9;
export const WEAK_DISCRIMINATION = 0.2;
export const WEAK_DISTRACTOR = 0.05;

export const FLAG_KINDS = ['too_hard', 'too_easy', 'weak_discrimination', 'weak_distractor', 'reversed_distractor'] as const;
export type FlagKind = (typeof FLAG_KINDS)[number];
// A flag the page does not know (from a newer server) is shown as it came.
export type Flag = { kind: FlagKind; option?: string } | { kind: 'other'; raw: string };

export function flagOf(raw: string): Flag {
  const [kind, option] = raw.split(':', 2);
  if (!(FLAG_KINDS as readonly string[]).includes(kind)) return { kind: 'other', raw };
  const distractor = kind === 'weak_distractor' || kind === 'reversed_distractor';
  if (distractor !== (option !== undefined && option !== '')) return { kind: 'other', raw };
  return distractor ? { kind: kind as FlagKind, option } : { kind: kind as FlagKind };
}

type T = (key: string, options?: Record<string, unknown>) => string;

// The words of a flag on its tag and in its tooltip.
export function flagLabel(t: T, raw: string): string {
  const f = flagOf(raw);
  return f.kind === 'other' ? f.raw : t(`itemAnalysis.flags.${f.kind}`, { option: f.option });
}
export function flagHint(t: T, raw: string): string | undefined {
  const f = flagOf(raw);
  return f.kind === 'other' ? undefined : t(`itemAnalysis.flagHints.${f.kind}`, { option: f.option });
}

export const FLAG_COLORS: Record<FlagKind | 'other', string> = {
  too_hard: 'orange',
  too_easy: 'cyan',
  weak_discrimination: 'red',
  weak_distractor: 'default',
  reversed_distractor: 'magenta',
  other: 'default',
};
export const flagColor = (raw: string) => FLAG_COLORS[flagOf(raw).kind];

// Two decimals; "—" for no figure; never "-0.00".
export function formatFigure(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  const s = v.toFixed(2);
  return s === '-0.00' ? '0.00' : s;
}

// A share of candidates as a whole percentage: 0.333 → "33%".
export const formatShare = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? '—' : `${Math.round(v * 100)}%`);

export type Order = 'ascend' | 'descend' | null | undefined;
export type Figure = 'n' | 'p' | 'point_biserial' | 'upper_lower';

// A comparator for antd's Table (which reverses it for "descend"): a question without the figure
// sorts last in both directions.
export function compareFigure(key: Figure) {
  return (a: ItemStats, b: ItemStats, order?: Order): number => {
    const x = a[key];
    const y = b[key];
    const missing = (v: unknown) => v === null || v === undefined;
    if (missing(x) || missing(y)) {
      if (missing(x) && missing(y)) return 0;
      const last = missing(x) ? 1 : -1;
      return order === 'descend' ? -last : last;
    }
    return (x as number) - (y as number);
  };
}

// Codes as people count them: Q-2 before Q-10.
const codes = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
export const compareCode = (a: ItemStats, b: ItemStats) => codes.compare(a.code ?? '', b.code ?? '');

const TYPE_ORDER = ['single', 'multiple', 'true_false', 'fill_blank', 'short_answer', 'case'];
export const compareType = (a: ItemStats, b: ItemStats) => TYPE_ORDER.indexOf(a.type ?? '') - TYPE_ORDER.indexOf(b.type ?? '') || compareCode(a, b);

export const compareFlags = (a: ItemStats, b: ItemStats) => (a.flags?.length ?? 0) - (b.flags?.length ?? 0) || compareCode(a, b);

export const isFlagged = (i: ItemStats) => (i.flags?.length ?? 0) > 0;

// The header's counts: questions with any flag, with each kind, and with a weak or a reversed
// distractor (a question with two weak distractors counts once).
export type FlagCounts = { items: number; flagged: number; distractors: number } & Record<FlagKind, number>;
export function flagCounts(items: readonly ItemStats[]): FlagCounts {
  const out: FlagCounts = { items: items.length, flagged: 0, distractors: 0, too_hard: 0, too_easy: 0, weak_discrimination: 0, weak_distractor: 0, reversed_distractor: 0 };
  for (const i of items) {
    if (isFlagged(i)) out.flagged++;
    const kinds = new Set((i.flags ?? []).map((f) => flagOf(f).kind));
    for (const k of FLAG_KINDS) if (kinds.has(k)) out[k]++;
    if (kinds.has('weak_distractor') || kinds.has('reversed_distractor')) out.distractors++;
  }
  return out;
}

// The reliability as the page shows it: the method's own figure, whichever key the server used.
export function reliabilityOf(stats: SittingStats): { method: 'kr20' | 'alpha'; value: number | null; sem: number | null; items: number; candidates: number } {
  const r: Reliability = stats.reliability ?? {};
  const method = r.method === 'alpha' ? 'alpha' : 'kr20';
  return { method, value: r[method] ?? null, sem: r.sem ?? null, items: r.items ?? 0, candidates: r.candidates ?? 0 };
}

// The scatter's dots: a question without a discrimination figure (its scores, or the rest of the
// paper's, do not vary) cannot be placed and is counted apart.
export type Dot = { id: number; code: string; p: number; r: number; flagged: boolean };
export function dotsOf(items: readonly ItemStats[]): { dots: Dot[]; unplaced: number } {
  const dots: Dot[] = [];
  let unplaced = 0;
  for (const i of items) {
    if (i.point_biserial === null || i.point_biserial === undefined || i.p === undefined) unplaced++;
    else dots.push({ id: i.question_id ?? 0, code: i.code ?? '', p: i.p, r: i.point_biserial, flagged: isFlagged(i) });
  }
  return { dots, unplaced };
}

// The discrimination axis: from −0.2 (or lower, to hold every dot) to 1, in steps of 0.1.
export const discriminationFloor = (dots: readonly Dot[]) => Math.min(-0.2, ...dots.map((d) => Math.floor(d.r * 10) / 10));
