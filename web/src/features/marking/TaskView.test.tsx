// The marker's form belongs to one task: what was ticked or typed for one answer is gone when the
// next arrives, and a submit sends the next task's own mark only (a score dialog once saved the
// previous value for the next record).
import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import i18n from '../../i18n';
import type { MarkingTask } from './api';
import TaskView from './TaskView';

beforeAll(async () => {
  // antd reads the screen size through matchMedia and watches sizes with ResizeObserver, which jsdom lacks.
  window.matchMedia ??= ((query: string) => ({ matches: false, media: query, onchange: null, addListener: () => {}, removeListener: () => {}, addEventListener: () => {}, removeEventListener: () => {}, dispatchEvent: () => false })) as never;
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as never;
  await i18n.changeLanguage('en');
});
afterEach(cleanup);

const task = (id: number, candidate: string, over: Partial<MarkingTask> = {}): MarkingTask => ({
  id,
  blueprint_id: 3,
  round: 1,
  candidate_no: candidate,
  question: {
    id: 100 + id, code: `SA-${id}`, type: 'short_answer', product_line: '家用空调', knowledge_point: '安全', ranks: [2], difficulty: 3,
    stem: { zh: `简述第 ${id} 题`, en: '' }, reference: '断电、验电、放电', rubric: [{ points: 6, text: '断电并验电' }, { points: 4, text: '电容放电' }],
  },
  scenario: { zh: '', en: '' },
  answer: `考生 ${candidate} 的答案`,
  max_points: 1000,
  points: null,
  comment: '',
  expires_at: '2099-01-01T00:00:00Z',
  waiting: 4,
  ...over,
});

const markInput = () => screen.getByTestId('mark-points').querySelector('input') ?? (screen.getByTestId('mark-points') as HTMLInputElement);
const comment = () => screen.getByTestId('mark-comment') as HTMLTextAreaElement;
const ticks = () => screen.getByTestId('rubric').querySelectorAll<HTMLInputElement>('input[type=checkbox]');

describe('the mark form', () => {
  test('ticking the scoring points fills the mark; the next task starts empty and submits only its own mark', async () => {
    const sent: [number, number, string][] = [];
    const view = (t: MarkingTask) => <TaskView task={t} onSubmit={async (p, c) => void sent.push([t.id!, p, c])} onSkip={async () => {}} onNext={() => {}} />;
    const { rerender } = render(view(task(1, '5-0001')));
    expect(screen.getByTestId('task-answer').textContent).toBe('考生 5-0001 的答案');

    fireEvent.click(ticks()[0]);
    await waitFor(() => expect(markInput().value).toBe('6.00'));
    fireEvent.click(ticks()[1]);
    await waitFor(() => expect(markInput().value).toBe('10.00'));
    fireEvent.click(ticks()[0]);
    await waitFor(() => expect(markInput().value).toBe('4.00'));
    fireEvent.change(comment(), { target: { value: '要点 2 答到' } });

    // The next answer arrives in the same place before anything was submitted.
    rerender(view(task(2, '5-0002')));
    await waitFor(() => expect(screen.getByTestId('task-answer').textContent).toBe('考生 5-0002 的答案'));
    expect(markInput().value).toBe('');
    expect(comment().value).toBe('');
    expect([...ticks()].some((c) => c.checked)).toBe(false);

    // Submitting now asks for a mark instead of sending the previous one.
    await act(async () => {
      fireEvent.click(screen.getByTestId('mark-submit'));
    });
    await waitFor(() => expect(screen.getByText('Enter the mark')).toBeTruthy());
    expect(sent).toEqual([]);

    fireEvent.change(markInput(), { target: { value: '7.5' } });
    await act(async () => {
      fireEvent.click(screen.getByTestId('mark-submit'));
    });
    await waitFor(() => expect(sent).toEqual([[2, 750, '']]));
  });

  test('a case part shows its case above the question; a question on its own shows none', () => {
    const view = (t: MarkingTask) => <TaskView task={t} onSubmit={async () => {}} onSkip={async () => {}} onNext={() => {}} />;
    const { rerender } = render(view(task(4, '5-0004', { scenario: { zh: '用户反映空调不制冷，外机不启动。', en: '' } })));
    // No English case text: the Chinese one, as the question's stem falls back.
    expect(screen.getByTestId('task-scenario').textContent).toBe('用户反映空调不制冷，外机不启动。');
    expect(screen.getByTestId('task-stem').textContent).toBe('简述第 4 题');
    rerender(view(task(5, '5-0005')));
    expect(screen.queryByTestId('task-scenario')).toBeNull();
  });

  test('a mark above the question’s points is refused before it is sent; Ctrl+Enter in the comment submits', async () => {
    const onSubmit = vi.fn(async () => {});
    render(<TaskView task={task(3, '5-0003')} onSubmit={onSubmit} onSkip={async () => {}} onNext={() => {}} />);
    fireEvent.change(markInput(), { target: { value: '10.01' } });
    fireEvent.change(comment(), { target: { value: ' 超出 ' } });
    await act(async () => {
      fireEvent.keyDown(comment(), { key: 'Enter', ctrlKey: true });
    });
    await waitFor(() => expect(screen.getByText('The mark is 0 to 10.00 points')).toBeTruthy());
    expect(onSubmit).not.toHaveBeenCalled();
    fireEvent.change(markInput(), { target: { value: '10' } });
    await act(async () => {
      fireEvent.keyDown(comment(), { key: 'Enter', ctrlKey: true });
    });
    await waitFor(() => expect(onSubmit).toHaveBeenCalledWith(1000, '超出'));
  });
});
