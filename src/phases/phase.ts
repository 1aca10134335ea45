import type { TransientError } from '../feldera/errors.ts';
import type { PipelineClient } from '../feldera/client.ts';
import type { RetryPolicy } from '../feldera/http.ts';
import type { Config } from '../model/inputs.ts';
import type { RunLog } from '../log/phase-log.ts';
import type { Failure } from '../model/outcome.ts';
import type { Progress } from '../model/progress.ts';
import { formatDuration } from '../text/text.ts';

/** Before the pipeline is moved, a wrong api-url must fail fast, not after the whole budget. */
const SETUP_RETRY_WINDOW_MS = 20_000;

/** What a phase of one pipeline's run is given: its client, the inputs, the wait's progress, the budget. */
export interface PhaseContext {
  client: PipelineClient;
  config: Config;
  progress: Progress;
  log: RunLog;
  /** Aborted when the budget is spent or the run is cancelled. */
  signal: AbortSignal;
  /** The failure an error ends the phase with (model/outcome.ts failureOf). */
  fail: (error: unknown) => Failure;
}

/** The first read and the start retry for a short while only: a wrong api-url fails fast. */
export function setupRetry(progress: Progress, log: RunLog): RetryPolicy {
  return {
    windowMs: SETUP_RETRY_WINDOW_MS,
    onRetry: (failure, delayMs) => {
      progress.noteFailure(failure.message);
      log.info(`${failure.message}; trying again in ${formatDuration(delayMs)}.`);
    },
    onRecovered: () => progress.noteFailure(undefined),
  };
}

/** While waiting, failures never end the wait: one warning when an outage starts, a line when it ends. */
export function waitingRetry(progress: Progress, log: RunLog): RetryPolicy {
  return {
    windowMs: Infinity,
    onRetry: (failure: TransientError, delayMs: number, attempt: number) => {
      progress.noteFailure(failure.message);
      if (attempt === 1)
        log.warning(`${failure.message}; retrying until it answers or the timeout runs out.`, 'Feldera not answering');
      else log.info(`Still failing (attempt ${attempt}); trying again in ${formatDuration(delayMs)}.`);
    },
    onRecovered: (attempts, elapsedMs) => {
      progress.noteFailure(undefined);
      log.info(`Feldera answered again after ${attempts} attempts in ${formatDuration(elapsedMs)}.`);
    },
  };
}
