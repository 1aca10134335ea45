import { describe, expect, it } from 'vitest';
import { controllerStatus } from '../src/feldera/stats.ts';
import { bootstrapProgress, formatCount } from '../src/model/bootstrap.ts';
import { commitProgress, controllerStatusBody } from './fixtures.ts';

const progressOf = (global: Record<string, unknown>) =>
  bootstrapProgress(controllerStatus(controllerStatusBody({ global }), []));

describe('bootstrapProgress', () => {
  it('counts operators as the web console does, and the records of those being flushed', () => {
    expect(
      progressOf({ bootstrap_in_progress: true, commit_progress: commitProgress(12, 3, 25, 1_234_567, 3_400_000) }),
    ).toBe('Bootstrapping: 12 of 40 operators, 1.2M of 3.4M records');
  });

  it('leaves the records out while no operator has records to flush', () => {
    expect(progressOf({ commit_progress: commitProgress(0, 0, 40) })).toBe('Bootstrapping: 0 of 40 operators');
  });

  it('reads the concurrent bootstrap’s own progress in its phases', () => {
    const global = {
      commit_progress: commitProgress(1, 0, 1, 5, 10),
      concurrent_bootstrap_progress: commitProgress(30, 2, 8, 999_960, 2_000_000),
    };
    expect(progressOf({ ...global, concurrent_bootstrap_phase: 'ConcurrentBootstrapping' })).toBe(
      'Bootstrapping concurrently: 30 of 40 operators, 1M of 2M records',
    );
    expect(progressOf({ ...global, concurrent_bootstrap_phase: 'Synchronizing' })).toBe(
      'Synchronizing: 30 of 40 operators, 1M of 2M records',
    );
  });

  it('says nothing while Feldera reports no commit in progress', () => {
    expect(progressOf({ bootstrap_in_progress: true })).toBeUndefined();
    expect(progressOf({ commit_progress: commitProgress(0, 0, 0) })).toBeUndefined();
    expect(
      progressOf({ concurrent_bootstrap_phase: 'ConcurrentBootstrapping', commit_progress: commitProgress(1, 1, 1) }),
    ).toBeUndefined();
  });
});

describe('formatCount', () => {
  it.each([
    [0, '0'],
    [999, '999'],
    [1000, '1k'],
    [1250, '1.3k'],
    [12_345, '12.3k'],
    [99_949, '99.9k'],
    [99_950, '100k'],
    [123_456, '123k'],
    [999_499, '999k'],
    [999_500, '1M'],
    [1_234_567, '1.2M'],
    [3_400_000_000, '3.4B'],
    [7e15, '7000T'],
    [-3, '0'],
  ])('%d → %s', (count, text) => {
    expect(formatCount(count)).toBe(text);
  });
});
