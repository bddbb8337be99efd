// The blueprint form's conversions, the room's reading of a line, and local times.
import { describe, expect, test } from 'vitest';
import dayjs from 'dayjs';
import { formatPoints } from './api';
import { emptySection, formPath, freshBlueprint, sectionOf, toInput, toValues, totalOf } from './blueprintForm';
import { lineState, roomCounts } from './room';
import { formatWindow, localZone, toInstant } from './time';
import type { Blueprint, RoomLine } from './api';

const names = (type: string) => ({ zh: `zh:${type}`, en: `en:${type}` });

describe('blueprint form', () => {
  test('the usual paper totals 100.00 points', () => {
    const v = freshBlueprint(names as never);
    expect(totalOf(v.sections)).toBe(10000);
    expect(v.sections[0].title).toEqual({ zh: 'zh:single', en: 'en:single' });
  });

  test('points per question are typed as points and sent in hundredths, exactly', () => {
    // 1.15 * 100 is 114.99999999999999 in floating point.
    const v = { duration_minutes: 60, fixed: false, review_after_close: true, double_marking: true, discrepancy_percent: 20, sections: [{ ...emptySection(), count: 3, points: 1.15 }, { ...emptySection(), count: 1, points: 33.34 }] };
    expect(toInput(2, v).sections.map((s) => s.points)).toEqual([115, 3334]);
    expect(totalOf(v.sections)).toBe(3679);
    expect(totalOf([{ ...emptySection(), count: null, points: 2 }])).toBe(0);
    expect(formatPoints(250)).toBe('2.50');
    expect(formatPoints(10000)).toBe('100.00');
  });

  test('a saved blueprint comes back as it was sent', () => {
    const b: Blueprint = {
      id: 7, target_rank: 3, duration_minutes: 75, fixed: true, review_after_close: false, double_marking: false, discrepancy_percent: 35,
      sections: [{ title: { zh: '多选', en: 'Multiple' }, types: ['multiple'], product_line: '冰箱', knowledge_point: '制冷', difficulty_min: 2, difficulty_max: 4, count: 25, points: 400, partial_credit: true }],
    };
    const input = toInput(3, toValues(b));
    expect(input).toEqual({ target_rank: 3, duration_minutes: 75, fixed: true, review_after_close: false, double_marking: false, discrepancy_percent: 35, sections: b.sections });
  });

  test('short answers are marked twice with a 20 % threshold unless the blueprint says otherwise', () => {
    const v = freshBlueprint(names as never);
    expect([v.double_marking, v.discrepancy_percent]).toEqual([true, 20]);
    const saved: Blueprint = { id: 8, target_rank: 2, sections: [{ count: 1, points: 10000 }] };
    expect(toValues(saved)).toMatchObject({ double_marking: true, discrepancy_percent: 20 });
    // The threshold's ends are kept as they are: 0 (any difference) and 100.
    for (const percent of [0, 100]) expect(toInput(2, { ...v, discrepancy_percent: percent }).discrepancy_percent).toBe(percent);
    expect(toInput(2, { ...v, double_marking: false }).double_marking).toBe(false);
    expect(toInput(2, { ...v, discrepancy_percent: null }).discrepancy_percent).toBe(20);
  });

  test('partial credit is sent only where multiple choice may be drawn', () => {
    const v = { duration_minutes: 90, fixed: false, review_after_close: true, double_marking: true, discrepancy_percent: 20, sections: [
      { ...emptySection(), types: ['single' as const], partial_credit: true },
      { ...emptySection(), types: [], partial_credit: true },
    ] };
    expect(toInput(1, v).sections.map((s) => s.partial_credit)).toEqual([false, true]);
  });

  test('the server’s field names become form paths', () => {
    expect(formPath('sections[0].count')).toEqual(['sections', 0, 'count']);
    expect(formPath('sections[12].title.zh')).toEqual(['sections', 12, 'title', 'zh']);
    expect(formPath('sections[1].difficulty_min')).toEqual(['sections', 1, 'difficulty']);
    expect(formPath('duration_minutes')).toEqual(['duration_minutes']);
    expect(sectionOf('sections[3].count')).toBe(3);
    expect(sectionOf('sections')).toBeNull();
  });
});

describe('the room', () => {
  const now = Date.parse('2026-12-04T02:00:00Z');
  const line = (over: Partial<RoomLine>): RoomLine => ({ application_id: 1, candidate_no: '3-0001', engineer_name: '张三', answered: 0, last_save: '', attempt: null, ...over });
  const attempt = (status: 'in_progress' | 'submitted', flagged = false) => ({ id: 1, status, flagged, focus_losses: 0 });

  test('online means a save within the last minute: on, below and above', () => {
    const at = (ms: number) => new Date(now - ms).toISOString();
    expect(lineState(line({ attempt: attempt('in_progress'), last_save: at(59_000) }), now).online).toBe(true);
    expect(lineState(line({ attempt: attempt('in_progress'), last_save: at(60_000) }), now).online).toBe(true);
    const idle = lineState(line({ attempt: attempt('in_progress'), last_save: at(61_000) }), now);
    expect(idle.online).toBe(false);
    expect(idle.idleMinutes).toBe(1);
    expect(lineState(line({ attempt: attempt('submitted'), last_save: at(1000) }), now).online).toBe(false);
  });

  test('extra time is for who has not submitted while the sitting is not closed', () => {
    expect(lineState(line({}), now).extendable).toBe(true);
    expect(lineState(line({ attempt: attempt('in_progress') }), now, true).extendable).toBe(false);
    expect(lineState(line({ attempt: attempt('submitted') }), now).extendable).toBe(false);
  });

  test('the counts over the room', () => {
    const lines = [line({}), line({ attempt: attempt('in_progress', true), last_save: new Date(now - 5000).toISOString() }), line({ attempt: attempt('submitted') })];
    expect(roomCounts(lines, now)).toEqual({ total: 3, waiting: 1, answering: 1, submitted: 1, online: 1, flagged: 1 });
  });
});

describe('local times', () => {
  test('an instant to the minute, without milliseconds', () => {
    expect(toInstant(dayjs('2026-12-04T01:00:42.123Z'))).toBe('2026-12-04T01:00:00Z');
  });
  test('a window of one day shows its date once', () => {
    const opens = dayjs('2026-12-04 09:00').toISOString();
    expect(formatWindow(opens, dayjs('2026-12-04 12:00').toISOString())).toBe('2026-12-04 09:00 – 12:00');
    expect(formatWindow(opens, dayjs('2026-12-05 08:00').toISOString())).toBe('2026-12-04 09:00 – 2026-12-05 08:00');
  });
  test('the zone as people write it', () => {
    expect(localZone(480)).toBe('+08:00');
    expect(localZone(-330)).toBe('-05:30');
    expect(localZone(0)).toBe('+00:00');
  });
});
