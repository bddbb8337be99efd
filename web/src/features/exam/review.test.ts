// The review of a closed exam: options in the order the candidate saw them with their choice and the
// key, points with two decimals, which questions count as wrong, and the "wrong only" filter.
import { describe, expect, test } from 'vitest';
import { answered, blanksOf, inLanguage, isWrong, localTimes, numbers, optionsAsSeen, outcomeOf, points, pointsOf, rubricOf, truth, verdict, wrongOnly, type ReviewQuestion } from './review';

const options = ['A', 'B', 'C', 'D'].map((key) => ({ key, label: { zh: `选项${key}`, en: key === 'B' ? `Option ${key}` : '' } }));
const single = (over: Partial<ReviewQuestion> = {}): ReviewQuestion => ({
  question_id: 1, section: 0, parent: null, option_order: 'CADB', max_points: 1000, points: 0, answer: ['A'],
  question: { code: 'Q1', type: 'single', product_line: '', knowledge_point: '', ranks: [2], difficulty: 2, stem: { zh: '题干', en: '' }, options, correct: ['D'] },
  ...over,
});

describe('options as the candidate saw them', () => {
  test('in option_order, lettered from A as on their paper, the choice and the key marked by the bank’s keys', () => {
    const lines = optionsAsSeen(single());
    expect(lines.map((l) => [l.letter, l.key, l.chosen, l.correct])).toEqual([
      ['A', 'C', false, false],
      ['B', 'A', true, false],
      ['C', 'D', false, true],
      ['D', 'B', false, false],
    ]);
    expect(lines[1].label).toEqual({ zh: '选项A', en: '' });
  });

  test('a multiple choice marks every choice and every key; the right choice is both', () => {
    const q = single({ option_order: 'BDAC', answer: ['A', 'B'], question: { ...single().question!, type: 'multiple', correct: ['B', 'C'] } });
    expect(optionsAsSeen(q).map((l) => `${l.letter}${l.key}${l.chosen ? '*' : ''}${l.correct ? '+' : ''}`)).toEqual(['AB*+', 'BD', 'CA*', 'DC+']);
  });

  test('without an order (or one naming unknown or repeated keys) the bank’s order fills in', () => {
    expect(optionsAsSeen(single({ option_order: '' })).map((l) => l.letter + l.key)).toEqual(['AA', 'BB', 'CC', 'DD']);
    expect(optionsAsSeen(single({ option_order: 'DZDB' })).map((l) => l.letter + l.key)).toEqual(['AD', 'BB', 'CA', 'DC']);
  });
});

describe('points and verdicts', () => {
  test('hundredths shown with two decimals, a dash while not marked', () => {
    expect(points(850)).toBe('8.50');
    expect(points(0)).toBe('0.00');
    expect(points(10000)).toBe('100.00');
    expect(points(null)).toBe('—');
    expect(pointsOf(single({ points: 333, max_points: 1000 }))).toBe('3.33 / 10.00');
    expect(pointsOf(single({ points: null, max_points: 1500 }))).toBe('— / 15.00');
  });

  test('full points are right, none wrong, between partly right; one below, on and above full', () => {
    expect(verdict(single({ points: 999 }))).toBe('partial');
    expect(verdict(single({ points: 1000 }))).toBe('right');
    expect(verdict(single({ points: 1001 }))).toBe('right');
    expect(verdict(single({ points: 0 }))).toBe('wrong');
    expect(verdict(single({ points: 1 }))).toBe('partial');
  });

  test('a short answer not yet marked is pending and not wrong; a case is neither', () => {
    const pending = single({ points: null, question: { ...single().question!, type: 'short_answer' } });
    expect(verdict(pending)).toBe('pending');
    expect(isWrong(pending)).toBe(false);
    const kase = single({ points: null, max_points: 0, question: { ...single().question!, type: 'case' } });
    expect(verdict(kase)).toBe('case');
    expect(isWrong(kase)).toBe(false);
    expect(isWrong(single({ points: 999 }))).toBe(true);
    expect(isWrong(single({ points: 0 }))).toBe(true);
    expect(isWrong(single({ points: 1000 }))).toBe(false);
  });

  test('the exam’s outcome: being marked while the score is null, whatever passed says', () => {
    expect(outcomeOf(null, false)).toBe('marking');
    expect(outcomeOf(undefined, true)).toBe('marking');
    expect(outcomeOf(6000, true)).toBe('passed');
    expect(outcomeOf(5999, false)).toBe('failed');
    expect(outcomeOf(0, false)).toBe('failed');
  });
});

describe('the paper’s questions', () => {
  const kase = (id: number): ReviewQuestion => single({ question_id: id, points: null, max_points: 0, option_order: '', answer: [], question: { ...single().question!, type: 'case', options: [] } });
  const paper: ReviewQuestion[] = [
    single({ question_id: 1, points: 1000 }),
    single({ question_id: 2, points: 0 }),
    kase(3),
    single({ question_id: 4, parent: 3, points: 333, max_points: 333 }),
    single({ question_id: 5, parent: 3, points: 100, max_points: 333 }),
    kase(6),
    single({ question_id: 7, parent: 6, points: 334, max_points: 334 }),
    single({ question_id: 8, points: null, question: { ...single().question!, type: 'short_answer' } }),
  ];

  test('numbered as on the paper: a case counts through its parts', () => {
    expect([...numbers(paper)]).toEqual([[1, 1], [2, 2], [4, 3], [5, 4], [7, 5], [8, 6]]);
  });

  test('wrong only keeps the wrong questions and a case before its wrong parts, not a case without any', () => {
    expect(wrongOnly(paper).map((q) => q.question_id)).toEqual([2, 3, 5]);
    expect(wrongOnly(paper.filter((q) => q.question_id !== 2 && q.question_id !== 5))).toEqual([]);
  });

  test('true or false, blanks beside their accepted answers, and whether anything was answered', () => {
    expect(truth(['true'])).toBe(true);
    expect(truth(['false'])).toBe(false);
    expect(truth([])).toBe(null);
    const fill = single({ answer: [' 镁 ', ''], question: { ...single().question!, type: 'fill_blank', blanks: [['镁', '镁合金'], ['阳极']] } });
    expect(blanksOf(fill)).toEqual([{ answer: '镁', accepted: ['镁', '镁合金'] }, { answer: '', accepted: ['阳极'] }]);
    expect(blanksOf(single({ answer: [], question: { ...single().question!, type: 'fill_blank', blanks: [['R32']] } }))).toEqual([{ answer: '', accepted: ['R32'] }]);
    expect(answered(fill)).toBe(true);
    expect(answered(single({ answer: [' ', ''] }))).toBe(false);
    expect(answered(single({ answer: [] }))).toBe(false);
  });

  test('scoring points count their share of the question’s points, half-up', () => {
    const rubric = [{ points: 3, text: '连接表组' }, { points: 3, text: '抽至 60 Pa' }, { points: 2, text: '保压' }, { points: 2, text: '检漏' }];
    const short = (max: number) => single({ max_points: max, question: { ...single().question!, type: 'short_answer', rubric } });
    expect(rubricOf(short(1000)).map((r) => r.worth)).toEqual([300, 300, 200, 200]);
    expect(rubricOf(short(500)).map((r) => r.worth)).toEqual([150, 150, 100, 100]);
    expect(rubricOf(short(333)).map((r) => r.worth)).toEqual([100, 100, 67, 67]);
    expect(rubricOf(short(1000))[1].text).toBe('抽至 60 Pa');
  });

  test('bilingual text in the UI’s language, the Chinese when the English is empty', () => {
    expect(inLanguage(options[1].label, 'en')).toBe('Option B');
    expect(inLanguage(options[0].label, 'en')).toBe('选项A');
    expect(inLanguage(options[1].label, 'zh')).toBe('选项B');
    expect(inLanguage(undefined, 'en')).toBe('');
  });

  test('a server message shows its UTC times in the configured zone', () => {
    expect(localTimes('考试场次结束后才能查看成绩与答卷：2026-12-03T14:54:21Z')).toBe('考试场次结束后才能查看成绩与答卷：2026-12-03 22:54');
    expect(localTimes('no time here')).toBe('no time here');
  });
});
