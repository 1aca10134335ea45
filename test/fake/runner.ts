// The runner's state machine of a pipeline (API.md 2.4): its phases after `/start`, the target, a
// failure or a stop, each held for a time, for status reads, or until the test opens a gate.
import { randomUUID } from 'node:crypto';
import { recordEvent } from './events.ts';
import { withBootstrap } from './checkpoint.ts';
import {
  COMPILATION_ERRORS,
  defaultProgramConfig,
  defaultRuntimeConfig,
  edition,
  INITIALS,
  reported,
  type FakeState,
  type Pipeline,
} from './pipeline.ts';
import type { ErrorBody, Phase, PipelineScript } from './types.ts';

/** A pipeline as the script has it before any request. */
export function initialState(fake: FakeState, script: PipelineScript, fields: Partial<Pipeline> = {}): Pipeline {
  const pipeline: Pipeline = {
    script,
    programStatus: script.programStatus ?? 'Success',
    deploymentStatus: 'Stopped',
    resourcesDesired: 'Stopped',
    initial: null,
    runtimeDesired: null,
    error: script.deploymentError ?? null,
    deploymentId: null,
    bootstrap: null,
    approved: false,
    approveLag: 0,
    runnerReason: null,
    since: new Date().toISOString(),
    reachedAt: undefined,
    readsAtTarget: 0,
    onApprove: undefined,
    run: 0,
    stoppingReads: 0,
    processDesired: null,
    following: [],
    raced: false,
    readHold: undefined,
    statsReads: 0,
    events: [],
    stored: {
      program_code: script.program ?? '',
      udf_rust: script.udfRust ?? '',
      udf_toml: script.udfToml ?? '',
      program_config: defaultProgramConfig(),
      runtime_config: defaultRuntimeConfig(fake),
    },
    programVersion: script.programVersion ?? 2,
    version: 4,
    refreshVersion: 17,
    programSince: new Date().toISOString(),
    programError: null,
    storage: 'InUse',
    checkpoint: script.checkpointed ?? null,
    approvalDiff: undefined,
    compileRun: 0,
    compiling: undefined,
    id: '0198c7a1-5e1e-7d40-9a2f-6b9d2f3a1c10',
    createdAt: '2026-08-21T10:00:00Z',
    description: script.description ?? '',
    tags: [],
    ...fields,
  };
  if (script.provisioned) {
    const { initial, status, desired, bootstrap } = script.provisioned;
    pipeline.resourcesDesired = 'Provisioned';
    pipeline.initial = INITIALS[initial] ?? null;
    pipeline.runtimeDesired = desired ?? status;
    pipeline.bootstrap = {
      bootstrap_policy: bootstrap?.policy ?? 'await_approval',
      silent_bootstrap: bootstrap?.silent ?? false,
      concurrent_bootstrap: bootstrap?.concurrent ?? false,
    };
    pipeline.deploymentId = randomUUID();
    setStatus(fake, pipeline, script.provisioned.status);
  }
  if (script.stoppingReads !== undefined) {
    setStatus(fake, pipeline, 'Stopping');
    pipeline.stoppingReads = script.stoppingReads;
  }
  // The manager records the new pipeline's first event (db/operations/pipeline.rs new_pipeline).
  recordEvent(pipeline);
  return pipeline;
}

export function setStatus(
  fake: FakeState,
  pipeline: Pipeline,
  status: string,
  runnerReason: string | null = null,
): void {
  pipeline.deploymentStatus = status;
  pipeline.runnerReason = runnerReason;
  pipeline.since = new Date().toISOString();
  fake.timeline.push({ pipeline: pipeline.script.name, status, at: performance.now() });
  recordEvent(pipeline);
}

export function after(fake: FakeState, ms: number, action: () => void): void {
  const timer = setTimeout(() => {
    fake.timers.delete(timer);
    action();
  }, ms);
  fake.timers.add(timer);
}

function wait(fake: FakeState, ms: number): Promise<void> {
  return new Promise((resolve) => after(fake, ms, resolve));
}

/** Waits out a phase: its time, its status reads or its gate. */
export function hold(fake: FakeState, pipeline: Pipeline, phase: Phase): Promise<void> {
  if (phase.until !== undefined) {
    if (fake.released.has(phase.until)) return Promise.resolve();
    return new Promise((resolve) => fake.gated.push({ gate: phase.until!, resolve }));
  }
  if (phase.reads) {
    // A new run's hold replaces the old run's, which then sees that it is no longer current.
    pipeline.readHold?.resolve();
    return new Promise((resolve) => (pipeline.readHold = { left: phase.reads!, resolve }));
  }
  return phase.ms ? wait(fake, phase.ms) : Promise.resolve();
}

/** A status read served the pipeline's status (alone or in the list): the reads it counts move on. */
export function served(fake: FakeState, pipeline: Pipeline): void {
  // A read that still showed AwaitingApproval after an approve did not see the phase held.
  const shown = reported(pipeline) === pipeline.deploymentStatus;
  if (pipeline.approveLag > 0) pipeline.approveLag--;
  if (pipeline.stoppingReads > 0 && --pipeline.stoppingReads === 0) stopped(fake, pipeline);
  const hold = pipeline.readHold;
  if (hold && shown && --hold.left === 0) {
    pipeline.readHold = undefined;
    hold.resolve();
  }
}

/** The runner's work after `/start`: compile (early start), provision, the phases, the target or a failure. */
export async function play(fake: FakeState, pipeline: Pipeline, run: number): Promise<void> {
  const current = () => pipeline.run === run && pipeline.resourcesDesired === 'Provisioned';
  const script = pipeline.script;
  // The scripted early start is of the scripted program; a changed one compiles on its own (compiler.ts).
  for (const step of pipeline.compileRun === 0 ? (script.compile ?? []) : []) {
    pipeline.programStatus = step.status;
    recordEvent(pipeline);
    await hold(fake, pipeline, step);
    if (!current()) return;
  }
  // The runner waits in Stopped while a changed program compiles (runner/pipeline_automata.rs).
  while (pipeline.compiling) {
    await pipeline.compiling;
    if (!current()) return;
  }
  if (COMPILATION_ERRORS.has(pipeline.programStatus)) {
    // The runner notices at its next poll (2.5 s): here once the error's own step has held.
    failWith(fake, pipeline, compilationFailure(pipeline.programStatus), false);
    return;
  }
  pipeline.deploymentId = randomUUID();
  pipeline.storage = 'InUse';
  let provisioned = false;
  const phases = script.phases ?? [
    { status: 'Provisioning', ms: 20 },
    { status: 'Initializing', ms: 20 },
  ];
  for (const phase of withBootstrap(pipeline, phases)) {
    if (phase.status === 'AwaitingApproval') {
      if (pipeline.approved || pipeline.bootstrap?.bootstrap_policy === 'allow') continue;
      if (pipeline.bootstrap?.bootstrap_policy === 'reject') {
        failWith(fake, pipeline, {
          message:
            'Operation failed because the pipeline failed to initialize. Error details: Bootstrapping of the modified pipeline was rejected by the user.',
          error_code: 'InitializationError',
          details: null,
        });
        return;
      }
      setStatus(fake, pipeline, 'AwaitingApproval');
      await new Promise<void>((resolve) => (pipeline.onApprove = resolve));
      pipeline.onApprove = undefined;
      if (!current()) return;
      setStatus(fake, pipeline, 'Initializing');
      continue;
    }
    // The runner sets Initializing itself when the resources are up (runner/pipeline_automata.rs),
    // and Unavailable, with desired Unavailable, when the pipeline does not answer its poll.
    const byRunner = (phase.status === 'Initializing' && !provisioned) || phase.status === 'Unavailable';
    if (phase.status !== 'Provisioning') provisioned = true;
    pipeline.runtimeDesired = phase.status === 'Unavailable' ? 'Unavailable' : pipeline.processDesired;
    setStatus(fake, pipeline, phase.status, byRunner ? runnerReason(phase.status) : null);
    await hold(fake, pipeline, phase);
    if (!current()) return;
  }
  pipeline.runtimeDesired = null;
  if (script.failWith) return failWith(fake, pipeline, script.failWith);
  if (script.stoppedBySomeoneElse) return stop(fake, pipeline);
  if (pipeline.initial === 'Standby' && edition(fake) === 'Open source') {
    // The pipeline's continuous checkpoint pull is Enterprise-only (adapters/src/controller.rs).
    return failWith(fake, pipeline, {
      message: 'Cannot use enterprise-only feature (standby) in Feldera community edition.',
      error_code: 'EnterpriseFeature',
      details: null,
    });
  }
  // The controller starts in the process's desired status: `initial`, or where a move during initialization set it.
  const target = pipeline.processDesired ?? pipeline.initial ?? 'Running';
  pipeline.runtimeDesired = target;
  setStatus(fake, pipeline, target);
  pipeline.reachedAt = performance.now();
  pipeline.readsAtTarget = 0;
}

/** A status read that `shown` the target (not an AwaitingApproval that lingers): the `crash.afterReads`-th fails the pipeline. */
export function countReadAtTarget(fake: FakeState, pipeline: Pipeline, shown: boolean): void {
  const crash = pipeline.script.crash;
  if (
    crash?.afterReads === undefined ||
    pipeline.reachedAt === undefined ||
    pipeline.resourcesDesired !== 'Provisioned' ||
    !shown
  )
    return;
  if (++pipeline.readsAtTarget === crash.afterReads) failWith(fake, pipeline, crash.error);
}

/** The runner records the error and desired Stopped in one transaction, then tears down. */
export function failWith(fake: FakeState, pipeline: Pipeline, error: ErrorBody, provisioned = true): void {
  pipeline.error = error;
  if (provisioned) stop(fake, pipeline);
  else desireStopped(pipeline);
  recordEvent(pipeline);
}

/**
 * Desired Stopped (`/stop?force=true`, or the runner after an error). Stopped resources forget
 * `deployment_initial` and the bootstrap settings at once, others when they become Stopping
 * (db/operations/pipeline.rs).
 */
export function desireStopped(pipeline: Pipeline): void {
  pipeline.resourcesDesired = 'Stopped';
  pipeline.runtimeDesired = null;
  pipeline.processDesired = null;
  pipeline.following = [];
  pipeline.approveLag = 0;
  if (pipeline.deploymentStatus === 'Stopped') {
    pipeline.initial = null;
    pipeline.bootstrap = null;
  }
  // A play waiting for approval ends; it sees that it is no longer current.
  pipeline.onApprove?.();
}

/** Stopping for one status read, then Stopped: counted, so that every client sees the stop under way. */
export function stop(fake: FakeState, pipeline: Pipeline): void {
  desireStopped(pipeline);
  if (pipeline.deploymentStatus === 'Stopped' || pipeline.deploymentStatus === 'Stopping') return;
  pipeline.initial = null;
  pipeline.bootstrap = null;
  setStatus(fake, pipeline, 'Stopping');
  pipeline.stoppingReads = 1;
}

function stopped(fake: FakeState, pipeline: Pipeline): void {
  pipeline.deploymentId = null;
  setStatus(fake, pipeline, 'Stopped');
}

function runnerReason(status: string): string {
  return status === 'Unavailable'
    ? 'Pipeline status endpoint could not be reached: timeout'
    : 'initializing set by the runner';
}

function compilationFailure(programStatus: string): ErrorBody {
  return {
    message: 'Not possible to start the pipeline because the program failed to compile',
    error_code: 'StartFailedDueToFailedCompilation',
    details: { compiler_error: `${programStatus} occurred (see \`program_error\` for more information)` },
  };
}
