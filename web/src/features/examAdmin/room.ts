// How a proctor reads one line of the room: where the candidate is (not started, answering,
// submitted, and by whom), whether they are online (a save within the last minute), and whether
// they may still get more time; and the counts over the room.
//
//   const s = lineState(line, Date.now());   // { status: 'answering', online: true, ... }
import type { RoomLine } from './api';

export const ONLINE_MS = 60_000;
export const STATE_COLORS: Record<string, string> = { scheduled: 'blue', open: 'green', closed: 'default' };
export type LineStatus = 'waiting' | 'answering' | 'submitted';
export type LineState = { status: LineStatus; online: boolean; idleMinutes: number | null; flagged: boolean; extendable: boolean };

export function lineState(line: RoomLine, now: number, sittingClosed = false): LineState {
  const a = line.attempt ?? null;
  const status: LineStatus = !a ? 'waiting' : a.status === 'submitted' ? 'submitted' : 'answering';
  const saved = line.last_save ? Date.parse(line.last_save) : NaN;
  const since = Number.isNaN(saved) ? null : Math.max(0, now - saved);
  return {
    status,
    online: status === 'answering' && since !== null && since <= ONLINE_MS,
    idleMinutes: status === 'answering' && since !== null && since > ONLINE_MS ? Math.floor(since / 60_000) : null,
    flagged: !!a?.flagged,
    // Extra time is for a candidate who has not submitted, while the sitting is not over.
    extendable: status !== 'submitted' && !sittingClosed,
  };
}

export function roomCounts(lines: RoomLine[], now: number) {
  const c = { total: lines.length, waiting: 0, answering: 0, submitted: 0, online: 0, flagged: 0 };
  for (const l of lines) {
    const s = lineState(l, now);
    c[s.status]++;
    if (s.online) c.online++;
    if (s.flagged) c.flagged++;
  }
  return c;
}
