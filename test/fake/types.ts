// The scripts, options and records of the fake Feldera: what a test writes and reads.
import type { LargeText } from './large-text.ts';

export interface ErrorBody {
  message: string | LargeText;
  error_code: string;
  details?: unknown;
}

/**
 * One stretch of the deployment after `/start` (or of the program, in `compile`): a status held for
 * `ms`, or for `reads` status reads that show it (counted: a slow client sees it too), or until the test opens the
 * gate `until` (`release`). With none of them it passes at once.
 */
export interface Phase {
  status: string;
  ms?: number;
  reads?: number;
  until?: string;
}

export interface PipelineScript {
  name: string;
  /** `program_status` before any start; default `Success`. */
  programStatus?: string;
  /**
   * Early start: the program statuses played before provisioning, ending in `Success` or an error.
   * An error's own hold is the runner's delay in noticing it; without one, it records the error at once.
   */
  compile?: Phase[];
  /** Played after `/start` (after compiling), before the target. `AwaitingApproval` holds until `/approve`. */
  phases?: Phase[];
  /** Instead of reaching the target, the runner records this `deployment_error` after the phases. */
  failWith?: ErrorBody;
  /** Instead of reaching the target, someone stops the pipeline (`/stop?force=true`) after the phases. */
  stoppedBySomeoneElse?: boolean;
  /** A `deployment_error` from an earlier run, present before any start. */
  deploymentError?: ErrorBody;
  /** The pipeline is still stopping (desired Stopped) for this many status reads. */
  stoppingReads?: number;
  /**
   * Already started with this `initial`, and now in `status` (someone paused it, say), going to
   * `desired` (default `status`: a pipeline that rests there).
   */
  provisioned?: {
    initial: string;
    status: string;
    desired?: string;
    bootstrap?: { policy: string; silent?: boolean; concurrent?: boolean };
  };
  /** Someone else starts the pipeline with this `initial` just after the first status read: a race with the step's own `/start`. */
  startedMeanwhile?: { initial: string };
  /**
   * Status reads after an accepted `/pause`, `/resume` or `/activate` that still show the old stored
   * status, before the runner's next poll of the pipeline copies its new desired status. Default 1.
   */
  moveLagReads?: number;
  /** The configured `program_code`, which `/diff` compares a proposal with (test/fake/sql.ts); default empty. */
  program?: string;
  /** The configured `udf_rust` and `udf_toml`; default empty. */
  udfRust?: string;
  udfToml?: string;
  /** `program_version` before any change; default 2. Each program change adds one (db/operations/pipeline.rs). */
  programVersion?: number;
  /**
   * The program of the latest checkpoint in the pipeline's storage (Enterprise: a `/stop?force=false`
   * records one too). A start from it with another program bootstraps: AwaitingApproval with the diff.
   */
  checkpointed?: string;
  /** How long the checkpoint of `/stop?force=false` takes (its status is ignored); default 20 ms. */
  checkpointHold?: Omit<Phase, 'status'>;
  /**
   * The checkpoint of `/stop?force=false` fails: the runner stops the pipeline with this error (`true`:
   * a StorageError as the controller reports a failed write); no checkpoint is recorded.
   */
  checkpointFails?: ErrorBody | true;
  /** The compiled program has no dataflow (compiled by a Feldera before it recorded one): `/diff` answers ProgramInfoMissesDataflow. */
  withoutDataflow?: boolean;
  /** `program_error`, in `selector=all` only. */
  programError?: unknown;
  /** The `PipelineDiff` shown while `AwaitingApproval`; `legacy`: the shape before Feldera PR #6564. */
  approvalDiff?: { diff: unknown; legacy?: boolean };
  /**
   * `runtime_config.storage.backend` is `file` with `config.sync` set: what `initial=standby` needs
   * (db/operations/pipeline.rs); without it `/start?initial=standby` answers 400 InitialStandbyNotAllowed.
   */
  fileStorageWithSync?: boolean;
  /**
   * Status reads after `/approve` that still show `AwaitingApproval`: the manager only forwards the
   * call, and the stored status changes when the runner next polls the pipeline. Default 2.
   */
  approveLagReads?: number;
  /**
   * The endpoints `GET /stats` reports once the pipeline process is up. Each plays its states: the
   * last that has come holds (see ConnectorState).
   */
  connectors?: ConnectorScript[];
  /**
   * After reaching its target, the pipeline fails once it has answered `afterReads` status reads at
   * the target (counted, not timed, so that a slow client meets it at the same read); `crash()` fails
   * it on the test's word.
   */
  crash?: { afterReads: number; error: ErrorBody };
  /** `global_metrics.commit_progress` while `Bootstrapping` (a `CommitProgressSummary`). */
  commitProgress?: unknown;
  /** `description`, which a user sets; an older Feldera stored any length (newer ones refuse a long one). */
  description?: string | LargeText;
  /** `GET /logs` replays these, then stays open for ever, as Feldera's does. */
  logLines?: string[];
  /** After the replay, a new log line at once and then this often. */
  logEveryMs?: number;
}

/** An input or output endpoint of `/stats`, scripted over time. */
export interface ConnectorScript {
  name: string;
  direction: 'input' | 'output';
  stream: string;
  states?: ConnectorState[];
}

/** A state comes `at` ms after the pipeline reached its target (0 before), or with its `read`-th `/stats` answer of the run (counted). */
export interface ConnectorState {
  at?: number;
  read?: number;
  health?: { status: 'Healthy' | 'Unhealthy'; description: string | null } | null;
  fatalError?: string | null;
  /** Transport errors counted so far; `error` is the last one's message. */
  errors?: number;
  error?: string;
  records?: number;
  paused?: boolean;
}

export interface FakeRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  authorization: string | undefined;
  tenant: string | undefined;
  at: number;
  /** The request's body, read for the endpoints that take one (`diff`). */
  body?: string;
}

/** A scripted fault for the next `times` requests to an endpoint. */
export type Fault =
  | { kind: 'status'; status: number; body?: string; headers?: Record<string, string> }
  | { kind: 'reset' }
  /** A 200 whose body ends early: the connection closes before `content-length` bytes (of JSON, or of a ZIP with `zip`). */
  | { kind: 'truncated'; zip?: boolean }
  | { kind: 'hang' }
  /** A 200 whose body never ends: a megabyte of JSON-looking text (or after `zip`, a ZIP's first bytes) every few milliseconds until the client goes. */
  | { kind: 'endless'; zip?: boolean }
  | { kind: 'delay'; ms: number }
  /** Answered as Feldera would once `until` resolves: after another request, say. */
  | { kind: 'hold'; until: Promise<unknown> };

export type Endpoint =
  | 'start'
  | 'stop'
  | 'approve'
  | 'pause'
  | 'resume'
  | 'activate'
  | 'dismiss_error'
  | 'status'
  | 'stats'
  | 'logs'
  | 'config'
  | 'list'
  | 'support_bundle'
  | 'events'
  | 'diff'
  | 'patch'
  | 'put';

/** `edition` of `GET /v0/config` (api/endpoints/config.rs). */
export type Edition = 'Open source' | 'Enterprise';

/** An answer the fake made as Feldera (not a scripted fault), for checking against openapi.json. */
export interface FakeResponse {
  method: string;
  path: string;
  query: Record<string, string>;
  endpoint: Endpoint | undefined;
  /** The fake's `version`: which spec the answer is checked against. */
  version: string;
  status: number;
  contentType: string;
  body: string;
  /** When it was sent (performance.now()). */
  at: number;
}

/**
 * How the compiler server compiles a program after a change (`PATCH`, `PUT`): the first script whose
 * `marker` the program's `program_code`, `udf_rust` or `udf_toml` contains.
 */
export interface CompileScript {
  marker: string;
  /**
   * The program statuses played before the outcome, each held as a Phase. Default: `Pending`,
   * `CompilingSql`, `SqlCompiled`, `CompilingRust` for 10 ms each (up to `CompilingSql` for a SqlError).
   */
  phases?: Phase[];
  /** Default `Success`, or `SqlError` when the fake's SQL compiler (sql.ts) finds errors. */
  outcome?: 'Success' | 'SqlError' | 'RustError' | 'SystemError';
  /** `program_error` on a failure; default what the compiler records (sql.ts's messages, a rustc error, a system error). */
  programError?: unknown;
}

export interface FakeOptions {
  pipelines: PipelineScript[];
  /** Compile scripts for the programs a `PATCH` or `PUT` sets (see CompileScript); others compile by default. */
  compiles?: CompileScript[];
  /** The script of a pipeline that a `PUT` creates (its phases, connectors, ...); its name and program are the PUT's. */
  created?: Omit<PipelineScript, 'name' | 'program'>;
  /**
   * Authentication is on when this or `acceptToken` is set (auth.rs): an `apikey:` token must be
   * this key, else the JSON `AuthenticationFailed`; a missing header is a bare 401.
   */
  apiKey?: string;
  /**
   * Decides on a bearer token that is not an API key (a JWT): `true` accepts it; `false` or a
   * string refuses it with a bare 401 and `WWW-Authenticate: Bearer error_description="…"` (the
   * string, else the manager's "No OIDC trust relationship matches this token").
   */
  acceptToken?: (token: string) => boolean | string;
  /**
   * What `GET /v0/config` says the build is. Default `Open source`, what the build without the
   * `feldera-enterprise` feature reports (and `node test/fake-feldera.ts` serves): `/stop?force=false`
   * answers 501 EnterpriseFeature, and a standby pipeline fails to initialize.
   */
  edition?: Edition;
  /**
   * `version` of `GET /v0/config`, and every pipeline's `platform_version`. Default `0.337.0`. From
   * `0.375.0` on, the answers take 0.375's shapes: `allow_rust_udfs` in the configuration,
   * `deployment_config` in a pipeline, `platform_version` and `runtime_version` in `/stats` and
   * `paused` on its output endpoints, and `/logs?follow=false`.
   */
  version?: string;
  /** Answer `GET /events` as a Feldera before 0.292 does, which has no such route: an empty 404 (DRIFT.md). A `version` before 0.292 does the same. */
  noEvents?: boolean;
  /** Serve under a path prefix, as behind a reverse proxy (`/feldera`). */
  prefix?: string;
  /** Serve HTTPS with this key and certificate (PEM). */
  tls?: { key: string; cert: string };
}
