// The question editor's values and how they become the API's QuestionInput and back, plus where a
// field the server names ("parts[1].options[0]") sits in the form. Pure, so each rule is a unit test.
//
//   form.setFieldsValue(toFormValues(detail));
//   await createQuestion(toInput(form.getFieldsValue(true)));
//   formPath('parts[1].options[0]')   // ['parts', 1, 'options', 0, 'zh']
import type { Question, QuestionDetail, QuestionInput, QuestionType } from './api';

export type OptionValues = { key: string; zh: string; en?: string };
export type RubricValues = { points?: number | null; text?: string };
export type Normalise = { trim: boolean; width: boolean; case: boolean };

// One question as the form holds it: the bilingual texts as two fields each (the server names the
// English one "stem_en", "explanation_en"), the options with their key.
export type PartValues = {
  code: string;
  type: QuestionType;
  knowledge_point?: string;
  difficulty: number;
  stem?: string;
  stem_en?: string;
  options?: OptionValues[];
  correct?: string[];
  blanks?: string[][];
  normalise?: Normalise;
  reference?: string;
  rubric?: RubricValues[];
  explanation?: string;
  explanation_en?: string;
  images?: number[];
};
export type FormValues = PartValues & { product_line?: string; ranks?: number[]; parts?: PartValues[] };

export const DEFAULT_NORMALISE: Normalise = { trim: true, width: true, case: true };
const KEYS = 'ABCDEFGH';
// The server takes up to eight options, but the bank's sheet (export and import) has six option
// columns, 选项A–F: the editor adds at most six, so that a question survives the round trip.
export const MAX_OPTIONS = 6;

// Options are keyed by their place, A, B, C…: the sheet the bank exports and imports has one column
// per option and gives each the letter of its column.
export const keyAt = (i: number) => KEYS[i] ?? '';
export const nextKey = (options: readonly unknown[] | undefined) => keyAt(options?.length ?? 0);

export const emptyOptions = (n = 4): OptionValues[] => [...KEYS.slice(0, n)].map((key) => ({ key, zh: '', en: '' }));

// What a part of a type starts with: a choice question four empty options, a fill-in question the
// default normalisation.
export function freshPart(type: QuestionType, code = '', difficulty = 3): PartValues {
  return { code, type, difficulty, options: type === 'single' || type === 'multiple' ? emptyOptions() : [], correct: [], blanks: [], normalise: { ...DEFAULT_NORMALISE }, rubric: [] };
}

export function freshQuestion(): FormValues {
  return { ...freshPart('single'), ranks: [], parts: [] };
}

// The blanks of a stem: each run of three or more underscores (as the server counts them).
export function blankCount(stem: string | undefined): number {
  return (stem ?? '').match(/_{3,}/g)?.length ?? 0;
}

// The accepted answers of n blanks: the ones given, in order, with an empty list for each blank not yet answered.
export function fitBlanks(blanks: readonly (readonly string[] | undefined)[] | undefined, n: number): string[][] {
  return Array.from({ length: n }, (_, i) => [...(blanks?.[i] ?? [])]);
}

// The options after the one at `index` is taken out, the others keyed by their new places, and the
// correct keys following their options (the removed one is no longer correct).
export function withoutOption(options: readonly OptionValues[], correct: readonly string[] | undefined, index: number) {
  const kept = options.filter((_, i) => i !== index);
  const right = new Set(correct ?? []);
  return {
    options: kept.map((o, i) => ({ ...o, key: keyAt(i) })),
    correct: kept.flatMap((o, i) => (right.has(o.key) ? [keyAt(i)] : [])),
  };
}

const trimmed = (s: string | undefined | null) => (s ?? '').trim();

function partValues(q: Question): PartValues {
  return {
    code: q.code,
    type: q.type,
    knowledge_point: q.knowledge_point,
    difficulty: q.difficulty,
    stem: q.stem.zh,
    stem_en: q.stem.en,
    // Keyed by place, as the editor keeps them (a question imported with an empty option column has A, C).
    options: (q.options ?? []).map((o, i) => ({ key: keyAt(i), zh: o.label?.zh ?? '', en: o.label?.en ?? '' })),
    correct: q.type === 'single' || q.type === 'multiple' ? (q.options ?? []).flatMap((o, i) => (o.key && q.correct?.includes(o.key) ? [keyAt(i)] : [])) : [...(q.correct ?? [])],
    blanks: (q.blanks ?? []).map((b) => [...b]),
    normalise: { trim: q.normalise?.trim ?? true, width: q.normalise?.width ?? true, case: q.normalise?.case ?? true },
    reference: q.reference ?? '',
    rubric: (q.rubric ?? []).map((p) => ({ points: p.points, text: p.text ?? '' })),
    explanation: q.explanation?.zh ?? '',
    explanation_en: q.explanation?.en ?? '',
    images: [...(q.images ?? [])],
  };
}

export function toFormValues(d: QuestionDetail): FormValues {
  return { ...partValues(d), product_line: d.product_line, ranks: [...d.ranks], parts: (d.parts ?? []).map(partValues) };
}

// Only what the question's type has is sent (the server refuses options on a fill-in question).
function partInput(v: PartValues, productLine: string, ranks: number[]): QuestionInput {
  const stem = trimmed(v.stem);
  const base: QuestionInput = {
    code: trimmed(v.code),
    type: v.type,
    product_line: productLine,
    knowledge_point: trimmed(v.knowledge_point),
    ranks,
    difficulty: v.difficulty,
    stem: { zh: stem, en: trimmed(v.stem_en) },
    explanation: { zh: trimmed(v.explanation), en: trimmed(v.explanation_en) },
    images: v.images ?? [],
  };
  switch (v.type) {
    case 'single':
    case 'multiple': {
      // Keyed by place (a question saved with keys A, C is sent as A, B), the correct keys in the
      // options' order whatever order they were ticked in.
      const options = v.options ?? [];
      return {
        ...base,
        options: options.map((o, i) => ({ key: keyAt(i), label: { zh: trimmed(o.zh), en: trimmed(o.en) } })),
        correct: options.flatMap((o, i) => (v.correct?.includes(o.key) ? [keyAt(i)] : [])),
      };
    }
    case 'true_false':
      return { ...base, correct: v.correct ?? [] };
    case 'fill_blank':
      return {
        ...base,
        blanks: fitBlanks(v.blanks, blankCount(stem)).map((b) => b.map(trimmed).filter(Boolean)),
        normalise: { ...DEFAULT_NORMALISE, ...v.normalise },
      };
    case 'short_answer':
      return { ...base, reference: trimmed(v.reference), rubric: (v.rubric ?? []).map((p) => ({ points: p.points ?? 0, text: trimmed(p.text) })) };
    case 'case':
      return base;
  }
}

export function toInput(v: FormValues): QuestionInput {
  const line = trimmed(v.product_line);
  const ranks = [...(v.ranks ?? [])].sort((a, b) => a - b);
  const q = partInput(v, line, ranks);
  if (v.type === 'case') q.parts = (v.parts ?? []).map((p) => partInput(p, line, ranks));
  return q;
}

// Where the form shows an error the server names by its JSON path: the English text has a field of
// its own, an option's error sits on its Chinese text, a scoring point's on its text.
export type FieldPath = (string | number)[];
export function formPath(field: string): FieldPath {
  const tokens: FieldPath = [];
  for (const m of field.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) tokens.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  return leaf(tokens);
}
function leaf(t: FieldPath): FieldPath {
  const [head, ...rest] = t;
  if (head === 'parts' && typeof rest[0] === 'number' && rest.length > 1) return ['parts', rest[0], ...leaf(rest.slice(1))];
  if ((head === 'stem' || head === 'explanation') && rest.length) return [rest[0] === 'en' ? `${head}_en` : head];
  if (head === 'options' && typeof rest[0] === 'number') return ['options', rest[0], rest[rest.length - 1] === 'en' ? 'en' : 'zh'];
  if (head === 'rubric' && typeof rest[0] === 'number') return ['rubric', rest[0], rest[1] === 'points' ? 'points' : 'text'];
  if (head === 'blanks' && typeof rest[0] === 'number') return ['blanks', rest[0]];
  return t;
}
