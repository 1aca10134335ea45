import { FelderaError, type TransientError } from './feldera/errors.ts';
import type { PipelineClient } from './feldera/client.ts';
import type { RetryPolicy } from './feldera/http.ts';
import type { PipelineStatus } from './feldera/types.ts';
import { deploymentErrorHint } from './hints.ts';
import type { Config } from './inputs.ts';
import { classify, targetStatus } from './lifecycle.ts';
import type { Outcome } from './outcome.ts';
import type { Progress } from './progress.ts';
import { diffLines } from './report/approval.ts';
import { formatDuration } from './text.ts';
import { poll } from './wait.ts';

export interface Log {
  info: (line: string) => void;
  warning: (line: string) => void;
  /** Ends the group open, if any, and opens one: a phase of the step. */
  group: (title: string) => void;
}

/** Before the start is accepted, a wrong api-url must fail fast, not after the whole budget. */
const SETUP_RETRY_WINDOW_MS = 20_000;
/** One /approve, retried for a few seconds: a pipeline that stopped meanwhile must not hold the step. */
const APPROVE_RETRY: RetryPolicy = { windowMs: 5000 };
/** Starting again after a stop in progress: enough for a stop, too few to loop for ever. */
const START_ROUNDS = 3;
/** Feldera's answers while the pipeline is still stopping: wait for Stopped, then try again. */
const STILL_STOPPING = new Set(['IllegalPipelineAction', 'DismissErrorRestrictedToFullyStopped']);

/** Dismisses an earlier error, starts the pipeline, and waits for the target (API.md 9). */
export async function startPipeline(client: PipelineClient, config: Config, progress: Progress, signal: AbortSignal, log: Log): Promise<Outcome> {
  const setup: RetryPolicy = {
    windowMs: SETUP_RETRY_WINDOW_MS,
    onRetry: (failure, delayMs) => {
      progress.lastFailure = failure.message;
      log.info(`${failure.message}; trying again in ${formatDuration(delayMs)}.`);
    },
    onRecovered: () => (progress.lastFailure = undefined),
  };
  const waiting = waitingRetry(progress, log);
  /** Reads the status every poll-interval and hands each snapshot to `until`, until it gives a value. */
  const watch = <T>(until: (status: PipelineStatus) => T | undefined | Promise<T | undefined>) =>
    poll(
      async () => {
        const status = await client.status(waiting);
        progress.observe(status);
        return until(status);
      },
      config.pollIntervalMs,
      signal,
    );

  log.group(`Starting pipeline ${config.pipelineName}`);
  for (let round = 1; ; round++) {
    try {
      if (config.dismissError) await client.dismissError(setup);
      await client.start(config.initial, config.bootstrapPolicy, setup);
      break;
    } catch (error) {
      if (!(error instanceof FelderaError && STILL_STOPPING.has(error.code) && round < START_ROUNDS)) throw error;
      log.info(`The pipeline is still stopping (${error.code}); waiting for Stopped to start it again.`);
      await watch((status) => (status.deployment_status === 'Stopped' ? true : undefined));
    }
  }
  log.info(`Start accepted: initial ${config.initial}, bootstrap-policy ${config.bootstrapPolicy}.`);

  if (!config.wait) {
    progress.observe(await client.status(setup));
    return { result: 'accepted' };
  }
  log.group(`Waiting for ${targetStatus(config.initial)}`);
  return watch((status) => decide(status, client, config, progress, log));
}

async function decide(status: PipelineStatus, client: PipelineClient, config: Config, progress: Progress, log: Log): Promise<Outcome | undefined> {
  const verdict = classify(status, config.initial);
  const name = status.name;
  switch (verdict.kind) {
    case 'reached':
      return { result: 'reached' };
    case 'awaiting-approval':
      // Approve once, and only after seeing AwaitingApproval: an earlier /approve pre-approves.
      if (progress.approved) return undefined;
      log.group(config.autoApprove ? 'Approving the changes since the checkpoint' : 'Changes awaiting approval');
      for (const line of status.approval_diff ? diffLines(status.approval_diff) : ['Feldera sent no diff.']) log.info(line);
      if (!config.autoApprove) return { result: 'awaiting-approval' };
      try {
        await client.approve(APPROVE_RETRY);
      } catch (error) {
        // The pipeline may have failed or been stopped meanwhile: the next status read tells.
        if (!(error instanceof FelderaError && error.kind === 'gave-up')) throw error;
        log.info(`Approving failed (${error.message}); reading the status again.`);
        return undefined;
      }
      progress.approved = true;
      log.info('Approved (auto-approve: true).');
      log.group(`Waiting for ${targetStatus(config.initial)}`);
      return undefined;
    case 'deployment-error':
      return {
        result: 'failed',
        code: verdict.error.error_code,
        message: `Pipeline ${name} stopped with ${verdict.error.error_code}: ${verdict.error.message}`,
        hint: deploymentErrorHint(verdict.error.error_code),
      };
    case 'compilation-failed':
      return {
        result: 'failed',
        code: 'StartFailedDueToFailedCompilation',
        message: `Pipeline ${name}'s program failed to compile (program_status ${status.program_status}).`,
        hint: 'fix the program; Feldera compiles it again, and the next start can go ahead.',
      };
    case 'stopped-externally':
      return {
        result: 'failed',
        code: 'StoppedExternally',
        message: `Pipeline ${name} was stopped while starting (desired status Stopped, no deployment error): someone or something else stopped it.`,
        hint: 'find who stopped it (a person in the Feldera console, fda, another workflow), then start it again.',
      };
    case 'desired-elsewhere': {
      const desired = status.deployment_desired_status;
      return {
        result: 'failed',
        code: 'DesiredStatusChanged',
        message: `Pipeline ${name} is ${status.deployment_status} and its desired status is ${desired}, not ${targetStatus(config.initial)}: it was started earlier and then changed by someone else, and will not become ${targetStatus(config.initial)} by itself.`,
        hint:
          desired === 'Suspended'
            ? 'it is being suspended (a graceful stop); start it again once it is Stopped.'
            : `stop the pipeline first, or ask for initial: ${desired.toLowerCase()}.`,
      };
    }
    case 'waiting':
      return undefined;
  }
}

/** While waiting, failures never end the wait: one warning when an outage starts, a line when it ends. */
function waitingRetry(progress: Progress, log: Log): RetryPolicy {
  return {
    windowMs: Infinity,
    onRetry: (failure: TransientError, delayMs: number, attempt: number) => {
      progress.lastFailure = failure.message;
      if (attempt === 1) log.warning(`${failure.message}; retrying until it answers or the timeout runs out.`);
      else log.info(`Still failing (attempt ${attempt}); trying again in ${formatDuration(delayMs)}.`);
    },
    onRecovered: (attempts, elapsedMs) => {
      progress.lastFailure = undefined;
      log.info(`Feldera answered again after ${attempts} attempts in ${formatDuration(elapsedMs)}.`);
    },
  };
}
