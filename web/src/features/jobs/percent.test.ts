import { describe, expect, it } from 'vitest';
import { isActive, percentOf, type Job } from './api';

const job = (over: Partial<Job>): Job => ({ id: 1, kind: 'evaluation', state: 'running', done: 0, total: 0, phase: 'evaluate', owner: 'hr', cancel_requested: false, created_at: '', ...over });

describe('job progress', () => {
  it('is 0 until the work is counted, then done/total rounded down, never above 100', () => {
    expect(percentOf(job({}))).toBe(0);
    expect(percentOf(job({ done: 1, total: 3 }))).toBe(33);
    expect(percentOf(job({ done: 999_999, total: 1_000_000 }))).toBe(99);
    expect(percentOf(job({ done: 5, total: 4 }))).toBe(100);
  });
  it('shows a finished job with nothing to do as full', () => {
    expect(percentOf(job({ state: 'succeeded' }))).toBe(100);
    expect(percentOf(job({ state: 'failed' }))).toBe(0);
  });
  it('counts queued and running jobs as active', () => {
    expect(isActive(job({ state: 'queued' }))).toBe(true);
    expect(isActive(job({ state: 'running' }))).toBe(true);
    expect(isActive(job({ state: 'cancelled' }))).toBe(false);
  });
});
