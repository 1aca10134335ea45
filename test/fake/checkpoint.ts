// The checkpoint of a pipeline's state (Enterprise): taken by `/stop?force=false`, which the manager
// forwards as the pipeline's `/suspend` (api/endpoints/pipeline_management.rs post_pipeline_stop,
// adapters/src/server.rs suspend), and the bootstrap of a start whose program differs from the
// checkpoint's (the approval diff computed as `/diff` computes it).
import { pipelineDiffOf } from './diff.ts';
import type { FakeState, Pipeline } from './pipeline.ts';
import { after, failWith, hold, setStatus, stop } from './runner.ts';
import { compileSql } from './sql.ts';
import type { ErrorBody, Phase } from './types.ts';

/**
 * A failed write of the checkpoint as the runner records it: the controller's StorageError
 * (adapterlib errors/controller.rs), flattened into the pipeline's error (adapters/src/server/error.rs).
 */
export const CHECKPOINT_FAILED: ErrorBody = {
  message: 'I/O error writing checkpoint: No space left on device (os error 28)',
  error_code: 'StorageError',
  details: { context: 'writing checkpoint', error: 'No space left on device (os error 28)', backtrace: '' },
};

/**
 * `/stop?force=false` of a provisioned pipeline: desired Suspended while the checkpoint is written,
 * then Suspended and stopped by the runner. A failed checkpoint leaves the circuit running and the
 * pipeline process failed: the runner stops it with that error (server.rs `suspended`, runner/pipeline_automata.rs).
 */
export function suspend(fake: FakeState, pipeline: Pipeline): void {
  const run = ++pipeline.run;
  pipeline.runtimeDesired = 'Suspended';
  pipeline.reachedAt = undefined;
  // A play waiting for approval ends; it sees that it is no longer current.
  pipeline.onApprove?.();
  void hold(fake, pipeline, { status: 'Suspended', ...(pipeline.script.checkpointHold ?? { ms: 20 }) }).then(() => {
    if (pipeline.run !== run || pipeline.resourcesDesired !== 'Provisioned') return;
    const fails = pipeline.script.checkpointFails;
    if (fails) return failWith(fake, pipeline, fails === true ? CHECKPOINT_FAILED : fails);
    pipeline.checkpoint = pipeline.stored.program_code;
    setStatus(fake, pipeline, 'Suspended');
    after(fake, 20, () => stop(fake, pipeline));
  });
}

/**
 * The phases of a start: when the pipeline starts from a checkpoint of another program, it awaits
 * approval of the diff after initializing, then bootstraps (a script with its own AwaitingApproval keeps it).
 */
export function withBootstrap(pipeline: Pipeline, phases: Phase[]): Phase[] {
  pipeline.approvalDiff = undefined;
  if (pipeline.checkpoint === null || phases.some((phase) => phase.status === 'AwaitingApproval')) return phases;
  const before = compileSql(pipeline.checkpoint);
  const now = compileSql(pipeline.stored.program_code);
  // A program the fake's SQL compiler cannot read (a scripted compile) has no diff to show.
  if (!('program' in before) || !('program' in now)) return phases;
  const diff = pipelineDiffOf(before.program, now.program);
  const lists = [...Object.values(diff.program_diff), ...Object.values(diff).filter(Array.isArray)];
  if (lists.every((list) => list.length === 0)) return phases;
  pipeline.approvalDiff = diff;
  const at = phases.findIndex((phase) => phase.status === 'Initializing') + 1 || phases.length;
  return [
    ...phases.slice(0, at),
    { status: 'AwaitingApproval' },
    { status: 'Bootstrapping', ms: 20 },
    ...phases.slice(at),
  ];
}
