import { sleep } from '../feldera/http.ts';

/**
 * The one poll loop. It calls `step` every `intervalMs`, counted from the start of the previous call
 * so that a slow answer does not stretch the cadence, until `step` returns a value. It owns no clock
 * of its own: the run's signal ends it when the budget is spent or the run is cancelled.
 */
export async function poll<T>(step: () => Promise<T | undefined>, intervalMs: number, signal: AbortSignal): Promise<T> {
  for (;;) {
    const started = performance.now();
    const result = await step();
    if (result !== undefined) return result;
    await sleep(Math.max(0, intervalMs - (performance.now() - started)), signal);
  }
}
