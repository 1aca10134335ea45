// What the manager does on the requests that move a pipeline: `/start`, `/stop`, `/approve`,
// `/pause`, `/resume`, `/activate` and `/dismiss_error`, with their refusals.
import {
  COMPILATION_ERRORS,
  INITIALS,
  RESTING,
  type Bootstrap,
  type FakeState,
  type Pipeline,
  type Send,
} from './pipeline.ts';
import { suspend } from './checkpoint.ts';
import type { Flags } from './routes.ts';
import { after, desireStopped, play, setStatus, stop } from './runner.ts';

/** `/dismiss_error`: only once the pipeline is fully stopped. */
export function dismissError(pipeline: Pipeline, send: Send): void {
  if (pipeline.error && (pipeline.deploymentStatus !== 'Stopped' || pipeline.resourcesDesired !== 'Stopped')) {
    return send(400, {
      message:
        'The pipeline must have both status `Stopped` and desired status `Stopped` to dismiss the `deployment_error` if it is set.',
      error_code: 'DismissErrorRestrictedToFullyStopped',
      details: null,
    });
  }
  pipeline.error = null;
  send(200, 'Pipeline deployment error has been dismissed');
}

// The checks in Feldera's order (validate_resources_desired_status_transition, then
// set_deployment_resources_desired_status in db/operations/pipeline.rs).
export function start(
  fake: FakeState,
  pipeline: Pipeline,
  query: Record<string, string>,
  flags: Flags,
  send: Send,
): void {
  const initial = INITIALS[query.initial ?? 'running']!;
  const bootstrap: Bootstrap = {
    bootstrap_policy: query.bootstrap_policy ?? 'await_approval',
    silent_bootstrap: flags.silent_bootstrap ?? false,
    concurrent_bootstrap: flags.concurrent_bootstrap ?? false,
  };
  const dismissError = flags.dismiss_error ?? true;
  if (pipeline.resourcesDesired === 'Stopped' && pipeline.deploymentStatus !== 'Stopped') {
    return send(400, {
      message: `Deployment resources status (current: 'Stopping', desired: 'Stopped') cannot have desired changed to 'Provisioned'. Cannot restart the pipeline while it is stopping. Wait for it to stop before starting the pipeline again.`,
      error_code: 'IllegalPipelineAction',
      details: {
        status: 'Stopping',
        current_desired_status: 'Stopped',
        new_desired_status: 'Provisioned',
        hint: 'Cannot restart the pipeline while it is stopping. Wait for it to stop before starting the pipeline again.',
      },
    });
  }
  if (pipeline.error && !dismissError) {
    return send(400, {
      message: 'Unable to start the pipeline because it has a deployment error that was not dismissed',
      error_code: 'CannotStartWithUndismissedError',
      details: null,
    });
  }
  if (COMPILATION_ERRORS.has(pipeline.programStatus)) {
    return send(400, {
      message:
        'Cannot process `/start` if the `program_status` is `SqlError`, `RustError` or `SystemError`. Make changes to fix the error, which will trigger recompilation.',
      error_code: 'CannotStartWithCompilationError',
      details: null,
    });
  }
  if (pipeline.initial !== null && pipeline.initial !== initial) {
    return send(400, {
      message: 'Initial desired runtime status cannot be changed unless the pipeline is desired to become Stopped.',
      error_code: 'InitialImmutableUnlessStopped',
      // As a real Feldera 0.300 answered (DRIFT.md).
      details: {},
    });
  }
  if (pipeline.bootstrap !== null && JSON.stringify(pipeline.bootstrap) !== JSON.stringify(bootstrap)) {
    return send(400, {
      message: 'Bootstrap policy cannot be changed unless the pipeline is desired to become Stopped.',
      error_code: 'BootstrapPolicyImmutableUnlessStopped',
      details: null,
    });
  }
  if (initial === 'Standby' && !pipeline.script.fileStorageWithSync) {
    return send(400, {
      message:
        'Initial desired runtime status can only be set to Standby if: (1) `runtime_config.storage.backend.name` is set to `file`, and (2) `runtime_config.storage.backend.config.sync` is configured.',
      error_code: 'InitialStandbyNotAllowed',
      details: null,
    });
  }
  if (dismissError) pipeline.error = null;
  if (pipeline.resourcesDesired === 'Provisioned') return send(202, 'Pipeline is starting');
  pipeline.resourcesDesired = 'Provisioned';
  pipeline.initial = initial;
  pipeline.bootstrap = bootstrap;
  pipeline.approved = false;
  pipeline.processDesired = null;
  pipeline.following = [];
  pipeline.run++;
  pipeline.reachedAt = undefined;
  pipeline.statsReads = 0;
  void play(fake, pipeline, pipeline.run);
  send(202, 'Pipeline is starting');
}

/** `force=true`: desired Stopped at once, no checkpoint; `force=false` (Enterprise): checkpoint, then stop (checkpoint.ts). */
export function stopRequest(fake: FakeState, pipeline: Pipeline, force: boolean, send: Send): void {
  const provisioned = !['Stopped', 'Provisioning', 'Stopping'].includes(pipeline.deploymentStatus);
  if (force || !provisioned) {
    if (pipeline.deploymentStatus === 'Stopped') desireStopped(pipeline);
    else stop(fake, pipeline);
    return send(202, 'Pipeline is forcefully stopping');
  }
  suspend(fake, pipeline);
  // The manager forwards the pipeline's own answer (adapters/src/server.rs suspend).
  send(202, 'Pipeline is suspending');
}

/**
 * The manager forwards an interaction only to a pipeline whose resources are provisioned and whose
 * last poll found it reachable (runner/interaction.rs); answers the refusal, if any.
 */
export function notInteractive(pipeline: Pipeline, send: Send): boolean {
  const name = pipeline.script.name;
  const provisioned = !['Stopped', 'Provisioning', 'Stopping'].includes(pipeline.deploymentStatus);
  if (!provisioned) {
    const resources =
      pipeline.deploymentStatus === 'Stopping' || pipeline.deploymentStatus === 'Provisioning'
        ? pipeline.deploymentStatus
        : 'Stopped';
    send(
      503,
      {
        message: `Unable to interact with pipeline because the deployment status (${resources}) indicates it is not (yet) fully provisioned pipeline-id=N/A pipeline-name="${name}"`,
        error_code: 'PipelineInteractionNotDeployed',
        details: { pipeline_name: name, status: resources, desired_status: pipeline.resourcesDesired },
      },
      { headers: { 'retry-after': '5' } },
    );
    return true;
  }
  if (pipeline.deploymentStatus === 'Unavailable') {
    send(
      503,
      {
        message: `Unable to interact with pipeline because its status is currently 'unavailable' pipeline-id=N/A pipeline-name="${name}"`,
        error_code: 'PipelineUnavailable',
        details: { pipeline_name: name },
      },
      { headers: { 'retry-after': '5' } },
    );
    return true;
  }
  return false;
}

// The manager forwards /approve to the pipeline, whose own /approve sets its policy to allow and
// returns once it has left AwaitingApproval; called earlier, it pre-approves (api/endpoints/pipeline_interaction.rs).
export function approve(fake: FakeState, pipeline: Pipeline, send: Send): void {
  if (notInteractive(pipeline, send)) return;
  const awaiting = pipeline.deploymentStatus === 'AwaitingApproval';
  pipeline.approved = true;
  pipeline.onApprove?.();
  if (awaiting) pipeline.approveLag = pipeline.script.approveLagReads ?? 2;
  after(fake, 5, () => send(200, 'Bootstrap approved'));
}

/**
 * `/pause`, `/resume` (the pipeline's `/start`) and `/activate`: the pipeline process's
 * `state_transition` (adapters/src/server.rs) with feldera-types' `may_transition_to`. The answer
 * comes at once; the stored status follows on the runner's next poll, one status read later (or
 * `moveLagReads`): first the desired status, then, a read later, the status itself.
 */
export function transition(
  fake: FakeState,
  pipeline: Pipeline,
  action: 'pause' | 'start' | 'activate',
  next: string,
  send: Send,
): void {
  if (notInteractive(pipeline, send)) return;
  const old = pipeline.processDesired ?? pipeline.runtimeDesired ?? pipeline.initial ?? 'Running';
  if ((action !== 'activate' && old === 'Standby') || !mayTransitionTo(old, next)) {
    return send(400, {
      message: `Cannot execute ${action} transition starting from ${old}`,
      error_code: 'InvalidTransition',
      details: [action, old],
    });
  }
  if (next !== old) {
    pipeline.processDesired = next;
    const lag = Array.from({ length: Math.max(0, (pipeline.script.moveLagReads ?? 1) - 1) }, () => () => undefined);
    const arrive = () => {
      setStatus(fake, pipeline, next);
      pipeline.reachedAt = performance.now();
    };
    // Resting, it moves itself; out of standby it opens its latest checkpoint first (server.rs `do_bootstrap`).
    // On its way up (Initializing, Bootstrapping, …), play() ends in the new desired status.
    const moves = !RESTING.has(pipeline.deploymentStatus)
      ? []
      : old === 'Standby'
        ? [() => setStatus(fake, pipeline, 'Initializing'), arrive]
        : [arrive];
    pipeline.following = [...lag, () => (pipeline.runtimeDesired = next), ...moves];
  }
  send(202, `Pipeline transitioning from ${old} to ${next}`);
}

/** After each status read of the pipeline: the runner's poll catches up with a move, one step a read. */
export function afterRead(fake: FakeState, pipeline: Pipeline): void {
  pipeline.following.shift()?.();
  if (pipeline.script.startedMeanwhile && !pipeline.raced) {
    pipeline.raced = true;
    start(fake, pipeline, { initial: pipeline.script.startedMeanwhile.initial }, {}, () => undefined);
  }
}

/** feldera-types runtime_status.rs `may_transition_to`: a desired status may stay, or move between these. */
function mayTransitionTo(from: string, to: string): boolean {
  if (from === to) return true;
  if (from === 'Standby') return to === 'Paused' || to === 'Running';
  if (from === 'Paused' || from === 'Running') return to === 'Paused' || to === 'Running' || to === 'Suspended';
  return false;
}
