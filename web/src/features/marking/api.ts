// Marking short answers (阅卷): the queue of blueprints with answers waiting, the next answer claimed
// for the signed-in marker (their open claim first, so a reload comes back to it), giving a mark
// (final once given), handing a claim back; for HR a blueprint's progress and workload, and the
// regrade of submitted papers after a key correction (a dry run first).
//
//   const task = useNextTask(blueprintId);                 // null: nothing left for this marker
//   await saveMark(task.id, 750, '要点 1、2 答全');         // 422 per field · 409 marking.final
//   const report = await regrade(blueprintId, { dry_run: true });
import { useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../../api/client';

export type QueueItem = Schemas['MarkingQueueItem'];
export type MarkingTask = Schemas['MarkingTask'];
export type MarkingProgress = Schemas['MarkingProgress'];
export type RegradeReport = Schemas['RegradeReport'];
export type RegradeChange = NonNullable<RegradeReport['changes']>[number];

export const useMarkingQueue = () =>
  useQuery({
    queryKey: ['marking', 'queue'],
    queryFn: async () => unwrap(await api.GET('/api/v1/marking')).items ?? [],
  });

// A POST that claims: read once per visit and again only when asked (after a mark or a skip);
// calling it again while a claim is open answers that claim.
export const useNextTask = (blueprintId: number) =>
  useQuery({
    queryKey: ['marking', 'task', blueprintId],
    queryFn: async () => unwrap(await api.POST('/api/v1/blueprints/{id}/marking/next', { params: { path: { id: blueprintId } } })).task ?? null,
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });

export const saveMark = async (id: number, points: number, comment: string) =>
  unwrap(await api.PUT('/api/v1/marks/{id}', { params: { path: { id } }, body: { points, comment } }));

export const releaseTask = async (id: number) => unwrap(await api.DELETE('/api/v1/marks/{id}', { params: { path: { id } } }));

// HR's view of one blueprint, read again every 30 s while answers wait.
export const useMarkingProgress = (blueprintId: number) =>
  useQuery({
    queryKey: ['marking', 'progress', blueprintId],
    queryFn: async () => unwrap(await api.GET('/api/v1/blueprints/{id}/marking', { params: { path: { id: blueprintId } } })),
    refetchInterval: (q) => {
      const p = q.state.data;
      return p && (p.waiting_first ?? 0) + (p.waiting_second ?? 0) + (p.waiting_third ?? 0) > 0 ? 30_000 : false;
    },
  });

// dry_run: what would change, nothing written; otherwise applied (a reason is required: 422 reason).
export const regrade = async (blueprintId: number, body: { dry_run: boolean; reason?: string }) =>
  unwrap(await api.POST('/api/v1/blueprints/{id}/regrade', { params: { path: { id: blueprintId } }, body }));
