// The run's end as it happens, installed by the entry: the runner's cancel (SIGINT, SIGTERM) and the
// budget's timer. model/run-end.ts says what an end is; this file makes it come.
import { CANCEL_DEADLINE_MS, RunEnded, type RunEnd } from './model/run-end.ts';

/** The runner's cancel, for the whole process: installed before the rest of the bundle loads, never removed. */
export interface Cancellation {
  /** Aborted with a `RunEnded('Cancelled')` at the first SIGINT or SIGTERM. */
  signal: AbortSignal;
  /** What to write, synchronously, when the deadline comes before the step has ended by itself; then the process exits. */
  atDeadline: (lastWord: () => void) => void;
}

/**
 * Listens for SIGINT and SIGTERM for as long as the process lives: a signal must never kill the step
 * (Node's default), at any moment, and a second one changes nothing. The first aborts `signal` and
 * arms the deadline, a timer that does not keep the process alive: a step that ends in time never
 * sees it.
 */
export function cancellation(): Cancellation {
  const controller = new AbortController();
  let lastWord: () => void = () => undefined;
  const onSignal = (name: NodeJS.Signals) => {
    if (controller.signal.aborted) return;
    controller.abort(new RunEnded('Cancelled', `the run was cancelled (${name})`));
    setTimeout(() => {
      try {
        lastWord();
      } finally {
        process.exit(process.exitCode ?? 1);
      }
    }, CANCEL_DEADLINE_MS).unref();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return { signal: controller.signal, atDeadline: (write) => (lastWord = write) };
}

/** The run's end as AbortSignals: the budget, and the runner's cancel, so that every request and wait in flight stops at once. */
export function runEnd(timeoutMs: number, timeoutText: string, cancelled: AbortSignal): RunEnd {
  const budget = new AbortController();
  const timer = setTimeout(() => budget.abort(new RunEnded('Timeout', `timeout ${timeoutText} ran out`)), timeoutMs);
  return {
    signal: AbortSignal.any([budget.signal, cancelled]),
    cancelled,
    dispose: () => clearTimeout(timer),
  };
}
