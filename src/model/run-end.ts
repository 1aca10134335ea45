/** Why the run ended before its work was done: the budget (`timeout`) ran out, or the runner cancelled it. */
export class RunEnded extends Error {
  readonly code: 'Timeout' | 'Cancelled';

  constructor(code: 'Timeout' | 'Cancelled', message: string) {
    super(message);
    this.name = 'RunEnded';
    this.code = code;
  }
}

/**
 * The runner cancels a step with SIGINT, then SIGTERM 7.5 s later, then kills it. The step has said
 * its word by this long after the first signal, whatever it was doing.
 */
export const CANCEL_DEADLINE_MS = 4500;

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

export interface RunEnd {
  /** Aborted with a `RunEnded` when the budget is spent or the run is cancelled. */
  signal: AbortSignal;
  /** Aborted on cancel only: follow-up reads after a timeout may still run, never after a cancel. */
  cancelled: AbortSignal;
  dispose: () => void;
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
