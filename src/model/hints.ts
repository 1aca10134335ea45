import type { FelderaError } from '../feldera/errors.ts';

const NEEDS_WRITE_ROLE = 'the API key needs the write role.';
const DOES_NOT_COMPILE = 'the program does not compile; fix it, and Feldera compiles it again.';

// What to do next, in terms of this action's inputs, where Feldera's own `details.hint` says nothing.
const BY_CODE: Record<string, string> = {
  CannotStartWithUndismissedError:
    'the pipeline holds an error from an earlier run; set dismiss-error: true to clear it before starting.',
  CannotStartWithCompilationError: DOES_NOT_COMPILE,
  InitialImmutableUnlessStopped:
    'the pipeline was already started with another initial: set if-deployed: converge (the default) to move it to the state asked for, stop it first, or ask for the state it was started in.',
  InvalidTransition:
    "the pipeline process refused the move (Feldera's message says from where): it changed since the step read its status; run the step again once it has settled.",
  EnterpriseFeature:
    'this needs Feldera Enterprise: the community (open-source) edition answers 501 EnterpriseFeature.',
  BootstrapPolicyImmutableUnlessStopped:
    'the pipeline was already started with another bootstrap policy; stop it first, or give the same bootstrap-policy, silent-bootstrap and concurrent-bootstrap.',
  InitialStandbyNotAllowed: 'standby needs a file storage backend with sync in the runtime config.',
  UnknownPipelineName: 'check pipeline-name and api-url: the pipeline must exist on that Feldera instance.',
  AuthenticationFailed: 'check api-key (or FELDERA_API_KEY).',
  InsufficientPermissions: NEEDS_WRITE_ROLE,
  Unreachable: 'check api-url, and that the runner can reach it (network, proxy, firewall).',
};

// An answer that is not Feldera's has no code of its own, but its status says enough (a 401 has its code).
const BY_STATUS: Record<number, string> = {
  403: NEEDS_WRITE_ROLE,
  404: 'check api-url: it must be the address of the Feldera API, with its path prefix if it has one.',
};

// Why a pipeline stopped with a `deployment_error`, read from Feldera's runner
// (crates/pipeline-manager/src/runner/error.rs) and the pipeline's /status, and what to do about it.
const BY_DEPLOYMENT_ERROR: Record<string, string> = {
  RunnerCheckError:
    "the pipeline's process or storage failed while it ran (it crashed, ran out of memory, or its pod was evicted): the pipeline's log says why; give it more memory in its resources if it ran out.",
  InitializationError:
    "the pipeline failed while initializing, most often a connector that cannot reach its source or sink, or a bootstrap that was refused (bootstrap-policy: reject refuses a changed program; await_approval or allow let it bootstrap): the message and the pipeline's log say which.",
  AutomatonProvisioningTimeout:
    "the pipeline's compute and storage were not up within Feldera's provisioning timeout: raise provisioning_timeout in the pipeline's runtime config (a duration such as 20m since Feldera 0.366; provisioning_timeout_secs, in seconds, before), or look in the pipeline's log and the cluster's events for a volume or container that could not be created.",
  RunnerProvisionError:
    "Feldera could not create the pipeline's compute or storage (the message says why): check the pipeline's resources config and the cluster's capacity.",
  AutomatonInvalidRuntimeConfig:
    "the pipeline's runtime config is no longer valid after a Feldera upgrade: update its runtime_config (the message says which field), then start it again.",
  AutomatonInvalidProgramInfo:
    'the compiled program no longer fits this Feldera version: recompile it (fda update-runtime), then start it again.',
  AutomatonCannotProvisionUnsupportedPlatformVersion:
    'the program was compiled by another Feldera version than the one installed: recompile it with the current one (fda update-runtime, or a change to the program), then start it again.',
  StartFailedDueToFailedCompilation: DOES_NOT_COMPILE,
};

/** For a deployment error without a hint of its own: where the reason is. */
const READ_THE_LOG =
  "the pipeline's log says why it stopped: read its tail below (logs: on-failure, the default), or the whole log in the Feldera console.";

/** What to do about a pipeline that stopped with this `deployment_error` code. */
export function deploymentErrorHint(code: string): string {
  return BY_DEPLOYMENT_ERROR[code] ?? READ_THE_LOG;
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
