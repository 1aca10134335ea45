import type { Auth } from './auth.ts';
import { CredentialError } from './feldera/credentials.ts';
import { FelderaError } from './feldera/errors.ts';
import { hintFor } from './hints.ts';
import type { Config } from './inputs.ts';
import { targetStatus } from './lifecycle.ts';
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
};

/** How the step ended. Only `failed` fails the step. */
export type Outcome =
  | { result: 'reached' }
  | { result: 'awaiting-approval' }
  /** `wait: false` and the start was accepted. */
  | { result: 'accepted' }
  | { result: 'failed'; code: string; message: string; hint?: string | undefined };

/** The failure an error ended the run with: its code, a message that says what happened, and what to do. */
export function failureOf(error: unknown, config: Config, progress: Progress, auth: Auth): Outcome {
  const pipeline = `pipeline ${config.pipelineName}`;
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
      message: `Stopped waiting: ${error.message} (${progress.describeLast()}). The ${pipeline} was left as it was: it is not stopped.`,
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
export function internalError(error: unknown): Outcome {
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return { result: 'failed', code: 'InternalError', message: `The action failed unexpectedly: ${text}`, hint: 'please report it with this log.' };
}
