// The webcam snapshots of an exam (监考抓拍) as the candidate's page plans them, pure: when the next
// is due on this device's clock (the server's time is taken from the attempt's server_now, as the
// countdown does), how large a frame is drawn, what an upload's answer means, and what the header
// says. The camera and the network are Snapshots.tsx's.
//
//   const skew = clockSkew(attempt.server_now);           // server minus device, in ms
//   const wait = delayUntil(status.next_at, skew);        // ms until due (0: now), null: none due
//   const next = uploadOutcome(res.status, body);         // { kind: 'taken', status } | 'retry' | 'stop' | 'invalid'
import type { Schemas } from '../../api/client';

export type SnapshotStatus = Schemas['SnapshotStatus'];

// The longest wait setTimeout keeps (about 24.8 days); a longer one is waited for again.
export const MAX_TIMEOUT_MS = 2 ** 31 - 1;
// A camera that cannot be opened is tried once more, this much later.
export const CAMERA_RETRY_MS = 60_000;
// A picture that could not be sent (no network, a busy server) is sent again this much later.
export const UPLOAD_RETRY_MS = 30_000;
// The picture's largest size: what the camera is asked for.
export const FRAME = { width: 320, height: 240 } as const;

// The server's clock minus this device's, from an instant the server just sent (0 when unknown).
export function clockSkew(serverNow: string | undefined | null, deviceNow = Date.now()): number {
  const at = serverNow ? Date.parse(serverNow) : NaN;
  return Number.isNaN(at) ? 0 : at - deviceNow;
}

// How long to wait, on this device's clock, until the server's `nextAt`: 0 when it has passed,
// null when there is none (or it cannot be read).
export function delayUntil(nextAt: string | null | undefined, skew: number, deviceNow = Date.now()): number | null {
  const due = nextAt ? Date.parse(nextAt) : NaN;
  if (Number.isNaN(due)) return null;
  return Math.min(MAX_TIMEOUT_MS, Math.max(0, due - (deviceNow + skew)));
}

// A frame of the camera's size drawn at most FRAME large, its proportions kept.
export function fitFrame(width: number, height: number): { width: number; height: number } {
  if (!(width > 0) || !(height > 0)) return { ...FRAME };
  const scale = Math.min(1, FRAME.width / width, FRAME.height / height);
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

// Whether a snapshot is to be planned at all: the sitting asks for some, the candidate agreed and
// one is due.
export const wantsSnapshot = (s: SnapshotStatus | undefined): s is SnapshotStatus & { next_at: string } =>
  !!s && s.wanted > 0 && s.consent === 'yes' && !!s.next_at && s.taken < s.wanted;

// The consent question is put while the candidate has not answered it.
export const asksConsent = (s: SnapshotStatus | undefined) => !!s && s.wanted > 0 && s.consent === '';

// What an upload's answer means: taken (with the status and the next due time); sent again later
// (no network, a busy or restarting server); a picture the server refused (counted as a camera
// failure); or nothing more to take (no consent, all taken, submitted, signed out).
export type UploadOutcome = { kind: 'taken'; status: SnapshotStatus } | { kind: 'retry' } | { kind: 'invalid' } | { kind: 'stop'; code: string };

export function uploadOutcome(httpStatus: number | null, body: unknown): UploadOutcome {
  if (httpStatus === null || httpStatus >= 500 || httpStatus === 408 || httpStatus === 429) return { kind: 'retry' };
  const b = (body ?? {}) as { status?: SnapshotStatus; code?: string };
  if (httpStatus === 201 && b.status) return { kind: 'taken', status: b.status };
  if (httpStatus === 422) return { kind: 'invalid' };
  return { kind: 'stop', code: b.code ?? String(httpStatus) };
}

// What the header says of the snapshots: nothing when none are asked for.
export type SnapshotBadge = 'none' | 'unanswered' | 'agreed' | 'declined';
export function snapshotBadge(s: SnapshotStatus | undefined): SnapshotBadge {
  if (!s || s.wanted <= 0) return 'none';
  return s.consent === 'yes' ? 'agreed' : s.consent === 'no' ? 'declined' : 'unanswered';
}
