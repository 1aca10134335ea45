import type { FelderaError } from './feldera/errors.ts';
import type { Platform } from './feldera/platform.ts';
import type { Outcome } from './outcome.ts';

// What to do next, in terms of this action's inputs, where Feldera's own `details.hint` says nothing.
const BY_CODE: Record<string, string> = {
  CannotStartWithUndismissedError: 'the pipeline holds an error from an earlier run; set dismiss-error: true to clear it before starting.',
  CannotStartWithCompilationError: 'the program does not compile; fix it, and Feldera compiles it again.',
  InitialImmutableUnlessStopped: 'the pipeline was already started with another initial; stop it first, or ask for the state it was started in.',
  BootstrapPolicyImmutableUnlessStopped: 'the pipeline was already started with another bootstrap policy; stop it first, or give the same bootstrap-policy, silent-bootstrap and concurrent-bootstrap.',
  InitialStandbyNotAllowed: 'standby needs a file storage backend with sync in the runtime config.',
  UnknownPipelineName: 'check pipeline-name and api-url: the pipeline must exist on that Feldera instance.',
  AuthenticationFailed: 'check api-key (or FELDERA_API_KEY).',
  InsufficientPermissions: 'the API key needs the write role.',
  Unreachable: 'check api-url, and that the runner can reach it (network, proxy, firewall).',
};

// An answer that is not Feldera's has no code of its own, but its status says enough (a 401 has its code).
const BY_STATUS: Record<number, string> = {
  403: BY_CODE.InsufficientPermissions!,
  404: 'check api-url: it must be the address of the Feldera API, with its path prefix if it has one.',
};

/**
 * A refusal that comes from the edition (or the storage standby needs) says so on the open-source
 * edition, where no setting of this step helps.
 */
export function withEdition(outcome: Outcome, platform: Platform | undefined): Outcome {
  if (outcome.result !== 'failed' || platform?.edition !== 'Open source') return outcome;
  const edition = `the open-source edition (${platform.version})`;
  if (outcome.code === 'InitialStandbyNotAllowed') {
    return { ...outcome, hint: `${outcome.hint ?? ''} This Feldera is ${edition}, where standby is an Enterprise feature: with that storage too, the pipeline would fail to initialize. Use initial: running or paused.`.trim() };
  }
  if (outcome.code === 'EnterpriseFeature' || /enterprise-only feature/i.test(outcome.message)) {
    return { ...outcome, hint: `this Feldera is ${edition}, which does not have this feature: it needs Feldera Enterprise.` };
  }
  return outcome;
}

export function hintFor(error: FelderaError): string | undefined {
  if (error.hint) return error.hint;
  switch (error.kind) {
    case 'certificate':
      return "if Feldera uses a private certificate authority, set NODE_EXTRA_CA_CERTS to its PEM file in the step's env.";
    case 'redirect':
      return 'set api-url to the address the API really answers at.';
    case 'not-feldera':
      return BY_CODE[error.code] ?? BY_STATUS[error.status ?? 0];
    default:
      return BY_CODE[error.code];
  }
}
