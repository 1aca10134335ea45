// The one way the step waits while the run may end: a timer or a promise raced against an AbortSignal,
// whose reason (the budget spent, a cancel) is what the wait throws.

/** Resolves after `ms`, or rejects with `signal.reason` as soon as it is aborted. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason as Error);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Settles as `promise` does, or rejects with `signal.reason` as soon as it is aborted: for work that
 * takes no signal of its own. The promise is left behind then, its rejection handled.
 */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    promise.catch(() => undefined);
    return Promise.reject(signal.reason as Error);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * A budget of its own: aborted `ms` from now with a `TimeoutError` (as `AbortSignal.timeout`, a timer
 * that never keeps the process alive), or as soon as one of `signals` is, with its reason.
 */
export function ownBudget(ms: number, ...signals: AbortSignal[]): AbortSignal {
  // AbortSignal.timeout takes whole milliseconds only; a budget left over from performance.now() is not.
  return AbortSignal.any([...signals, AbortSignal.timeout(Math.max(0, Math.ceil(ms)))]);
}

/** Aborted `graceMs` after `signal` is (that long from now if it is already): a timer that never keeps the process alive. */
export function graceAfter(signal: AbortSignal, graceMs: number): AbortSignal {
  const controller = new AbortController();
  const start = () => setTimeout(() => controller.abort(signal.reason), graceMs).unref();
  if (signal.aborted) start();
  else signal.addEventListener('abort', start, { once: true });
  return controller.signal;
}

/** Whether `error` is the reason `signal` was aborted with: the wait's own end, not a failure of what it waited for. */
export function endedBy(signal: AbortSignal, error: unknown): boolean {
  return signal.aborted && error === signal.reason;
}
