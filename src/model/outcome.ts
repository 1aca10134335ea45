import { CredentialError } from '../feldera/credentials.ts';
import { FelderaError } from '../feldera/errors.ts';
import { deploymentErrorHint, hintFor } from './hints.ts';
import type { Config } from './inputs.ts';
import { targetStatus, type Classification } from './lifecycle.ts';
import type { Initial, PipelineStatus } from '../feldera/types.ts';
import type { Progress } from './progress.ts';
import { RunEnded } from './run-end.ts';

/**
 * The action's own error codes (the others are Feldera's): `true` where the action could not do its
 * job (a GitHub deployment's `error`), `false` where the pipeline did not start (`failure`).
 */
export const ACTION_CODES: Readonly<Record<string, boolean>> = {
  InvalidInput: true,
  Timeout: true,
  Cancelled: true,
  Unreachable: true,
  UnexpectedResponse: true,
  OidcTokenUnavailable: true,
  InternalError: true,
  StoppedExternally: false,
  DesiredStatusChanged: false,
  CannotConverge: false,
  ConnectorFailed: false,
  ConnectorUnhealthy: false,
  ConnectorErrors: false,
  TableReloadNotAllowed: false,
  DiffNotSupported: true,
  UnexpectedDiff: false,
};

/** How the step ended. Only `failed` fails the step. */
export type Outcome =
  | { result: 'reached' }
  | { result: 'awaiting-approval' }
  /** `wait: false` and the start was accepted. */
  | { result: 'accepted' }
  /** `plan: true`: Feldera said what the proposed program would change, and nothing was changed. */
  | { result: 'planned' }
  | { result: 'failed'; code: string; message: string; hint?: string | undefined };

export type Failure = Extract<Outcome, { result: 'failed' }>;

/** A run's outcome before it has one: a run that ends with it ended for a reason of the action's own. */
export const UNDECIDED: Failure = Object.freeze({
  result: 'failed',
  code: 'InternalError',
  message: 'The action ended before it decided anything.',
});

/** What the credential says of a refused token (connection/auth.ts): its issuer, subject and audience. */
export interface Refusal {
  refusalHint: () => string | undefined;
}

/** The failure an error ended the run with: its code, a message that says what happened, and what to do. */
export function failureOf(error: unknown, name: string, config: Config, progress: Progress, auth: Refusal): Failure {
  const pipeline = `pipeline ${name}`;
  if (error instanceof RunEnded && error.code === 'Timeout') {
    const lastFailure = progress.lastFailure ? `; the last failure: ${progress.lastFailure}` : '';
    return {
      result: 'failed',
      code: 'Timeout',
      message: `Feldera ${pipeline} did not become ${targetStatus(config.initial)} before ${error.message}: ${progress.describeLast()}${lastFailure}.`,
      hint: 'give a longer timeout if the pipeline needs it, or look in the Feldera console why it is slow.',
    };
  }
  if (error instanceof RunEnded) {
    return {
      result: 'failed',
      code: 'Cancelled',
      message: `Stopped waiting: ${error.message} (${progress.describeLast()}).`,
    };
  }
  if (error instanceof CredentialError) return { result: 'failed', code: error.code, message: error.message };
  if (error instanceof FelderaError) {
    // One code for "the program does not compile", whether /start refused it or the runner found it.
    const code = error.code === 'CannotStartWithCompilationError' ? 'StartFailedDueToFailedCompilation' : error.code;
    const refused = code === 'AuthenticationFailed' ? auth.refusalHint() : undefined;
    return { result: 'failed', code, message: error.message, hint: refused ?? hintFor(error) };
  }
  return internalError(error);
}

/** A bug of the action's own: the outputs are still set, and the report says what broke. */
export function internalError(error: unknown): Failure {
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return {
    result: 'failed',
    code: 'InternalError',
    message: `The action failed unexpectedly: ${text}`,
    hint: 'please report it with this log.',
  };
}

/** The failure a status means, before the target or after it (in the health window); else undefined. */
export function statusFailure(
  classified: Classification,
  status: PipelineStatus,
  initial: Initial,
): Outcome | undefined {
  const name = status.name;
  const target = targetStatus(initial);
  switch (classified.kind) {
    case 'deployment-error':
      return {
        result: 'failed',
        code: classified.error.error_code,
        message: `Pipeline ${name} stopped with ${classified.error.error_code}: ${classified.error.message}`,
        hint: deploymentErrorHint(classified.error.error_code),
      };
    case 'compilation-failed':
      return {
        result: 'failed',
        code: 'StartFailedDueToFailedCompilation',
        message: `Pipeline ${name}'s program failed to compile (program_status ${status.program_status}).`,
        hint: 'fix the program; Feldera compiles it again, and the next start can go ahead.',
      };
    case 'stopped-externally':
      return {
        result: 'failed',
        code: 'StoppedExternally',
        message: `Pipeline ${name} was stopped while starting (desired status Stopped, no deployment error): someone or something else stopped it.`,
        hint: 'find who stopped it (a person in the Feldera console, fda, another workflow), then start it again.',
      };
    case 'desired-elsewhere': {
      const desired = status.deployment_desired_status;
      return {
        result: 'failed',
        code: 'DesiredStatusChanged',
        message: `Pipeline ${name} is ${status.deployment_status} and its desired status is ${desired}, not ${target}: it was started earlier and then changed by someone else, and will not become ${target} by itself.`,
        hint:
          desired === 'Suspended'
            ? 'it is being suspended (a graceful stop); start it again once it is Stopped.'
            : `run the step again with if-deployed: converge (the default) to move it to ${target}, stop it first, or ask for initial: ${desired.toLowerCase()}.`,
      };
    }
    default:
      return undefined;
  }
}
