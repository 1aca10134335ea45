// A fake Feldera pipeline manager: a real HTTP server on 127.0.0.1 that plays the state machine of
// API.md 2.4 with scripted phases (held for a time, for a number of status reads, or until the test
// releases them), answers with openapi.json's field names and enum
// spellings, and logs every request it gets. Where it can, it answers as the manager's source does
// (crates/pipeline-manager/src at API.md's commit; the file is named beside each rule). With
// `version: '0.375.0'` (or newer) it answers in the shapes of Feldera 0.375 instead, where they
// differ for what it serves (test/feldera-spec/openapi-0.375.0.json). Node runs
// this file as it is (type stripping), so the demo and the CI job can serve it too:
// `node test/fake-feldera.ts [port]`.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { answersAsNewest, connectorError, controllerStatusBody, inputEndpoint, outputEndpoint, pipelineDiff } from './fixtures.ts';

export interface ErrorBody {
  message: string | LargeText;
  error_code: string;
  details?: unknown;
}

/**
 * A string of `bytes` bytes in the body: `head`, then lines of a stack trace, as a panic's message
 * and backtrace carry. The fake streams it while it writes the answer, at the pace the client reads,
 * so that an answer of 200 MB costs the fake no memory. Put one wherever an answer has a string.
 */
export class LargeText {
  readonly head: string;
  readonly bytes: number;

  constructor(head: string, bytes: number) {
    this.head = head;
    this.bytes = bytes;
  }

  /** The placeholder that `send` replaces by the text itself. */
  toJSON(): string {
    return `\u0000large:${this.bytes}:${encodeURIComponent(this.head)}\u0000`;
  }
}

/** A LargeText's placeholder, as JSON.stringify writes it. */
const LARGE_TEXT = /"\\u0000large:(\d+):([^"\\]*)\\u0000"/g;
/** What fills a LargeText after its head: a backtrace's lines, JSON-escaped. */
const BACKTRACE = Buffer.from(
  JSON.stringify(
    Array.from({ length: 400 }, (_, i) => `  ${i}: dbsp::circuit::runtime::Runtime::run::{{closure}}\n             at crates/dbsp/src/circuit/runtime.rs:${i}:9\n`).join(''),
  ).slice(1, -1),
);

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
  provisioned?: { initial: string; status: string; desired?: string; bootstrap?: { policy: string; silent?: boolean; concurrent?: boolean } };
  /** Someone else starts the pipeline with this `initial` just after the first status read: a race with the step's own `/start`. */
  startedMeanwhile?: { initial: string };
  /**
   * Status reads after an accepted `/pause`, `/resume` or `/activate` that still show the old stored
   * status, before the runner's next poll of the pipeline copies its new desired status. Default 1.
   */
  moveLagReads?: number;
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
}

/** A scripted fault for the next `times` requests to an endpoint. */
export type Fault =
  | { kind: 'status'; status: number; body?: string; headers?: Record<string, string> }
  | { kind: 'reset' }
  /** A 200 whose body ends early: the connection closes before `content-length` bytes. */
  | { kind: 'truncated' }
  | { kind: 'hang' }
  /** A 200 whose body never ends: a megabyte of JSON-looking text every few milliseconds until the client goes. */
  | { kind: 'endless' }
  | { kind: 'delay'; ms: number }
  /** Answered as Feldera would once `until` resolves: after another request, say. */
  | { kind: 'hold'; until: Promise<unknown> };

export type Endpoint = 'start' | 'stop' | 'approve' | 'pause' | 'resume' | 'activate' | 'dismiss_error' | 'status' | 'stats' | 'logs' | 'config' | 'list';

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

export interface FakeOptions {
  pipelines: PipelineScript[];
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
  /** Serve under a path prefix, as behind a reverse proxy (`/feldera`). */
  prefix?: string;
  /** Serve HTTPS with this key and certificate (PEM). */
  tls?: { key: string; cert: string };
}

interface Pipeline {
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
}

interface Bootstrap {
  bootstrap_policy: string;
  silent_bootstrap: boolean;
  concurrent_bootstrap: boolean;
}

const INITIALS: Record<string, string> = { running: 'Running', paused: 'Paused', standby: 'Standby' };
/** Where a deployed pipeline rests, its controller idle or running. */
const RESTING = new Set(['Running', 'Paused', 'Standby']);
/** `RuntimeDesiredStatus` in snake case, as `/activate?initial=` takes it. */
const RUNTIME_DESIRED = new Set(['unavailable', 'coordination', 'standby', 'paused', 'running', 'suspended']);
/** The statuses the pipeline reports with its controller up: details carry connector stats (adapters/src/server.rs). */
const CONTROLLER_STATUSES = new Set(['Running', 'Paused', 'Bootstrapping', 'ConcurrentBootstrapping', 'Synchronizing', 'Replaying']);
const NO_TRUST = 'No OIDC trust relationship matches this token';
const POLICIES = new Set(['allow', 'reject', 'await_approval']);
const COMPILATION_ERRORS = new Set(['SqlError', 'RustError', 'SystemError']);

export class FakeFeldera {
  readonly requests: FakeRequest[] = [];
  /** Every answer made as Feldera, in order. */
  readonly responses: FakeResponse[] = [];
  /** Requests refused with 401. */
  refused = 0;
  /** Every `deployment_status` each pipeline went through, with when (performance.now()). */
  readonly timeline: { pipeline: string; status: string; at: number }[] = [];
  private readonly pipelines = new Map<string, Pipeline>();
  private readonly faults: { endpoint: Endpoint; fault: Fault; times: number; skip: number; when: (request: FakeRequest) => boolean }[] = [];
  /** Told of each request as it arrives, before it is answered: a test may script a fault for it, or act at that moment. */
  onRequest: ((request: FakeRequest, endpoint: Endpoint | undefined) => void) | undefined;
  private readonly options: FakeOptions;
  private readonly server: Server;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly streams = new Set<NodeJS.Timeout>();
  private readonly released = new Set<string>();
  private readonly gated: { gate: string; resolve: () => void }[] = [];
  private readonly arrivals: { endpoint: Endpoint; count: number; resolve: () => void }[] = [];
  url = '';

  constructor(options: FakeOptions) {
    this.options = options;
    for (const script of options.pipelines) this.pipelines.set(script.name, this.initialState(script));
    const handler = (request: IncomingMessage, response: ServerResponse) => this.handle(request, response);
    this.server = options.tls ? createTlsServer(options.tls, handler) : createServer(handler);
  }

  static async start(options: FakeOptions, port = 0): Promise<FakeFeldera> {
    const fake = new FakeFeldera(options);
    await new Promise<void>((resolve) => fake.server.listen(port, '127.0.0.1', resolve));
    const { port: bound } = fake.server.address() as AddressInfo;
    fake.url = `${options.tls ? 'https' : 'http'}://127.0.0.1:${bound}${options.prefix ?? ''}`;
    return fake;
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    for (const timer of this.streams) clearInterval(timer);
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Someone deletes the pipeline: from now on, the manager knows no such pipeline. */
  delete(name: string): void {
    this.pipelines.delete(name);
  }

  /** The pipeline fails now: the runner records `error` and stops it. */
  crash(name: string, error: ErrorBody): void {
    const pipeline = this.pipelines.get(name);
    if (pipeline) this.failWith(pipeline, error);
  }

  /** Opens the gate `gate`: phases held there go on, and later ones pass it at once. */
  release(gate: string): void {
    this.released.add(gate);
    for (const waiter of this.gated.filter((entry) => entry.gate === gate)) {
      this.gated.splice(this.gated.indexOf(waiter), 1);
      waiter.resolve();
    }
  }

  /** Resolves once `count` requests to `endpoint` have come, the last one answered (or met its fault). */
  arrival(endpoint: Endpoint, count = 1): Promise<void> {
    if (this.calls(endpoint).length >= count) return Promise.resolve();
    return new Promise((resolve) => this.arrivals.push({ endpoint, count, resolve }));
  }

  /**
   * The next `times` requests to `endpoint` get `fault` instead of their answer: of those `when` picks
   * (`selector=all` reads, say), after `skip` of them answered as usual.
   */
  fault(endpoint: Endpoint, fault: Fault, times = 1, pick: { skip?: number; when?: (request: FakeRequest) => boolean } = {}): void {
    this.faults.push({ endpoint, fault, times, skip: pick.skip ?? 0, when: pick.when ?? (() => true) });
  }

  /** Requests to one endpoint of one pipeline, such as `start` or `status`. */
  calls(endpoint: Endpoint): FakeRequest[] {
    return this.requests.filter((request) => endpointOf(request.method, request.path, this.prefix()) === endpoint);
  }

  private prefix(): string {
    return this.options.prefix ?? '';
  }

  private initialState(script: PipelineScript): Pipeline {
    const pipeline: Pipeline = {
      script,
      programStatus: script.programStatus ?? 'Success',
      deploymentStatus: 'Stopped',
      resourcesDesired: 'Stopped',
      initial: null,
      runtimeDesired: null,
      error: script.deploymentError ?? null,
      deploymentId: null,
      bootstrap: null,
      approved: false,
      approveLag: 0,
      runnerReason: null,
      since: new Date().toISOString(),
      reachedAt: undefined,
      readsAtTarget: 0,
      onApprove: undefined,
      run: 0,
      stoppingReads: 0,
      processDesired: null,
      following: [],
      raced: false,
      readHold: undefined,
      statsReads: 0,
    };
    if (script.provisioned) {
      const { initial, status, desired, bootstrap } = script.provisioned;
      pipeline.resourcesDesired = 'Provisioned';
      pipeline.initial = INITIALS[initial] ?? null;
      pipeline.runtimeDesired = desired ?? status;
      pipeline.bootstrap = {
        bootstrap_policy: bootstrap?.policy ?? 'await_approval',
        silent_bootstrap: bootstrap?.silent ?? false,
        concurrent_bootstrap: bootstrap?.concurrent ?? false,
      };
      pipeline.deploymentId = randomUUID();
      this.setStatus(pipeline, script.provisioned.status);
    }
    if (script.stoppingReads !== undefined) {
      this.setStatus(pipeline, 'Stopping');
      pipeline.stoppingReads = script.stoppingReads;
    }
    return pipeline;
  }

  private setStatus(pipeline: Pipeline, status: string, runnerReason: string | null = null): void {
    pipeline.deploymentStatus = status;
    pipeline.runnerReason = runnerReason;
    pipeline.since = new Date().toISOString();
    this.timeline.push({ pipeline: pipeline.script.name, status, at: performance.now() });
  }

  private after(ms: number, action: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      action();
    }, ms);
    this.timers.add(timer);
  }

  private wait(ms: number): Promise<void> {
    return new Promise((resolve) => this.after(ms, resolve));
  }

  /** Waits out a phase: its time, its status reads or its gate. */
  private hold(pipeline: Pipeline, phase: Phase): Promise<void> {
    if (phase.until !== undefined) {
      if (this.released.has(phase.until)) return Promise.resolve();
      return new Promise((resolve) => this.gated.push({ gate: phase.until!, resolve }));
    }
    if (phase.reads) {
      // A new run's hold replaces the old run's, which then sees that it is no longer current.
      pipeline.readHold?.resolve();
      return new Promise((resolve) => (pipeline.readHold = { left: phase.reads!, resolve }));
    }
    return phase.ms ? this.wait(phase.ms) : Promise.resolve();
  }

  /** A status read served the pipeline's status (alone or in the list): the reads it counts move on. */
  private served(pipeline: Pipeline): void {
    // A read that still showed AwaitingApproval after an approve did not see the phase held.
    const shown = this.reported(pipeline) === pipeline.deploymentStatus;
    if (pipeline.approveLag > 0) pipeline.approveLag--;
    if (pipeline.stoppingReads > 0 && --pipeline.stoppingReads === 0) this.stopped(pipeline);
    const hold = pipeline.readHold;
    if (hold && shown && --hold.left === 0) {
      pipeline.readHold = undefined;
      hold.resolve();
    }
  }

  private edition(): Edition {
    return this.options.edition ?? 'Open source';
  }

  private version(): string {
    return this.options.version ?? '0.337.0';
  }

  /** The runner's work after `/start`: compile (early start), provision, the phases, the target or a failure. */
  private async play(pipeline: Pipeline, run: number): Promise<void> {
    const current = () => pipeline.run === run && pipeline.resourcesDesired === 'Provisioned';
    const script = pipeline.script;
    for (const step of script.compile ?? []) {
      pipeline.programStatus = step.status;
      await this.hold(pipeline, step);
      if (!current()) return;
    }
    if (COMPILATION_ERRORS.has(pipeline.programStatus)) {
      // The runner notices at its next poll (2.5 s): here once the error's own step has held.
      this.failWith(pipeline, compilationFailure(pipeline.programStatus), false);
      return;
    }
    pipeline.deploymentId = randomUUID();
    let provisioned = false;
    for (const phase of script.phases ?? [
      { status: 'Provisioning', ms: 20 },
      { status: 'Initializing', ms: 20 },
    ]) {
      if (phase.status === 'AwaitingApproval') {
        if (pipeline.approved || pipeline.bootstrap?.bootstrap_policy === 'allow') continue;
        if (pipeline.bootstrap?.bootstrap_policy === 'reject') {
          this.failWith(pipeline, {
            message: 'Operation failed because the pipeline failed to initialize. Error details: Bootstrapping of the modified pipeline was rejected by the user.',
            error_code: 'InitializationError',
            details: null,
          });
          return;
        }
        this.setStatus(pipeline, 'AwaitingApproval');
        await new Promise<void>((resolve) => (pipeline.onApprove = resolve));
        pipeline.onApprove = undefined;
        if (!current()) return;
        this.setStatus(pipeline, 'Initializing');
        continue;
      }
      // The runner sets Initializing itself when the resources are up (runner/pipeline_automata.rs),
      // and Unavailable, with desired Unavailable, when the pipeline does not answer its poll.
      const byRunner = (phase.status === 'Initializing' && !provisioned) || phase.status === 'Unavailable';
      if (phase.status !== 'Provisioning') provisioned = true;
      pipeline.runtimeDesired = phase.status === 'Unavailable' ? 'Unavailable' : pipeline.processDesired;
      this.setStatus(pipeline, phase.status, byRunner ? runnerReason(phase.status) : null);
      await this.hold(pipeline, phase);
      if (!current()) return;
    }
    pipeline.runtimeDesired = null;
    if (script.failWith) return this.failWith(pipeline, script.failWith);
    if (script.stoppedBySomeoneElse) return this.stop(pipeline);
    if (pipeline.initial === 'Standby' && this.edition() === 'Open source') {
      // The pipeline's continuous checkpoint pull is Enterprise-only (adapters/src/controller.rs).
      return this.failWith(pipeline, {
        message: 'Cannot use enterprise-only feature (standby) in Feldera community edition.',
        error_code: 'EnterpriseFeature',
        details: null,
      });
    }
    // The controller starts in the process's desired status: `initial`, or where a move during initialization set it.
    const target = pipeline.processDesired ?? pipeline.initial ?? 'Running';
    pipeline.runtimeDesired = target;
    this.setStatus(pipeline, target);
    pipeline.reachedAt = performance.now();
    pipeline.readsAtTarget = 0;
  }

  /** A status read that `shown` the target (not an AwaitingApproval that lingers): the `crash.afterReads`-th fails the pipeline. */
  private countReadAtTarget(pipeline: Pipeline, shown: boolean): void {
    const crash = pipeline.script.crash;
    if (crash?.afterReads === undefined || pipeline.reachedAt === undefined || pipeline.resourcesDesired !== 'Provisioned' || !shown) return;
    if (++pipeline.readsAtTarget === crash.afterReads) this.failWith(pipeline, crash.error);
  }

  /** The runner records the error and desired Stopped in one transaction, then tears down. */
  private failWith(pipeline: Pipeline, error: ErrorBody, provisioned = true): void {
    pipeline.error = error;
    if (provisioned) return this.stop(pipeline);
    this.desireStopped(pipeline);
  }

  /**
   * Desired Stopped (`/stop?force=true`, or the runner after an error). Stopped resources forget
   * `deployment_initial` and the bootstrap settings at once, others when they become Stopping
   * (db/operations/pipeline.rs).
   */
  private desireStopped(pipeline: Pipeline): void {
    pipeline.resourcesDesired = 'Stopped';
    pipeline.runtimeDesired = null;
    pipeline.processDesired = null;
    pipeline.following = [];
    pipeline.approveLag = 0;
    if (pipeline.deploymentStatus === 'Stopped') {
      pipeline.initial = null;
      pipeline.bootstrap = null;
    }
    // A play waiting for approval ends; it sees that it is no longer current.
    pipeline.onApprove?.();
  }

  /** Stopping for one status read, then Stopped: counted, so that every client sees the stop under way. */
  private stop(pipeline: Pipeline): void {
    this.desireStopped(pipeline);
    if (pipeline.deploymentStatus === 'Stopped' || pipeline.deploymentStatus === 'Stopping') return;
    pipeline.initial = null;
    pipeline.bootstrap = null;
    this.setStatus(pipeline, 'Stopping');
    pipeline.stoppingReads = 1;
  }

  private stopped(pipeline: Pipeline): void {
    pipeline.deploymentId = null;
    this.setStatus(pipeline, 'Stopped');
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const url = new URL(request.url ?? '/', 'http://fake');
    const entry: FakeRequest = {
      method: request.method ?? '',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      authorization: request.headers.authorization,
      tenant: request.headers['feldera-tenant'] as string | undefined,
      at: performance.now(),
    };
    this.requests.push(entry);
    const endpoint = endpointOf(entry.method, entry.path, this.prefix());
    this.onRequest?.(entry, endpoint);
    this.dispatch(endpoint, entry, request, response);
    for (const waiter of this.arrivals.filter((entry) => entry.endpoint === endpoint && this.calls(endpoint).length >= entry.count)) {
      this.arrivals.splice(this.arrivals.indexOf(waiter), 1);
      waiter.resolve();
    }
  }

  /** A scripted fault, or the answer Feldera would give. */
  private dispatch(endpoint: Endpoint | undefined, entry: FakeRequest, request: IncomingMessage, response: ServerResponse): void {
    const scripted = this.faults.find((fault) => fault.endpoint === endpoint && fault.times > 0 && fault.when(entry));
    if (scripted && scripted.skip > 0) scripted.skip--;
    else if (scripted) {
      scripted.times--;
      const fault = scripted.fault;
      if (fault.kind === 'reset') return void request.socket.destroy();
      if (fault.kind === 'hang') return;
      if (fault.kind === 'truncated') {
        response.writeHead(200, { 'content-type': 'application/json', 'content-length': '4096' });
        response.write('{"name": "p", "deployment_status": "Runn');
        return void setTimeout(() => request.socket.destroy(), 10);
      }
      if (fault.kind === 'endless') {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.write('{"name": "');
        const megabyte = 'x'.repeat(1 << 20);
        // No faster than the client reads, as a server's socket would have it.
        const timer = setInterval(() => response.writableNeedDrain || response.write(megabyte), 5);
        this.streams.add(timer);
        return void response.on('close', () => clearInterval(timer));
      }
      if (fault.kind === 'status') {
        response.writeHead(fault.status, { 'content-type': 'text/html', ...fault.headers });
        return void response.end(fault.body ?? '');
      }
      if (fault.kind === 'hold') return void fault.until.then(() => this.answer(endpoint, entry, response));
      return this.after(fault.ms, () => this.answer(endpoint, entry, response));
    }
    this.answer(endpoint, entry, response);
  }

  /** Sends an answer as Feldera would, and records it. */
  private send(
    request: FakeRequest,
    response: ServerResponse,
    status: number,
    body: unknown,
    options: { contentType?: string; headers?: Record<string, string>; raw?: boolean } = {},
  ): void {
    const contentType = options.contentType ?? 'application/json';
    const text = options.raw ? String(body) : JSON.stringify(body);
    response.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-cache', ...options.headers });
    if (text.includes('\\u0000large:')) void streamLarge(response, text);
    else response.end(text);
    const endpoint = endpointOf(request.method, request.path, this.prefix());
    this.responses.push({
      method: request.method,
      path: request.path,
      query: request.query,
      endpoint,
      version: this.version(),
      status,
      contentType,
      body: text,
      at: performance.now(),
    });
  }

  /** Whether the auth layer refused the request, answering it (auth.rs). */
  private refusal(request: FakeRequest, response: ServerResponse): boolean {
    const { apiKey, acceptToken } = this.options;
    // Without an auth provider, the manager ignores the header.
    if (apiKey === undefined && !acceptToken) return false;
    const token = /^Bearer (.+)$/.exec(request.authorization ?? '')?.[1];
    let verdict: boolean | string;
    if (token === undefined) verdict = false;
    else if (token.startsWith('apikey:')) verdict = token === apiKey;
    else verdict = acceptToken?.(token) ?? (issuerOf(token) ? NO_TRUST : 'Malformed JWT: missing iss claim');
    if (verdict === true) return false;
    this.refused++;
    if (token?.startsWith('apikey:')) {
      // Feldera's body for a bad key, which actix sends as text/plain.
      this.send(request, response, 401, { message: 'Unauthorized API key', error_code: 'AuthenticationFailed' }, { contentType: 'text/plain' });
    } else {
      // actix-web-httpauth's refusal: no body, the reason in the challenge (none for a missing header).
      const challenge = token === undefined ? 'Bearer' : `Bearer error_description="${typeof verdict === 'string' ? verdict : NO_TRUST}"`;
      this.send(request, response, 401, '', { raw: true, contentType: 'text/plain', headers: { 'www-authenticate': challenge } });
    }
    return true;
  }

  private answer(endpoint: Endpoint | undefined, request: FakeRequest, response: ServerResponse): void {
    const send: Send = (status, body, options) => this.send(request, response, status, body, options);
    const api = request.path.startsWith(`${this.prefix()}/v0/`);
    // Only /v0 is behind the auth layer; elsewhere the web console's files are (api/main.rs).
    if (api && this.refusal(request, response)) return;
    if (endpoint === 'config') return send(200, this.configuration());
    // `GET /v0/pipelines?selector=…`: every pipeline, each as `GET /v0/pipelines/{name}` gives it (pipeline_management.rs list_pipelines).
    if (endpoint === 'list') {
      const pipelines = [...this.pipelines.values()];
      send(
        200,
        pipelines.map((pipeline) => this.statusBody(pipeline, request.query.selector ?? 'all')),
      );
      for (const pipeline of pipelines) {
        this.afterRead(pipeline);
        this.served(pipeline);
      }
      return;
    }
    // Query parameters are parsed before the handler runs: a bad one is actix's plain-text 400.
    const flags = parseFlags(request.query, endpoint, this.version());
    if (typeof flags === 'string') return send(400, `Query deserialize error: ${flags}`, { raw: true, contentType: 'text/plain; charset=utf-8' });
    if (endpoint === 'start' || endpoint === 'approve') {
      if (flags.silent_bootstrap && flags.concurrent_bootstrap) {
        const reason = '`silent_bootstrap` and `concurrent_bootstrap` are mutually exclusive; set at most one';
        return send(400, { message: `Invalid bootstrap configuration: ${reason}`, error_code: 'InvalidBootstrapConfig', details: { reason } });
      }
    }
    if (endpoint === 'start' && !INITIALS[request.query.initial ?? 'running']) {
      const initial = request.query.initial;
      return send(405, {
        message: `Unsupported pipeline action '/start?initial=${initial}': unknown initial runtime desired status: ${initial}`,
        error_code: 'UnsupportedPipelineAction',
        details: { action: `/start?initial=${initial}`, reason: `unknown initial runtime desired status: ${initial}` },
      });
    }
    // `ActivateParams` is parsed before the handler runs, as snake_case RuntimeDesiredStatus (feldera-types query_params.rs).
    if (endpoint === 'activate' && request.query.initial !== undefined && !RUNTIME_DESIRED.has(request.query.initial)) {
      const expected = [...RUNTIME_DESIRED].map((value) => `\`${value}\``).join(', ');
      return send(400, `Query deserialize error: unknown variant \`${request.query.initial}\`, expected one of ${expected}`, {
        raw: true,
        contentType: 'text/plain; charset=utf-8',
      });
    }
    // Without the enterprise feature, /activate refuses before it looks the pipeline up (api/endpoints/pipeline_interaction.rs).
    if (endpoint === 'activate' && this.edition() === 'Open source') {
      return send(501, {
        message: 'Cannot use enterprise-only feature (start from object store (S3)) in Feldera community edition.',
        error_code: 'EnterpriseFeature',
        details: { feature: 'start from object store (S3)' },
      });
    }
    // The open-source build refuses before it looks the pipeline up (api/endpoints/pipeline_management.rs).
    if (endpoint === 'stop' && !flags.force && this.edition() === 'Open source') {
      return send(501, {
        message: 'Cannot use enterprise-only feature (stop?force=false) in Feldera community edition.',
        error_code: 'EnterpriseFeature',
        details: { feature: 'stop?force=false' },
      });
    }
    const name = decodeURIComponent(pipelinePath(request.path, this.prefix())?.[0] ?? '');
    const pipeline = this.pipelines.get(name);
    // Every route of a pipeline looks it up first; a path no route matches is actix's empty 404.
    if (!pipeline && pipelinePath(request.path, this.prefix())) {
      return send(404, { message: `Unknown pipeline name '${name}'`, error_code: 'UnknownPipelineName', details: { pipeline_name: name } });
    }
    if (!endpoint || !pipeline) return send(404, '', { raw: true, contentType: 'text/plain' });
    switch (endpoint) {
      case 'status': {
        send(200, this.statusBody(pipeline, request.query.selector ?? 'all'));
        // The crash comes after this read is served: the next read sees its stop under way.
        const shown = this.reported(pipeline) === pipeline.deploymentStatus;
        this.afterRead(pipeline);
        this.served(pipeline);
        return this.countReadAtTarget(pipeline, shown);
      }
      case 'dismiss_error':
        return this.dismissError(pipeline, send);
      case 'start':
        return this.start(pipeline, request.query, flags, send);
      case 'stop':
        return this.stopRequest(pipeline, flags.force === true, send);
      case 'approve':
        return this.approve(pipeline, send);
      case 'pause':
        return this.transition(pipeline, 'pause', 'Paused', send);
      case 'resume':
        // The manager forwards /resume as the pipeline's `/start`, for backward compatibility.
        return this.transition(pipeline, 'start', 'Running', send);
      case 'activate': {
        // Forwarded first; the pipeline's own handler then takes running or paused only.
        if (this.notInteractive(pipeline, send)) return;
        const value = request.query.initial ?? 'running';
        const initial = value.charAt(0).toUpperCase() + value.slice(1);
        if (initial !== 'Running' && initial !== 'Paused') {
          return send(400, { message: `Invalid activation status ${initial} (only running and paused are valid)`, error_code: 'InvalidActivateStatus', details: initial });
        }
        return this.transition(pipeline, 'activate', initial, send);
      }
      case 'logs':
        return this.logs(pipeline, flags, response);
      case 'stats':
        return this.stats(pipeline, send);
    }
  }

  /**
   * `ControllerStatus`, from the pipeline process: the manager answers 503 while there is none
   * (runner/interaction.rs), the process 503 while it initializes or awaits approval (adapters/src/server.rs).
   */
  private stats(pipeline: Pipeline, send: Send): void {
    const status = this.reported(pipeline);
    const name = pipeline.script.name;
    if (!CONTROLLER_STATUSES.has(status)) {
      const early = status === 'Initializing' || status === 'AwaitingApproval';
      return send(
        503,
        early
          ? { message: `The pipeline is ${status === 'Initializing' ? 'initializing' : 'awaiting approval'}`, error_code: status, details: null }
          : {
              message: `Unable to interact with pipeline ${name} because the deployment status (${status}) indicates it is not (yet) fully provisioned`,
              error_code: 'PipelineInteractionNotDeployed',
              details: { pipeline_name: name, status, desired_status: this.desired(pipeline) },
            },
        { headers: early ? {} : { 'retry-after': '5' } },
      );
    }
    pipeline.statsReads++;
    const endpoints = this.connectorStates(pipeline);
    const bootstrapping = status === 'Bootstrapping';
    const newest = answersAsNewest(this.version());
    send(
      200,
      controllerStatusBody({
        version: this.version(),
        global: {
          state: status === 'Paused' ? 'Paused' : 'Running',
          bootstrap_in_progress: bootstrapping,
          commit_progress: bootstrapping ? (pipeline.script.commitProgress ?? null) : null,
        },
        inputs: endpoints
          .filter(({ script }) => script.direction === 'input')
          .map(({ script, state }) =>
            inputEndpoint(script.name, script.stream, {
              metrics: { total_records: state.records ?? 0, num_transport_errors: state.errors ?? 0 },
              transport_errors: state.error ? [connectorError(state.error, state.errors ?? 1)] : [],
              fatal_error: state.fatalError ?? null,
              health: state.health ?? null,
              paused: state.paused ?? status === 'Paused',
            }),
          ),
        outputs: endpoints
          .filter(({ script }) => script.direction === 'output')
          .map(({ script, state }) =>
            outputEndpoint(script.name, script.stream, {
              metrics: { transmitted_records: state.records ?? 0, num_transport_errors: state.errors ?? 0 },
              transport_errors: state.error ? [connectorError(state.error, state.errors ?? 1)] : [],
              fatal_error: state.fatalError ?? null,
              health: state.health ?? null,
              // Outputs can be paused since 0.375; before, the field does not exist.
              ...(newest ? { paused: state.paused ?? false } : {}),
            }),
          ),
      }),
    );
  }

  /** Each scripted endpoint with the state it is in now. */
  private connectorStates(pipeline: Pipeline): { script: ConnectorScript; state: ConnectorState }[] {
    const since = pipeline.reachedAt === undefined ? 0 : performance.now() - pipeline.reachedAt;
    const come = (state: ConnectorState) => (state.read === undefined ? (state.at ?? 0) <= since : pipeline.statsReads >= state.read);
    return (pipeline.script.connectors ?? []).map((script) => ({
      script,
      state: Object.assign({}, ...(script.states ?? []).filter(come)) as ConnectorState,
    }));
  }

  /** `Configuration` (api/endpoints/config.rs), as a build without a license check or telemetry gives it. */
  private configuration(): Record<string, unknown> {
    const version = this.version();
    const enterprise = this.edition() === 'Enterprise';
    return {
      posthog: '',
      conceptualhq: '',
      product_fruits: '',
      edition: this.edition(),
      version,
      revision: '5c7931d09fc37e0976143e50a81169dbd98ec0cc',
      runtime_revision: '5c7931d09fc37e0976143e50a81169dbd98ec0cc',
      unstable_features: null,
      changelog_url: enterprise ? 'https://docs.feldera.com/changelog/' : `https://github.com/feldera/feldera/releases/tag/v${version}`,
      license_validity: null,
      update_info: null,
      build_info: {
        build_timestamp: '2026-08-21T23:30:48.000000000Z',
        build_cpu: 'AMD EPYC 7763 64-Core Processor',
        build_os: 'Linux 24.04 Ubuntu',
        cargo_dependencies: '',
        cargo_features: enterprise ? 'feldera-enterprise' : '',
        cargo_debug: 'false',
        cargo_opt_level: '3',
        cargo_target_triple: 'x86_64-unknown-linux-gnu',
        rustc_version: '1.89.0',
      },
      build_source: 'ci',
      // 0.375: whether pipelines may have Rust UDFs; the manager's default allows them.
      ...(answersAsNewest(version) ? { allow_rust_udfs: true } : {}),
    };
  }

  /**
   * The ring buffer, then new lines as they come: the stream ends only when the client goes. Since
   * 0.375, `follow=false` ends it after the buffer (openapi-0.375.0.json); 0.337's handler takes no
   * query at all, so it ignores the parameter (api/endpoints/pipeline_management.rs).
   */
  private logs(pipeline: Pipeline, flags: Flags, response: ServerResponse): void {
    response.writeHead(200, { 'content-type': 'text/plain' });
    for (const line of pipeline.script.logLines ?? []) response.write(`${line}\n`);
    if (flags.follow === false) return void response.end();
    const every = pipeline.script.logEveryMs;
    if (every === undefined) return;
    let count = 0;
    const tick = () => response.write(`tick ${++count}\n`);
    tick();
    const timer = setInterval(tick, every);
    response.on('close', () => clearInterval(timer));
    this.streams.add(timer);
  }

  private dismissError(pipeline: Pipeline, send: Send): void {
    if (pipeline.error && (pipeline.deploymentStatus !== 'Stopped' || pipeline.resourcesDesired !== 'Stopped')) {
      return send(400, {
        message: 'The pipeline must have both status `Stopped` and desired status `Stopped` to dismiss the `deployment_error` if it is set.',
        error_code: 'DismissErrorRestrictedToFullyStopped',
        details: null,
      });
    }
    pipeline.error = null;
    send(200, 'Pipeline deployment error has been dismissed');
  }

  // The checks in Feldera's order (validate_resources_desired_status_transition, then
  // set_deployment_resources_desired_status in db/operations/pipeline.rs).
  private start(pipeline: Pipeline, query: Record<string, string>, flags: Flags, send: Send): void {
    const initial = INITIALS[query.initial ?? 'running']!;
    const bootstrap: Bootstrap = {
      bootstrap_policy: query.bootstrap_policy ?? 'await_approval',
      silent_bootstrap: flags.silent_bootstrap ?? false,
      concurrent_bootstrap: flags.concurrent_bootstrap ?? false,
    };
    const dismissError = flags.dismiss_error ?? true;
    if (pipeline.resourcesDesired === 'Stopped' && pipeline.deploymentStatus !== 'Stopped') {
      return send(400, {
        message: `Deployment resources status (current: 'Stopping', desired: 'Stopped') cannot have desired changed to 'Provisioned'. Cannot restart the pipeline while it is stopping. Wait for it to stop before starting the pipeline again.`,
        error_code: 'IllegalPipelineAction',
        details: {
          status: 'Stopping',
          current_desired_status: 'Stopped',
          new_desired_status: 'Provisioned',
          hint: 'Cannot restart the pipeline while it is stopping. Wait for it to stop before starting the pipeline again.',
        },
      });
    }
    if (pipeline.error && !dismissError) {
      return send(400, {
        message: 'Unable to start the pipeline because it has a deployment error that was not dismissed',
        error_code: 'CannotStartWithUndismissedError',
        details: null,
      });
    }
    if (COMPILATION_ERRORS.has(pipeline.programStatus)) {
      return send(400, {
        message: 'Cannot process `/start` if the `program_status` is `SqlError`, `RustError` or `SystemError`. Make changes to fix the error, which will trigger recompilation.',
        error_code: 'CannotStartWithCompilationError',
        details: null,
      });
    }
    if (pipeline.initial !== null && pipeline.initial !== initial) {
      return send(400, {
        message: 'Initial desired runtime status cannot be changed unless the pipeline is desired to become Stopped.',
        error_code: 'InitialImmutableUnlessStopped',
        // As a real Feldera 0.300 answered (DRIFT.md).
        details: {},
      });
    }
    if (pipeline.bootstrap !== null && JSON.stringify(pipeline.bootstrap) !== JSON.stringify(bootstrap)) {
      return send(400, {
        message: 'Bootstrap policy cannot be changed unless the pipeline is desired to become Stopped.',
        error_code: 'BootstrapPolicyImmutableUnlessStopped',
        details: null,
      });
    }
    if (initial === 'Standby' && !pipeline.script.fileStorageWithSync) {
      return send(400, {
        message:
          'Initial desired runtime status can only be set to Standby if: (1) `runtime_config.storage.backend.name` is set to `file`, and (2) `runtime_config.storage.backend.config.sync` is configured.',
        error_code: 'InitialStandbyNotAllowed',
        details: null,
      });
    }
    if (dismissError) pipeline.error = null;
    if (pipeline.resourcesDesired === 'Provisioned') return send(202, 'Pipeline is starting');
    pipeline.resourcesDesired = 'Provisioned';
    pipeline.initial = initial;
    pipeline.bootstrap = bootstrap;
    pipeline.approved = false;
    pipeline.processDesired = null;
    pipeline.following = [];
    pipeline.run++;
    pipeline.reachedAt = undefined;
    pipeline.statsReads = 0;
    void this.play(pipeline, pipeline.run);
    send(202, 'Pipeline is starting');
  }

  /** `force=true`: desired Stopped at once; `force=false` (Enterprise): suspend, then stop. */
  private stopRequest(pipeline: Pipeline, force: boolean, send: Send): void {
    const provisioned = !['Stopped', 'Provisioning', 'Stopping'].includes(pipeline.deploymentStatus);
    if (force || !provisioned) {
      if (pipeline.deploymentStatus === 'Stopped') this.desireStopped(pipeline);
      else this.stop(pipeline);
      return send(202, 'Pipeline is forcefully stopping');
    }
    pipeline.runtimeDesired = 'Suspended';
    pipeline.run++;
    pipeline.reachedAt = undefined;
    pipeline.onApprove?.();
    this.after(20, () => {
      this.setStatus(pipeline, 'Suspended');
      this.after(20, () => this.stop(pipeline));
    });
    send(202, 'Pipeline is stopping');
  }

  /**
   * The manager forwards an interaction only to a pipeline whose resources are provisioned and whose
   * last poll found it reachable (runner/interaction.rs); answers the refusal, if any.
   */
  private notInteractive(pipeline: Pipeline, send: Send): boolean {
    const name = pipeline.script.name;
    const provisioned = !['Stopped', 'Provisioning', 'Stopping'].includes(pipeline.deploymentStatus);
    if (!provisioned) {
      const resources = pipeline.deploymentStatus === 'Stopping' || pipeline.deploymentStatus === 'Provisioning' ? pipeline.deploymentStatus : 'Stopped';
      send(
        503,
        {
          message: `Unable to interact with pipeline because the deployment status (${resources}) indicates it is not (yet) fully provisioned pipeline-id=N/A pipeline-name="${name}"`,
          error_code: 'PipelineInteractionNotDeployed',
          details: { pipeline_name: name, status: resources, desired_status: pipeline.resourcesDesired },
        },
        { headers: { 'retry-after': '5' } },
      );
      return true;
    }
    if (pipeline.deploymentStatus === 'Unavailable') {
      send(
        503,
        {
          message: `Unable to interact with pipeline because its status is currently 'unavailable' pipeline-id=N/A pipeline-name="${name}"`,
          error_code: 'PipelineUnavailable',
          details: { pipeline_name: name },
        },
        { headers: { 'retry-after': '5' } },
      );
      return true;
    }
    return false;
  }

  // The manager forwards /approve to the pipeline, whose own /approve sets its policy to allow and
  // returns once it has left AwaitingApproval; called earlier, it pre-approves (api/endpoints/pipeline_interaction.rs).
  private approve(pipeline: Pipeline, send: Send): void {
    if (this.notInteractive(pipeline, send)) return;
    const awaiting = pipeline.deploymentStatus === 'AwaitingApproval';
    pipeline.approved = true;
    pipeline.onApprove?.();
    if (awaiting) pipeline.approveLag = pipeline.script.approveLagReads ?? 2;
    this.after(5, () => send(200, 'Bootstrap approved'));
  }

  /**
   * `/pause`, `/resume` (the pipeline's `/start`) and `/activate`: the pipeline process's
   * `state_transition` (adapters/src/server.rs) with feldera-types' `may_transition_to`. The answer
   * comes at once; the stored status follows on the runner's next poll, one status read later (or
   * `moveLagReads`): first the desired status, then, a read later, the status itself.
   */
  private transition(pipeline: Pipeline, action: 'pause' | 'start' | 'activate', next: string, send: Send): void {
    if (this.notInteractive(pipeline, send)) return;
    const old = pipeline.processDesired ?? pipeline.runtimeDesired ?? pipeline.initial ?? 'Running';
    if ((action !== 'activate' && old === 'Standby') || !mayTransitionTo(old, next)) {
      return send(400, { message: `Cannot execute ${action} transition starting from ${old}`, error_code: 'InvalidTransition', details: [action, old] });
    }
    if (next !== old) {
      pipeline.processDesired = next;
      const lag = Array.from({ length: Math.max(0, (pipeline.script.moveLagReads ?? 1) - 1) }, () => () => undefined);
      const arrive = () => {
        this.setStatus(pipeline, next);
        pipeline.reachedAt = performance.now();
      };
      // Resting, it moves itself; out of standby it opens its latest checkpoint first (server.rs `do_bootstrap`).
      // On its way up (Initializing, Bootstrapping, …), play() ends in the new desired status.
      const moves = !RESTING.has(pipeline.deploymentStatus) ? [] : old === 'Standby' ? [() => this.setStatus(pipeline, 'Initializing'), arrive] : [arrive];
      pipeline.following = [...lag, () => (pipeline.runtimeDesired = next), ...moves];
    }
    send(202, `Pipeline transitioning from ${old} to ${next}`);
  }

  /** After each status read of the pipeline: the runner's poll catches up with a move, one step a read. */
  private afterRead(pipeline: Pipeline): void {
    pipeline.following.shift()?.();
    if (pipeline.script.startedMeanwhile && !pipeline.raced) {
      pipeline.raced = true;
      this.start(pipeline, { initial: pipeline.script.startedMeanwhile.initial }, {}, () => undefined);
    }
  }

  /** What the stored status shows: AwaitingApproval lingers until the runner's next poll after an approve. */
  private reported(pipeline: Pipeline): string {
    return pipeline.approveLag > 0 ? 'AwaitingApproval' : pipeline.deploymentStatus;
  }

  /** `deployment_runtime_status_details`, in the shapes of runner/pipeline_automata.rs and adapters/src/server.rs. */
  private runtimeDetails(pipeline: Pipeline): unknown {
    const status = this.reported(pipeline);
    if (status === 'AwaitingApproval') {
      const approval = pipeline.script.approvalDiff;
      if (approval?.legacy) return approval.diff;
      return { approval_diff: approval?.diff ?? pipelineDiff() };
    }
    if (pipeline.runnerReason) return { reason: pipeline.runnerReason };
    if (CONTROLLER_STATUSES.has(status)) return { connector_stats: { num_errors: this.connectorErrors(pipeline) } };
    return {};
  }

  private connectorErrors(pipeline: Pipeline): number {
    return this.connectorStates(pipeline).reduce((sum, { state }) => sum + (state.errors ?? 0), 0);
  }

  private desired(pipeline: Pipeline): string {
    if (pipeline.resourcesDesired === 'Stopped') return 'Stopped';
    return pipeline.runtimeDesired ?? pipeline.initial ?? 'Stopped';
  }

  /** `GET /v0/pipelines/{name}`: the fields of openapi.json's PipelineSelectedInfo for the selector. */
  private statusBody(pipeline: Pipeline, selector: string): Record<string, unknown> {
    const status = this.reported(pipeline);
    const resources = status === 'Stopped' || status === 'Provisioning' || status === 'Stopping' ? status : 'Provisioned';
    const provisioned = resources === 'Provisioned';
    const body: Record<string, unknown> = {
      id: '0198c7a1-5e1e-7d40-9a2f-6b9d2f3a1c10',
      name: pipeline.script.name,
      description: pipeline.script.description ?? '',
      tags: [],
      created_at: '2026-08-21T10:00:00Z',
      version: 4,
      platform_version: this.version(),
      program_config: { profile: 'optimized', cache: true, runtime_version: null, use_platform_compiler: false },
      program_version: 2,
      program_status: pipeline.programStatus,
      program_status_since: pipeline.since,
      deployment_error: pipeline.error,
      refresh_version: 17,
      storage_status: 'InUse',
      storage_status_details: null,
      deployment_id: pipeline.deploymentId,
      deployment_initial: pipeline.initial,
      deployment_status: status,
      deployment_status_since: pipeline.since,
      deployment_desired_status: this.desired(pipeline),
      deployment_desired_status_since: pipeline.since,
      deployment_resources_status: resources,
      deployment_resources_status_since: pipeline.since,
      deployment_resources_desired_status: pipeline.resourcesDesired,
      deployment_resources_desired_status_since: pipeline.since,
      deployment_runtime_status: provisioned ? status : null,
      deployment_runtime_status_details: provisioned ? this.runtimeDetails(pipeline) : null,
      deployment_runtime_status_since: provisioned ? pipeline.since : null,
      deployment_runtime_desired_status: provisioned ? (pipeline.runtimeDesired ?? pipeline.initial) : null,
      deployment_runtime_desired_status_since: provisioned ? pipeline.since : null,
      bootstrap_policy: pipeline.bootstrap?.bootstrap_policy ?? null,
      silent_bootstrap: pipeline.bootstrap?.silent_bootstrap ?? false,
      concurrent_bootstrap: pipeline.bootstrap?.concurrent_bootstrap ?? false,
    };
    // Only while the manager can reach the pipeline; absent, not null, otherwise.
    if (selector === 'status_with_connectors' && CONTROLLER_STATUSES.has(status)) body.connectors = { num_errors: this.connectorErrors(pipeline) };
    if (selector === 'all') {
      body.program_code = 'CREATE TABLE t (c INT);';
      body.program_error = pipeline.script.programError ?? { sql_compilation: null, rust_compilation: null, system_error: null };
      body.program_info = null;
      body.deployment_resources_status_details = null;
      // 0.375: the CPU and memory a running pipeline was resized to (PATCH, behind --enable-pipeline-resize),
      // null until then; beside runtime_config, whose resources it overrides, so in `all` only.
      if (answersAsNewest(this.version())) body.deployment_config = null;
    }
    return body;
  }
}

type Send = (status: number, body: unknown, options?: { contentType?: string; headers?: Record<string, string>; raw?: boolean }) => void;

/** Writes `text` with each LargeText's placeholder replaced by the text, as fast as the client reads. */
async function streamLarge(response: ServerResponse, text: string): Promise<void> {
  let at = 0;
  for (const match of text.matchAll(LARGE_TEXT)) {
    const head = JSON.stringify(decodeURIComponent(match[2]!)).slice(0, -1);
    await written(response, `${text.slice(at, match.index)}${head}`);
    for (let left = Number(match[1]) - Buffer.byteLength(head) + 1; left > 0 && !response.destroyed; left -= BACKTRACE.length) {
      // The last piece is spaces: a cut backtrace could end inside an escape.
      await written(response, left >= BACKTRACE.length ? BACKTRACE : ' '.repeat(left));
    }
    await written(response, '"');
    at = match.index + match[0].length;
  }
  response.end(text.slice(at));
}

/** Once the client has taken `data` (or gone). */
function written(response: ServerResponse, data: string | Buffer): Promise<void> {
  return new Promise((resolve) => {
    if (response.destroyed || response.write(data)) return resolve();
    const done = () => {
      response.off('drain', done);
      response.off('close', done);
      resolve();
    };
    response.on('drain', done);
    response.on('close', done);
  });
}

/** The boolean query parameters of an endpoint, parsed as serde does: exactly `true` or `false`. */
interface Flags {
  silent_bootstrap?: boolean;
  concurrent_bootstrap?: boolean;
  dismiss_error?: boolean;
  force?: boolean;
  follow?: boolean;
}

const FLAGS: Partial<Record<Endpoint, (keyof Flags)[]>> = {
  start: ['silent_bootstrap', 'concurrent_bootstrap', 'dismiss_error'],
  approve: ['silent_bootstrap', 'concurrent_bootstrap'],
  stop: ['force'],
};

/** The flags, or why the query does not deserialize (actix answers that as plain text). */
function parseFlags(query: Record<string, string>, endpoint: Endpoint | undefined, version: string): Flags | string {
  const flags: Flags = {};
  const names = endpoint === 'logs' ? (answersAsNewest(version) ? (['follow'] as const) : []) : (FLAGS[endpoint!] ?? []);
  for (const name of names) {
    const value = query[name];
    if (value === undefined) continue;
    if (value !== 'true' && value !== 'false') return 'provided string was not `true` or `false`';
    flags[name] = value === 'true';
  }
  if (endpoint === 'start' && query.bootstrap_policy !== undefined && !POLICIES.has(query.bootstrap_policy)) {
    return `unknown variant \`${query.bootstrap_policy}\`, expected one of \`allow\`, \`reject\`, \`await_approval\``;
  }
  return flags;
}

/** feldera-types runtime_status.rs `may_transition_to`: a desired status may stay, or move between these. */
function mayTransitionTo(from: string, to: string): boolean {
  if (from === to) return true;
  if (from === 'Standby') return to === 'Paused' || to === 'Running';
  if (from === 'Paused' || from === 'Running') return to === 'Paused' || to === 'Running' || to === 'Suspended';
  return false;
}

function runnerReason(status: string): string {
  return status === 'Unavailable' ? 'Pipeline status endpoint could not be reached: timeout' : 'initializing set by the runner';
}

function issuerOf(token: string): string | undefined {
  try {
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { iss?: unknown };
    return typeof claims.iss === 'string' ? claims.iss : undefined;
  } catch {
    return undefined;
  }
}

function compilationFailure(programStatus: string): ErrorBody {
  return {
    message: 'Not possible to start the pipeline because the program failed to compile',
    error_code: 'StartFailedDueToFailedCompilation',
    details: { compiler_error: `${programStatus} occurred (see \`program_error\` for more information)` },
  };
}

/** `[name, ...rest]` of a path under `/v0/pipelines/{name}`, or undefined. */
function pipelinePath(path: string, prefix: string): string[] | undefined {
  if (!path.startsWith(`${prefix}/v0/pipelines/`)) return undefined;
  const parts = path.slice(`${prefix}/v0/pipelines/`.length).split('/');
  return parts[0] ? parts : undefined;
}

function endpointOf(method: string, path: string, prefix: string): Endpoint | undefined {
  if (method === 'GET' && path === `${prefix}/v0/config`) return 'config';
  if (method === 'GET' && path === `${prefix}/v0/pipelines`) return 'list';
  const parts = pipelinePath(path, prefix);
  if (!parts) return undefined;
  if (parts.length === 1 && method === 'GET') return 'status';
  const action = parts[1];
  if (parts.length === 2 && method === 'POST' && (action === 'start' || action === 'stop' || action === 'approve' || action === 'dismiss_error')) {
    return action;
  }
  if (parts.length === 2 && method === 'POST' && (action === 'pause' || action === 'resume' || action === 'activate')) return action;
  if (parts.length === 2 && method === 'GET' && (action === 'logs' || action === 'stats')) return action;
  return undefined;
}

// `node test/fake-feldera.ts [port]`: serve one pipeline, `example`, with a realistic start.
if (import.meta.main) {
  const fake = await FakeFeldera.start(
    {
      pipelines: [
        {
          name: 'example',
          phases: [
            { status: 'Provisioning', ms: 300 },
            { status: 'Initializing', ms: 300 },
          ],
        },
      ],
    },
    Number(process.argv[2] ?? 0),
  );
  console.log(fake.url);
}
