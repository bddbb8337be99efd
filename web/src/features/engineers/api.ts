import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, apiHeaders, unwrap, ApiError, type Body, type Problem, type Schemas } from '../../api/client';

export type EngineerQuery = {
  q?: string;
  org_unit?: number;
  rank?: number;
  product_line?: string;
  status?: 'active' | 'left';
  account?: 'none' | 'yes';
  sort?: string;
  page: number;
  page_size: number;
};

export const engineersQuery = (q: EngineerQuery) =>
  queryOptions({
    queryKey: ['engineers', q],
    queryFn: async () => unwrap(await api.GET('/api/v1/engineers', { params: { query: q as never } })),
    placeholderData: keepPreviousData,
  });
export const useEngineers = (q: EngineerQuery) => useQuery(engineersQuery(q));

export const engineerQuery = (id: number) =>
  queryOptions({
    queryKey: ['engineers', id],
    queryFn: async () => unwrap(await api.GET('/api/v1/engineers/{id}', { params: { path: { id } } })),
  });
export const useEngineer = (id: number) => useQuery(engineerQuery(id));

export const useNextLevel = (id: number) =>
  useQuery({
    queryKey: ['engineers', id, 'next-level'],
    queryFn: async () => unwrap(await api.GET('/api/v1/engineers/{id}/next-level', { params: { path: { id } } })),
  });

export const useOwnResults = (id: number) =>
  useQuery({
    queryKey: ['engineers', id, 'results'],
    queryFn: async () => unwrap(await api.GET('/api/v1/engineers/{id}/results', { params: { path: { id } } })),
  });

// A level change (promotion, correction) with its date and reason.
export const recordLevel = async (id: number, body: Body<'addLevel'>) =>
  unwrap(await api.POST('/api/v1/engineers/{id}/levels', { params: { path: { id } }, body }));

export const createEngineer = async (body: Body<'createEngineer'>) => unwrap(await api.POST('/api/v1/engineers', { body }));

// Saved with the version the form was opened with: a concurrent change answers 412.
export const updateEngineer = async (e: { id: number; version: number }, body: Body<'updateEngineer'>) =>
  unwrap(await api.PUT('/api/v1/engineers/{id}', { params: { path: { id: e.id }, header: { 'If-Match': `"${e.version}"` } }, body }));

// Multipart upload to an import endpoint; a 422 carries the per-row report.
// An upload to an import: the answer is its job (202), which checks and imports the file.
export async function uploadSheet(url: string, file: File): Promise<Schemas['Job']> {
  const form = new FormData();
  form.append('file', file);
  const res = await fetch(url, { method: 'POST', body: form, headers: apiHeaders() });
  const body = await res.json();
  if (!res.ok) throw new ApiError(body as Problem, res.status);
  return body;
}

// The sheet of the engineers the filters find is made by a job; its file is downloaded once it ended.
export const exportEngineers = async (q: Omit<EngineerQuery, 'page' | 'page_size'>) => {
  const query = Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined && v !== ''));
  return unwrap(await api.POST('/api/v1/engineers/export', { params: { query } }));
};

// Engineer accounts in bulk: the answer is the hand-out sheet of one-time passwords, saved at once
// as a download (it is shown nowhere else, and nobody can read the passwords again).
export async function createAccounts(engineerIds: number[]): Promise<{ created: number; skipped: number }> {
  const res = await fetch('/api/v1/engineers/accounts', {
    method: 'POST',
    body: JSON.stringify({ engineer_ids: engineerIds }),
    headers: { ...apiHeaders(), 'Content-Type': 'application/json' },
  });
  if (!res.ok) throw new ApiError((await res.json()) as Problem, res.status);
  const file = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = file;
  a.download = `accounts-${new Date().toISOString().slice(0, 19).replace(/[-:T]/g, '')}.xlsx`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(file), 60_000);
  return { created: Number(res.headers.get('X-Accounts-Created') ?? 0), skipped: Number(res.headers.get('X-Accounts-Skipped') ?? 0) };
}
