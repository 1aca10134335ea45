import { FelderaError, type TransientError } from '../feldera/errors.ts';
import type { PipelineClient } from '../feldera/client.ts';
import type { RetryPolicy } from '../feldera/http.ts';
import type { PipelineStatus } from '../feldera/types.ts';
import type { Config } from '../model/inputs.ts';
import type { RunLog } from '../log/phase-log.ts';
import { bootstrapOf, converge, type Move, type Watch } from './converge.ts';
import { classify, targetStatus } from '../model/lifecycle.ts';
import { statusFailure, type Outcome } from '../model/outcome.ts';
import type { Progress } from '../model/progress.ts';
import { bootstrapProgress } from '../model/bootstrap.ts';
import { diffLines } from '../model/approval.ts';
import { formatDuration } from '../text/text.ts';
import { poll } from './wait.ts';
import { reloadRefused, reloadVerdict } from '../model/reloadable.ts';
import { expectedVerdict } from '../model/expected-diff.ts';

/** Before the pipeline is moved, a wrong api-url must fail fast, not after the whole budget. */
const SETUP_RETRY_WINDOW_MS = 20_000;
/** One /approve, retried for a few seconds: a pipeline that stopped meanwhile must not hold the step. */
const APPROVE_RETRY: RetryPolicy = { windowMs: 5000 };
/** After /resume, /pause or /activate the stored desired status follows on the runner's next poll (measured: within 2 s). */
const MOVE_SEEN_WITHIN_MS = 10_000;

/** Gets the pipeline to `initial` from wherever it is (converge.ts), then waits for the target (API.md 9). */
export async function startPipeline(
  client: PipelineClient,
  config: Config,
  progress: Progress,
  signal: AbortSignal,
  log: RunLog,
  /** Told when Feldera accepted the start: from then on, the pipeline is this step's to clean up. */
  onAccepted: () => void = () => undefined,
): Promise<Outcome> {
  const setup: RetryPolicy = {
    windowMs: SETUP_RETRY_WINDOW_MS,
    onRetry: (failure, delayMs) => {
      progress.lastFailure = failure.message;
      log.info(`${failure.message}; trying again in ${formatDuration(delayMs)}.`);
    },
    onRecovered: () => (progress.lastFailure = undefined),
  };
  const waiting = waitingRetry(progress, log);
  const watch: Watch = (until) =>
    poll(
      async () => {
        const status = await client.status(waiting);
        progress.observe(status);
        return until(status);
      },
      config.pollIntervalMs,
      signal,
    );

  log.group(`Starting pipeline ${client.pipelineName}`);
  const converged = await converge({ client, config, progress, log, setup, watch, onAccepted });
  if ('failure' in converged) return converged.failure;
  if (progress.transition === 'start') {
    const flags = [
      config.silentBootstrap && 'silent-bootstrap',
      config.concurrentBootstrap && 'concurrent-bootstrap',
    ].filter(Boolean);
    const policy = config.reloadableTables
      ? 'allow, sent as await_approval to check the tables it reloads against reloadable-tables'
      : config.bootstrapPolicy;
    log.info(
      `Start accepted: initial ${config.initial}, bootstrap-policy ${policy}${flags.map((flag) => `, ${flag}`).join('')}.`,
    );
  }

  if (!config.wait) {
    progress.observe(await client.status(setup));
    return { result: 'accepted' };
  }
  log.group(`Waiting for ${targetStatus(config.initial)}`);
  return watch((status) => decide(status, client, config, progress, log, converged.move));
}

async function decide(
  status: PipelineStatus,
  client: PipelineClient,
  config: Config,
  progress: Progress,
  log: RunLog,
  move: Move | undefined,
): Promise<Outcome | undefined> {
  const verdict = classify(status, config.initial);
  if (move && status.deployment_desired_status !== move.from) move.seen = true;
  switch (verdict.kind) {
    case 'reached':
      if (config.expectedDiff && !progress.approved)
        log.info('expected-diff was not compared: Feldera asked no approval.');
      return { result: 'reached' };
    case 'awaiting-approval': {
      // Approve once, and only after seeing AwaitingApproval: an earlier /approve pre-approves.
      if (progress.approved) return undefined;
      const reload = config.reloadableTables ? reloadVerdict(status.approval_diff, config.reloadableTables) : undefined;
      const expected = config.expectedDiff?.get(client.pipelineName);
      const match = expected && expectedVerdict(status.approval_diff, expected);
      log.group(
        (config.autoApprove && match?.approve !== false) || reload?.approve
          ? 'Approving the changes since the checkpoint'
          : 'Changes awaiting approval',
      );
      for (const line of status.approval_diff ? diffLines(status.approval_diff) : ['Feldera sent no diff.'])
        log.detail(line);
      if (reload && !reload.approve) return reloadRefused(status.name, reload);
      if (match && !match.approve) {
        // As without auto-approve: the step stays green, the pipeline waits for someone to look.
        log.warning([`Pipeline ${status.name} was not approved: ${match.reason}.`, ...match.differences].join('\n'));
        progress.notExpected = match.reason;
        return { result: 'awaiting-approval' };
      }
      if (!config.autoApprove && !reload) return { result: 'awaiting-approval' };
      try {
        await client.approve(bootstrapOf(config), APPROVE_RETRY);
      } catch (error) {
        // The pipeline may have failed or been stopped meanwhile: the next status read tells.
        if (!(error instanceof FelderaError && error.kind === 'gave-up')) throw error;
        log.info(`Approving failed (${error.message}); reading the status again.`);
        return undefined;
      }
      progress.approved = true;
      if (reload) progress.approvedBy = 'every modified table is in reloadable-tables';
      if (match) progress.approvedBy = 'auto-approve: true, the changes of expected-diff';
      log.info(`Approved (${progress.approvedBy}).`);
      log.group(`Waiting for ${targetStatus(config.initial)}`);
      return undefined;
    }
    case 'desired-elsewhere':
      if (move && !move.seen) return moveNotSeen(move, status, progress);
      return statusFailure(verdict, status, config.initial);
    case 'deployment-error':
    case 'compilation-failed':
    case 'stopped-externally':
      return statusFailure(verdict, status, config.initial);
    case 'waiting':
      if (BOOTSTRAPPING.has(status.deployment_status)) await readBootstrapProgress(client, progress);
      return undefined;
  }
}

const BOOTSTRAPPING = new Set(['Bootstrapping', 'ConcurrentBootstrapping', 'Synchronizing']);
/** A `/stats` read costs the pipeline more than a status read: bootstrap progress at most this often. */
const BOOTSTRAP_PROGRESS_EVERY_MS = 10_000;

/** One attempt at the bootstrap's progress, for the heartbeat and the timeline; never fails the step. */
async function readBootstrapProgress(client: PipelineClient, progress: Progress): Promise<void> {
  if (progress.elapsedMs() - progress.bootstrapReadMs < BOOTSTRAP_PROGRESS_EVERY_MS) return;
  progress.bootstrapReadMs = progress.elapsedMs();
  try {
    const text = bootstrapProgress(await client.stats({ windowMs: 0 }));
    if (text) progress.noteProgress(text);
  } catch (error) {
    if (!(error instanceof FelderaError)) throw error;
  }
}

/** Still the desired status the step moved the pipeline from: the runner's lag for a while, then a failure. */
function moveNotSeen(move: Move, status: PipelineStatus, progress: Progress): Outcome | undefined {
  if (progress.elapsedMs() - move.acceptedMs < MOVE_SEEN_WITHIN_MS) return undefined;
  return {
    result: 'failed',
    code: 'DesiredStatusChanged',
    message: `Feldera accepted ${move.call}, but pipeline ${status.name}'s desired status is still ${move.from} after ${formatDuration(MOVE_SEEN_WITHIN_MS)}: the pipeline did not take the transition, or someone moved it back.`,
    hint: "read the pipeline's log and the Feldera console, then run the step again.",
  };
}

/** While waiting, failures never end the wait: one warning when an outage starts, a line when it ends. */
export function waitingRetry(progress: Progress, log: RunLog): RetryPolicy {
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
