// A fake Feldera pipeline manager: a real HTTP server on 127.0.0.1 that plays the state machine of
// API.md 2.4 with scripted phase durations, answers with openapi.json's field names and enum
// spellings, and logs every request it gets. Node runs this file as it is (type stripping), so the
// demo and the CI job can serve it too: `node test/fake-feldera.ts`.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

export interface ErrorBody {
  message: string;
  error_code: string;
  details?: unknown;
}

/** One stretch of the deployment after `/start`: a `deployment_status` held for `ms`. */
export interface Phase {
  status: string;
  ms: number;
}

export interface PipelineScript {
  name: string;
  /** `program_status` before any start; default `Success`. */
  programStatus?: string;
  /** Early start: the program statuses played (each for `ms`) before provisioning, ending in `Success` or an error. */
  compile?: { status: string; ms: number }[];
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
  /** Already started with this `initial`, and now in `status` (someone paused it, say). */
  provisioned?: { initial: string; status: string };
  /** `program_error`, in `selector=all` only. */
  programError?: unknown;
  /** The `PipelineDiff` shown while `AwaitingApproval`; `legacy`: the shape before Feldera PR #6564. */
  approvalDiff?: { diff: unknown; legacy?: boolean };
  /** `GET /logs` replays these, then stays open for ever, as Feldera's does. */
  logLines?: string[];
  /** After the replay, a new log line this often. */
  logEveryMs?: number;
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
  | { kind: 'delay'; ms: number };

export type Endpoint = 'start' | 'approve' | 'dismiss_error' | 'status' | 'logs';

export interface FakeOptions {
  pipelines: PipelineScript[];
  /** When set, every request must carry `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
  /** When set, decides instead of `apiKey` whether a bearer token is accepted (OIDC tokens). */
  acceptToken?: (token: string) => boolean;
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
  bootstrapPolicy: string | null;
  approved: boolean;
  since: string;
  onApprove: (() => void) | undefined;
  /** Each `/start` that is not a repeat plays the script anew. */
  run: number;
  /** Status reads left before a stop in progress ends: counted, not timed, so a slow client sees it too. */
  stoppingReads: number;
}

const INITIALS: Record<string, string> = { running: 'Running', paused: 'Paused', standby: 'Standby' };
const POLICIES = new Set(['allow', 'reject', 'await_approval']);
const COMPILATION_ERRORS = new Set(['SqlError', 'RustError', 'SystemError']);

export class FakeFeldera {
  readonly requests: FakeRequest[] = [];
  /** Requests refused with 401. */
  refused = 0;
  /** Every `deployment_status` each pipeline went through, with when (performance.now()). */
  readonly timeline: { pipeline: string; status: string; at: number }[] = [];
  private readonly pipelines = new Map<string, Pipeline>();
  private readonly faults: { endpoint: Endpoint; fault: Fault; times: number }[] = [];
  private readonly options: FakeOptions;
  private readonly server: Server;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly streams = new Set<NodeJS.Timeout>();
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

  /** The next `times` requests to `endpoint` get `fault` instead of their answer. */
  fault(endpoint: Endpoint, fault: Fault, times = 1): void {
    this.faults.push({ endpoint, fault, times });
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
      bootstrapPolicy: null,
      approved: false,
      since: new Date().toISOString(),
      onApprove: undefined,
      run: 0,
      stoppingReads: 0,
    };
    if (script.provisioned) {
      pipeline.resourcesDesired = 'Provisioned';
      pipeline.initial = INITIALS[script.provisioned.initial] ?? null;
      pipeline.runtimeDesired = script.provisioned.status;
      pipeline.bootstrapPolicy = 'await_approval';
      pipeline.deploymentId = randomUUID();
      this.setStatus(pipeline, script.provisioned.status);
    }
    if (script.stoppingReads !== undefined) {
      this.setStatus(pipeline, 'Stopping');
      pipeline.stoppingReads = script.stoppingReads;
    }
    return pipeline;
  }

  private setStatus(pipeline: Pipeline, status: string): void {
    pipeline.deploymentStatus = status;
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

  /** The runner's work after `/start`: compile (early start), provision, the phases, the target or a failure. */
  private async play(pipeline: Pipeline, run: number): Promise<void> {
    const current = () => pipeline.run === run && pipeline.resourcesDesired === 'Provisioned';
    const script = pipeline.script;
    for (const step of script.compile ?? []) {
      pipeline.programStatus = step.status;
      await this.wait(step.ms);
      if (!current()) return;
    }
    if (COMPILATION_ERRORS.has(pipeline.programStatus)) {
      // The runner notices within its 2.5 s poll; here a few milliseconds.
      await this.wait(20);
      if (current()) this.failWith(pipeline, compilationFailure(pipeline.programStatus), false);
      return;
    }
    pipeline.deploymentId = randomUUID();
    for (const phase of script.phases ?? [
      { status: 'Provisioning', ms: 20 },
      { status: 'Initializing', ms: 20 },
    ]) {
      if (phase.status === 'AwaitingApproval') {
        if (pipeline.approved || pipeline.bootstrapPolicy === 'allow') continue;
        if (pipeline.bootstrapPolicy === 'reject') {
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
      this.setStatus(pipeline, phase.status);
      await this.wait(phase.ms);
      if (!current()) return;
    }
    if (script.failWith) return this.failWith(pipeline, script.failWith);
    if (script.stoppedBySomeoneElse) return this.stop(pipeline);
    pipeline.runtimeDesired = pipeline.initial;
    this.setStatus(pipeline, pipeline.initial ?? 'Running');
  }

  /** The runner records the error and desired Stopped in one transaction, then tears down. */
  private failWith(pipeline: Pipeline, error: ErrorBody, provisioned = true): void {
    pipeline.error = error;
    if (provisioned) return this.stop(pipeline);
    pipeline.resourcesDesired = 'Stopped';
    pipeline.runtimeDesired = null;
  }

  private stop(pipeline: Pipeline): void {
    pipeline.resourcesDesired = 'Stopped';
    pipeline.runtimeDesired = null;
    this.setStatus(pipeline, 'Stopping');
    this.after(30, () => {
      pipeline.deploymentId = null;
      this.setStatus(pipeline, 'Stopped');
    });
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
    const scripted = this.faults.find((fault) => fault.endpoint === endpoint && fault.times > 0);
    if (scripted) {
      scripted.times--;
      const fault = scripted.fault;
      if (fault.kind === 'reset') return void request.socket.destroy();
      if (fault.kind === 'hang') return;
      if (fault.kind === 'truncated') {
        response.writeHead(200, { 'content-type': 'application/json', 'content-length': '4096' });
        response.write('{"name": "p", "deployment_status": "Runn');
        return void setTimeout(() => request.socket.destroy(), 10);
      }
      if (fault.kind === 'status') {
        response.writeHead(fault.status, { 'content-type': 'text/html', ...fault.headers });
        return void response.end(fault.body ?? '');
      }
      return this.after(fault.ms, () => this.answer(endpoint, entry, response));
    }
    this.answer(endpoint, entry, response);
  }

  private answer(endpoint: Endpoint | undefined, request: FakeRequest, response: ServerResponse): void {
    const { apiKey, acceptToken } = this.options;
    const token = request.authorization?.replace(/^Bearer /, '') ?? '';
    const accepted = acceptToken ? acceptToken(token) : apiKey === undefined || request.authorization === `Bearer ${apiKey}`;
    if (!accepted) {
      this.refused++;
      // Feldera's body for a bad key; actix sends it as text/plain.
      return send(response, 401, { message: 'Unauthorized API key', error_code: 'AuthenticationFailed' }, 'text/plain');
    }
    const name = decodeURIComponent(request.path.slice(this.prefix().length).split('/')[3] ?? '');
    const pipeline = this.pipelines.get(name);
    if (!endpoint) return void response.writeHead(404).end();
    if (!pipeline) {
      return send(response, 404, {
        message: `Unknown pipeline name '${name}'`,
        error_code: 'UnknownPipelineName',
        details: { pipeline_name: name },
      });
    }
    switch (endpoint) {
      case 'status':
        send(response, 200, this.statusBody(pipeline, request.query.selector ?? 'all'));
        if (pipeline.stoppingReads > 0 && --pipeline.stoppingReads === 0) this.setStatus(pipeline, 'Stopped');
        return;
      case 'dismiss_error':
        return this.dismissError(pipeline, response);
      case 'start':
        return this.start(pipeline, request.query, response);
      case 'approve':
        return this.approve(pipeline, response);
      case 'logs':
        return this.logs(pipeline, response);
    }
  }

  /** The ring buffer, then new lines as they come: the stream ends only when the client goes. */
  private logs(pipeline: Pipeline, response: ServerResponse): void {
    response.writeHead(200, { 'content-type': 'text/plain' });
    for (const line of pipeline.script.logLines ?? []) response.write(`${line}\n`);
    const every = pipeline.script.logEveryMs;
    if (every === undefined) return;
    let count = 0;
    const timer = setInterval(() => response.write(`tick ${++count}\n`), every);
    response.on('close', () => clearInterval(timer));
    this.streams.add(timer);
  }

  private dismissError(pipeline: Pipeline, response: ServerResponse): void {
    if (pipeline.error && (pipeline.deploymentStatus !== 'Stopped' || pipeline.resourcesDesired !== 'Stopped')) {
      return send(response, 400, {
        message: 'Dismissing the deployment error is only possible when the pipeline is fully stopped',
        error_code: 'DismissErrorRestrictedToFullyStopped',
        details: null,
      });
    }
    pipeline.error = null;
    send(response, 200, 'Pipeline deployment error has been dismissed');
  }

  // The checks in Feldera's order (validate_resources_desired_status_transition).
  private start(pipeline: Pipeline, query: Record<string, string>, response: ServerResponse): void {
    const initial = INITIALS[query.initial ?? 'running'];
    if (!initial) {
      return send(response, 405, {
        message: `Action /start?initial=${query.initial} is not supported`,
        error_code: 'UnsupportedPipelineAction',
        details: { action: `/start?initial=${query.initial}`, reason: `unknown initial runtime desired status: ${query.initial}` },
      });
    }
    const policy = query.bootstrap_policy ?? 'await_approval';
    if (!POLICIES.has(policy)) {
      response.writeHead(400, { 'content-type': 'text/plain' });
      return void response.end(`Query deserialize error: unknown variant \`${policy}\``);
    }
    if (pipeline.resourcesDesired === 'Stopped' && pipeline.deploymentStatus !== 'Stopped') {
      return send(response, 400, {
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
    if (pipeline.error && query.dismiss_error === 'false') {
      return send(response, 400, {
        message: 'Unable to start the pipeline because it has a deployment error that was not dismissed',
        error_code: 'CannotStartWithUndismissedError',
        details: null,
      });
    }
    if (COMPILATION_ERRORS.has(pipeline.programStatus)) {
      return send(response, 400, {
        message: 'Cannot process `/start` if the `program_status` is `SqlError`, `RustError` or `SystemError`. Make changes to fix the error, which will trigger recompilation.',
        error_code: 'CannotStartWithCompilationError',
        details: null,
      });
    }
    if (pipeline.resourcesDesired === 'Provisioned') {
      if (pipeline.initial !== initial) {
        return send(response, 400, {
          message: `The initial status cannot be changed to ${initial} while the pipeline is not stopped`,
          error_code: 'InitialImmutableUnlessStopped',
          details: null,
        });
      }
      if (pipeline.bootstrapPolicy !== policy) {
        return send(response, 400, {
          message: 'The bootstrap policy cannot be changed while the pipeline is not stopped',
          error_code: 'BootstrapPolicyImmutableUnlessStopped',
          details: null,
        });
      }
      return send(response, 202, 'Pipeline is starting');
    }
    if (query.dismiss_error !== 'false') pipeline.error = null;
    pipeline.resourcesDesired = 'Provisioned';
    pipeline.initial = initial;
    pipeline.bootstrapPolicy = policy;
    pipeline.approved = false;
    pipeline.run++;
    void this.play(pipeline, pipeline.run);
    send(response, 202, 'Pipeline is starting');
  }

  // The pipeline's own /approve blocks until it has left AwaitingApproval; called earlier, it pre-approves.
  private approve(pipeline: Pipeline, response: ServerResponse): void {
    if (pipeline.resourcesDesired !== 'Provisioned' || pipeline.deploymentStatus === 'Stopped' || pipeline.deploymentStatus === 'Provisioning') {
      return send(
        response,
        503,
        {
          message: `Unable to interact with pipeline ${pipeline.script.name} because the deployment status (${pipeline.deploymentStatus}) indicates it is not (yet) fully provisioned`,
          error_code: 'PipelineInteractionNotDeployed',
          details: { pipeline_name: pipeline.script.name, status: pipeline.deploymentStatus, desired_status: this.desired(pipeline) },
        },
        'application/json',
        { 'retry-after': '5' },
      );
    }
    pipeline.approved = true;
    pipeline.bootstrapPolicy = 'allow';
    pipeline.onApprove?.();
    this.after(5, () => send(response, 200, 'Bootstrap approved'));
  }

  private runtimeDetails(pipeline: Pipeline): unknown {
    const approval = pipeline.script.approvalDiff;
    if (pipeline.deploymentStatus !== 'AwaitingApproval' || !approval) return { connector_stats: { num_errors: 0 } };
    return approval.legacy ? approval.diff : { approval_diff: approval.diff };
  }

  private desired(pipeline: Pipeline): string {
    if (pipeline.resourcesDesired === 'Stopped') return 'Stopped';
    return pipeline.runtimeDesired ?? pipeline.initial ?? 'Stopped';
  }

  /** `GET /v0/pipelines/{name}`: the fields of openapi.json's PipelineSelectedInfo for the selector. */
  private statusBody(pipeline: Pipeline, selector: string): Record<string, unknown> {
    const resources =
      pipeline.deploymentStatus === 'Stopped' || pipeline.deploymentStatus === 'Provisioning' || pipeline.deploymentStatus === 'Stopping'
        ? pipeline.deploymentStatus
        : 'Provisioned';
    const provisioned = resources === 'Provisioned';
    const body: Record<string, unknown> = {
      id: '0198c7a1-5e1e-7d40-9a2f-6b9d2f3a1c10',
      name: pipeline.script.name,
      description: '',
      tags: [],
      created_at: '2026-08-21T10:00:00Z',
      version: 4,
      platform_version: '0.337.0',
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
      deployment_status: pipeline.deploymentStatus,
      deployment_status_since: pipeline.since,
      deployment_desired_status: this.desired(pipeline),
      deployment_desired_status_since: pipeline.since,
      deployment_resources_status: resources,
      deployment_resources_status_since: pipeline.since,
      deployment_resources_desired_status: pipeline.resourcesDesired,
      deployment_resources_desired_status_since: pipeline.since,
      deployment_runtime_status: provisioned ? pipeline.deploymentStatus : null,
      deployment_runtime_status_details: provisioned ? this.runtimeDetails(pipeline) : null,
      deployment_runtime_status_since: provisioned ? pipeline.since : null,
      deployment_runtime_desired_status: provisioned ? (pipeline.runtimeDesired ?? pipeline.initial) : null,
      deployment_runtime_desired_status_since: provisioned ? pipeline.since : null,
      bootstrap_policy: pipeline.bootstrapPolicy,
      silent_bootstrap: false,
      concurrent_bootstrap: false,
    };
    if (selector === 'all') {
      body.program_code = 'CREATE TABLE t (c INT);';
      body.program_error = pipeline.script.programError ?? { sql_compilation: null, rust_compilation: null, system_error: null };
      body.program_info = null;
      body.deployment_resources_status_details = null;
    }
    return body;
  }
}

function compilationFailure(programStatus: string): ErrorBody {
  return {
    message: 'Not possible to start the pipeline because the program failed to compile',
    error_code: 'StartFailedDueToFailedCompilation',
    details: { compiler_error: `${programStatus} occurred (see \`program_error\` for more information)` },
  };
}

function endpointOf(method: string, path: string, prefix: string): Endpoint | undefined {
  if (!path.startsWith(`${prefix}/v0/pipelines/`)) return undefined;
  const parts = path.slice(prefix.length).split('/');
  if (parts.length === 4 && method === 'GET') return 'status';
  const action = parts[4];
  if (parts.length === 5 && method === 'POST' && (action === 'start' || action === 'approve' || action === 'dismiss_error')) {
    return action;
  }
  if (parts.length === 5 && method === 'GET' && action === 'logs') return 'logs';
  return undefined;
}

function send(response: ServerResponse, status: number, body: unknown, contentType = 'application/json', headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-cache', ...headers });
  response.end(JSON.stringify(body));
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
