// Appeals against a published result: an engineer files one against their own application during the
// public notice; HR lists a cycle's appeals and resolves each (uphold, or amend one score, after which
// the cycle is evaluated again). Callers invalidate ['cycles'] afterwards.
import { useQuery } from '@tanstack/react-query';
import { api, unwrap, type Body } from '../../api/client';

export const useAppeals = (cycleId: number) =>
  useQuery({
    queryKey: ['cycles', cycleId, 'appeals'],
    queryFn: async () => unwrap(await api.GET('/api/v1/cycles/{id}/appeals', { params: { path: { id: cycleId } } })),
  });

export const fileAppeal = async (applicationId: number, reason: string) =>
  unwrap(await api.POST('/api/v1/applications/{id}/appeals', { params: { path: { id: applicationId } }, body: { reason } }));

export const resolveAppeal = async (id: number, body: Body<'resolveAppeal'>) => unwrap(await api.POST('/api/v1/appeals/{id}/resolve', { params: { path: { id } }, body }));
