/** Why the run ended before its work was done: the budget (`timeout`) ran out, or the runner cancelled it. */
export class RunEnded extends Error {
  readonly code: 'Timeout' | 'Cancelled';

  constructor(code: 'Timeout' | 'Cancelled', message: string) {
    super(message);
    this.name = 'RunEnded';
    this.code = code;
  }
}

export interface RunEnd {
  /** Aborted with a `RunEnded` when the budget is spent or the run is cancelled. */
  signal: AbortSignal;
  /** Aborted on cancel only: follow-up reads after a timeout may still run, never after a cancel. */
  cancelled: AbortSignal;
  dispose: () => void;
}

/**
 * The run's end as AbortSignals: the budget, and SIGINT or SIGTERM (the runner's cancel), so that
 * every request and wait in flight stops at once.
 */
export function runEnd(timeoutMs: number, timeoutText: string): RunEnd {
  const budget = new AbortController();
  const cancel = new AbortController();
  const timer = setTimeout(() => budget.abort(new RunEnded('Timeout', `timeout ${timeoutText} ran out`)), timeoutMs);
  const onSignal = (name: NodeJS.Signals) => cancel.abort(new RunEnded('Cancelled', `the run was cancelled (${name})`));
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: AbortSignal.any([budget.signal, cancel.signal]),
    cancelled: cancel.signal,
    dispose: () => {
      clearTimeout(timer);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
