// The API client, generated from api/openapi.yaml (see `npm run gen:api`): typed paths,
// the CSRF header on every state-changing request, and the UI language for localized errors.
import createClient, { type Middleware } from 'openapi-fetch';
import type { components, operations, paths } from './schema';
import i18n from '../i18n';

export type Schemas = components['schemas'];
export type Engineer = Schemas['Engineer'];
export type Scheme = Schemas['Scheme'];
export type Level = Schemas['Level'];
export type Problem = Schemas['Problem'];
export type User = Schemas['User'];
export type Session = Schemas['Session'];
export type SessionInfo = Schemas['SessionInfo'];
// The JSON body an operation takes (by its operationId), for the feature wrappers that pass one on.
export type Body<O extends keyof operations> = operations[O] extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;

let csrfToken = '';
export const setCsrfToken = (t: string) => {
  csrfToken = t;
};
export const getCsrfToken = () => csrfToken;

export const apiHeaders = (): Record<string, string> => ({
  'Accept-Language': i18n.language === 'en' ? 'en-US' : 'zh-CN',
  ...(csrfToken ? { 'X-CSRF-Token': csrfToken } : {}),
});

const headers: Middleware = {
  onRequest({ request }) {
    for (const [k, v] of Object.entries(apiHeaders())) request.headers.set(k, v);
    return request;
  },
};

export const api = createClient<paths>({ baseUrl: '/' });
api.use(headers);

// A problem+json body thrown as an Error, so that queries and mutations can show it.
export class ApiError extends Error {
  constructor(public problem: Problem, public status: number) {
    super(problem.title);
  }
}

export function unwrap<T>(r: { data?: T; error?: unknown; response: Response }): T {
  if (r.error !== undefined || r.data === undefined) {
    const p = (r.error ?? {}) as Problem;
    throw new ApiError({ type: p.type ?? '', title: p.title ?? r.response.statusText, status: r.response.status, code: p.code ?? 'unknown', detail: p.detail, errors: p.errors, rows: p.rows }, r.response.status);
  }
  return r.data;
}
