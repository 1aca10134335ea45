import type { Platform } from '../feldera/platform.ts';
import { UNDECIDED, type Failure, type Outcome } from '../model/outcome.ts';
import type { PipelineRun, RunRecord } from '../phases/run.ts';
import { COMPILING } from '../model/release.ts';

/**
 * The outcome of a run as the step states it: the cause its record holds, with what followed said
 * once, here: whether this step stopped the pipeline, whether a cancel came and while doing what,
 * and a refusal of the edition. A run a cancel ended before its record is `Cancelled`.
 */
export function statedOutcome(run: PipelineRun, platform: Platform | undefined): Outcome {
  const { record, cancel } = run;
  if (!record) {
    if (!cancel) return UNDECIDED;
    const message = `Stopped: ${cancel.reason} while ${cancel.during} (${run.progress.describeLast()}).`;
    return { result: 'failed', code: 'Cancelled', message };
  }
  const { outcome } = record;
  if (outcome.result !== 'failed') {
    if (!cancel) return outcome;

    const status = run.progress.last?.deployment_status ?? 'not read';
    return {
      result: 'failed',
      code: 'Cancelled',
      message: `Pipeline ${run.name} was ${status} when ${cancel.reason}, while ${cancel.during}: the step did not finish, and left the pipeline as it was.`,
    };
  }
  const cancelled = outcome.code === 'Cancelled';
  const message = sentences(
    outcome.message,
    releaseNote(run, record),
    // A run that ended within the update never began the start: the release note says where it is.
    record.release && record.converged?.found === undefined ? undefined : stopNote(run.name, record, cancelled),
    cancel && !cancelled ? `Then ${cancel.reason} while ${cancel.during}.` : undefined,
  );
  // An update's refusal has a hint of its own (force-stop: true), which the edition's would hide.
  return { ...outcome, message, ...(record.release ? {} : editionHint(outcome, platform)) };
}

/**
 * Where an update of the program left the pipeline when the run failed: what a release engineer acts
 * on. Said once, for the annotation, the summary and the GitHub deployment alike.
 */
function releaseNote(run: PipelineRun, { release, restarted, converged }: RunRecord): string | undefined {
  if (!release) return undefined;
  // Once the start began, the release is done: the start's own outcome says where the pipeline is.
  const startBegan = converged?.found !== undefined;
  const last = run.progress.last;
  const version = last?.program_version === undefined ? '' : ` with program version ${last.program_version}`;
  const compiling = last && COMPILING.has(last.program_status) ? ' configured (still compiling)' : '';
  if (release.rollback?.restored) {
    const again =
      restarted?.result === 'reached'
        ? `, and it runs again (${last?.deployment_status ?? 'up'})`
        : restarted?.result === 'failed'
          ? `, but it did not start again: ${restarted.code}: ${restarted.message.replace(/\.$/, '')}`
          : '';
    return `The step rolled back pipeline ${run.name} to its previous program (version ${release.versionBefore})${again}.`;
  }
  if (release.rollback) {
    return `The rollback to the previous program (version ${release.versionBefore}) failed: ${release.rollback.problem ?? 'unknown'}. Pipeline ${run.name} is ${last?.deployment_status ?? 'Stopped'}${version}: configure its previous program and start it.`;
  }
  if (startBegan) return undefined;
  if (release.stop && last && last.deployment_status !== 'Stopped') {
    return `Pipeline ${run.name} was being stopped for the update (${last.deployment_status}, desired ${last.deployment_desired_status}) and will not be started again by this step. Run the step again to finish the release.`;
  }
  if (release.stop) {
    return `Pipeline ${run.name} was stopped for the update and was not started again: it is Stopped${version}${compiling}. Run the step again to finish the release.`;
  }
  if (release.change === 'updated') {
    return `Pipeline ${run.name} was found Stopped and stays Stopped${version}${compiling}.`;
  }
  return release.change === undefined ? 'Nothing was stopped or changed.' : undefined;
}

/** Whether this step stopped the pipeline after the failure; a cancelled run left as it was says so. */
function stopNote(name: string, { stop }: RunRecord, cancelled: boolean): string | undefined {
  if (stop?.stopped) return `Pipeline ${name} was stopped (stop-on-failure: true).`;
  if (stop) return `It could not be stopped (stop-on-failure: true): ${stop.problem}.`;
  return cancelled ? `The pipeline ${name} was left as it was: it is not stopped.` : undefined;
}

/**
 * A refusal that comes from the edition (or the storage standby needs) says so on the open-source
 * edition, where no setting of this step helps.
 */
function editionHint(outcome: Failure, platform: Platform | undefined): { hint?: string } {
  if (platform?.edition !== 'Open source') return {};
  const edition = `the open-source edition (${platform.version})`;
  if (outcome.code === 'InitialStandbyNotAllowed') {
    return {
      hint: `${outcome.hint ?? ''} This Feldera is ${edition}, where standby is an Enterprise feature: with that storage too, the pipeline would fail to initialize. Use initial: running or paused.`.trim(),
    };
  }
  if (outcome.code === 'EnterpriseFeature' || /enterprise-only feature/i.test(outcome.message)) {
    return { hint: `this Feldera is ${edition}, which does not have this feature: it needs Feldera Enterprise.` };
  }
  return {};
}

/** The parts that are given, each but the last ended with a full stop where Feldera's text has none. */
export function sentences(...parts: (string | undefined)[]): string {
  const given = parts.filter((part): part is string => Boolean(part));
  return given.map((part, i) => (i < given.length - 1 && !/[.!?:]$/.test(part) ? `${part}.` : part)).join(' ');
}
