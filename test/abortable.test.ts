// The one abortable wait (src/feldera/abortable.ts), with real timers: each test says which came
// first, never how long it took, so that a loaded machine cannot fail it.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { endedBy, graceAfter, ownBudget, raceAbort, sleep } from '../src/feldera/abortable.ts';

const never = new Promise<never>(() => undefined);
const aborted = (signal: AbortSignal) =>
  new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));

describe('sleep', () => {
  it('resolves when its time is up', async () => {
    await expect(sleep(5, new AbortController().signal)).resolves.toBeUndefined();
  });

  it("rejects with the signal's reason as soon as it is aborted, before its time is up", async () => {
    const controller = new AbortController();
    const reason = new Error('cancelled');
    const order: string[] = [];
    const slept = sleep(60_000, controller.signal).catch((error: unknown) => order.push(`sleep: ${String(error)}`));
    void sleep(5, new AbortController().signal).then(() => {
      order.push('abort');
      controller.abort(reason);
    });
    await slept;
    expect(order).toEqual(['abort', 'sleep: Error: cancelled']);
  });

  it('rejects at once when the signal is already aborted', async () => {
    const reason = new Error('spent');
    await expect(sleep(0, AbortSignal.abort(reason))).rejects.toBe(reason);
  });
});

describe('raceAbort', () => {
  it('settles as the promise does while the signal is not aborted', async () => {
    const signal = new AbortController().signal;
    await expect(raceAbort(Promise.resolve('token'), signal)).resolves.toBe('token');
    const refused = new Error('refused');
    await expect(raceAbort(Promise.reject(refused), signal)).rejects.toBe(refused);
  });

  it("rejects with the signal's reason when it is aborted first, and leaves the promise behind", async () => {
    const controller = new AbortController();
    const reason = new Error('cancelled');
    let settle: (value: string) => void = () => undefined;
    const late = new Promise<string>((resolve) => (settle = resolve));
    const raced = raceAbort(late, controller.signal);
    controller.abort(reason);
    await expect(raced).rejects.toBe(reason);
    settle('too late');
    await expect(late).resolves.toBe('too late');
  });

  it('rejects at once when the signal is already aborted, and handles the rejection left behind', async () => {
    const reason = new Error('spent');
    const unhandled: unknown[] = [];
    const onUnhandled = (error: unknown) => unhandled.push(error);
    process.on('unhandledRejection', onUnhandled);
    try {
      await expect(raceAbort(Promise.reject(new Error('refused')), AbortSignal.abort(reason))).rejects.toBe(reason);
      await sleep(5, new AbortController().signal);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect(unhandled).toEqual([]);
  });
});

describe('ownBudget', () => {
  it('ends with a TimeoutError when its time is up', async () => {
    const signal = ownBudget(5, new AbortController().signal);
    await aborted(signal);
    expect((signal.reason as Error).name).toBe('TimeoutError');
  });

  it('takes what is left of a budget: a fraction of a millisecond, or nothing', async () => {
    for (const ms of [2.5, 0.25, 0, -3]) {
      const signal = ownBudget(ms);
      await aborted(signal);
      expect((signal.reason as Error).name).toBe('TimeoutError');
    }
  });

  it("ends with another signal's reason when that one ends first", async () => {
    const controller = new AbortController();
    const signal = ownBudget(60_000, new AbortController().signal, controller.signal);
    const reason = new Error('cancelled');
    controller.abort(reason);
    expect(signal.reason).toBe(reason);
  });

  it('tells a wait that it ended from a failure of what it waited for', async () => {
    const idle = ownBudget(5);
    const error = await raceAbort(never, idle).catch((error: unknown) => error);
    expect(endedBy(idle, error)).toBe(true);
    expect(endedBy(idle, new Error('reset'))).toBe(false);
    expect(endedBy(new AbortController().signal, undefined)).toBe(false);
  });
});

describe('graceAfter', () => {
  it('ends only after the signal, with its reason', async () => {
    const controller = new AbortController();
    const grace = graceAfter(controller.signal, 5);
    const order: string[] = [];
    const ended = aborted(grace).then(() => order.push('grace'));
    await sleep(20, new AbortController().signal);
    order.push('cancel');
    const reason = new Error('cancelled');
    controller.abort(reason);
    await ended;
    expect(order).toEqual(['cancel', 'grace']);
    expect(grace.reason).toBe(reason);
  });

  it('starts at once when the signal is already aborted', async () => {
    const reason = new Error('cancelled');
    const grace = graceAfter(AbortSignal.abort(reason), 5);
    expect(grace.aborted).toBe(false);
    await aborted(grace);
    expect(grace.reason).toBe(reason);
  });
});

describe('the timers of a budget and a grace', () => {
  it('never keep the process alive', () => {
    // A process with nothing else to do ends at once, a minute before either timer.
    const module = JSON.stringify(join(import.meta.dirname, '..', 'src', 'feldera', 'abortable.ts'));
    const script = `
      import { graceAfter, ownBudget } from ${module};
      ownBudget(60_000, new AbortController().signal);
      graceAfter(AbortSignal.abort(), 60_000);
      console.log('armed');`;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect({ status: child.status, stdout: child.stdout, stderr: child.stderr }).toEqual({
      status: 0,
      stdout: 'armed\n',
      stderr: '',
    });
  });
});
