// The run of one pipeline as the report and a cancel see it: its name, log, progress, the phase it is
// in, and the record built once when it ends.
import { noHealth, type Health } from './health-window.ts';
import type { Outcome } from '../model/outcome.ts';
import { PhaseLog, type RunLog } from '../log/phase-log.ts';
import { stepLog } from '../log/log.ts';
import { Progress } from '../model/progress.ts';
import type { Plan } from '../model/plan.ts';
import type { Converged } from './converge.ts';
import type { Release } from './release.ts';
import type { Diagnosis } from './diagnose.ts';
import type { SupportBundle } from './support-bundle.ts';
import type { Approval } from './wait.ts';

/** The stop this step made after a failure (stop-on-failure), and whether it worked. */
export type Stop = { stopped: true } | { stopped: false; problem: string };

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
