// A candidate's answers as the exam page keeps them: every change is written to the device first
// (IndexedDB) with the next sequence number, then sent; an answer counts as saved only when the
// server acknowledged that very number. Lost network, a reload or a closed tab leave the change
// on the device, and it is sent again when the page can reach the server.
export type AnswerValue = string | string[] | boolean | null;

export interface StoredAnswer {
  value: AnswerValue;
  seq: number;
  acked: boolean;
}

// Where answers wait on the device (IndexedDB in the browser, a map in tests).
export interface AnswerStore {
  load(attemptId: number): Promise<Map<number, StoredAnswer>>;
  put(attemptId: number, questionId: number, a: StoredAnswer): Promise<void>;
}

// What a save to the server came to: stored (or already stored); a newer save is stored there
// (this one is outdated); the server could not be reached; or a refusal that ends the editing
// (taken over on another device, submitted, time up).
export type SaveOutcome = { kind: 'ok' } | { kind: 'stale' } | { kind: 'offline' } | { kind: 'fatal'; code: string; message: string };
export type SaveFn = (questionId: number, seq: number, value: AnswerValue) => Promise<SaveOutcome>;

export type BookStatus = 'saved' | 'saving' | 'offline' | 'stopped';

export interface ServerAnswer {
  question_id: number;
  seq: number;
  answer: string[];
}

// The server stores every answer as a list of texts; the page works with the question's own form.
export function fromServer(type: string, values: string[]): AnswerValue {
  if (type === 'multiple' || type === 'fill_blank') return values;
  if (type === 'true_false') return values.length ? values[0] === 'true' : null;
  return values[0] ?? null;
}

export function isAnswered(value: AnswerValue | undefined): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'boolean') return true;
  if (typeof value === 'string') return value.trim() !== '';
  return value.some((v) => v.trim() !== '');
}

export class AnswerBook {
  private answers = new Map<number, StoredAnswer>();
  private inFlight = new Set<number>();
  private nextSeq = 1;
  private offline = false;
  private stopped = false;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private listeners = new Set<() => void>();

  constructor(
    private attemptId: number,
    private store: AnswerStore,
    private save: SaveFn,
    private onFatal: (code: string, message: string) => void,
    private retryMs = 3000,
  ) {}

  // Merges what the server holds with what waits on this device: the higher sequence number wins;
  // what is newer here is sent again. New numbers continue above every number seen.
  async open(server: ServerAnswer[], typeOf: (questionId: number) => string): Promise<void> {
    this.stopped = false;  // opened again (a remount of the page) after a stop
    const local = await this.store.load(this.attemptId);
    let top = 0;
    for (const s of server) {
      this.answers.set(s.question_id, { value: fromServer(typeOf(s.question_id), s.answer), seq: s.seq, acked: true });
      top = Math.max(top, s.seq);
    }
    for (const [qid, a] of local) {
      top = Math.max(top, a.seq);
      const known = this.answers.get(qid);
      if (!known || a.seq > known.seq) this.answers.set(qid, { ...a, acked: false });
    }
    this.nextSeq = top + 1;
    this.emit();
    this.flush();
  }

  value(questionId: number): AnswerValue | undefined {
    return this.answers.get(questionId)?.value;
  }
  isSaved(questionId: number): boolean {
    return this.answers.get(questionId)?.acked ?? true;
  }
  pending(): number {
    let n = 0;
    for (const a of this.answers.values()) if (!a.acked) n++;
    return n;
  }
  status(): BookStatus {
    if (this.stopped) return 'stopped';
    if (this.pending() === 0) return 'saved';
    return this.offline ? 'offline' : 'saving';
  }
  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  // A change: on the device first, then to the server.
  async set(questionId: number, value: AnswerValue): Promise<void> {
    if (this.stopped) return;
    const a: StoredAnswer = { value, seq: this.nextSeq++, acked: false };
    this.answers.set(questionId, a);
    this.emit();
    await this.store.put(this.attemptId, questionId, a);
    this.flush();
  }

  // Sends every answer not yet acknowledged (one request per question at a time).
  flush(): void {
    if (this.stopped) return;
    for (const [qid, a] of this.answers) if (!a.acked && !this.inFlight.has(qid)) void this.send(qid, a.seq, a.value);
  }

  // Resolves when nothing waits (or the book stopped); used before submitting.
  async settle(timeoutMs = 10000): Promise<boolean> {
    const until = Date.now() + timeoutMs;
    while (this.pending() > 0 && !this.stopped && Date.now() < until) {
      this.flush();
      await new Promise((r) => setTimeout(r, 100));
    }
    return this.pending() === 0;
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retry);
    this.emit();
  }

  private async send(qid: number, seq: number, value: AnswerValue): Promise<void> {
    this.inFlight.add(qid);
    let outcome: SaveOutcome;
    try {
      outcome = await this.save(qid, seq, value);
    } catch {
      outcome = { kind: 'offline' };
    }
    this.inFlight.delete(qid);
    const current = this.answers.get(qid);
    if (outcome.kind === 'fatal') {
      this.stop();
      this.onFatal(outcome.code, outcome.message);
      return;
    }
    if (outcome.kind === 'offline') {
      this.offline = true;
      this.emit();
      clearTimeout(this.retry);
      this.retry = setTimeout(() => this.flush(), this.retryMs);
      return;
    }
    this.offline = false;
    // Acknowledged (or outdated by a newer save already there): this number is done.
    if (current && current.seq === seq) {
      current.acked = true;
      await this.store.put(this.attemptId, qid, current);
    } else if (current && !current.acked) {
      void this.send(qid, current.seq, current.value);  // changed meanwhile: send the newer one
    }
    this.emit();
  }

  private emit() {
    for (const fn of this.listeners) fn();
  }
}
