import { FelderaError } from '../feldera/errors.ts';
import type { PipelineClient } from '../feldera/client.ts';
import { sleep } from '../feldera/abortable.ts';
import type { RetryPolicy } from '../feldera/http.ts';
import type { PipelineStatus } from '../feldera/types.ts';
import type { RunLog } from '../log/phase-log.ts';
import { requestedBootstrap, type Move, type Watch } from './converge.ts';
import { classify, targetStatus } from '../model/lifecycle.ts';
import { statusFailure, type Outcome } from '../model/outcome.ts';
import type { Progress } from '../model/progress.ts';
import { bootstrapProgress } from '../model/bootstrap.ts';
import { diffLines } from '../model/approval.ts';
import { formatDuration, pipelineLabel } from '../text/text.ts';
import { reloadRefused, reloadApproval } from '../model/reloadable.ts';
import { expectedMatch } from '../model/expected-diff.ts';
import { COMPILING } from '../model/release.ts';
import { setupRetry, waitingRetry, type PhaseContext } from './phase.ts';

/** One /approve, retried for a few seconds: a pipeline that stopped meanwhile must not hold the step. */
const APPROVE_RETRY: RetryPolicy = { windowMs: 5000 };
/** After /resume, /pause or /activate the stored desired status follows on the runner's next poll (measured: within 2 s). */
const MOVE_SEEN_WITHIN_MS = 10_000;
const BOOTSTRAPPING = new Set(['Bootstrapping', 'ConcurrentBootstrapping', 'Synchronizing']);
/** A `/stats` read costs the pipeline more than a status read: bootstrap progress at most this often. */
const BOOTSTRAP_PROGRESS_EVERY_MS = 10_000;

/** What this step approved, or why it did not: written by the wait alone. */
export interface Approval {
  approved: boolean;
  /** Why this step approved: the input that let it. */
  approvedBy:
    | 'auto-approve: true'
    | 'every modified table is in reloadable-tables'
    | 'auto-approve: true, the changes of expected-diff';
  /** Why the step did not approve what auto-approve would have: the diff is not that of expected-diff. */
  notExpected: string | undefined;
}

/** How the wait ended, and what it approved. */
export interface WaitResult {
  outcome: Outcome;
  approval: Approval;
}

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

/** Reads the status every poll-interval into `progress`, handing each to `until`, until it gives a value. */
export function watcher(
  client: PipelineClient,
  progress: Progress,
  intervalMs: number,
  signal: AbortSignal,
  log: RunLog,
): Watch {
  const waiting = waitingRetry(progress, log);
  return (until) =>
    poll(
      async () => {
        const status = await client.status(waiting);
        progress.observe(status);
        return until(status);
      },
      intervalMs,
      signal,
    );
}

/**
 * The status once the pipeline's own program is compiled (or failed to): someone changed it a moment
 * ago, and a `/diff` compares with the compiled program. Waited for within the run's budget.
 */
export async function whenCompiled(
  client: PipelineClient,
  progress: Progress,
  intervalMs: number,
  signal: AbortSignal,
  log: RunLog,
): Promise<PipelineStatus> {
  const first = progress.last ?? (await client.status(waitingRetry(progress, log)));
  progress.observe(first);
  if (!COMPILING.has(first.program_status)) return first;
  log.info(`Its configured program is compiling (${first.program_status}): waiting for it first.`);
  return watcher(
    client,
    progress,
    intervalMs,
    signal,
    log,
  )((read) => (COMPILING.has(read.program_status) ? undefined : read));
}

/** `wait: false`: one status read after the accepted call, for the outputs. */
export async function readAccepted({ client, progress, log, fail }: PhaseContext): Promise<WaitResult> {
  const approval = noApproval();
  try {
    progress.observe(await client.status(setupRetry(progress, log)));
    return { outcome: { result: 'accepted' }, approval };
  } catch (error) {
    return { outcome: fail(error), approval };
  }
}

/**
 * Waits for the target (API.md 9), approving at `AwaitingApproval` as the inputs allow. Never throws:
 * an error ends it with its failure, beside what it approved until then.
 */
export async function waitForTarget(context: PhaseContext, move: Move | undefined): Promise<WaitResult> {
  const { client, config, progress, log, signal } = context;
  const approval = noApproval();
  let bootstrapReadMs = -Infinity;
  /** The stored desired status has left the one the step moved the pipeline from. */
  let moveSeen = false;
  /** One attempt at the bootstrap's progress, for the heartbeat and the timeline; never fails the step. */
  const readBootstrapProgress = async () => {
    if (progress.elapsedMs() - bootstrapReadMs < BOOTSTRAP_PROGRESS_EVERY_MS) return;
    bootstrapReadMs = progress.elapsedMs();
    try {
      const text = bootstrapProgress(await client.stats({ windowMs: 0 }));
      if (text) progress.noteProgress(text);
    } catch (error) {
      if (!(error instanceof FelderaError)) throw error;
    }
  };
  const judge = async (status: PipelineStatus): Promise<Outcome | undefined> => {
    const classified = classify(status, config.initial);
    if (move && status.deployment_desired_status !== move.from) moveSeen = true;
    switch (classified.kind) {
      case 'reached':
        if (config.expectedDiff && !approval.approved)
          log.info('expected-diff was not compared: Feldera asked no approval.');
        return { result: 'reached' };
      case 'awaiting-approval':
        return approve(status, context, approval);
      case 'desired-elsewhere':
        if (move && !moveSeen) return moveNotSeen(move, status, progress);
        return statusFailure(classified, status, config.initial);
      case 'deployment-error':
      case 'compilation-failed':
      case 'stopped-externally':
        return statusFailure(classified, status, config.initial);
      case 'waiting':
        if (BOOTSTRAPPING.has(status.deployment_status)) await readBootstrapProgress();
        return undefined;
    }
  };
  log.group(`Waiting for ${targetStatus(config.initial)}`);
  try {
    const outcome = await watcher(client, progress, config.pollIntervalMs, signal, log)(judge);
    return { outcome, approval };
  } catch (error) {
    return { outcome: context.fail(error), approval };
  }
}

function noApproval(): Approval {
  return { approved: false, approvedBy: 'auto-approve: true', notExpected: undefined };
}

/** At `AwaitingApproval`: approves once, as the inputs allow, or ends the wait awaiting approval. */
async function approve(
  status: PipelineStatus,
  { client, config, log }: PhaseContext,
  approval: Approval,
): Promise<Outcome | undefined> {
  // Approve once, and only after seeing AwaitingApproval: an earlier /approve pre-approves.
  if (approval.approved) return undefined;
  const reload = config.reloadableTables ? reloadApproval(status.approval_diff, config.reloadableTables) : undefined;
  const expected = config.expectedDiff?.get(client.pipelineName);
  const match = expected && expectedMatch(status.approval_diff, expected);
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
    log.warning(
      [`Pipeline ${status.name} was not approved: ${match.reason}.`, ...match.differences].join('\n'),
      `${pipelineLabel(status.name)} not approved: not the changes of expected-diff`,
    );
    approval.notExpected = match.reason;
    return { result: 'awaiting-approval' };
  }
  if (!config.autoApprove && !reload) return { result: 'awaiting-approval' };
  try {
    await client.approve(requestedBootstrap(config), APPROVE_RETRY);
  } catch (error) {
    // The pipeline may have failed or been stopped meanwhile: the next status read tells.
    if (!(error instanceof FelderaError && error.kind === 'gave-up')) throw error;
    log.info(`Approving failed (${error.message}); reading the status again.`);
    return undefined;
  }
  approval.approved = true;
  if (reload) approval.approvedBy = 'every modified table is in reloadable-tables';
  if (match) approval.approvedBy = 'auto-approve: true, the changes of expected-diff';
  log.info(`Approved (${approval.approvedBy}).`);
  log.group(`Waiting for ${targetStatus(config.initial)}`);
  return undefined;
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
