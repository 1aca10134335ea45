// Shapes of the pipeline manager's answers, with the field names and enum spellings of Feldera's
// openapi.json (PipelineSelectedInfo, ErrorResponse). Enums are open (`| string`): Feldera adds
// statuses often, and an unknown one must mean "keep waiting", not a crash.

type DeploymentStatus =
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

type DeploymentDesiredStatus = 'Stopped' | 'Unavailable' | 'Standby' | 'Paused' | 'Running' | 'Suspended';

type ProgramStatus =
  'Pending' | 'CompilingSql' | 'SqlCompiled' | 'CompilingRust' | 'Success' | 'SqlError' | 'RustError' | 'SystemError';

export type BootstrapPolicy = 'allow' | 'reject' | 'await_approval';

/** How a pipeline whose program changed since its checkpoint bootstraps: `/start`'s and `/approve`'s parameters. */
export interface Bootstrap {
  policy: BootstrapPolicy;
  /** `silent_bootstrap`: the output connectors stay off while bootstrapping. */
  silent: boolean;
  /** `concurrent_bootstrap`: new and modified views bootstrap while the others stay live. */
  concurrent: boolean;
}

/** One of the manager's monitor events (`PipelineMonitorEventSelectedInfo`), as the step uses it. */
export interface PipelineEvent {
  /** `recorded_at`, in ms since the epoch, on Feldera's clock. */
  recordedAt: number;
  /** What `deployment_status` was then, from `deployment_resources_status` and `deployment_runtime_status`. */
  deployment_status: string;
  program_status: string;
  deployment_has_error: boolean;
}

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
  /** Where it goes: the runtime desired status once deployed (moved by /pause, /resume, /activate), else `deployment_initial`. */
  deployment_desired_status: DeploymentDesiredStatus | (string & {});
  /** How the last `/start` asked it to start (`Paused`): kept through /pause and /resume, null once stopped. */
  deployment_initial?: string | null;
  /** The last `/start`'s bootstrap settings (fields the spec leaves out, API.md 1.3); null once stopped, or from a server without them. */
  bootstrap?: Bootstrap | null;
  deployment_error?: ErrorResponse | null;
  deployment_id?: string | null;
  /** The program's version: it goes up with each change of the program or the UDFs. */
  program_version?: number | undefined;
  /** From `deployment_runtime_status_details.approval_diff`, or the older shape (the details themselves). */
  approval_diff?: PipelineDiff | null;
}

/** `PipelineDiff`: what changed since the checkpoint, while `AwaitingApproval` (API.md 7). */
export interface PipelineDiff {
  program_diff?: {
    added_tables: string[];
    removed_tables: string[];
    modified_tables: string[];
    added_views: string[];
    removed_views: string[];
    modified_views: string[];
  } | null;
  program_diff_error?: string | null;
  added_input_connectors: string[];
  modified_input_connectors: string[];
  removed_input_connectors: string[];
  added_output_connectors: string[];
  modified_output_connectors: string[];
  removed_output_connectors: string[];
  /** The action's own: per list, the names beyond what the reader keeps of a list (bounded-json.ts), counted but not kept. */
  omitted_names?: Partial<Record<NameList, number>>;
}

/** The lists of names of a `PipelineDiff`: those of its `program_diff`, and its own. */
export const NAME_LISTS = {
  program: ['added_tables', 'removed_tables', 'modified_tables', 'added_views', 'removed_views', 'modified_views'],
  connectors: [
    'added_input_connectors',
    'modified_input_connectors',
    'removed_input_connectors',
    'added_output_connectors',
    'modified_output_connectors',
    'removed_output_connectors',
  ],
} as const;

export type NameList = (typeof NAME_LISTS.program)[number] | (typeof NAME_LISTS.connectors)[number];

/** `SqlCompilerMessage`; positions appear to be 1-based (API.md 3). */
export interface SqlCompilerMessage {
  start_line_number: number;
  start_column: number;
  end_line_number: number;
  end_column: number;
  warning: boolean;
  error_type: string;
  message: string;
  snippet?: string | null;
}

/** `ProgramError`, only in `GET /v0/pipelines/{name}?selector=all`. */
export interface ProgramError {
  sql_compilation?: { exit_code: number; messages: SqlCompilerMessage[] } | null;
  rust_compilation?: { exit_code: number; stdout: string; stderr: string } | null;
  system_error?: string | null;
}

/** What a pipeline runs, as configured: its program and UDFs, whole, and their version (`selector=all`). */
export interface PipelineProgram {
  program_code: string;
  udf_rust: string;
  udf_toml: string;
  program_version: number;
}
