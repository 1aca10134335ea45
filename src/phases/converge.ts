import { pipelineLabel } from '../text/text.ts';
import { FelderaError } from '../feldera/errors.ts';
import type { PipelineClient } from '../feldera/client.ts';
import type { RetryPolicy } from '../feldera/http.ts';
import type { Bootstrap, PipelineStatus } from '../feldera/types.ts';
import type { Config } from '../model/inputs.ts';
import type { RunLog } from '../log/phase-log.ts';
import { classify, targetStatus } from '../model/lifecycle.ts';
import { statusFailure, type Failure } from '../model/outcome.ts';
import type { Progress } from '../model/progress.ts';
import {
  bootstrapDifferences,
  decideTransition,
  foundText,
  type Decision,
  type Transition,
} from '../model/transition.ts';

/** Reads the status every poll-interval and hands each snapshot to `until`, until it gives a value. */
export type Watch = <T>(until: (status: PipelineStatus) => T | undefined | Promise<T | undefined>) => Promise<T>;

/** Where the step found the pipeline and what it did to move it: written by `converge` alone. */
export interface Converged {
  /** The first status read, before any call: where the step found the pipeline. */
  found: PipelineStatus | undefined;
  /** The later read the transition was decided on, when the step waited for the pipeline to come up first. */
  decidedOn: PipelineStatus | undefined;
  /** The call that moved the pipeline, once Feldera accepted it; `none` when it was where asked. */
  transition: Transition | undefined;
  /** Feldera accepted this step's `/start`: from then on, the pipeline is this step's to clean up. */
  startAccepted: boolean;
  /** The call that moved a deployed pipeline, until the stored desired status shows it. */
  move: Move | undefined;
}

export interface ConvergeContext {
  client: PipelineClient;
  config: Config;
  progress: Progress;
  log: RunLog;
  /** For the first read and the start: a wrong api-url fails fast. */
  setup: RetryPolicy;
  watch: Watch;
  /** Told when Feldera accepted the start: from then on, the pipeline is this step's to clean up. */
  onAccepted: () => void;
}

/** A call that moved the pipeline: until the stored status shows it, the old desired status is the runner's lag, not someone else's change. */
export interface Move {
  call: string;
  from: string;
  acceptedMs: number;
}

/** Starting again after a stop in progress: enough for a stop, too few to loop for ever. */
const START_ROUNDS = 3;
/** Feldera's answers while the pipeline is still stopping: wait for Stopped, then try again. */
const STILL_STOPPING = new Set(['IllegalPipelineAction', 'DismissErrorRestrictedToFullyStopped']);
/** A /start that found the pipeline started by someone else since the status read: read again, decide once more. */
const STARTED_MEANWHILE = new Set(['InitialImmutableUnlessStopped', 'BootstrapPolicyImmutableUnlessStopped']);
/** The failures a pipeline coming up can show while the step waits to move it: someone else's start failed, or was stopped. */
const COMING_UP_FAILURES = new Set(['deployment-error', 'compilation-failed', 'stopped-externally']);

/**
 * Reads where the pipeline is, decides from that one read (transition.ts), and makes the one call
 * that gets it to `initial`. A start refused because someone else started the pipeline meanwhile is
 * read and decided once more, never in a loop. What it did goes into `converged`; resolves to a failure, if any.
 */
export async function converge(context: ConvergeContext, converged: Converged): Promise<Failure | undefined> {
  const { client, config, progress, log, setup } = context;
  for (let round = 1; ; round++) {
    const read = await client.status(setup);
    progress.observe(read);
    converged.found ??= read;
    const decided = await decideWhenUp(read, context);
    if ('failure' in decided) return decided.failure;
    const { decision, status } = decided;
    if (status !== read) converged.decidedOn = status;
    const what = `Pipeline ${client.pipelineName} is ${foundText(status)}`;
    switch (decision.kind) {
      case 'refuse':
        return { result: 'failed', code: 'CannotConverge', message: decision.message, hint: decision.hint };
      case 'none':
        log.info(`${what}: nothing to move (if-deployed: converge).`);
        warnBootstrap(status, context);
        converged.transition = 'none';
        return undefined;
      case 'move': {
        const call =
          decision.transition === 'activate'
            ? `POST /activate?initial=${config.initial}`
            : `POST /${decision.transition}`;
        log.info(`${what}: moving it to ${targetStatus(config.initial)} with ${call} (if-deployed: converge).`);
        warnBootstrap(status, context);
        // Forwarded to the pipeline process: a 503 while it is out of reach is retried until the step's budget ends.
        const retry: RetryPolicy = { ...setup, windowMs: Infinity };
        if (decision.transition === 'resume') await client.resume(retry);
        else if (decision.transition === 'pause') await client.pause(retry);
        else await client.activate(config.initial === 'paused' ? 'paused' : 'running', retry);
        converged.transition = decision.transition;
        log.info(`Feldera accepted ${call}.`);
        converged.move = { call, from: status.deployment_desired_status, acceptedMs: progress.elapsedMs() };
        return undefined;
      }
      case 'start':
        try {
          // Only a pipeline found stopped can hold an error to dismiss: it comes with desired Stopped.
          await start(context, decision.accepted === 'start');
        } catch (error) {
          if (!(
            round === 1 &&
            config.ifDeployed === 'converge' &&
            error instanceof FelderaError &&
            STARTED_MEANWHILE.has(error.code)
          ))
            throw error;
          log.info(
            `Someone else started the pipeline since the step read its status (${error.code}); reading it again.`,
          );
          continue;
        }
        converged.transition = decision.accepted;
        if (decision.accepted === 'start') {
          converged.startAccepted = true;
          context.onAccepted();
        }
        return undefined;
    }
  }
}

/** The decision on `read`, or, for a pipeline coming up towards another state, on the first read that finds it up. */
async function decideWhenUp(
  read: PipelineStatus,
  { config, client, log, watch }: ConvergeContext,
): Promise<{ decision: Decision; status: PipelineStatus } | { failure: Failure }> {
  const first = decideTransition(read, config.initial, config.ifDeployed);
  if (first.kind !== 'wait') return { decision: first, status: read };
  log.info(
    `Pipeline ${client.pipelineName} is ${foundText(read)}: waiting until it is up to move it to ${targetStatus(config.initial)}.`,
  );
  return watch((status) => {
    const verdict = classify(status, config.initial);
    const failure = COMING_UP_FAILURES.has(verdict.kind) ? statusFailure(verdict, status, config.initial) : undefined;
    if (failure?.result === 'failed') return { failure };
    const decision = decideTransition(status, config.initial, config.ifDeployed);
    return decision.kind === 'wait' ? undefined : { decision, status };
  });
}

/** Dismisses an earlier error and starts the pipeline, waiting out a stop in progress (API.md 9). */
async function start({ client, config, log, setup, watch }: ConvergeContext, stopped: boolean): Promise<void> {
  for (let round = 1; ; round++) {
    try {
      if (config.dismissError && stopped) await client.dismissError(setup);
      await client.start(config.initial, requestedBootstrap(config), setup);
      return;
    } catch (error) {
      if (!(error instanceof FelderaError && STILL_STOPPING.has(error.code) && round < START_ROUNDS)) throw error;
      log.info(`The pipeline is still stopping (${error.code}); waiting for Stopped to start it again.`);
      await watch((status) => (status.deployment_status === 'Stopped' ? true : undefined));
    }
  }
}

/** The bootstrap inputs apply to a start only: a pipeline moved keeps those it was started with. */
function warnBootstrap(status: PipelineStatus, { client, config, log }: ConvergeContext): void {
  const differences = bootstrapDifferences(status.bootstrap, requestedBootstrap(config));
  if (differences.length === 0) return;
  log.warning(
    `Pipeline ${client.pipelineName} keeps the bootstrap settings it was started with: ${differences.join(', ')} apply to a start only (Feldera would refuse them with BootstrapPolicyImmutableUnlessStopped). To use them, stop the pipeline and run the step again.`,
    `${pipelineLabel(client.pipelineName)} keeps its bootstrap settings`,
  );
}

/** With reloadable-tables, the pipeline must stop at AwaitingApproval for the step to see what it reloads. */
export function requestedBootstrap(config: Config): Bootstrap {
  const policy = config.reloadableTables ? 'await_approval' : config.bootstrapPolicy;
  return { policy, silent: config.silentBootstrap, concurrent: config.concurrentBootstrap };
}
