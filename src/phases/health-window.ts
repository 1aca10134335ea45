import { FelderaError } from '../feldera/errors.ts';
import type { ControllerStatus } from '../feldera/stats.ts';
import { classify } from '../model/lifecycle.ts';
import { statusFailure, type Outcome } from '../model/outcome.ts';
import { RunEnded } from '../model/run-end.ts';
import { formatDuration } from '../text/text.ts';
import { poll } from './wait.ts';
import { waitingRetry, type PhaseContext } from './phase.ts';
import { healthVerdict, type HealthVerdict, type Problem, type WindowPhase } from '../model/verdict.ts';

/** What the health window saw, for the outputs and the report. */
export interface Health {
  /** The first read after the target: errors counted there may be older than this start. */
  baseline: ControllerStatus | undefined;
  last: ControllerStatus | undefined;
  /** Endpoints with a problem, from the last verdict; those that do not fail the step are warnings. */
  problems: Problem[];
  /** Why the health was not judged in full (no read succeeded, the budget ran out): warnings. */
  notes: string[];
}

export function noHealth(): Health {
  return { baseline: undefined, last: undefined, problems: [], notes: [] };
}

/** A `0s` window still allows its one read a few seconds of retries. */
const MIN_READ_WINDOW_MS = 5000;

/**
 * After the target: reads `/stats` at once, then the status and `/stats` every poll-interval until
 * `health-window` has passed, and judges each read (src/model/verdict.ts). A pipeline that leaves
 * the target fails as it would have before it. The window is part of `timeout`: a budget that runs
 * out inside it ends it, judged on the last read, never as a `Timeout`. Never throws: what it read
 * comes back with the outcome, a cancel's or an error's failure included.
 */
export async function watchHealth(context: PhaseContext): Promise<HealthResult> {
  const health = noHealth();
  let outcome: Outcome;
  try {
    outcome = await judgeWindow(context, health);
  } catch (error) {
    outcome = context.fail(error);
  }
  return { outcome, health };
}

/** How the health window ended, and what it read. */
export interface HealthResult {
  outcome: Outcome;
  health: Health;
}

async function judgeWindow({ client, config, progress, signal, log }: PhaseContext, health: Health): Promise<Outcome> {
  const waiting = waitingRetry(progress, log);
  const windowMs = config.healthWindowMs;
  const endsAt = performance.now() + windowMs;
  let reads = 0;
  /** Why `/stats` could not be read; a refusal (404, 401, …) is not asked again. */
  let unreadable: { message: string; final: boolean } | undefined;

  const judge = (phase: WindowPhase): Outcome | undefined => {
    if (!health.last || !health.baseline) return undefined;
    const verdict: HealthVerdict = healthVerdict({
      baseline: health.baseline,
      current: health.last,
      phase,
      windowMs,
      connectorErrors: config.connectorErrors,
    });
    health.problems = verdict.kind === 'pass' ? [] : verdict.problems;
    return verdict.kind === 'fail' ? { result: 'failed', code: verdict.code, message: verdict.message } : undefined;
  };

  try {
    const failed = await poll(
      async () => {
        // The status that reached the target was just read: the first round reads only `/stats`.
        if (reads++ > 0) {
          const status = await client.status(waiting);
          progress.observe(status);
          const left = statusFailure(classify(status, config.initial), status, config.initial);
          if (left) return left;
        }
        if (!unreadable?.final) {
          try {
            // Retried within one poll-interval, so that the status is read every interval: a pipeline
            // that dies answers /stats with 503, and only its status says why.
            const readWindowMs =
              windowMs === 0
                ? MIN_READ_WINDOW_MS
                : Math.min(config.pollIntervalMs, Math.max(0, endsAt - performance.now()));
            health.last = await client.stats({ windowMs: readWindowMs });
            health.baseline ??= health.last;
            unreadable = undefined;
          } catch (error) {
            if (!(error instanceof FelderaError)) throw error;
            unreadable = { message: error.message, final: error.kind !== 'gave-up' };
          }
        }
        const phase: WindowPhase = performance.now() >= endsAt ? 'end' : 'during';
        return judge(phase) ?? (phase === 'end' ? null : undefined);
      },
      config.pollIntervalMs,
      signal,
    );
    if (failed) return failed;
  } catch (error) {
    if (!(error instanceof RunEnded && error.code === 'Timeout')) throw error;
    health.notes.push(
      `The timeout ran out inside the health window of ${formatDuration(windowMs)}: its health was judged on the last read.`,
    );
    const failed = judge('end');
    if (failed) return failed;
  }
  if (!health.last)
    health.notes.push(
      `The pipeline's health could not be checked: ${unreadable?.message ?? 'no read of /stats answered'}.`,
    );
  return { result: 'reached' };
}
