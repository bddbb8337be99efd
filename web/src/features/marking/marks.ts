// What a marker's page works out by itself: a mark from the scoring points ticked, points typed
// ("8.5") and sent in hundredths (850), the round's name, the claim's time left, and why nothing is
// left to mark.
//
//   markOf(task.question.rubric, [0, 2], task.max_points)   // hundredths, half-up
//   toHundredths(8.5)                                      // 850
//   t(roundKey(task.round))                                // 一评 / First marking
//
// A scoring point is written in whole points in the bank (1–100) while the paper gives the question
// its own points: when the points of the rubric do not add up to the question's, each point counts
// its share of the question's points (a rubric of 10 on a 5.00-point question: 3 counts 1.50).
import type { QueueItem } from './api';

export type RubricPoint = { points?: number; text?: string };

export const rubricTotal = (rubric: RubricPoint[] | undefined) => (rubric ?? []).reduce((s, p) => s + (p.points ?? 0), 0);

// Whole points × max / total in hundredths, half-up, in integers (no floating-point drift).
const share = (points: number, total: number, max: number) => (total > 0 ? Math.floor((2 * points * max + total) / (2 * total)) : 0);

// Whether the rubric's points are counted as a share of the question's points.
export const isScaled = (rubric: RubricPoint[] | undefined, max: number) => rubricTotal(rubric) > 0 && rubricTotal(rubric) * 100 !== max;

// What one scoring point is worth on this paper, in hundredths.
export const pointValue = (rubric: RubricPoint[] | undefined, i: number, max: number) => share(rubric?.[i]?.points ?? 0, rubricTotal(rubric), max);

// The mark for the points ticked (indexes into the rubric), in hundredths: all of them give max.
export function markOf(rubric: RubricPoint[] | undefined, ticked: number[], max: number) {
  const points = [...new Set(ticked)].reduce((s, i) => s + (rubric?.[i]?.points ?? 0), 0);
  return share(points, rubricTotal(rubric), max);
}

// Points as typed (a number with up to two decimals) in hundredths; null when nothing is typed.
export const toHundredths = (points: number | null | undefined) => (typeof points === 'number' && Number.isFinite(points) ? Math.round(points * 100) : null);
export const fromHundredths = (hundredths: number | null | undefined) => (typeof hundredths === 'number' ? hundredths / 100 : null);

export const ROUNDS = { 1: 'first', 2: 'second', 3: 'third' } as const;
export const roundKey = (round: number | undefined) => `marking.rounds.${ROUNDS[(round ?? 1) as 1 | 2 | 3] ?? 'first'}`;
export const ROUND_COLORS: Record<number, string> = { 1: 'blue', 2: 'purple', 3: 'orange' };

// Seconds until the claim ends (0 once it has); `now` on the server's clock.
export const secondsLeft = (expiresAt: string | undefined, now: number) => {
  const end = expiresAt ? Date.parse(expiresAt) : NaN;
  return Number.isNaN(end) ? 0 : Math.max(0, Math.floor((end - now) / 1000));
};
// The server's clock minus this device's, in ms, from a `server_now` read at `deviceNow` (0 when unknown).
export const skewOf = (serverNow: string | undefined, deviceNow: number) => {
  const at = serverNow ? Date.parse(serverNow) : NaN;
  return Number.isNaN(at) ? 0 : at - deviceNow;
};
export const clock = (seconds: number) => `${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;

// No task for this marker: every answer of the blueprint is marked, or those still waiting are for
// other markers (claimed by them, or answers this marker already marked in another round).
export const whyNone = (queue: QueueItem[] | undefined, blueprintId: number): 'done' | 'others' =>
  (queue ?? []).some((q) => q.blueprint_id === blueprintId && (q.waiting ?? 0) > 0) ? 'others' : 'done';

// The server's field errors as the form's fields (points and comment; anything else is the form's).
export function fieldErrors(errors: { field: string; message: string }[] | undefined) {
  const fields: { name: 'points' | 'comment'; errors: string[] }[] = [];
  const rest: string[] = [];
  for (const e of errors ?? []) {
    if (e.field === 'points' || e.field === 'comment') fields.push({ name: e.field, errors: [e.message] });
    else rest.push(e.message);
  }
  return { fields, rest };
}
