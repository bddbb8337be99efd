// The item analysis page's reading of the figures: flags in words, two decimals, the table's order
// with missing figures last, the header's counts and the scatter's dots.
import { describe, expect, test } from 'vitest';
import i18n from '../../i18n';
import type { ItemStats, SittingStats } from './api';
import { compareCode, compareFigure, compareType, discriminationFloor, dotsOf, flagCounts, flagHint, flagLabel, flagOf, formatFigure, formatShare, reliabilityOf } from './analysis';

const item = (code: string, over: Partial<ItemStats> = {}): ItemStats => ({ question_id: Number(code.replace(/\D/g, '')), code, type: 'single', n: 4, p: 0.5, point_biserial: 0.3, upper_lower: 0.5, options: [], flags: [], ...over });

describe('flags', () => {
  test('each kind of flag, with the option it names', () => {
    expect(flagOf('too_hard')).toEqual({ kind: 'too_hard' });
    expect(flagOf('weak_discrimination')).toEqual({ kind: 'weak_discrimination' });
    expect(flagOf('weak_distractor:B')).toEqual({ kind: 'weak_distractor', option: 'B' });
    expect(flagOf('reversed_distractor:C')).toEqual({ kind: 'reversed_distractor', option: 'C' });
  });

  test('a flag the page does not know, or a distractor flag without its option, is kept as it came', () => {
    expect(flagOf('too_long')).toEqual({ kind: 'other', raw: 'too_long' });
    expect(flagOf('weak_distractor')).toEqual({ kind: 'other', raw: 'weak_distractor' });
    expect(flagOf('weak_distractor:')).toEqual({ kind: 'other', raw: 'weak_distractor:' });
    expect(flagOf('too_easy:A')).toEqual({ kind: 'other', raw: 'too_easy:A' });
  });

  test('the words of each flag in both languages', async () => {
    const t = i18n.t.bind(i18n);
    await i18n.changeLanguage('zh');
    expect(['too_hard', 'too_easy', 'weak_discrimination', 'weak_distractor:B', 'reversed_distractor:C'].map((f) => flagLabel(t, f))).toEqual([
      '过难',
      '过易',
      '区分度低',
      '干扰项 B 过弱',
      '干扰项 C 反向',
    ]);
    expect(flagHint(t, 'weak_distractor:D')).toContain('D');
    expect(flagLabel(t, 'too_long')).toBe('too_long');
    expect(flagHint(t, 'too_long')).toBeUndefined();
    await i18n.changeLanguage('en');
    expect(['too_hard', 'too_easy', 'weak_discrimination', 'weak_distractor:B', 'reversed_distractor:C'].map((f) => flagLabel(t, f))).toEqual([
      'Too hard',
      'Too easy',
      'Weak discrimination',
      'Distractor B rarely chosen',
      'Distractor C favoured by the upper group',
    ]);
    await i18n.changeLanguage('zh');
  });
});

describe('figures', () => {
  test('two decimals, rounded; a dash for none; no negative zero', () => {
    expect(formatFigure(0.4251)).toBe('0.43');
    expect(formatFigure(0.4249)).toBe('0.42');
    expect(formatFigure(1)).toBe('1.00');
    expect(formatFigure(-0.3125)).toBe('-0.31');
    expect(formatFigure(-0.004)).toBe('0.00');
    expect(formatFigure(null)).toBe('—');
    expect(formatFigure(undefined)).toBe('—');
    expect(formatFigure(Number.NaN)).toBe('—');
  });

  test('shares as whole percentages', () => {
    expect(formatShare(0.75)).toBe('75%');
    expect(formatShare(1 / 3)).toBe('33%');
    expect(formatShare(0)).toBe('0%');
    expect(formatShare(null)).toBe('—');
  });
});

describe('order', () => {
  const rows = [item('Q-10', { p: 0.9 }), item('Q-2', { p: null as unknown as number }), item('Q-1', { p: 0.1 }), item('Q-3', { p: 0.5 })];
  const sorted = (order: 'ascend' | 'descend') => {
    const cmp = compareFigure('p');
    // As antd's Table does: the comparator reversed for "descend".
    return [...rows].sort((a, b) => (order === 'descend' ? -cmp(a, b, order) : cmp(a, b, order))).map((r) => r.code);
  };

  test('by a figure, up or down, a question without it last', () => {
    expect(sorted('ascend')).toEqual(['Q-1', 'Q-3', 'Q-10', 'Q-2']);
    expect(sorted('descend')).toEqual(['Q-10', 'Q-3', 'Q-1', 'Q-2']);
  });

  test('a missing discrimination sorts last as well', () => {
    const r = [item('A-1', { point_biserial: null }), item('A-2', { point_biserial: -0.4 }), item('A-3', { point_biserial: 0.6 })];
    const cmp = compareFigure('point_biserial');
    expect([...r].sort((a, b) => cmp(a, b, 'ascend')).map((x) => x.code)).toEqual(['A-2', 'A-3', 'A-1']);
    expect([...r].sort((a, b) => -cmp(a, b, 'descend')).map((x) => x.code)).toEqual(['A-3', 'A-2', 'A-1']);
  });

  test('codes by their numbers, types in the bank’s order', () => {
    expect([...rows].sort(compareCode).map((r) => r.code)).toEqual(['Q-1', 'Q-2', 'Q-3', 'Q-10']);
    const typed = [item('X-1', { type: 'fill_blank' }), item('X-2', { type: 'single' }), item('X-3', { type: 'true_false' })];
    expect(typed.sort(compareType).map((r) => r.type)).toEqual(['single', 'true_false', 'fill_blank']);
  });
});

describe('header and scatter', () => {
  const items = [
    item('Q-1', { p: 1, point_biserial: null, flags: ['too_easy', 'weak_distractor:A', 'weak_distractor:C'] }),
    item('Q-2', { p: 0, point_biserial: null, flags: ['too_hard', 'weak_distractor:B'] }),
    item('Q-3', { p: 0.25, point_biserial: -0.56, flags: ['reversed_distractor:A', 'weak_discrimination'] }),
    item('Q-4', { p: 0.5, point_biserial: 0.42 }),
  ];

  test('questions flagged, each kind counted once per question', () => {
    expect(flagCounts(items)).toEqual({ items: 4, flagged: 3, distractors: 3, too_hard: 1, too_easy: 1, weak_discrimination: 1, weak_distractor: 2, reversed_distractor: 1 });
    expect(flagCounts([])).toMatchObject({ items: 0, flagged: 0 });
  });

  test('a dot per question with a discrimination figure, coloured by its flags', () => {
    const { dots, unplaced } = dotsOf(items);
    expect(unplaced).toBe(2);
    expect(dots).toEqual([
      { id: 3, code: 'Q-3', p: 0.25, r: -0.56, flagged: true },
      { id: 4, code: 'Q-4', p: 0.5, r: 0.42, flagged: false },
    ]);
    expect(discriminationFloor(dots)).toBe(-0.6);
    expect(discriminationFloor([{ id: 1, code: 'a', p: 0.5, r: 0.3, flagged: false }])).toBe(-0.2);
  });

  test('the reliability under the method’s own key', () => {
    const kr = { sitting_id: 1, candidates: 4, items: [], reliability: { method: 'kr20', kr20: 0.5714, sem: 12.94, items: 8, candidates: 4 } } as SittingStats;
    expect(reliabilityOf(kr)).toEqual({ method: 'kr20', value: 0.5714, sem: 12.94, items: 8, candidates: 4 });
    const alpha = { reliability: { method: 'alpha', alpha: null, sem: null, items: 1, candidates: 3 } } as SittingStats;
    expect(reliabilityOf(alpha)).toEqual({ method: 'alpha', value: null, sem: null, items: 1, candidates: 3 });
  });
});
