import type { BootstrapPolicy, Initial, PipelineDiff } from '../feldera/types.ts';
import type { ConnectorErrorsMode } from './verdict.ts';
import type { IfDeployed } from './transition.ts';
import type { Proxies } from './proxy.ts';

/** What the step does, as its inputs and environment say (readConfig in inputs.ts). */
export interface Config {
  /** One or more, in the order given, each once. */
  readonly pipelineNames: readonly string[];
  /** Ends with `/`, so that `new URL('v0/…', apiUrl)` keeps a path prefix. */
  readonly apiUrl: URL;
  readonly apiKey: string | undefined;
  readonly initial: Initial;
  /** A pipeline already deployed: moved to `initial` (`converge`), or started as Feldera decides (`fail`). */
  readonly ifDeployed: IfDeployed;
  readonly bootstrapPolicy: BootstrapPolicy;
  /** Bootstrap with the output connectors off: sinks do not get the views' contents again. */
  readonly silentBootstrap: boolean;
  /** Bootstrap new and modified views in the background while the others stay live. */
  readonly concurrentBootstrap: boolean;
  readonly autoApprove: boolean;
  /**
   * `reloadable_tables` of Feldera's Python client: with bootstrap-policy allow, the tables a bootstrap
   * may reload; the step starts with await_approval and approves only when it reloads no other.
   * Undefined: not set, any table may be reloaded; empty: none may.
   */
  readonly reloadableTables: readonly string[] | undefined;
  readonly dismissError: boolean;
  readonly wait: boolean;
  readonly timeoutMs: number;
  readonly pollIntervalMs: number;
  readonly requestTimeoutMs: number;
  /**
   * The SQL's path in the repository, for annotations on its lines and the program a plan proposes;
   * `{name}` in it stands for each pipeline's name (sqlFileOf).
   */
  readonly sqlFile: string | undefined;
  readonly logs: Logs;
  /** How long to watch the pipeline's health after the target; 0: one check. */
  readonly healthWindowMs: number;
  readonly connectorErrors: ConnectorErrorsMode;
  /** After a Timeout, a cancel or a failed health check, stop the pipeline this step started. */
  readonly stopOnFailure: boolean;
  /** In the post step, stop the pipeline this step started, whatever the job's result. */
  readonly stopAtJobEnd: boolean;
  /** A GitHub environment to record a deployment to; undefined: none. */
  readonly environment: string | undefined;
  readonly githubToken: string | undefined;
  /** Authenticate with a GitHub ID token for this audience instead of an API key. */
  readonly oidcAudience: string | undefined;
  /**
   * The file feldera/oidc-auth-action keeps a fresh ID token in (FELDERA_OIDC_TOKEN_FILE), read
   * before every request; only when no credential input is given.
   */
  readonly oidcTokenFile: string | undefined;
  /** Sent as `Feldera-Tenant` on every request. */
  readonly tenant: string | undefined;
  /** From HTTP_PROXY, HTTPS_PROXY and NO_PROXY. */
  readonly proxy: Proxies;
  /** When to upload the pipeline's support bundle as a workflow artifact. */
  readonly supportBundle: SupportBundleMode;
  /** The parts asked for; undefined: Feldera's default (all of them). */
  readonly supportBundleParts: readonly SupportBundlePart[] | undefined;
  readonly supportBundleRetentionDays: number;
  /** Per pipeline, the only changes auto-approve may approve; undefined: any. */
  readonly expectedDiff: ReadonlyMap<string, PipelineDiff> | undefined;
  /** Start nothing: ask Feldera what the program of sql-file would change (`POST /diff`), and report it. */
  readonly plan: boolean;
  /** `runtime_version` of the plan's `/diff`; undefined: the platform's runtime. */
  readonly runtimeVersion: string | undefined;
  /** Make the pipeline run the program of sql-file (and the UDF files given): checked, stopped, updated, compiled. */
  readonly updateProgram: boolean;
  /** Stop for the update without a checkpoint (`/stop?force=true`); else a checkpoint first (Enterprise). */
  readonly forceStop: boolean;
  /** The Rust UDFs' path in the repository (`udf_rust`); `{name}` as in sql-file. Undefined: left as they are. */
  readonly udfRustFile: string | undefined;
  /** The UDFs' Cargo dependencies (`udf_toml`); `{name}` as in sql-file. Undefined: left as they are. */
  readonly udfTomlFile: string | undefined;
}

/** The SQL file of one pipeline: sql-file with `{name}` replaced by the pipeline's name. */
export function sqlFileOf(config: Pick<Config, 'sqlFile'>, pipelineName: string): string | undefined {
  return fileOf(config.sqlFile, pipelineName);
}

/** A file input of one pipeline: `{name}` in it replaced by the pipeline's name. */
export function fileOf(path: string | undefined, pipelineName: string): string | undefined {
  return path?.replaceAll('{name}', pipelineName);
}

export type SupportBundleMode = 'never' | 'on-failure' | 'always';

/** The query parameters of `GET /support_bundle` that pick a part, each true by default (support_data_collector.rs). */
export const SUPPORT_BUNDLE_PARTS = [
  'circuit_profile',
  'heap_profile',
  'metrics',
  'logs',
  'stats',
  'pipeline_config',
  'system_config',
  'dataflow_graph',
  'pipeline_events',
] as const;
type SupportBundlePart = (typeof SUPPORT_BUNDLE_PARTS)[number];

/** When to read the pipeline's log into the step's log and summary. */
export type Logs = 'on-failure' | 'always' | 'never';
