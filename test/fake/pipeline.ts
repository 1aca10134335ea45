// The fake's state: what the manager stores of each pipeline, and what the fake keeps for the tests.
import { answersAsNewest } from '../fixtures.ts';
import type { MonitorEvent } from './events.ts';
import type { LargeText } from './large-text.ts';
import type { Edition, ErrorBody, FakeOptions, PipelineScript } from './types.ts';

export interface Pipeline {
  script: PipelineScript;
  programStatus: string;
  deploymentStatus: string;
  /** `deployment_resources_desired_status`. */
  resourcesDesired: 'Stopped' | 'Provisioned';
  initial: string | null;
  runtimeDesired: string | null;
  error: ErrorBody | null;
  deploymentId: string | null;
  /** `bootstrap_policy`, `silent_bootstrap`, `concurrent_bootstrap`: set by `/start`, cleared by a stop. */
  bootstrap: Bootstrap | null;
  /** The pipeline process's own policy, which `/approve` sets to allow (adapters/src/server.rs). */
  approved: boolean;
  /** Status reads left that still show AwaitingApproval after `/approve`. */
  approveLag: number;
  /** `deployment_runtime_status_details` while the runner set the status, not the pipeline. */
  runnerReason: string | null;
  since: string;
  /** When it reached its target (performance.now()): the clock of its connectors' scripts. */
  reachedAt: number | undefined;
  /** Status reads answered since it reached its target: the clock of `crash.afterReads`. */
  readsAtTarget: number;
  onApprove: (() => void) | undefined;
  /** Each `/start` that is not a repeat plays the script anew. */
  run: number;
  /** Status reads left before a stop in progress ends: counted, not timed, so a slow client sees it too. */
  stoppingReads: number;
  /**
   * The pipeline process's own desired status (adapters/src/server.rs `desired_status`), once a
   * `/pause`, `/resume` or `/activate` set it; null: what the runner stored.
   */
  processDesired: string | null;
  /** What the stored status does after each of the next status reads: the runner's poll catching up with a move. */
  following: (() => void)[];
  /** `startedMeanwhile` happened. */
  raced: boolean;
  /** A phase held for status reads: how many are left, and what goes on after the last. */
  readHold: { left: number; resolve: () => void } | undefined;
  /** `/stats` answers of this run: the clock of connector states scripted by `read`. */
  statsReads: number;
  /** The manager's monitor events, oldest first: one on every change of a status (events.ts). */
  events: MonitorEvent[];
  /** The stored program and configurations, which `PATCH` and `PUT` change (update.ts). */
  stored: Stored;
  programVersion: number;
  version: number;
  refreshVersion: number;
  programSince: string;
  /** `program_error` the compiler recorded; null: the script's, or none. */
  programError: unknown;
  storage: 'Cleared' | 'InUse';
  /** The program of the latest checkpoint, if any (checkpoint.ts). */
  checkpoint: string | null;
  /** The approval diff of a bootstrap from the checkpoint, computed at the start. */
  approvalDiff: unknown;
  /** Each program change compiles anew; an older compile sees that it is no longer current. */
  compileRun: number;
  /** Resolves when the compile under way ends: an early start waits for it. */
  compiling: Promise<void> | undefined;
  id: string;
  createdAt: string;
  /** Client metadata, which a `PATCH` may change at any time. */
  description: string | LargeText;
  tags: string[];
}

/** What `PATCH` and `PUT` can change, as the manager stores it. */
export interface Stored {
  program_code: string;
  udf_rust: string;
  udf_toml: string;
  program_config: Record<string, unknown>;
  runtime_config: Record<string, unknown>;
}

export interface Bootstrap {
  bootstrap_policy: string;
  silent_bootstrap: boolean;
  concurrent_bootstrap: boolean;
}

/** What the fake keeps beside the pipelines: shared by the modules that play the manager's parts. */
export interface FakeState {
  readonly options: FakeOptions;
  readonly pipelines: Map<string, Pipeline>;
  /** Every `deployment_status` each pipeline went through, with when (performance.now()). */
  readonly timeline: { pipeline: string; status: string; at: number }[];
  readonly timers: Set<NodeJS.Timeout>;
  readonly streams: Set<NodeJS.Timeout>;
  readonly released: Set<string>;
  readonly gated: { gate: string; resolve: () => void }[];
  /** Requests refused with 401. */
  refused: number;
  /** Every support bundle served, as its bytes. */
  readonly bundles: Buffer[];
}

export const INITIALS: Record<string, string> = { running: 'Running', paused: 'Paused', standby: 'Standby' };
/** Where a deployed pipeline rests, its controller idle or running. */
export const RESTING = new Set(['Running', 'Paused', 'Standby']);
/** The statuses the pipeline reports with its controller up: details carry connector stats (adapters/src/server.rs). */
export const CONTROLLER_STATUSES = new Set([
  'Running',
  'Paused',
  'Bootstrapping',
  'ConcurrentBootstrapping',
  'Synchronizing',
  'Replaying',
]);
export const COMPILATION_ERRORS = new Set(['SqlError', 'RustError', 'SystemError']);

export type Send = (
  status: number,
  body: unknown,
  options?: { contentType?: string; headers?: Record<string, string>; raw?: boolean },
) => void;

/** What the stored status shows: AwaitingApproval lingers until the runner's next poll after an approve. */
export function reported(pipeline: Pipeline): string {
  return pipeline.approveLag > 0 ? 'AwaitingApproval' : pipeline.deploymentStatus;
}

export function desired(pipeline: Pipeline): string {
  if (pipeline.resourcesDesired === 'Stopped') return 'Stopped';
  return pipeline.runtimeDesired ?? pipeline.initial ?? 'Stopped';
}

export function edition(fake: FakeState): Edition {
  return fake.options.edition ?? 'Open source';
}

export function version(fake: FakeState): string {
  return fake.options.version ?? '0.337.0';
}

export function prefix(fake: FakeState): string {
  return fake.options.prefix ?? '';
}

/** `ProgramConfig` with the manager's defaults, as it stores one given as `{}`. */
export function defaultProgramConfig(): Record<string, unknown> {
  return { profile: 'optimized', cache: true, runtime_version: null, use_platform_compiler: false };
}

/** `RuntimeConfig::default()` as the manager of `version` stores it (the examples of its openapi.json, 8 workers). */
export function defaultRuntimeConfig(fake: FakeState): Record<string, unknown> {
  const common = { workers: 8, hosts: 1, cpu_profiler: true, tracing: false, tracing_endpoint_jaeger: '' };
  const resources = { cpu_cores_min: null, cpu_cores_max: null, storage_class: null, service_account_name: null };
  const rest = {
    clock_timezone_offset: null,
    pin_cpus: [],
    max_parallel_connector_init: null,
    init_containers: null,
    checkpoint_during_suspend: true,
    http_workers: null,
    io_workers: null,
    env: {},
    dev_tweaks: {},
    logging: null,
    pipeline_template_configmap: null,
  };
  if (answersAsNewest(version(fake))) {
    return {
      ...common,
      storage: { backend: { name: 'default' }, compression: 'default', compression_level: null },
      fault_tolerance: { model: 'none' },
      min_batch_size_records: 0,
      resources: { ...resources, namespace: null },
      ...rest,
    };
  }
  return {
    ...common,
    max_rss_mb: null,
    datafusion_memory_mb: null,
    storage: {
      backend: { name: 'default' },
      min_storage_bytes: null,
      min_step_storage_bytes: null,
      compression: 'default',
      cache_mib: null,
    },
    fault_tolerance: { model: 'none', checkpoint_interval_secs: 60 },
    min_batch_size_records: 0,
    max_buffering_delay_usecs: 0,
    resources: { ...resources, memory_mb_min: null, memory_mb_max: null, storage_mb_max: null, namespace: null },
    clock_resolution_usecs: 1000000,
    provisioning_timeout_secs: null,
    ...rest,
  };
}
