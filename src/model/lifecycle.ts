import type { ErrorResponse, Initial, PipelineStatus } from '../feldera/types.ts';

/** What one status snapshot means for the state the step asked for (API.md 2.5). */
export type Classification =
  | { kind: 'reached' }
  | { kind: 'awaiting-approval' }
  | { kind: 'deployment-error'; error: ErrorResponse }
  | { kind: 'compilation-failed' }
  | { kind: 'stopped-externally' }
  | { kind: 'desired-elsewhere' }
  | { kind: 'waiting' };

const COMPILATION_ERRORS = new Set(['SqlError', 'RustError', 'SystemError']);
const UP_STATES = new Set(['Running', 'Paused', 'Standby', 'Suspended']);

/** `running` → `Running`: the `deployment_status` that `/start?initial=running` ends in. */
export function targetStatus(initial: Initial): string {
  return initial.charAt(0).toUpperCase() + initial.slice(1);
}

export function classify(status: PipelineStatus, initial: Initial): Classification {
  const target = targetStatus(initial);
  const desired = status.deployment_desired_status;
  // The runner sets the error and desired Stopped in one transaction, often while still Stopping.
  if (desired === 'Stopped' && status.deployment_error) {
    return { kind: 'deployment-error', error: status.deployment_error };
  }
  // Running while a stop or suspend is asked for is not a success: it will not stay Running.
  if (status.deployment_status === target && desired === target) return { kind: 'reached' };
  // StartFailedDueToFailedCompilation follows within seconds; no need to wait for it.
  if (COMPILATION_ERRORS.has(status.program_status)) return { kind: 'compilation-failed' };
  if (desired === 'Stopped') return { kind: 'stopped-externally' };
  if (status.deployment_status === 'AwaitingApproval') return { kind: 'awaiting-approval' };
  // Started earlier with the same `initial`, then paused, resumed, activated or suspended by someone
  // else: it will not come to the target by itself.
  if (UP_STATES.has(desired) && desired !== target) return { kind: 'desired-elsewhere' };
  // Stopped during an early start, Provisioning, Initializing, Unavailable (a blip), Bootstrapping,
  // Replaying, and any status this version does not know yet.
  return { kind: 'waiting' };
}
