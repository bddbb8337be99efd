// The answer book: saved only when acknowledged, kept on the device while offline and sent again,
// newer numbers after a reload, the device's newer answers win over the server's older ones.
import { describe, expect, test } from 'vitest';
import { AnswerBook, fromServer, isAnswered, type AnswerStore, type SaveOutcome, type StoredAnswer } from './answers';

class MemoryStore implements AnswerStore {
  data = new Map<string, StoredAnswer>();
  async load(attemptId: number) {
    const out = new Map<number, StoredAnswer>();
    for (const [k, v] of this.data) if (k.startsWith(`${attemptId}:`)) out.set(Number(k.split(':')[1]), { ...v });
    return out;
  }
  async put(attemptId: number, qid: number, a: StoredAnswer) {
    this.data.set(`${attemptId}:${qid}`, { ...a });
  }
}

// A server that stores the newest number per question, and can be cut off.
class FakeServer {
  stored = new Map<number, { seq: number; value: unknown }>();
  down = false;
  calls = 0;
  save = async (qid: number, seq: number, value: unknown): Promise<SaveOutcome> => {
    this.calls++;
    await Promise.resolve();
    if (this.down) throw new TypeError('Failed to fetch');
    const old = this.stored.get(qid);
    if (old && old.seq > seq) return { kind: 'stale' };
    this.stored.set(qid, { seq, value });
    return { kind: 'ok' };
  };
}

const tick = () => new Promise((r) => setTimeout(r, 5));
const typeOf = () => 'single';

describe('answer book', () => {
  test('an answer counts as saved once the server acknowledged its number', async () => {
    const store = new MemoryStore();
    const server = new FakeServer();
    const book = new AnswerBook(1, store, server.save, () => {});
    await book.open([], typeOf);
    await book.set(10, 'A');
    expect(store.data.get('1:10')).toMatchObject({ value: 'A', seq: 1 });
    await tick();
    expect(book.status()).toBe('saved');
    expect(book.isSaved(10)).toBe(true);
    expect(server.stored.get(10)).toEqual({ seq: 1, value: 'A' });
    await book.set(10, 'B');
    await tick();
    expect(server.stored.get(10)).toEqual({ seq: 2, value: 'B' });
  });

  test('offline: kept on the device, shown as not saved, and sent when the server is back', async () => {
    const store = new MemoryStore();
    const server = new FakeServer();
    const book = new AnswerBook(1, store, server.save, () => {}, 20);
    await book.open([], typeOf);
    server.down = true;
    await book.set(10, 'A');
    await book.set(11, 'C');
    await tick();
    expect(book.status()).toBe('offline');
    expect(book.isSaved(10)).toBe(false);
    expect(book.pending()).toBe(2);
    server.down = false;
    await new Promise((r) => setTimeout(r, 60));
    expect(book.status()).toBe('saved');
    expect(server.stored.get(10)?.value).toBe('A');
    expect(server.stored.get(11)?.value).toBe('C');
    expect(store.data.get('1:11')?.acked).toBe(true);
  });

  test('after a reload the device’s newer answers are sent again and numbers continue above all seen', async () => {
    const store = new MemoryStore();
    await store.put(1, 10, { value: 'D', seq: 7, acked: false });  // written, never acknowledged
    await store.put(1, 11, { value: 'A', seq: 2, acked: true });
    const server = new FakeServer();
    server.stored.set(11, { seq: 5, value: 'B' });  // saved from another device later
    const book = new AnswerBook(1, store, server.save, () => {});
    await book.open([{ question_id: 11, seq: 5, answer: ['B'] }], typeOf);
    await tick();
    expect(server.stored.get(10)).toEqual({ seq: 7, value: 'D' });
    expect(book.value(11)).toBe('B');
    await book.set(12, 'C');
    await tick();
    expect(server.stored.get(12)?.seq).toBe(8);
  });

  test('a change while a save is in flight is sent after it, and only the newest counts', async () => {
    const store = new MemoryStore();
    const server = new FakeServer();
    const book = new AnswerBook(1, store, server.save, () => {});
    await book.open([], typeOf);
    void book.set(10, 'A');
    await book.set(10, 'B');
    await tick();
    await tick();
    expect(server.stored.get(10)).toEqual({ seq: 2, value: 'B' });
    expect(book.status()).toBe('saved');
  });

  test('a refusal that ends the exam stops the book and tells the page', async () => {
    const store = new MemoryStore();
    let told = '';
    const book = new AnswerBook(1, store, async () => ({ kind: 'fatal', code: 'exam.taken_over', message: 'elsewhere' }), (code) => (told = code));
    await book.open([], typeOf);
    await book.set(10, 'A');
    await tick();
    expect(told).toBe('exam.taken_over');
    expect(book.status()).toBe('stopped');
    await book.set(10, 'B');
    expect(store.data.get('1:10')?.value).toBe('A');
  });

  test('answers in the server’s form and what counts as answered', () => {
    expect(fromServer('single', ['B'])).toBe('B');
    expect(fromServer('single', [])).toBe(null);
    expect(fromServer('multiple', ['A', 'C'])).toEqual(['A', 'C']);
    expect(fromServer('true_false', ['false'])).toBe(false);
    expect(fromServer('fill_blank', ['R32', ''])).toEqual(['R32', '']);
    expect(isAnswered(false)).toBe(true);
    expect(isAnswered('  ')).toBe(false);
    expect(isAnswered(['', ' '])).toBe(false);
    expect(isAnswered(['', 'x'])).toBe(true);
    expect(isAnswered(null)).toBe(false);
  });
});
