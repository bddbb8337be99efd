import { describe, expect, test } from 'vitest';
import type { QuestionDetail } from './api';
import { paramsFromQuery, queryFromParams } from './filters';
import { blankCount, fitBlanks, formPath, freshPart, MAX_OPTIONS, nextKey, toFormValues, toInput, withoutOption, type FormValues } from './form';

const fill: FormValues = {
  code: ' FB-1 ', type: 'fill_blank', product_line: '冰箱', knowledge_point: ' 制冷系统 ', ranks: [3, 1], difficulty: 2,
  stem: '抽真空应达到 ___ Pa 以下，保压 ____ 分钟。 ', stem_en: '', blanks: [[' 60 ', '60Pa', ''], ['15']],
  normalise: { trim: true, width: false, case: true }, options: [{ key: 'A', zh: '不该发送', en: '' }], correct: ['A'], explanation: '说明', explanation_en: '',
};

describe('the editor values as the API input', () => {
  test('a fill-in question sends its blanks (as many as the stem has, answers trimmed) and its normalisation, nothing of a choice', () => {
    expect(toInput(fill)).toEqual({
      code: 'FB-1', type: 'fill_blank', product_line: '冰箱', knowledge_point: '制冷系统', ranks: [1, 3], difficulty: 2,
      stem: { zh: '抽真空应达到 ___ Pa 以下，保压 ____ 分钟。', en: '' }, explanation: { zh: '说明', en: '' }, images: [],
      blanks: [['60', '60Pa'], ['15']], normalise: { trim: true, width: false, case: true },
    });
  });

  test('a stem with fewer blanks drops the extra answers; one with more gets empty ones (the server names them)', () => {
    expect(toInput({ ...fill, stem: '只有 ___ 一个空' }).blanks).toEqual([['60', '60Pa']]);
    expect(toInput({ ...fill, stem: '___、___、___' }).blanks).toEqual([['60', '60Pa'], ['15'], []]);
    expect(toInput({ ...fill, stem: '没有空' }).blanks).toEqual([]);
  });

  test('a choice question sends its options keyed by place and the correct keys in the options’ order', () => {
    const q = toInput({ ...freshPart('multiple', 'M-1'), product_line: '洗衣机', knowledge_point: '排水', ranks: [2], stem: '题干', options: [{ key: 'A', zh: '甲' }, { key: 'C', zh: '丙', en: 'C' }, { key: 'B', zh: '乙' }], correct: ['B', 'A', 'Z'] });
    expect(q.options).toEqual([{ key: 'A', label: { zh: '甲', en: '' } }, { key: 'B', label: { zh: '丙', en: 'C' } }, { key: 'C', label: { zh: '乙', en: '' } }]);
    expect(q.correct, 'the keys follow their options to their places').toEqual(['A', 'C']);
    expect(q.blanks).toBeUndefined();
  });

  test('a case sends its parts with its own product line and levels', () => {
    const q = toInput({
      ...freshPart('case', 'C-1'), product_line: '热水器', knowledge_point: '点火', ranks: [4], stem: '场景',
      parts: [{ ...freshPart('true_false', 'C-1-1'), stem: '判断', correct: ['false'] }, { ...freshPart('short_answer', 'C-1-2'), stem: '简述', reference: '答', rubric: [{ points: 5, text: ' 要点 ' }] }],
    });
    expect(q.parts?.map((p) => [p.code, p.type, p.product_line, p.ranks, p.knowledge_point])).toEqual([['C-1-1', 'true_false', '热水器', [4], ''], ['C-1-2', 'short_answer', '热水器', [4], '']]);
    expect(q.parts?.[0].correct).toEqual(['false']);
    expect(q.parts?.[1].rubric).toEqual([{ points: 5, text: '要点' }]);
    expect(toInput({ ...fill }).parts).toBeUndefined();
  });

  test('a question read from the server comes back as the same input', () => {
    const detail = {
      id: 7, version: 2, code: 'AC-1', type: 'case', product_line: '家用空调', knowledge_point: '故障', ranks: [2, 3], difficulty: 4,
      stem: { zh: '场景', en: 'Scene' }, explanation: { zh: '', en: '' }, options: [], correct: [], blanks: [], normalise: { trim: true, width: true, case: true }, reference: '', rubric: [],
      parts: [{ code: 'AC-1-1', type: 'single', product_line: '家用空调', knowledge_point: '故障', ranks: [2, 3], difficulty: 3, stem: { zh: '问', en: '' }, options: [{ key: 'A', label: { zh: '甲', en: 'a' } }, { key: 'B', label: { zh: '乙', en: '' } }], correct: ['B'], blanks: [], normalise: { trim: true, width: true, case: true }, reference: '', rubric: [], explanation: { zh: '因为', en: '' }, images: [3, 9] }],
    } as QuestionDetail;
    const back = toInput(toFormValues(detail));
    expect(back.stem).toEqual({ zh: '场景', en: 'Scene' });
    const gap = toFormValues({ ...detail, type: 'single', parts: [], options: [{ key: 'A', label: { zh: '甲', en: '' } }, { key: 'C', label: { zh: '丙', en: '' } }], correct: ['C'] } as QuestionDetail);
    expect([gap.options?.map((o) => o.key), gap.correct], 'keys by place, the answer with its option').toEqual([['A', 'B'], ['B']]);
    expect(back.parts?.[0]).toEqual({ code: 'AC-1-1', type: 'single', product_line: '家用空调', knowledge_point: '故障', ranks: [2, 3], difficulty: 3, stem: { zh: '问', en: '' }, explanation: { zh: '因为', en: '' }, images: [3, 9], options: [{ key: 'A', label: { zh: '甲', en: 'a' } }, { key: 'B', label: { zh: '乙', en: '' } }], correct: ['B'] });
  });
});

describe('the editor’s small rules', () => {
  test('blanks are runs of three or more underscores', () => {
    expect(blankCount('a __ b ___ c ______ d')).toBe(2);
    expect(blankCount(undefined)).toBe(0);
    expect(fitBlanks([['x']], 3)).toEqual([['x'], [], []]);
  });

  test('options are keyed by place: a new one takes the next letter, a removed one closes the gap and the key follows', () => {
    expect(nextKey([{ key: 'A' }, { key: 'B' }])).toBe('C');
    expect(nextKey(undefined)).toBe('A');
    expect(MAX_OPTIONS, 'the sheet has six option columns').toBe(6);
    const four = [{ key: 'A', zh: '甲' }, { key: 'B', zh: '乙' }, { key: 'C', zh: '丙' }, { key: 'D', zh: '丁' }];
    expect(withoutOption(four, ['B', 'D'], 0)).toEqual({ options: [{ key: 'A', zh: '乙' }, { key: 'B', zh: '丙' }, { key: 'C', zh: '丁' }], correct: ['A', 'C'] });
    expect(withoutOption(four, ['C'], 2)).toEqual({ options: [{ key: 'A', zh: '甲' }, { key: 'B', zh: '乙' }, { key: 'C', zh: '丁' }], correct: [] });
  });

  test('a field the server names lands on the form field that shows it', () => {
    expect(formPath('code')).toEqual(['code']);
    expect(formPath('stem_en')).toEqual(['stem_en']);
    expect(formPath('stem.en')).toEqual(['stem_en']);
    expect(formPath('explanation.zh')).toEqual(['explanation']);
    expect(formPath('options')).toEqual(['options']);
    expect(formPath('options[1]')).toEqual(['options', 1, 'zh']);
    expect(formPath('options[0].label.en')).toEqual(['options', 0, 'en']);
    expect(formPath('blanks[2]')).toEqual(['blanks', 2]);
    expect(formPath('rubric[0]')).toEqual(['rubric', 0, 'text']);
    expect(formPath('rubric[0].points')).toEqual(['rubric', 0, 'points']);
    expect(formPath('parts')).toEqual(['parts']);
    expect(formPath('parts[1].blanks')).toEqual(['parts', 1, 'blanks']);
    expect(formPath('parts[0].options[3]')).toEqual(['parts', 0, 'options', 3, 'zh']);
    expect(formPath('parts[0].stem.en')).toEqual(['parts', 0, 'stem_en']);
  });
});

describe('the list filters in the URL', () => {
  test('well-formed values are read, the rest falls back to the default', () => {
    expect(queryFromParams(new URLSearchParams('q=%20R32%20&type=fill_blank&rank=2&difficulty=5&retired=true&page=3&page_size=50&product_line=冰箱'))).toEqual({
      q: 'R32', type: 'fill_blank', rank: 2, difficulty: 5, retired: true, page: 3, page_size: 50, product_line: '冰箱',
    });
    expect(queryFromParams(new URLSearchParams('type=essay&rank=10&difficulty=0&retired=yes&page=0&page_size=30'))).toEqual({
      q: undefined, product_line: undefined, type: undefined, rank: undefined, difficulty: undefined, retired: undefined, page: 1, page_size: 20,
    });
  });

  test('defaults stay out of the URL, and what is written reads back the same', () => {
    expect(paramsFromQuery({ page: 1, page_size: 20, retired: undefined }).toString()).toBe('');
    const q = { q: 'P4', type: 'case' as const, difficulty: 1, retired: true, page: 2, page_size: 10 };
    expect(queryFromParams(paramsFromQuery(q))).toMatchObject(q);
  });
});
