// The candidate's side of the online exam: their sittings, starting or resuming an attempt (a
// device id of this browser, taking over from another device when confirmed), saving one answer,
// submitting, and reporting that the page lost focus; the webcam snapshots' consent and pictures;
// after the close, the review of an attempt and the wrong-question list (错题本).
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, apiHeaders, ApiError, unwrap, type Schemas } from '../../api/client';
import type { AnswerValue, SaveOutcome } from './answers';
import { uploadOutcome, type SnapshotStatus, type UploadOutcome } from './snapshots';

export type MyExam = Schemas['MyExam'];
export type AttemptView = Schemas['AttemptView'];
export type PaperQuestion = Schemas['PaperQuestion'];
export type AttemptReview = Schemas['AttemptReview'];
export type WrongQuestion = NonNullable<Awaited<ReturnType<typeof getWrongQuestions>>['items']>[number];

export const useMyExams = () =>
  useQuery({ queryKey: ['me', 'exams'], queryFn: async () => unwrap(await api.GET('/api/v1/me/exams')).items ?? [] });

// This browser's own id, kept across reloads: one active device per attempt.
export function deviceId(): string {
  const key = 'sg.exam.device';
  let id = localStorage.getItem(key);
  if (!id) {
    id = crypto.randomUUID();
    localStorage.setItem(key, id);
  }
  return id;
}

export async function startAttempt(sittingId: number, takeOver = false): Promise<AttemptView> {
  return unwrap(await api.POST('/api/v1/attempts', { body: { sitting_id: sittingId, device: deviceId(), take_over: takeOver } }));
}

export async function submitAttempt(id: number): Promise<AttemptView> {
  return unwrap(await api.POST('/api/v1/attempts/{id}/submit', { params: { path: { id } } }));
}

export async function reportFocusLoss(id: number, seconds: number) {
  return unwrap(await api.POST('/api/v1/attempts/{id}/focus-loss', { params: { path: { id } }, body: { seconds } }));
}

// One save: 200 is stored; a 409 for a newer number there is outdated; other refusals end the
// editing; no answer at all (or a server that is down) is offline, to be sent again.
export async function saveAnswer(attemptId: number, questionId: number, seq: number, value: AnswerValue): Promise<SaveOutcome> {
  let r;
  try {
    r = await api.PUT('/api/v1/attempts/{id}/answers/{question_id}', {
      params: { path: { id: attemptId, question_id: questionId } },
      body: { seq, answer: value, device: deviceId() },
    });
  } catch {
    return { kind: 'offline' };
  }
  if (r.response.ok) return { kind: 'ok' };
  const status = r.response.status;
  if (status >= 500 || status === 429 || status === 408) return { kind: 'offline' };
  const p = (r.error ?? {}) as Schemas['Problem'];
  if (p.code === 'exam.stale') return { kind: 'stale' };
  return { kind: 'fatal', code: p.code ?? String(status), message: p.errors?.[0]?.message ?? p.title ?? '' };
}

// The candidate's answer to the snapshot question; it may be changed while the attempt runs (audited).
export async function setSnapshotConsent(id: number, snapshots: boolean): Promise<SnapshotStatus> {
  return unwrap(await api.POST('/api/v1/attempts/{id}/consent', { params: { path: { id } }, body: { snapshots } }));
}

// One webcam picture, the JPEG bytes as the body; no answer at all is a retry.
export async function uploadSnapshot(id: number, jpeg: Blob): Promise<UploadOutcome> {
  let res: Response;
  try {
    res = await fetch(`/api/v1/attempts/${id}/snapshots`, { method: 'POST', credentials: 'same-origin', headers: { ...apiHeaders(), 'Content-Type': 'image/jpeg' }, body: jpeg });
  } catch {
    return uploadOutcome(null, undefined);
  }
  return uploadOutcome(res.status, await res.json().catch(() => undefined));
}

export const isProblem = (e: unknown, code: string) => e instanceof ApiError && e.problem.code === code;

// The review of one's own attempt once its sitting has closed (409 exam.not_closed before).
export const useReview = (id: number) =>
  useQuery({
    queryKey: ['me', 'attempts', id, 'review'],
    queryFn: async () => unwrap(await api.GET('/api/v1/attempts/{id}/review', { params: { path: { id } } })),
  });

export const getWrongQuestions = async (page: number, pageSize: number) =>
  unwrap(await api.GET('/api/v1/me/wrong-questions', { params: { query: { page, page_size: pageSize } } }));

// One page of the wrong-question list, newest first; the page shown stays while the next loads.
export const useWrongQuestions = (page: number, pageSize: number) =>
  useQuery({ queryKey: ['me', 'wrong-questions', page, pageSize], queryFn: () => getWrongQuestions(page, pageSize), placeholderData: keepPreviousData });
