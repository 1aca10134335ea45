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
 * The run's end as an AbortSignal: aborted with a `RunEnded` when the budget is spent, or on SIGINT
 * or SIGTERM (the runner's cancel), so that every request and wait in flight stops at once.
 */
export function runEndSignal(timeoutMs: number, timeoutText: string): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new RunEnded('Timeout', `timeout ${timeoutText} ran out`)), timeoutMs);
  const onSignal = (name: NodeJS.Signals) => controller.abort(new RunEnded('Cancelled', `the run was cancelled (${name})`));
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    dispose: () => {
      clearTimeout(timer);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
