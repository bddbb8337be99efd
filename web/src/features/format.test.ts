import { expect, test } from 'vitest';
import { byName, formatScore, formatTime } from './format';

test('formatTime shows UTC in the configured zone, with or without the zone marker, and keeps text that is no time', () => {
  expect(formatTime('2026-12-01T19:34:23Z', 480)).toBe('2026-12-02 03:34');
  expect(formatTime('2026-12-01 19:34:23', 480)).toBe('2026-12-02 03:34');
  expect(formatTime('2026-12-02T03:34:23+08:00', 0)).toBe('2026-12-01 19:34');
  expect(formatTime('yesterday', 480)).toBe('yesterday');
  expect(formatTime('', 480)).toBe('—');
});

test('formatScore gives two decimals everywhere', () => {
  expect(formatScore(77)).toBe('77.00');
  expect(formatScore('81.5')).toBe('81.50');
  expect(formatScore(undefined)).toBe('—');
});

test('names sort by pinyin', () => {
  expect(['张伟', '陈静', '李强', '王芳'].sort(byName)).toEqual(['陈静', '李强', '王芳', '张伟']);
});
