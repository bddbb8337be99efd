// The answers waiting on this device, in IndexedDB (idb-keyval): one entry per attempt and
// question, kept until the attempt is over.
import { createStore, entries, set, type UseStore } from 'idb-keyval';
import type { AnswerStore, StoredAnswer } from './answers';

let opened: UseStore | undefined;
const db = () => (opened ??= createStore('skillgrade-exam', 'answers'));

export const deviceStore: AnswerStore = {
  async load(attemptId) {
    const out = new Map<number, StoredAnswer>();
    for (const [key, value] of await entries<string, StoredAnswer>(db())) {
      const [a, q] = String(key).split(':');
      if (Number(a) === attemptId) out.set(Number(q), value);
    }
    return out;
  },
  async put(attemptId, questionId, a) {
    await set(`${attemptId}:${questionId}`, a, db());
  },
};
