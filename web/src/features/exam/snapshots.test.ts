import { describe, expect, test } from 'vitest';
import { asksConsent, clockSkew, delayUntil, fitFrame, MAX_TIMEOUT_MS, snapshotBadge, uploadOutcome, wantsSnapshot, type SnapshotStatus } from './snapshots';

const status = (s: Partial<SnapshotStatus> = {}): SnapshotStatus => ({ wanted: 3, taken: 0, consent: 'yes', consent_at: '2026-12-04T01:00:05Z', next_at: '2026-12-04T01:00:00Z', keep_days: 30, ...s });

describe('the clock', () => {
  test('the skew is the server minus this device', () => {
    const device = Date.parse('2026-12-04T01:00:00Z');
    expect(clockSkew('2026-12-04T01:00:10Z', device)).toBe(10_000);
    expect(clockSkew('2026-12-04T00:59:55Z', device)).toBe(-5_000);
    expect(clockSkew(undefined, device)).toBe(0);
    expect(clockSkew('not a time', device)).toBe(0);
  });

  test('the wait runs to next_at on the server clock: one before, on and after the moment', () => {
    const device = Date.parse('2026-12-04T01:00:00Z');
    // The device is 10 s behind the server: the server's 01:00:20 is the device's 01:00:10.
    expect(delayUntil('2026-12-04T01:00:20Z', 10_000, device)).toBe(10_000);
    expect(delayUntil('2026-12-04T01:00:10Z', 10_000, device - 1)).toBe(1);
    expect(delayUntil('2026-12-04T01:00:10Z', 10_000, device)).toBe(0);
    expect(delayUntil('2026-12-04T01:00:10Z', 10_000, device + 1)).toBe(0);
    // The first is due at the start, long past when consenting late: at once.
    expect(delayUntil('2026-12-04T00:30:00Z', 0, device)).toBe(0);
  });

  test('no due time, or one that cannot be read, is no wait at all; a far one is capped', () => {
    expect(delayUntil(null, 0)).toBeNull();
    expect(delayUntil(undefined, 0)).toBeNull();
    expect(delayUntil('', 0)).toBeNull();
    expect(delayUntil('soon', 0)).toBeNull();
    expect(delayUntil('2099-01-01T00:00:00Z', 0, Date.parse('2026-01-01T00:00:00Z'))).toBe(MAX_TIMEOUT_MS);
  });
});

describe('the frame', () => {
  test('at most 320 × 240, proportions kept, never enlarged', () => {
    expect(fitFrame(320, 240)).toEqual({ width: 320, height: 240 });
    expect(fitFrame(640, 480)).toEqual({ width: 320, height: 240 });
    expect(fitFrame(1920, 1080)).toEqual({ width: 320, height: 180 });
    expect(fitFrame(480, 640)).toEqual({ width: 180, height: 240 });
    expect(fitFrame(160, 120)).toEqual({ width: 160, height: 120 });
    expect(fitFrame(0, 0)).toEqual({ width: 320, height: 240 });
  });
});

describe('the plan', () => {
  test('a snapshot is planned only with consent, a due time and some left', () => {
    expect(wantsSnapshot(status())).toBe(true);
    expect(wantsSnapshot(status({ consent: '' }))).toBe(false);
    expect(wantsSnapshot(status({ consent: 'no' }))).toBe(false);
    expect(wantsSnapshot(status({ next_at: null }))).toBe(false);
    expect(wantsSnapshot(status({ taken: 2 }))).toBe(true);
    expect(wantsSnapshot(status({ taken: 3 }))).toBe(false);
    expect(wantsSnapshot(status({ wanted: 0 }))).toBe(false);
    expect(wantsSnapshot(undefined)).toBe(false);
  });

  test('consent is asked while unanswered in a sitting that takes snapshots', () => {
    expect(asksConsent(status({ consent: '' }))).toBe(true);
    expect(asksConsent(status({ consent: '', wanted: 0 }))).toBe(false);
    expect(asksConsent(status({ consent: 'no' }))).toBe(false);
    expect(asksConsent(undefined)).toBe(false);
  });

  test('the header names the answer, nothing without snapshots', () => {
    expect(snapshotBadge(status({ consent: '' }))).toBe('unanswered');
    expect(snapshotBadge(status())).toBe('agreed');
    expect(snapshotBadge(status({ consent: 'no' }))).toBe('declined');
    expect(snapshotBadge(status({ wanted: 0 }))).toBe('none');
    expect(snapshotBadge(undefined)).toBe('none');
  });
});

describe('an upload', () => {
  test('201 is taken, with the next due time', () => {
    const next = status({ taken: 1, next_at: '2026-12-04T01:20:00Z' });
    expect(uploadOutcome(201, { id: 7, status: next })).toEqual({ kind: 'taken', status: next });
  });

  test('no answer, a busy or failing server: sent again', () => {
    for (const s of [null, 500, 502, 503, 408, 429]) expect(uploadOutcome(s, {}), String(s)).toEqual({ kind: 'retry' });
  });

  test('a refused picture is a camera failure; the rest ends the snapshots', () => {
    expect(uploadOutcome(422, { code: 'snapshot.invalid' })).toEqual({ kind: 'invalid' });
    for (const code of ['exam.no_consent', 'exam.snapshots_done', 'exam.no_snapshots', 'exam.submitted'])
      expect(uploadOutcome(409, { code })).toEqual({ kind: 'stop', code });
    expect(uploadOutcome(401, undefined)).toEqual({ kind: 'stop', code: '401' });
  });
});
