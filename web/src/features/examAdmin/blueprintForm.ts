// The blueprint editor's form values and their conversion: points per question are typed as points
// ("2.5") and sent in hundredths (250); the difficulty range is one slider; the marking rule of short
// answers (double marking, its discrepancy threshold in percent) defaults to double marking at 20 %;
// the server's field names ("sections[0].difficulty_min") become the form's paths.
//
//   const values = toValues(blueprint);   // or freshBlueprint() for a new one
//   const input = toInput(rank, values);  // what POST/PUT /blueprints take
//   totalOf(values.sections)              // hundredths, live while HR types
import type { Blueprint, BlueprintInput, BlueprintSection, QuestionType } from './api';

export type SectionValues = {
  title: { zh: string; en: string };
  types: QuestionType[];
  product_line?: string;
  knowledge_point: string;
  difficulty: [number, number];
  count: number | null;
  points: number | null;
  partial_credit: boolean;
};
export type BlueprintValues = {
  duration_minutes: number | null;
  fixed: boolean;
  review_after_close: boolean;
  double_marking: boolean;
  discrepancy_percent: number | null;
  sections: SectionValues[];
};
export type FieldPath = (string | number)[];

// Short answers are marked twice unless HR says otherwise; two marks more than 20 % of the question's
// points apart call a third marker.
export const DOUBLE_MARKING = true;
export const DISCREPANCY_PERCENT = 20;

export const hundredths = (points: number | null | undefined) => (typeof points === 'number' && Number.isFinite(points) ? Math.round(points * 100) : 0);

// A section's points in hundredths: its count times its points per question.
export const subtotalOf = (s: Partial<SectionValues> | undefined) => (s && typeof s.count === 'number' ? s.count * hundredths(s.points) : 0);
export const totalOf = (sections: (Partial<SectionValues> | undefined)[] | undefined) => (sections ?? []).reduce((t, s) => t + subtotalOf(s), 0);

export const emptySection = (): SectionValues => ({
  title: { zh: '', en: '' }, types: [], product_line: undefined, knowledge_point: '', difficulty: [1, 5], count: 10, points: 1, partial_credit: false,
});

// A new blueprint starts from the usual paper of the written exam (100.00 points in four sections,
// each named after its type in both languages); HR changes it to the level.
export const freshBlueprint = (titleOf: (type: QuestionType) => { zh: string; en: string }): BlueprintValues => ({
  duration_minutes: 90,
  fixed: false,
  review_after_close: true,
  double_marking: DOUBLE_MARKING,
  discrepancy_percent: DISCREPANCY_PERCENT,
  sections: [
    { ...emptySection(), title: titleOf('single'), types: ['single'], count: 20, points: 2 },
    { ...emptySection(), title: titleOf('multiple'), types: ['multiple'], count: 10, points: 3, partial_credit: true },
    { ...emptySection(), title: titleOf('true_false'), types: ['true_false'], count: 10, points: 1 },
    { ...emptySection(), title: titleOf('fill_blank'), types: ['fill_blank'], count: 4, points: 5 },
  ],
});

export function toValues(b: Blueprint): BlueprintValues {
  return {
    duration_minutes: b.duration_minutes ?? 90,
    fixed: !!b.fixed,
    review_after_close: b.review_after_close ?? true,
    double_marking: b.double_marking ?? DOUBLE_MARKING,
    discrepancy_percent: b.discrepancy_percent ?? DISCREPANCY_PERCENT,
    sections: b.sections.map((s) => ({
      title: { zh: s.title?.zh ?? '', en: s.title?.en ?? '' },
      types: s.types ?? [],
      product_line: s.product_line || undefined,
      knowledge_point: s.knowledge_point ?? '',
      difficulty: [s.difficulty_min ?? 1, s.difficulty_max ?? 5],
      count: s.count,
      points: s.points / 100,
      partial_credit: !!s.partial_credit,
    })),
  };
}

export function toInput(target_rank: number, v: BlueprintValues): BlueprintInput {
  return {
    target_rank,
    ...(v.duration_minutes ? { duration_minutes: v.duration_minutes } : {}),
    fixed: v.fixed,
    review_after_close: v.review_after_close,
    double_marking: v.double_marking,
    // None given: the usual threshold.
    discrepancy_percent: v.discrepancy_percent ?? DISCREPANCY_PERCENT,
    sections: v.sections.map(
      (s): BlueprintSection => ({
        title: { zh: s.title.zh.trim(), en: s.title.en.trim() },
        types: s.types,
        product_line: s.product_line ?? '',
        knowledge_point: s.knowledge_point.trim(),
        difficulty_min: s.difficulty[0],
        difficulty_max: s.difficulty[1],
        count: s.count ?? 0,
        points: hundredths(s.points),
        // Partial credit is a rule of multiple choice: another section has none to give.
        partial_credit: s.partial_credit && (s.types.length === 0 || s.types.includes('multiple')),
      }),
    ),
  };
}

// The form path of a field the server names: "sections[2].title.zh" → ['sections', 2, 'title', 'zh'];
// the two ends of the difficulty range are the one slider.
export function formPath(field: string): FieldPath {
  const path: FieldPath = [];
  for (const part of field.split('.')) {
    const m = /^([^[]+)((?:\[\d+\])*)$/.exec(part);
    if (!m) return [field];
    path.push(m[1]);
    for (const i of m[2].matchAll(/\[(\d+)\]/g)) path.push(Number(i[1]));
  }
  if (path.length === 3 && path[0] === 'sections' && (path[2] === 'difficulty_min' || path[2] === 'difficulty_max')) path[2] = 'difficulty';
  return path;
}

// The section a field of the server is about ("sections[1].count" → 1), or null.
export function sectionOf(field: string): number | null {
  const m = /^sections\[(\d+)\]/.exec(field);
  return m ? Number(m[1]) : null;
}
