import type { Auth } from '../connection/auth.ts';
import { createDeployment } from './deployment.ts';
import { diagnose, readEvents, type Diagnosis, type EventsRead } from './diagnose.ts';
import { PipelineClient } from '../feldera/client.ts';
import { ownBudget } from '../feldera/abortable.ts';
import type { HttpOptions } from '../feldera/http.ts';
import type { Platform } from '../feldera/platform.ts';
import type { StatusList } from '../feldera/status-list.ts';
import { noHealth, watchHealth, type Health } from './health-window.ts';
import type { Config } from '../model/inputs.ts';
import { failureOf, internalError, type Outcome } from '../model/outcome.ts';
import { PhaseLog, type RunLog } from '../log/phase-log.ts';
import { stepLog } from '../log/log.ts';
import { Progress } from '../model/progress.ts';
import { countChanges } from '../model/approval.ts';
import type { Plan } from '../model/plan.ts';
import type { RunEnd } from '../model/run-end.ts';
import type { Converged } from './converge.ts';
import { releaseProgram, type Release } from './release.ts';
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

/** The stop this step made after a failure (stop-on-failure), and whether it worked. */
type Stop = { stopped: true } | { stopped: false; problem: string };

/**
 * What happened to one pipeline, built once when its run ends. Its outcome is the cause as the phase
 * that ended the run found it; the report writes the message from it and the facts beside it.
 */
export interface RunRecord {
  outcome: Outcome;
  /** Where the step found the pipeline and what it did to move it; undefined for a plan. */
  converged: Converged | undefined;
  approval: Approval | undefined;
  health: Health;
  diagnosis: Diagnosis;
  supportBundle: SupportBundle | undefined;
  /** After a failure with stop-on-failure: true. */
  stop: Stop | undefined;
  /** What the proposed program would change (plan: true). */
  plan: Plan | undefined;
  /** What the update of its program did (update-program: true). */
  release: Release | undefined;
  /** After a rollback, how the start of the previous program ended. */
  restarted: Outcome | undefined;
  /** When a read first showed the target, in ms from the step's start. */
  reachedMs: number | undefined;
}

/** A record of a run that ended before any phase: only its outcome. */
export function recordOf(outcome: Outcome, parts: Partial<RunRecord> = {}): RunRecord {
  return {
    outcome,
    converged: undefined,
    approval: undefined,
    health: noHealth(),
    diagnosis: { problems: [] },
    supportBundle: undefined,
    stop: undefined,
    plan: undefined,
    release: undefined,
    restarted: undefined,
    reachedMs: undefined,
    ...parts,
  };
}

/**
 * The run of one pipeline: its name, its log, the wait's progress, what it is doing now (named by
 * `phase`, for a cancel), and its record once it ended.
 */
export class PipelineRun {
  readonly name: string;
  readonly pipelineUrl: string;
  readonly log: RunLog;
  readonly progress: Progress;
  #doing = 'starting it';
  #cancel: { reason: string; during: string } | undefined;
  #record: RunRecord | undefined;

  constructor(name: string, apiUrl: URL | undefined, log: RunLog, heartbeat: boolean) {
    this.name = name;
    this.pipelineUrl = apiUrl ? new URL(`pipelines/${encodeURIComponent(name)}/`, apiUrl).href : '';
    this.log = log;
    this.progress = new Progress((line) => log.info(line), heartbeat);
  }

  /** What the run is doing now: `collecting its support bundle`. */
  get doing(): string {
    return this.#doing;
  }

  /** The runner's cancel, and what the run was doing when it came. */
  get cancel(): { reason: string; during: string } | undefined {
    return this.#cancel;
  }

  /** Undefined until the run ended. */
  get record(): RunRecord | undefined {
    return this.#record;
  }

  /** Runs one phase under its name: a cancel that comes meanwhile is said to have come while doing it. */
  phase<T>(doing: string, work: () => T): T {
    this.#doing = doing;
    return work();
  }

  /** From now on, where the runner's cancel finds the run is kept, the moment it comes. */
  listen(cancelled: AbortSignal): void {
    const note = () => {
      const reason: unknown = cancelled.reason;
      this.#cancel ??= { reason: reason instanceof Error ? reason.message : String(reason), during: this.#doing };
    };
    if (cancelled.aborted) note();
    else cancelled.addEventListener('abort', note, { once: true });
  }

  /** Keeps the run's record: once. */
  end(record: RunRecord): void {
    if (this.#record) throw new Error(`the run of pipeline ${this.name} ended twice`);
    this.#record = record;
  }
}

/** The run of the pipeline the input names, as given, when the inputs could not be read or no run began. */
export function unnamedRun(name: string, cancelled: AbortSignal): PipelineRun {
  const run = new PipelineRun(name, undefined, new PhaseLog(stepLog), true);
  run.listen(cancelled);
  return run;
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
  let converged: Converged = {
    found: undefined,
    decidedOn: undefined,
    transition: undefined,
    startAccepted: false,
    move: undefined,
  };
  let approval: Approval | undefined;
  let outcome: Outcome | undefined = released && !released.start ? released.failure : undefined;
  if (!outcome) {
    const started = await run.phase('starting it', () => startPipeline(context, () => accepted(name)));
    converged = started.converged;
    outcome = started.failure;
  }
  if (!outcome) {
    const move = converged.move;
    const waited = await run.phase('starting it', () =>
      config.wait ? waitForTarget(context, move) : readAccepted(context),
    );
    ({ outcome, approval } = waited);
  }
  // The read that showed the target: where a release's downtime ends.
  const reachedMs = outcome.result === 'reached' ? progress.timeline.at(-1)?.beganMs : undefined;
  // Follow-up reads get a budget of their own: the step's may be spent (a Timeout), a cancel is not.
  const followUp = () => client.withSignal(ownBudget(FOLLOW_UP_MS, end.cancelled));
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
  const cancelled = outcome.result === 'failed' && outcome.code === 'Cancelled';
  let diagnosis: Diagnosis = { problems: [] };
  if (!cancelled) {
    const ended = outcome;
    diagnosis = await run.phase("reading the compiler's messages, the pipeline's log and Feldera's events", () =>
      diagnose(followUp(), config, ended, progress, events),
    );
  }
  // Before a stop: a stopped pipeline's bundle lacks what only the running process gives (profiles, metrics, stats).
  let supportBundle: SupportBundle | undefined;
  if (wantsBundle(config, outcome) && !end.cancelled.aborted) {
    supportBundle = await run.phase('collecting its support bundle', () =>
      collectSupportBundle(client.withSignal(end.cancelled), config, end.cancelled, log),
    );
  }
  let stop: Stop | undefined;
  if (config.stopOnFailure && converged.startAccepted && stopsAfter(outcome)) {
    log.info(`Stopping pipeline ${name} after ${outcome.code} (stop-on-failure: true).`);
    const problem = await run.phase('stopping it (stop-on-failure: true)', () =>
      stopPipeline(client, STOP_MS, end.cancelled),
    );
    log.info(problem ? `Could not stop pipeline ${name}: ${problem}.` : `Pipeline ${name} is Stopped.`);
    stop = problem === undefined ? { stopped: true } : { stopped: false, problem };
  }
  // After a rollback, the start was the previous program's: the release's failure is the outcome.
  const restarted = released?.failure && released.start ? outcome : undefined;
  if (released?.release.compilation) diagnosis = { ...diagnosis, compilation: released.release.compilation };
  return {
    outcome: released?.failure ?? outcome,
    converged,
    approval,
    health,
    diagnosis,
    supportBundle,
    stop,
    plan: undefined,
    release: released?.release,
    restarted,
    reachedMs,
  };
}
