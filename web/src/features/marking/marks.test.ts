// A mark from the scoring points, points ↔ hundredths, the round's name, the claim's clock, why
// nothing is left, and the server's field errors.
import { describe, expect, test } from 'vitest';
import i18n from '../../i18n';
import { formatPoints } from '../examAdmin/api';
import { clock, fieldErrors, fromHundredths, isScaled, markOf, pointValue, roundKey, rubricTotal, secondsLeft, skewOf, toHundredths, whyNone } from './marks';

const rubric = [{ points: 3, text: '断电并验电' }, { points: 3, text: '电容放电' }, { points: 2, text: '防静电' }, { points: 2, text: '复测' }];

describe('the mark from the scoring points', () => {
  test('ticked points add up in hundredths when the rubric totals the question’s points', () => {
    expect(rubricTotal(rubric)).toBe(10);
    expect(isScaled(rubric, 1000)).toBe(false);
    expect(markOf(rubric, [], 1000)).toBe(0);
    expect(markOf(rubric, [0], 1000)).toBe(300);
    expect(markOf(rubric, [0, 2], 1000)).toBe(500);
    expect(markOf(rubric, [0, 1, 2, 3], 1000)).toBe(1000);
    // A point ticked twice (a double event) counts once; an index past the end counts nothing.
    expect(markOf(rubric, [1, 1, 7], 1000)).toBe(300);
  });

  test('on a question worth other points each point counts its share, half-up, and all of them the full points', () => {
    expect(isScaled(rubric, 500)).toBe(true);
    expect(pointValue(rubric, 0, 500)).toBe(150);
    expect(markOf(rubric, [0, 3], 500)).toBe(250);
    expect(markOf(rubric, [0, 1, 2, 3], 500)).toBe(500);
    // Thirds of 10.00: 3.33 (below half), 6.67 (above half); a half rounds up: 1 of 8 on 1.00 is 0.125 → 0.13.
    const thirds = [{ points: 1 }, { points: 1 }, { points: 1 }];
    expect(markOf(thirds, [0], 1000)).toBe(333);
    expect(markOf(thirds, [0, 1], 1000)).toBe(667);
    expect(markOf(thirds, [0, 1, 2], 1000)).toBe(1000);
    expect(markOf([{ points: 1 }, { points: 7 }], [0], 100)).toBe(13);
  });

  test('a question without scoring points gives nothing to tick', () => {
    expect(rubricTotal(undefined)).toBe(0);
    expect(isScaled([], 1000)).toBe(false);
    expect(markOf([], [0], 1000)).toBe(0);
  });
});

describe('points and hundredths', () => {
  test('typed points go out in exact hundredths and come back for the field', () => {
    // 1.15 * 100 is 114.99999999999999 in floating point; 8.5 is 850.
    expect(toHundredths(1.15)).toBe(115);
    expect(toHundredths(8.5)).toBe(850);
    expect(toHundredths(0)).toBe(0);
    expect(toHundredths(null)).toBeNull();
    expect(toHundredths(undefined)).toBeNull();
    expect(toHundredths(Number.NaN)).toBeNull();
    expect(fromHundredths(850)).toBe(8.5);
    expect(fromHundredths(0)).toBe(0);
    expect(fromHundredths(null)).toBeNull();
    expect(formatPoints(850)).toBe('8.50');
    expect(formatPoints(0)).toBe('0.00');
  });
});

describe('rounds, the claim and the queue', () => {
  test('the rounds are named in both languages', async () => {
    await i18n.changeLanguage('zh');
    expect([1, 2, 3].map((r) => i18n.t(roundKey(r)))).toEqual(['一评', '二评', '三评']);
    await i18n.changeLanguage('en');
    expect([1, 2, 3].map((r) => i18n.t(roundKey(r)))).toEqual(['First marking', 'Second marking', 'Third marking']);
    expect(i18n.t('marking.left', { count: 1 })).toBe('1 left');
    await i18n.changeLanguage('zh');
    expect(roundKey(undefined)).toBe('marking.rounds.first');
  });

  test('the claim’s time left, down to zero and not below', () => {
    const now = Date.parse('2026-12-04T02:00:00Z');
    expect(secondsLeft('2026-12-04T02:30:00Z', now)).toBe(1800);
    expect(secondsLeft('2026-12-04T02:00:01Z', now)).toBe(1);
    expect(secondsLeft('2026-12-04T02:00:00Z', now)).toBe(0);
    expect(secondsLeft('2026-12-04T01:59:00Z', now)).toBe(0);
    expect(secondsLeft('', now)).toBe(0);
    expect([clock(1800), clock(61), clock(0)]).toEqual(['30:00', '01:01', '00:00']);
  });

  test('a device whose clock is five minutes slow still counts the claim down by the server’s', () => {
    const server = Date.parse('2026-12-04T02:00:00Z');
    const device = server - 5 * 60_000;
    const skew = skewOf('2026-12-04T02:00:00Z', device);
    expect(skew).toBe(5 * 60_000);
    expect(secondsLeft('2026-12-04T02:30:00Z', device + skew)).toBe(1800);
    expect(secondsLeft('2026-12-04T02:30:00Z', device)).toBe(2100);  // what the device alone would show
    expect(skewOf(undefined, device)).toBe(0);
    expect(skewOf('soon', device)).toBe(0);
  });

  test('nothing left for me: all marked, or the rest is for other markers', () => {
    expect(whyNone([], 7)).toBe('done');
    expect(whyNone([{ blueprint_id: 8, waiting: 3 }], 7)).toBe('done');
    expect(whyNone([{ blueprint_id: 7, waiting: 0 }], 7)).toBe('done');
    expect(whyNone([{ blueprint_id: 7, waiting: 1 }], 7)).toBe('others');
  });

  test('the server’s errors land on the mark and the comment; others are the form’s', () => {
    expect(fieldErrors([{ field: 'points', message: '得分应在 0 到 10.00 分之间' }, { field: 'colour', message: '未知字段' }])).toEqual({
      fields: [{ name: 'points', errors: ['得分应在 0 到 10.00 分之间'] }],
      rest: ['未知字段'],
    });
    expect(fieldErrors(undefined)).toEqual({ fields: [], rest: [] });
  });
});
