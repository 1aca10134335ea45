import type { Auth } from '../connection/auth.ts';
import { createDeployment } from './deployment.ts';
import { diagnose, type Diagnosis } from './diagnose.ts';
import { PipelineClient } from '../feldera/client.ts';
import type { HttpOptions } from '../feldera/http.ts';
import type { Platform } from '../feldera/platform.ts';
import type { StatusList } from '../feldera/status-list.ts';
import { noHealth, watchHealth, type Health } from './health-window.ts';
import type { Config } from '../model/inputs.ts';
import {
  afterCancel,
  failureOf,
  internalError,
  UNDECIDED,
  withEdition,
  type Failure,
  type Outcome,
} from '../model/outcome.ts';
import type { RunLog } from '../log/phase-log.ts';
import { Progress } from '../model/progress.ts';
import { countChanges } from '../model/approval.ts';
import type { Plan } from '../model/plan.ts';
import type { RunEnd } from '../model/run-end.ts';
import { startPipeline, waitingRetry } from './start.ts';
import { stopPipeline, stopsAfter } from './stop.ts';
import { collectSupportBundle, wantsBundle, type SupportBundle } from './support-bundle.ts';
import { formatDuration } from '../text/text.ts';

/** Reading the compiler's messages and the log after the outcome: a few seconds, even after a Timeout. */
const FOLLOW_UP_MS = 6000;
/** A stop after a Timeout or a failed health check has a budget of its own, like the follow-up reads. */
const STOP_MS = 30_000;

/** The run of one pipeline, and what the report says of it. */
export interface PipelineRun {
  name: string;
  pipelineUrl: string;
  log: RunLog;
  progress: Progress;
  outcome: Outcome;
  diagnosis: Diagnosis;
  health: Health;
  /** This step stopped the pipeline (stop-on-failure). */
  stopped: boolean;
  /** Why the stop this step tried did not work: a warning. */
  stopProblem: string | undefined;
  /** Its support bundle, when one was asked for (support-bundle). */
  supportBundle: SupportBundle | undefined;
  /** What the proposed program would change (plan: true). */
  plan: Plan | undefined;
  /** What the run does once its outcome is known, for the message of a cancel that comes then: `reading the pipeline's log`. */
  phase: string;
  /** The outcome says that the run was cancelled: said once. */
  cancelNoted: boolean;
}

/** What the runs of one step share: the inputs, the connection, the budget, which Feldera answered. */
export interface RunContext {
  config: Config;
  http: HttpOptions;
  auth: Auth;
  end: RunEnd;
  /** Set when there are many pipelines: one list read for all. */
  statuses: StatusList | undefined;
  platform: () => Platform | undefined;
  /** Told when Feldera accepted a pipeline's start: from then on, it is this step's to clean up. */
  accepted: (name: string) => void;
}

export function newRun(name: string, apiUrl: URL | undefined, log: RunLog, heartbeat: boolean): PipelineRun {
  return {
    name,
    pipelineUrl: apiUrl ? new URL(`pipelines/${encodeURIComponent(name)}/`, apiUrl).href : '',
    log,
    progress: new Progress((line) => log.info(line), heartbeat),
    outcome: UNDECIDED,
    diagnosis: { problems: [] },
    health: noHealth(),
    stopped: false,
    stopProblem: undefined,
    supportBundle: undefined,
    plan: undefined,
    phase: 'starting it',
    cancelNoted: false,
  };
}

/** `[2m30s] orders Bootstrapping for 2m10s, billing Running for 5s`: with several pipelines, one heartbeat for all. */
export function heartbeatLine(runs: readonly PipelineRun[], elapsedMs: number): string {
  return `[${formatDuration(elapsedMs)}] ${runs.map((run) => `${run.name} ${run.progress.describeLast()}`).join(', ')}`;
}

/** Start, wait, check the health, maybe stop, and read what explains the outcome: into `run`, which never throws. */
export async function runPipeline(run: PipelineRun, context: RunContext): Promise<void> {
  try {
    await steps(run, context);
  } catch (error) {
    // A bug of the action's own ends this pipeline's run, not the others'.
    run.outcome = internalError(error);
  }
}

async function steps(
  run: PipelineRun,
  { config, http, auth, end, statuses, platform, accepted }: RunContext,
): Promise<void> {
  const { name, log, progress } = run;
  // Its own debug lines: with several pipelines, each behind its name.
  const client = new PipelineClient({ ...http, debug: (line) => log.debug(line) }, name, statuses);
  const deployment = config.environment
    ? await createDeployment({
        token: config.githubToken ?? '',
        environment: config.environment,
        pipelineName: name,
        pipelineUrl: run.pipelineUrl,
        cancelled: end.cancelled,
        info: (line) => log.info(line),
        warning: (line) => log.warning(line),
      })
    : undefined;
  try {
    run.outcome = await startPipeline(client, config, progress, end.signal, log, () => accepted(name));
    // Standby runs nothing yet, so there is no health to check.
    if (run.outcome.result === 'reached' && config.initial !== 'standby') {
      const window = config.healthWindowMs > 0 ? ` for ${formatDuration(config.healthWindowMs)}` : '';
      log.group(`Checking the connectors' health${window}`);
      run.outcome = await watchHealth(client, config, progress, end.signal, waitingRetry(progress, log), run.health);
    }
  } catch (error) {
    run.outcome = failureOf(error, name, config, progress, auth);
  }
  run.outcome = withEdition(run.outcome, platform());
  log.end();
  const outcome = run.outcome;
  const cancelled = outcome.result === 'failed' && outcome.code === 'Cancelled' ? outcome : undefined;
  if (!cancelled) {
    run.phase = "reading the compiler's messages, the pipeline's log and Feldera's events";
    // Follow-up reads get a budget of their own: the step's may be spent (a Timeout), a cancel is not.
    const followUp = client.withSignal(AbortSignal.any([end.cancelled, AbortSignal.timeout(FOLLOW_UP_MS)]));
    run.diagnosis = await diagnose(followUp, config, outcome, progress);
  }
  // Before a stop: a stopped pipeline's bundle lacks what only the running process gives (profiles, metrics, stats).
  if (wantsBundle(config, outcome) && !end.cancelled.aborted) {
    run.phase = 'collecting its support bundle';
    run.supportBundle = await collectSupportBundle(client.withSignal(end.cancelled), config, end.cancelled, log);
  }
  if (config.stopOnFailure && progress.startAccepted && stopsAfter(outcome)) {
    run.phase = 'stopping it (stop-on-failure: true)';
    log.info(`Stopping pipeline ${name} after ${outcome.code} (stop-on-failure: true).`);
    const problem = await stopPipeline(client, STOP_MS, end.cancelled);
    run.stopped = problem === undefined;
    run.stopProblem = problem;
    log.info(problem ? `Could not stop pipeline ${name}: ${problem}.` : `Pipeline ${name} is Stopped.`);
    run.outcome = withStopNote(outcome, name, problem);
  } else if (cancelled) {
    run.outcome = {
      ...cancelled,
      message: `${cancelled.message} The pipeline ${name} was left as it was: it is not stopped.`,
    };
  }
  // The deployment's last status says what the report will say.
  if (end.cancelled.aborted) noteCancel(run, end.cancelled.reason);
  run.phase = "recording the GitHub deployment's last status";
  await deployment?.finish(run.outcome, progress.approvalDiff && countChanges(progress.approvalDiff));
}

/** A cancel that came before the report: the outcome says so, once (outcome.ts afterCancel). */
export function noteCancel(run: PipelineRun, reason: unknown): void {
  if (run.cancelNoted) return;
  run.cancelNoted = true;
  run.outcome = afterCancel(
    run.outcome,
    reason instanceof Error ? reason.message : String(reason),
    run.name,
    run.phase,
    run.progress,
  );
}

/** A failure's message, in the annotation and the summary, says whether this step stopped the pipeline. */
function withStopNote(outcome: Failure, name: string, problem: string | undefined): Failure {
  const note = problem
    ? `It could not be stopped (stop-on-failure: true): ${problem}.`
    : `Pipeline ${name} was stopped (stop-on-failure: true).`;
  return { ...outcome, message: `${outcome.message} ${note}` };
}
