// The question list's filters and page as URL parameters: they survive opening a question and going
// back, and a link shares them. Only well-formed values are taken from the URL; anything else is the
// default.
//
//   queryFromParams(new URLSearchParams('type=case&page=2'))   // { type: 'case', page: 2, page_size: 20 }
//   paramsFromQuery({ page: 1, page_size: 20 }).toString()      // ''
import { QUESTION_TYPES, type QuestionQuery, type QuestionType } from './api';

export const PAGE_SIZES = [10, 20, 50, 100];
export const DEFAULT_QUERY: QuestionQuery = { page: 1, page_size: 20 };

export function queryFromParams(p: URLSearchParams): QuestionQuery {
  const int = (k: string, min: number, max: number) => {
    const v = p.get(k);
    return v !== null && /^\d{1,7}$/.test(v) && Number(v) >= min && Number(v) <= max ? Number(v) : undefined;
  };
  const type = p.get('type') as QuestionType | null;
  const q = (p.get('q') ?? '').trim();
  const size = int('page_size', 1, 200);
  return {
    q: q && q.length <= 100 ? q : undefined,
    product_line: p.get('product_line') || undefined,
    type: type && QUESTION_TYPES.includes(type) ? type : undefined,
    rank: int('rank', 1, 9),
    difficulty: int('difficulty', 1, 5),
    retired: p.get('retired') === 'true' ? true : undefined,
    page: int('page', 1, 1_000_000) ?? 1,
    page_size: size !== undefined && PAGE_SIZES.includes(size) ? size : DEFAULT_QUERY.page_size,
  };
}

export function paramsFromQuery(q: QuestionQuery): URLSearchParams {
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) {
    if (v === undefined || v === '' || v === false || v === DEFAULT_QUERY[k as keyof QuestionQuery]) continue;
    out.set(k, String(v));
  }
  return out;
}
