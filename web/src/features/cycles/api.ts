// Evaluation cycles: the list and one cycle (with its version for If-Match), its applications,
// scores, results, published list and report, and every change HR, examiners, the committee and
// engineers make to a cycle. The components invalidate ['cycles'] (or a part of it) after a change.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap, type Body, type Schemas } from '../../api/client';
import type { Job } from '../jobs/api';

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
export type SheetLine = Schemas['SheetLine'];

// One page of a cycle's list as the server filters, sorts and counts it; each page is its own query
// (cached by react-query), and the page shown stays while the next one loads.
export type ListQuery = { page: number; page_size: number; sort?: string; q?: string; org_unit?: number; target_rank?: number; status?: 'submitted' | 'withdrawn' | 'eligible' | 'ineligible'; outcome?: 'passed' | 'failed' };
const listQuery = <T extends object>(q: ListQuery) => Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined && v !== '')) as T;

export const useScores = (id: number, q: ListQuery, enabled: boolean) =>
  useQuery({
    enabled,
    queryKey: ['cycles', id, 'scores', q],
    placeholderData: keepPreviousData,
    queryFn: async () => unwrap(await api.GET('/api/v1/cycles/{id}/scores', { params: { path: { id }, query: listQuery(q) } })),
  });

export const useResults = (id: number, q: ListQuery, enabled: boolean) =>
  useQuery({
    enabled,
    queryKey: ['cycles', id, 'results', q],
    placeholderData: keepPreviousData,
    queryFn: async () => unwrap(await api.GET('/api/v1/cycles/{id}/results', { params: { path: { id }, query: listQuery(q) } })),
  });

export const useApplications = (id: number, q: ListQuery, enabled = true) =>
  useQuery({
    enabled: id > 0 && enabled,
    queryKey: ['cycles', id, 'applications', q],
    placeholderData: keepPreviousData,
    queryFn: async () => unwrap(await api.GET('/api/v1/cycles/{id}/applications', { params: { path: { id }, query: listQuery(q) } })),
  });

// The public notice's list: only the fields the cycle publishes.
export const usePublished = (id: number, q: ListQuery) =>
  useQuery({
    queryKey: ['cycles', id, 'published', q],
    placeholderData: keepPreviousData,
    queryFn: async () => unwrap(await api.GET('/api/v1/cycles/{id}/published', { params: { path: { id }, query: listQuery(q) } })),
  });

// An engineer's own applications in every cycle (withdrawn ones aside), without reading any cycle's
// other applicants; under ['cycles'] so that applying and withdrawing refresh it.
export const useOwnApplications = (engineerId: number | null | undefined) =>
  useQuery({
    enabled: !!engineerId,
    queryKey: ['cycles', 'own', engineerId],
    queryFn: async () => unwrap(await api.GET('/api/v1/engineers/{id}/results', { params: { path: { id: engineerId! } } })),
  });

export const useLocks = (id: number, enabled: boolean) =>
  useQuery({
    enabled,
    queryKey: ['cycles', id, 'locks'],
    queryFn: async () => unwrap(await api.GET('/api/v1/cycles/{id}/locks', { params: { path: { id } } })),
  });

export const useCycleReport = (id: number) =>
  useQuery({
    queryKey: ['cycles', id, 'report'],
    queryFn: async () => unwrap(await api.GET('/api/v1/cycles/{id}/report', { params: { path: { id } } })),
  });

export const createCycle = async (body: Body<'createCycle'>) => unwrap(await api.POST('/api/v1/cycles', { body }));

// A move to another phase, with the version the page shows (a concurrent change answers 412).
export const transitionCycle = async (id: number, etag: string, body: Body<'transitionCycle'>) =>
  unwrap(await api.POST('/api/v1/cycles/{id}/transition', { params: { path: { id }, header: { 'If-Match': etag } }, body }));

export const saveCycleSettings = async (id: number, etag: string, body: Body<'updateCycleSettings'>) =>
  unwrap(await api.PUT('/api/v1/cycles/{id}/settings', { params: { path: { id }, header: { 'If-Match': etag } }, body }));

export const setQuota = async (id: number, body: Body<'setQuota'>) => unwrap(await api.POST('/api/v1/cycles/{id}/quotas', { params: { path: { id } }, body }));

// HR nominates by filter; a dry run only counts.
export const nominate = async (id: number, dry: boolean, body: Body<'nominateInBulk'>) =>
  unwrap(await api.POST('/api/v1/cycles/{id}/nominations', { params: { path: { id }, query: { dry_run: dry } }, body }));

export const submitApplication = async (id: number, body: Body<'apply'>) => unwrap(await api.POST('/api/v1/cycles/{id}/applications', { params: { path: { id } }, body }));

export const withdrawApplication = async (id: number) => unwrap(await api.POST('/api/v1/applications/{id}/withdraw', { params: { path: { id } } }));

// The review and the evaluation run as background jobs: the server answers the queued job (see features/jobs).
export const reviewEligibility = async (id: number) => unwrap(await api.POST('/api/v1/cycles/{id}/eligibility-review', { params: { path: { id } } }));

// HR overrides the eligibility verdict of one application, with a reason.
export const overrideVerdict = async (id: number, body: Body<'overrideVerdict'>) =>
  unwrap(await api.POST('/api/v1/applications/{id}/override', { params: { path: { id } }, body }));

export const setScore = async (id: number, body: Body<'setScore'>) => unwrap(await api.POST('/api/v1/applications/{id}/scores', { params: { path: { id } }, body }));

export const lockComponent = async (id: number, body: Body<'lockComponent'>) => unwrap(await api.POST('/api/v1/cycles/{id}/locks', { params: { path: { id } }, body }));

export const evaluateCycle = async (id: number) => unwrap(await api.POST('/api/v1/cycles/{id}/evaluate', { params: { path: { id } } })) as Job;

// The results sheet is made by a job; its file is downloaded once it ended.
export const exportResults = async (id: number) => unwrap(await api.POST('/api/v1/cycles/{id}/results/export', { params: { path: { id } } }));

export const castVote = async (id: number, body: Body<'castVote'>) => unwrap(await api.POST('/api/v1/applications/{id}/votes', { params: { path: { id } }, body }));

// The replay (auditors, HR, administrators): always a job (see features/jobs: useJob polls it while it
// runs); its result is a ReplayResult.
export type ReplayResult = Schemas['ReplayResult'];
export type ReplayDifference = Schemas['ReplayDifference'];

export const startReplay = async (id: number) => unwrap(await api.POST('/api/v1/cycles/{id}/replay', { params: { path: { id } } }));
