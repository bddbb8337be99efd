// Background jobs (the review, the evaluation, the replay, the exports): the recent ones the user may see, polled
// every second while one of them is queued or running, and cancelling. A page that starts a job
// refreshes ['jobs'] so that the poll begins at once.
import { useQuery } from '@tanstack/react-query';
import { api, unwrap, type Problem, type Schemas } from '../../api/client';

export type Job = Schemas['Job'];

export const isActive = (j: Job) => j.state === 'queued' || j.state === 'running';

// Percent done for a progress bar: a job that has not counted its work yet shows 0.
export const percentOf = (j: Job) => (j.total > 0 ? Math.min(100, Math.floor((j.done * 100) / j.total)) : j.state === 'succeeded' ? 100 : 0);

export const useJobs = (enabled: boolean) =>
  useQuery({
    enabled,
    queryKey: ['jobs'],
    queryFn: async () => unwrap(await api.GET('/api/v1/jobs')),
    refetchInterval: (q) => (q.state.data?.items.some(isActive) ? 1000 : false),
  });

export const cancelJob = async (id: number) => unwrap(await api.DELETE('/api/v1/jobs/{id}', { params: { path: { id } } }));

// One job, read while it is queued or running: four times a second at first (a small import ends
// within a second), then every second.
export const useJob = (id: number | null) =>
  useQuery({
    enabled: id !== null,
    queryKey: ['jobs', id],
    queryFn: async () => unwrap(await api.GET('/api/v1/jobs/{id}', { params: { path: { id: id! } } })),
    refetchInterval: (q) => (q.state.data && !isActive(q.state.data) ? false : q.state.dataUpdateCount < 8 ? 250 : 1000),
  });

// Jobs whose end a component on screen shows itself (an import dialog): the notifier leaves them be.
export const shownHere = new Set<number>();

// A job's error as a problem, in the language on screen (its texts are stored in both).
type Texts = { zh?: string; en?: string };
export function problemOf(j: Job, lang: string): Problem {
  const e = (j.error ?? {}) as { slug?: string; title?: Texts; errors?: { field: string; message: Texts; row?: number; column?: string }[] };
  const pick = (t?: Texts) => (lang.startsWith('en') ? t?.en : t?.zh) ?? '';
  return {
    type: '',
    title: pick(e.title),
    status: 422,
    code: e.slug ?? 'job.failed',
    errors: e.errors?.map((x) => ({ field: x.field, message: pick(x.message), row: x.row, column: x.column })),
  };
}
