import type { Auth } from '../connection/auth.ts';
import { createDeployment } from './deployment.ts';
import { diagnose, readEvents, type Diagnosis, type EventsRead } from './diagnose.ts';
import { PipelineClient } from '../feldera/client.ts';
import { ownBudget } from '../feldera/abortable.ts';
import type { HttpOptions } from '../feldera/http.ts';
import type { Platform } from '../feldera/platform.ts';
import type { StatusList } from '../feldera/status-list.ts';
import { noHealth, watchHealth } from './health-window.ts';
import type { Config } from '../model/inputs.ts';
import { failureOf, internalError, type Outcome } from '../model/outcome.ts';
import { countChanges } from '../model/approval.ts';
import type { RunEnd } from '../model/run-end.ts';
import type { Converged } from './converge.ts';
import { releaseProgram, type ReleaseResult } from './release.ts';
import { recordOf, type PipelineRun, type RunRecord, type Stop } from './run.ts';
import type { WantedProgram } from '../model/release.ts';
import type { PhaseContext } from './phase.ts';
import { startPipeline } from './start.ts';
import { stopPipeline, stopsAfter } from './stop.ts';
import { collectSupportBundle, wantsBundle, type SupportBundle } from './support-bundle.ts';
import { readAccepted, waitForTarget, type Approval } from './wait.ts';
import { formatDuration, pipelineLabel } from '../text/text.ts';

/** Reading the compiler's messages and the log after the outcome: a few seconds, even after a Timeout. */
const FOLLOW_UP_MS = 6000;
/** A stop after a Timeout or a failed health check has a budget of its own, like the follow-up reads. */
const STOP_MS = 30_000;

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
  /** The outcome as the report will state it (report/statement.ts): what the GitHub deployment records. */
  stated: (run: PipelineRun) => Outcome;
}

/** `[2m30s] orders Bootstrapping for 2m10s, billing Running for 5s`: with several pipelines, one heartbeat for all. */
export function heartbeatLine(runs: readonly PipelineRun[], elapsedMs: number): string {
  return `[${formatDuration(elapsedMs)}] ${runs.map((run) => `${run.name} ${run.progress.describeLast()}`).join(', ')}`;
}

/**
 * Start, wait, check the health, read what explains the outcome, maybe stop: each a phase that returns
 * its result, composed into the run's record. Then the GitHub deployment's last status. Never throws.
 */
export async function runPipeline(run: PipelineRun, context: RunContext, wanted?: WantedProgram): Promise<void> {
  const { config, end } = context;
  const deployment = config.environment
    ? await run.phase('recording a GitHub deployment', () =>
        createDeployment({
          token: config.githubToken ?? '',
          environment: config.environment ?? '',
          pipelineName: run.name,
          pipelineUrl: run.pipelineUrl,
          cancelled: end.cancelled,
          info: (line) => run.log.info(line),
          warning: (line) => run.log.warning(line, `${pipelineLabel(run.name)}: GitHub deployment not recorded`),
        }),
      )
    : undefined;
  let record: RunRecord;
  try {
    record = await phases(run, context, wanted);
  } catch (error) {
    // A bug of the action's own ends this pipeline's run, not the others'.
    record = recordOf(internalError(error));
  }
  run.end(record);
  const diff = run.progress.approvalDiff;
  await run.phase("recording the GitHub deployment's last status", () =>
    deployment?.finish(context.stated(run), diff && countChanges(diff)),
  );
}

async function phases(
  run: PipelineRun,
  { config, http, auth, end, statuses, accepted }: RunContext,
  wanted: WantedProgram | undefined,
): Promise<RunRecord> {
  const { name, log, progress } = run;
  // Its own debug lines: with several pipelines, each behind its name.
  const client = new PipelineClient({ ...http, debug: (line) => log.debug(line) }, name, statuses);
  const context: PhaseContext = {
    client,
    config,
    progress,
    log,
    signal: end.signal,
    fail: (error) => failureOf(error, name, config, progress, auth),
  };
  const released = wanted && (await run.phase('updating its program', () => releaseProgram(context, run, wanted)));
  const reached = await reach(run, context, released, () => accepted(name));
  // Follow-up reads get a budget of their own: the step's may be spent (a Timeout), a cancel is not.
  const followUp = () => client.withSignal(ownBudget(FOLLOW_UP_MS, end.cancelled));
  let { outcome } = reached;
  let health = noHealth();
  let events: Promise<EventsRead> | undefined;
  // Standby runs nothing yet, so there is no health to check.
  if (outcome.result === 'reached' && config.initial !== 'standby') {
    const window = config.healthWindowMs > 0 ? ` for ${formatDuration(config.healthWindowMs)}` : '';
    log.group(`Checking the connectors' health${window}`);
    const watched = run.phase('starting it', () => watchHealth(context));
    // A window of one read holds no event worth waiting for: Feldera's events are read beside it, not after.
    if (config.healthWindowMs === 0) events = readEvents(followUp(), progress);
    ({ outcome, health } = await watched);
  }
  log.end();
  const after = await afterOutcome(run, context, outcome, {
    followUp,
    events,
    startAccepted: reached.converged.startAccepted,
    cancelled: end.cancelled,
  });
  // After a rollback, the start was the previous program's: the release's failure is the outcome.
  const restarted = released?.failure && released.start ? outcome : undefined;
  const compilation = released?.release.compilation;
  return {
    outcome: released?.failure ?? outcome,
    converged: reached.converged,
    approval: reached.approval,
    health,
    diagnosis: compilation ? { ...after.diagnosis, compilation } : after.diagnosis,
    supportBundle: after.supportBundle,
    stop: after.stop,
    plan: undefined,
    release: released?.release,
    restarted,
    reachedMs: reached.reachedMs,
  };
}

/** How the start ended: what it did, what it approved, and when a read first showed the target. */
interface Reached {
  outcome: Outcome;
  converged: Converged;
  approval: Approval | undefined;
  reachedMs: number | undefined;
}

/** The start and the wait for the target, unless the update of the program ended the run. */
async function reach(
  run: PipelineRun,
  context: PhaseContext,
  released: ReleaseResult | undefined,
  onAccepted: () => void,
): Promise<Reached> {
  let converged: Converged = {
    found: undefined,
    decidedOn: undefined,
    transition: undefined,
    startAccepted: false,
    move: undefined,
  };
  if (released?.failure && !released.start) {
    return { outcome: released.failure, converged, approval: undefined, reachedMs: undefined };
  }
  const started = await run.phase('starting it', () => startPipeline(context, onAccepted));
  converged = started.converged;
  if (started.failure) return { outcome: started.failure, converged, approval: undefined, reachedMs: undefined };
  const move = converged.move;
  const { outcome, approval } = await run.phase('starting it', () =>
    context.config.wait ? waitForTarget(context, move) : readAccepted(context),
  );
  // The read that showed the target: where a release's downtime ends.
  const reachedMs = outcome.result === 'reached' ? context.progress.timeline.at(-1)?.beganMs : undefined;
  return { outcome, converged, approval, reachedMs };
}

/** What follows the outcome: the reads that explain it, the support bundle, and the stop of stop-on-failure. */
async function afterOutcome(
  run: PipelineRun,
  { client, config, progress, log }: PhaseContext,
  outcome: Outcome,
  {
    followUp,
    events,
    startAccepted,
    cancelled,
  }: {
    followUp: () => PipelineClient;
    events: Promise<EventsRead> | undefined;
    startAccepted: boolean;
    cancelled: AbortSignal;
  },
): Promise<{ diagnosis: Diagnosis; supportBundle: SupportBundle | undefined; stop: Stop | undefined }> {
  const diagnosis =
    outcome.result === 'failed' && outcome.code === 'Cancelled'
      ? { problems: [] }
      : await run.phase("reading the compiler's messages, the pipeline's log and Feldera's events", () =>
          diagnose(followUp(), config, outcome, progress, events),
        );
  // Before a stop: a stopped pipeline's bundle lacks what only the running process gives (profiles, metrics, stats).
  const supportBundle =
    wantsBundle(config, outcome) && !cancelled.aborted
      ? await run.phase('collecting its support bundle', () =>
          collectSupportBundle(client.withSignal(cancelled), config, cancelled, log),
        )
      : undefined;
  if (!(config.stopOnFailure && startAccepted && stopsAfter(outcome)))
    return { diagnosis, supportBundle, stop: undefined };
  log.info(`Stopping pipeline ${run.name} after ${outcome.code} (stop-on-failure: true).`);
  const problem = await run.phase('stopping it (stop-on-failure: true)', () =>
    stopPipeline(client, STOP_MS, cancelled),
  );
  log.info(problem ? `Could not stop pipeline ${run.name}: ${problem}.` : `Pipeline ${run.name} is Stopped.`);
  return { diagnosis, supportBundle, stop: problem === undefined ? { stopped: true } : { stopped: false, problem } };
}
