import { graceAfter, ownBudget } from '../feldera/abortable.ts';
import type { PipelineClient } from '../feldera/client.ts';
import type { Failure, Outcome } from '../model/outcome.ts';
import { formatDuration, messageOf } from '../text/text.ts';
import { poll } from './wait.ts';

/** The failures after which `stop-on-failure` stops the pipeline: the pipeline is up, or coming up, and not right. */
const STOPPED_AFTER = new Set(['Timeout', 'Cancelled', 'ConnectorFailed', 'ConnectorUnhealthy', 'ConnectorErrors']);

/** Whether this step should stop the pipeline it started: never when someone else steers it, or Feldera already stops it. */
export function stopsAfter(outcome: Outcome): outcome is Failure {
  return outcome.result === 'failed' && STOPPED_AFTER.has(outcome.code);
}

/** After a cancel, the stop gets this long; the report has the rest of the 5 s the step takes to end. */
const STOP_AFTER_CANCEL_MS = 2500;

/** After a stop, a status read this often until `Stopped`. */
const STOP_POLL_MS = 500;

/**
 * `POST /stop?force=true`, retried like the other writes, then the status until `Stopped`, all within
 * `budgetMs` (and the client's signal). Resolves to `undefined` when the pipeline is `Stopped`, else
 * to what went wrong: the caller warns, and the step's error code stays the one that caused the stop.
 */
export async function stopPipeline(
  client: PipelineClient,
  budgetMs: number,
  cancelled: AbortSignal,
): Promise<string | undefined> {
  // A cancel cuts what is left of the budget: the runner kills the step soon after its signal.
  const budget = ownBudget(budgetMs, graceAfter(cancelled, STOP_AFTER_CANCEL_MS));
  const within = client.withSignal(budget);
  try {
    await within.stop({ windowMs: budgetMs });
    await poll(
      async () => ((await within.status({ windowMs: budgetMs })).deployment_status === 'Stopped' ? true : undefined),
      STOP_POLL_MS,
      budget,
    );
    return undefined;
  } catch (error) {
    if (budget.aborted)
      return cancelled.aborted
        ? 'the run was cancelled before it was Stopped'
        : `it was not Stopped within ${formatDuration(budgetMs)}`;
    return messageOf(error);
  }
}
