import type { Bootstrap, Initial, PipelineStatus } from '../feldera/types.ts';
import { targetStatus } from './lifecycle.ts';

/** What the step does with a pipeline that is already deployed (the `if-deployed` input). */
export type IfDeployed = 'converge' | 'fail';

/** The call that moved the pipeline (the `transition` output); `none`: it already was where it was asked to be. */
export type Transition = 'start' | 'resume' | 'pause' | 'activate' | 'none';

/** What one status read means for the state asked for: the one call to make, or why none can reach it. */
export type Decision =
  /** `/start` (after `/dismiss_error`); `accepted` is what the `transition` output says once Feldera accepts it. */
  | { kind: 'start'; accepted: Transition | undefined }
  | { kind: 'move'; transition: 'resume' | 'pause' | 'activate' }
  /** Already there, or on its way there: wait as after a start. */
  | { kind: 'none' }
  /** Coming up towards another state, or an Unavailable blip: decide once it is up. */
  | { kind: 'wait' }
  /** Nothing this step may send gets it there: why, and what to do. */
  | { kind: 'refuse'; message: string; hint: string };

/** Phases a pipeline goes through on its way to its desired status; moving it now would skip or cut them. */
const BUSY = new Set(['AwaitingApproval', 'Bootstrapping', 'ConcurrentBootstrapping', 'Synchronizing', 'Replaying']);
/** Where a deployed pipeline rests, and can be moved from (feldera-types' may_transition_to). */
const UP = new Set(['Running', 'Paused', 'Standby']);

/**
 * Found state × asked state → the call (README "When the pipeline is already deployed"). The found
 * state is `deployment_desired_status`, where the pipeline is going now, not `deployment_initial`,
 * which keeps the first start's value through /pause and /resume.
 */
export function decideTransition(found: PipelineStatus, initial: Initial, ifDeployed: IfDeployed): Decision {
  const asked = targetStatus(initial);
  const status = found.deployment_status;
  const desired = found.deployment_desired_status;
  // Stopped, or being stopped: start (start.ts waits for Stopped first).
  if (desired === 'Stopped') return { kind: 'start', accepted: 'start' };
  // As before this input: /start, and Feldera refuses what differs from the first start.
  if (ifDeployed === 'fail') return { kind: 'start', accepted: desired === asked ? 'none' : undefined };
  if (desired === asked) return { kind: 'none' };
  const where = `Pipeline ${found.name} is ${status}${status === desired ? '' : ` (desired ${desired})`}`;
  const stay = `ask for initial: ${desired.toLowerCase()}`;
  if (desired === 'Suspended') {
    return refuse(
      `${where}: it is being suspended (a graceful stop), and cannot become ${asked} before it is Stopped.`,
      'run the step again once it is Stopped: it then starts it.',
    );
  }
  if (BUSY.has(status)) {
    const first =
      status === 'AwaitingApproval'
        ? 'approve its changes (auto-approve: true, the Feldera console or fda approve) and wait'
        : 'wait';
    return refuse(
      `${where}: it cannot be moved to ${asked} before it is ${desired}.`,
      `${first} until it is ${desired}, then run the step again; or ${stay}.`,
    );
  }
  if (!UP.has(status) || !UP.has(desired)) return { kind: 'wait' };
  if (asked === 'Standby') {
    return refuse(
      `${where}: a pipeline out of standby cannot go back to Standby.`,
      `stop it, then start it with initial: standby; or ${stay}.`,
    );
  }
  if (desired === 'Standby') return { kind: 'move', transition: 'activate' };
  return { kind: 'move', transition: asked === 'Running' ? 'resume' : 'pause' };
}

function refuse(message: string, hint: string): Decision {
  return { kind: 'refuse', message, hint };
}

/** `Paused since 10:42 UTC (started paused)`: where a status read found the pipeline, for the log and the summary. */
export function foundText(found: PipelineStatus, now = new Date()): string {
  const { deployment_status: status, deployment_desired_status: desired } = found;
  const toward = status === desired || desired === 'Stopped' ? '' : ` (desired ${desired})`;
  const since = sinceText(found.deployment_status_since, now);
  const started = found.deployment_initial ? ` (started ${found.deployment_initial.toLowerCase()})` : '';
  return `${status}${toward}${since}${started}`;
}

/** ` since 10:42 UTC`, with the day when it is not today's; empty when the time does not parse. */
function sinceText(iso: string, now: Date): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '';
  const [day, time] = at.toISOString().split('T') as [string, string];
  const today = now.toISOString().startsWith(day);
  return ` since ${today ? '' : `${day} `}${time.slice(0, 5)} UTC`;
}

const DONE: Readonly<Record<Exclude<Transition, 'none'>, string>> = {
  start: 'started',
  resume: 'resumed',
  pause: 'paused',
  activate: 'activated',
};

/**
 * `was Paused since 10:42 UTC (started paused); resumed`: what the step found and did, for the
 * summary. `decidedOn`: a later read, when the step waited for the pipeline to come up.
 */
export function transitionText(
  found: PipelineStatus,
  decidedOn: PipelineStatus | undefined,
  transition: Transition | undefined,
  asked: string,
  now = new Date(),
  /** What the step did between where it found the pipeline and the call: `stopped for the update`. */
  between?: string,
): string {
  const done =
    transition === undefined
      ? 'not moved'
      : transition === 'none'
        ? found.deployment_status === asked
          ? 'nothing to do'
          : `nothing to do: already on its way to ${asked}`
        : DONE[transition];
  const once =
    decidedOn && transition !== undefined && transition !== 'none' ? ` once it was ${decidedOn.deployment_status}` : '';
  return `was ${foundText(found, now)}${between ? `, then ${between}` : ''}; ${done}${once}`;
}

/** The bootstrap inputs that differ from the last start's: a move keeps the start's, so they do not apply. */
export function bootstrapDifferences(started: Bootstrap | null | undefined, asked: Bootstrap): string[] {
  if (!started) return [];
  const differences: string[] = [];
  if (started.policy !== asked.policy)
    differences.push(`bootstrap-policy ${asked.policy} (started with ${started.policy})`);
  if (started.silent !== asked.silent)
    differences.push(`silent-bootstrap ${String(asked.silent)} (started with ${String(started.silent)})`);
  if (started.concurrent !== asked.concurrent)
    differences.push(`concurrent-bootstrap ${String(asked.concurrent)} (started with ${String(started.concurrent)})`);
  return differences;
}
