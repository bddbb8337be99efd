// The online written exam as HR and proctors run it: a cycle's blueprints (组卷规则, one per level),
// its sittings (考试场次) with their proctors and candidates, and a sitting's room, live, with the
// candidates' webcam snapshots. Edits send the record's version in If-Match (a concurrent change
// answers 412). The components invalidate ['examAdmin'] after a change.
//
//   const blueprints = useBlueprints(cycle.id, true);
//   await updateBlueprint(b.id!, b.version!, input);   // 422 blueprint.bank_short: one error per section
import { useQuery } from '@tanstack/react-query';
import { api, unwrap, type Body, type Schemas } from '../../api/client';

export type Blueprint = Schemas['Blueprint'];
export type BlueprintInput = Schemas['BlueprintInput'];
export type BlueprintSection = Schemas['BlueprintSection'];
export type QuestionType = NonNullable<BlueprintSection['types']>[number];
export type Sitting = Schemas['Sitting'];
export type SittingInput = Schemas['SittingInput'];
export type RoomLine = Schemas['RoomLine'];
export type Attempt = Schemas['Attempt'];

export const QUESTION_TYPES: readonly QuestionType[] = ['single', 'multiple', 'true_false', 'fill_blank', 'short_answer', 'case'];
// Points travel in hundredths; every page shows them with two decimals ("2.00").
export const TOTAL_POINTS = 10000;
export const formatPoints = (hundredths: number | undefined | null) => (hundredths === undefined || hundredths === null ? '—' : (hundredths / 100).toFixed(2));
// The ETag the server gives a record of this version, for If-Match.
const ifMatch = (version: number) => ({ 'If-Match': `"${version}"` });

export const useBlueprints = (cycleId: number, enabled: boolean) =>
  useQuery({
    enabled,
    queryKey: ['examAdmin', cycleId, 'blueprints'],
    queryFn: async () => unwrap(await api.GET('/api/v1/cycles/{id}/blueprints', { params: { path: { id: cycleId } } })),
  });

export const createBlueprint = async (cycleId: number, body: Body<'createBlueprint'>) =>
  unwrap(await api.POST('/api/v1/cycles/{id}/blueprints', { params: { path: { id: cycleId } }, body }));

// Replaces the sections and settings while no paper was drawn (409 once one was).
export const updateBlueprint = async (id: number, version: number, body: Body<'updateBlueprint'>) =>
  unwrap(await api.PUT('/api/v1/blueprints/{id}', { params: { path: { id }, header: ifMatch(version) }, body }));

// HR sees every sitting of the cycle, an examiner those they proctor.
export const useSittings = (cycleId: number, enabled: boolean) =>
  useQuery({
    enabled,
    queryKey: ['examAdmin', cycleId, 'sittings'],
    queryFn: async () => unwrap(await api.GET('/api/v1/cycles/{id}/sittings', { params: { path: { id: cycleId } } })),
  });

// One sitting; with `poll`, read again every 15 s until it has closed (it opens and closes by the clock).
export const useSitting = (id: number, poll = false) =>
  useQuery({
    queryKey: ['examAdmin', 'sitting', id],
    refetchInterval: (q) => (poll && q.state.data?.state !== 'closed' ? 15_000 : false),
    queryFn: async () => unwrap(await api.GET('/api/v1/sittings/{id}', { params: { path: { id } } })),
  });

export const createSitting = async (blueprintId: number, body: Body<'createSitting'>) =>
  unwrap(await api.POST('/api/v1/blueprints/{id}/sittings', { params: { path: { id: blueprintId } }, body }));

export const updateSitting = async (id: number, version: number, body: Body<'updateSitting'>) =>
  unwrap(await api.PUT('/api/v1/sittings/{id}', { params: { path: { id }, header: ifMatch(version) }, body }));

// The whole list of proctors (examiners or HR): one per 15 candidates, two in a room (422 explains).
export const setProctors = async (id: number, user_ids: number[]) => unwrap(await api.PUT('/api/v1/sittings/{id}/proctors', { params: { path: { id } }, body: { user_ids } }));

// Without ids: every eligible application of the level not yet in a sitting of the blueprint.
export const addCandidates = async (id: number, application_ids?: number[]) =>
  unwrap(await api.POST('/api/v1/sittings/{id}/candidates', { params: { path: { id } }, body: application_ids ? { application_ids } : {} }));

// Only before the candidate started (409 after).
export const removeCandidate = async (id: number, applicationId: number) =>
  unwrap(await api.DELETE('/api/v1/sittings/{id}/candidates/{application_id}', { params: { path: { id, application_id: applicationId } } }));

// The room: one line per candidate, read again every `poll` ms (false: once).
export const useRoom = (id: number, poll: number | false, enabled = true) =>
  useQuery({
    enabled,
    queryKey: ['examAdmin', 'sitting', id, 'room'],
    refetchInterval: poll,
    queryFn: async () => unwrap(await api.GET('/api/v1/sittings/{id}/room', { params: { path: { id } } })),
  });

// More minutes for one candidate, with a reason (audited); the answer is the room as it is now.
export const extendTime = async (id: number, applicationId: number, minutes: number, reason: string) =>
  unwrap(await api.POST('/api/v1/sittings/{id}/candidates/{application_id}/extend', { params: { path: { id, application_id: applicationId } }, body: { minutes, reason } }));

// The accounts that may proctor (examiners, HR, administrators), for HR and administrators.
export type ProctorChoice = { id: number; name: string; roles: string[] };
export const useProctorChoices = (enabled: boolean) =>
  useQuery({
    enabled,
    queryKey: ['examAdmin', 'proctorChoices'],
    staleTime: 60_000,
    queryFn: async () =>
      (unwrap(await api.GET('/api/v1/proctors')).items ?? []).map((u) => ({ id: u.id!, name: u.display_name || u.username!, roles: u.roles ?? [] })) as ProctorChoice[],
  });

// One candidate's webcam snapshots (the list, without the pictures: each is GET /api/v1/snapshots/{id}).
// Every look is audited, so it is read once per opening and not kept after.
export type Snapshot = Schemas['Snapshot'];
export const useAttemptSnapshots = (attemptId: number) =>
  useQuery({
    queryKey: ['examAdmin', 'attempt', attemptId, 'snapshots'],
    gcTime: 0,
    staleTime: Infinity,
    queryFn: async () => unwrap(await api.GET('/api/v1/attempts/{id}/snapshots', { params: { path: { id: attemptId } } })),
  });
export const snapshotUrl = (id: number) => `/api/v1/snapshots/${id}`;
