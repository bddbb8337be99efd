import { useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../../api/client';

export type Cycle = Schemas['Cycle'];
export type Application = Schemas['Application'];
export const PHASES = ['application', 'eligibility_review', 'written_exam', 'practical_test', 'interview', 'committee_review', 'public_notice', 'appeal', 'certification'] as const;
export const STATUSES = ['draft', ...PHASES, 'closed'] as const;

export const useCycles = () => useQuery({ queryKey: ['cycles'], queryFn: async () => unwrap(await api.GET('/api/v1/cycles')) });

export const useCycle = (id: number) =>
  useQuery({
    queryKey: ['cycles', id],
    queryFn: async () => {
      const r = await api.GET('/api/v1/cycles/{id}', { params: { path: { id } } });
      return { cycle: unwrap(r), etag: r.response.headers.get('etag') ?? '' };
    },
  });

export type Score = Schemas['Score'];
export type Result = Schemas['Result'];

export const useScores = (id: number, enabled: boolean) =>
  useQuery({
    enabled,
    queryKey: ['cycles', id, 'scores'],
    queryFn: async () => unwrap(await api.GET('/api/v1/cycles/{id}/scores', { params: { path: { id } } })),
  });

export const useResults = (id: number, enabled: boolean) =>
  useQuery({
    enabled,
    queryKey: ['cycles', id, 'results'],
    queryFn: async () => unwrap(await api.GET('/api/v1/cycles/{id}/results', { params: { path: { id } } })),
  });

export const useApplications = (id: number) =>
  useQuery({
    enabled: id > 0,
    queryKey: ['cycles', id, 'applications'],
    queryFn: async () => unwrap(await api.GET('/api/v1/cycles/{id}/applications', { params: { path: { id } } })),
  });
