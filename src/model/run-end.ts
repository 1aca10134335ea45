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

/** The run's end as AbortSignals, made by runEnd (src/cancellation.ts). */
export interface RunEnd {
  /** Aborted with a `RunEnded` when the budget is spent or the run is cancelled. */
  signal: AbortSignal;
  /** Aborted on cancel only: follow-up reads after a timeout may still run, never after a cancel. */
  cancelled: AbortSignal;
  dispose: () => void;
}
