// The question bank (题库): the page of questions the filters find (filtered and paged by the server),
// one question with its version history, saving (a change adds a version), retiring and restoring.
//
//   const list = useQuestions({ type: 'fill_blank', page: 1, page_size: 20 });
//   const saved = await createQuestion(input);   // saved.warnings: near-duplicates in the bank
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, apiHeaders, ApiError, unwrap, type Body, type Problem, type Schemas } from '../../api/client';

export type Question = Schemas['Question'];
export type QuestionDetail = Schemas['QuestionDetail'];
export type QuestionInput = Schemas['QuestionInput'];
export type QuestionType = QuestionInput['type'];

export const QUESTION_TYPES: readonly QuestionType[] = ['single', 'multiple', 'true_false', 'fill_blank', 'short_answer', 'case'];
export const DIFFICULTIES = [1, 2, 3, 4, 5] as const;

// A near-duplicate named by a save: the field it is about ("stem", "parts[1].stem") and the message,
// in both languages, naming the question of the bank it is much like. (The contract types the
// warnings as bare objects; this is the shape the server sends.)
export type SaveWarning = { field: string; message: { zh: string; en: string } };
export const warningsOf = (d: QuestionDetail): SaveWarning[] => (d.warnings ?? []) as unknown as SaveWarning[];

export type QuestionQuery = {
  q?: string;
  product_line?: string;
  type?: QuestionType;
  rank?: number;
  difficulty?: number;
  retired?: boolean;
  page: number;
  page_size: number;
};

export const questionsQuery = (q: QuestionQuery) =>
  queryOptions({
    queryKey: ['questions', q],
    queryFn: async () => unwrap(await api.GET('/api/v1/questions', { params: { query: q } })),
    placeholderData: keepPreviousData,
  });
export const useQuestions = (q: QuestionQuery) => useQuery(questionsQuery(q));

export const questionQuery = (id: number) =>
  queryOptions({
    queryKey: ['questions', id],
    queryFn: async () => unwrap(await api.GET('/api/v1/questions/{id}', { params: { path: { id } } })),
  });
// null: no question is open (nothing is requested).
export const useQuestion = (id: number | null) => useQuery({ ...questionQuery(id ?? 0), enabled: id !== null });

// A picture for questions: the server checks it (PNG or JPEG, 1 MB, 4096 px) and keeps each once.
export async function uploadQuestionImage(file: File): Promise<Schemas['QuestionImage']> {
  const res = await fetch('/api/v1/question-images', { method: 'POST', body: file, headers: { ...apiHeaders(), 'Content-Type': file.type || 'application/octet-stream' } });
  const body = await res.json();
  if (!res.ok) throw new ApiError(body as Problem, res.status);
  return body;
}
export const questionImageUrl = (id: number) => `/api/v1/question-images/${id}`;

export const createQuestion = async (body: Body<'createQuestion'>) => unwrap(await api.POST('/api/v1/questions', { body }));

// Saves the question again: a change adds a version (the code stays), the same content adds none;
// `version` (the one the editor opened) makes a save over someone else's newer version a 412.
export const updateQuestion = async (id: number, body: Body<'updateQuestion'>, version?: number) =>
  unwrap(await api.PUT('/api/v1/questions/{id}', { params: { path: { id }, header: version ? { 'If-Match': `"${version}"` } : {} }, body }));

// Out of use with a reason (required), or back in use.
export const retireQuestion = async (id: number, retired: boolean, reason = '') =>
  unwrap(await api.POST('/api/v1/questions/{id}/retire', { params: { path: { id } }, body: retired ? { retired, reason } : { retired } }));

export const EXPORT_URL = '/api/v1/questions/export.xlsx';
export const TEMPLATE_URL = '/api/v1/questions/import-template.xlsx';
export const IMPORT_URL = '/api/v1/questions/import';
