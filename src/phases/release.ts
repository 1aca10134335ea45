import { FelderaError } from '../feldera/errors.ts';
import type { PipelineDiff, PipelineProgram, PipelineStatus } from '../feldera/types.ts';
import { diffLines } from '../model/approval.ts';
import type { CompilationReport } from '../model/compilation.ts';
import { expectedMatch } from '../model/expected-diff.ts';
import type { Failure } from '../model/outcome.ts';
import { planChanges } from '../model/plan.ts';
import {
  COMPILE_FAILED,
  deployed,
  differs,
  programFields,
  type ProgramChange,
  type WantedProgram,
} from '../model/release.ts';
import { formatDuration } from '../text/text.ts';
import { setupRetry, waitingRetry, type PhaseContext } from './phase.ts';
import { diffFailure } from './diff-failure.ts';
import { watcher, whenCompiled } from './wait.ts';
import { compile, type Compiled } from './compile.ts';

/** What the update of one pipeline's program did, for the outputs and the summary. */
export interface Release {
  sqlFile: string;
  change: ProgramChange | undefined;
  /** Where the step found the pipeline, before the update. */
  found: PipelineStatus | undefined;
  /** `program_version` before and after the update. */
  versionBefore: number | undefined;
  versionAfter: number | undefined;
  /** What Feldera's `/diff` said the new program changes, before anything was stopped. */
  diff: PipelineDiff | undefined;
  /** Why the program was not checked before the stop. */
  unchecked: string | undefined;
  /** The stop this step sent for the update: when (ms from the step's start), how, how long it took. */
  stop: { force: boolean; sentMs: number; tookMs: number | undefined } | undefined;
  /** How long the compile took, and its longest phase. */
  compile: { tookMs: number; longest: string } | undefined;
  /** The compiler's messages when the new program did not compile. */
  compilation: CompilationReport | undefined;
  /** The previous program configured again after a compile failure, and why not if it was not. */
  rollback: { restored: boolean; problem: string | undefined } | undefined;
}

/** How the update ended: what it did; a failure, if any; whether the pipeline is to be started as usual. */
export interface ReleaseResult {
  release: Release;
  failure: Failure | undefined;
  /** Go on to the start: after an update, a creation, no change, or a rollback that restored the program. */
  start: boolean;
}

/**
 * Makes the pipeline's configured program the one wanted, in the order of issue 30: read it, check
 * the new one with `/diff` before touching anything, stop (with a checkpoint unless force-stop),
 * `PATCH`, wait for the compile, and roll back when it does not compile. Never throws.
 */
export async function releaseProgram(
  context: PhaseContext,
  run: { name: string },
  wanted: WantedProgram,
): Promise<ReleaseResult> {
  const release: Release = {
    sqlFile: wanted.sqlFile,
    found: undefined,
    change: undefined,
    versionBefore: undefined,
    versionAfter: undefined,
    diff: undefined,
    unchecked: undefined,
    stop: undefined,
    compile: undefined,
    compilation: undefined,
    rollback: undefined,
  };
  try {
    return await steps(context, run, wanted, release);
  } catch (error) {
    return { release, failure: context.fail(error), start: false };
  }
}

async function steps(
  context: PhaseContext,
  run: { name: string },
  wanted: WantedProgram,
  release: Release,
): Promise<ReleaseResult> {
  const { client, progress, log } = context;
  const name = run.name;
  const setup = setupRetry(progress, log);
  const fields = programFields(wanted);
  log.group(`Reading the program of pipeline ${name}`);
  const read = await client.program(setup);
  if (!read) {
    log.info(`Pipeline ${name} does not exist: creating it with the program of ${wanted.sqlFile}.`);
    await client.create(fields, setup);
    release.change = 'created';
    const failed = compiled(release, await compile(context, wanted.sqlFile, undefined));
    return { release, failure: failed, start: !failed };
  }
  progress.observe(read.status);
  release.found = read.status;
  release.versionBefore = read.program.program_version;
  if (!differs(read.program, wanted)) {
    release.change = 'none';
    log.info(`Pipeline ${name} already has the program of ${wanted.sqlFile} (version ${release.versionBefore}).`);
    return { release, failure: undefined, start: true };
  }

  const refused = await check(context, run, wanted, release);
  if (refused) return { release, failure: refused, start: false };

  const found = progress.last ?? read.status;
  if (deployed(found)) {
    const stopped = await stop(context, release, found);
    if (stopped) return { release, failure: stopped, start: false };
  }
  log.group(`Updating the program of pipeline ${name} to ${wanted.sqlFile}`);
  try {
    await client.update(fields, setup);
  } catch (error) {
    if (error instanceof FelderaError && error.code === 'UpdateRestrictedToStopped') {
      return { release, failure: { ...context.fail(error), hint: UPDATE_HINT }, start: false };
    }
    throw error;
  }
  release.change = 'updated';
  const failed = compiled(release, await compile(context, wanted.sqlFile, read.program.program_version));
  if (!failed) return { release, failure: undefined, start: true };
  // A pipeline found stopped stays stopped with the new program; one this step stopped gets its old one back.
  if (!release.stop) return { release, failure: failed, start: false };
  const restored = await rollBack(context, release, read.program);
  return { release, failure: failed, start: restored };
}

/** What to do when Feldera refuses the PATCH because the pipeline is not stopped. */
const UPDATE_HINT =
  'someone started the pipeline since the step stopped it (Feldera updates a program only while it is Stopped): find who, then run the step again.';

/**
 * The new program, checked with `/diff` before anything is stopped: its SQL errors, a change Feldera
 * cannot bootstrap, or one that is not the change reviewed (expected-diff) end the update here.
 */
async function check(
  context: PhaseContext,
  run: { name: string },
  wanted: WantedProgram,
  release: Release,
): Promise<Failure | undefined> {
  const { client, config, progress, log } = context;
  log.group(`Checking the new program with Feldera before anything is stopped (POST /diff)`);
  const status = await whenCompiled(client, progress, config.pollIntervalMs, context.signal, log);
  if (COMPILE_FAILED.has(status.program_status)) {
    release.unchecked = `its configured program did not compile (${status.program_status}), so there is nothing to compare with`;
    log.info(`Not checked before the stop: ${release.unchecked}.`);
    return undefined;
  }
  // The check compiles the program: bounded by the step's timeout, not by request-timeout.
  const checking = client.withRequestTimeout(config.timeoutMs);
  try {
    release.diff = await checking.diff(wanted.program_code, undefined, waitingRetry(progress, log));
  } catch (error) {
    if (error instanceof FelderaError && error.kind === 'not-feldera' && error.status === 404) {
      release.unchecked = 'this Feldera has no POST /diff (it came in 0.324)';
      log.info(`Not checked before the stop: ${release.unchecked}.`);
      return undefined;
    }
    const failed = diffFailure(error, { name: run.name, progress }, checking, wanted.sqlFile, {
      fail: context.fail,
      version: undefined,
    });
    release.compilation = failed.compilation;
    return failed.outcome;
  }
  const changes = planChanges(release.diff);
  log.info(`Checked with Feldera before the stop: ${changes || 'no change to tables, views or connectors'}.`);
  for (const line of changes ? diffLines(release.diff) : []) log.detail(line);
  const expected = config.expectedDiff?.get(client.pipelineName);
  const match = expected && expectedMatch(release.diff, expected);
  if (match && !match.approve) {
    return {
      result: 'failed',
      code: 'UnexpectedDiff',
      message: [
        `The new program of pipeline ${run.name} is not the change reviewed: ${match.reason}.`,
        ...match.differences,
      ].join('\n'),
      hint: 'plan again (plan: true), review the new plan-diff, and run the release with it as expected-diff.',
    };
  }
  return undefined;
}

/** Stops a deployed pipeline for the update, with a checkpoint unless force-stop; waits for Stopped. */
async function stop(context: PhaseContext, release: Release, found: PipelineStatus): Promise<Failure | undefined> {
  const { client, config, progress, log } = context;
  const force = config.forceStop;
  const how = force ? 'without a checkpoint (force-stop: true)' : 'with a checkpoint first (force-stop: false)';
  log.group(`Stopping pipeline ${found.name} ${how}`);
  log.info(`Stopping pipeline ${found.name} (${found.deployment_status}).`);
  const sentMs = progress.elapsedMs();
  // Kept before the answer: a stop sent and cut short by a cancel may still be under way.
  release.stop = { force, sentMs, tookMs: undefined };
  try {
    await client.stop(setupRetry(progress, log), force);
  } catch (error) {
    if (error instanceof FelderaError && error.code === 'EnterpriseFeature') {
      release.stop = undefined;
      return { ...context.fail(error), hint: CHECKPOINT_HINT };
    }
    throw error;
  }
  const stopped = await watcher(
    client,
    progress,
    config.pollIntervalMs,
    context.signal,
    log,
  )((status) =>
    status.deployment_status === 'Stopped' && status.deployment_desired_status === 'Stopped' ? status : undefined,
  );
  release.stop = { force, sentMs, tookMs: progress.elapsedMs() - sentMs };
  log.info(`Pipeline ${found.name} is Stopped after ${formatDuration(release.stop.tookMs ?? 0)}.`);
  const error = stopped.deployment_error;
  if (!error) return undefined;
  return {
    result: 'failed',
    code: error.error_code,
    message: `Pipeline ${found.name} stopped with ${error.error_code}: ${error.message} Its state may not have been saved, so the program was not updated: the pipeline is Stopped with its previous program (version ${release.versionBefore}).`,
    hint: `find why in its log and the Feldera console; start it again as it was, or run the step again with force-stop: true to update it without a checkpoint (its state is lost).`,
  };
}

/** What to do when the edition cannot stop with a checkpoint. */
const CHECKPOINT_HINT =
  "this Feldera cannot stop with a checkpoint (a graceful stop is Feldera Enterprise's), so the pipeline's state cannot be kept: nothing was stopped or changed. To update it anyway, losing its state, set force-stop: true.";

/** Keeps a compile's facts in the release. */
function compiled(release: Release, { compile, version, failure, compilation }: Compiled): Failure | undefined {
  release.compile = compile;
  release.versionAfter = version;
  release.compilation = compilation;
  return failure;
}

/** The previous program and UDFs configured again, compiled: the pipeline can start as it was. */
async function rollBack(context: PhaseContext, release: Release, previous: PipelineProgram): Promise<boolean> {
  const { client, progress, log } = context;
  log.group(
    `Rolling back pipeline ${client.pipelineName} to its previous program (version ${previous.program_version})`,
  );
  try {
    const { program_version: _, ...fields } = previous;
    await client.update(fields, setupRetry(progress, log));
    release.change = 'rolled-back';
    const { failure } = await compile(context, release.sqlFile, release.versionAfter);
    release.rollback = { restored: !failure, problem: failure?.message };
    return !failure;
  } catch (error) {
    if (context.signal.aborted) throw error;
    release.rollback = { restored: false, problem: context.fail(error).message };
    return false;
  }
}
