// Shapes of the pipeline manager's answers, with the field names and enum spellings of Feldera's
// openapi.json (PipelineSelectedInfo, ErrorResponse). Enums are open (`| string`): Feldera adds
// statuses often, and an unknown one must mean "keep waiting", not a crash.

export type DeploymentStatus =
  | 'Stopped'
  | 'Provisioning'
  | 'Unavailable'
  | 'Coordination'
  | 'Standby'
  | 'AwaitingApproval'
  | 'Initializing'
  | 'Bootstrapping'
  | 'ConcurrentBootstrapping'
  | 'Synchronizing'
  | 'Replaying'
  | 'Paused'
  | 'Running'
  | 'Suspended'
  | 'Stopping';

export type DeploymentDesiredStatus = 'Stopped' | 'Unavailable' | 'Standby' | 'Paused' | 'Running' | 'Suspended';

export type ProgramStatus =
  | 'Pending'
  | 'CompilingSql'
  | 'SqlCompiled'
  | 'CompilingRust'
  | 'Success'
  | 'SqlError'
  | 'RustError'
  | 'SystemError';

export type BootstrapPolicy = 'allow' | 'reject' | 'await_approval';

/** The `initial` query parameter of `/start`, lowercase as Feldera wants it. */
export type Initial = 'running' | 'paused' | 'standby';

/** Feldera's `ErrorResponse`: the body of every error it makes itself, and `deployment_error`. */
export interface ErrorResponse {
  message: string;
  error_code: string;
  details?: unknown;
}

/** The fields of `GET /v0/pipelines/{name}?selector=status` the action reads. */
export interface PipelineStatus {
  name: string;
  program_status: ProgramStatus | (string & {});
  deployment_status: DeploymentStatus | (string & {});
  deployment_status_since: string;
  deployment_desired_status: DeploymentDesiredStatus | (string & {});
  deployment_error?: ErrorResponse | null;
  deployment_id?: string | null;
}
