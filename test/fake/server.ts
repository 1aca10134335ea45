// The fake Feldera's HTTP server and what a test drives it with: scripted faults, gates, arrivals,
// crashes, and the record of every request and answer.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { recordEvent } from './events.ts';
import { serveFault } from './faults.ts';
import { streamLarge } from './large-text.ts';
import { prefix, version, type FakeState, type Send } from './pipeline.ts';
import { answer, endpointOf } from './routes.ts';
import { failWith, initialState } from './runner.ts';
import type { Endpoint, ErrorBody, Fault, FakeOptions, FakeRequest, FakeResponse } from './types.ts';

export class FakeFeldera {
  readonly requests: FakeRequest[] = [];
  /** Every answer made as Feldera, in order. */
  readonly responses: FakeResponse[] = [];
  /** Every `deployment_status` each pipeline went through, with when (performance.now()). */
  readonly timeline: { pipeline: string; status: string; at: number }[] = [];
  private readonly faults: {
    endpoint: Endpoint;
    fault: Fault;
    times: number;
    skip: number;
    when: (request: FakeRequest) => boolean;
  }[] = [];
  /** Told of each request as it arrives, before it is answered: a test may script a fault for it, or act at that moment. */
  onRequest: ((request: FakeRequest, endpoint: Endpoint | undefined) => void) | undefined;
  private readonly state: FakeState;
  private readonly server: Server;
  private readonly arrivals: { endpoint: Endpoint; count: number; resolve: () => void }[] = [];
  url = '';

  constructor(options: FakeOptions) {
    this.state = {
      options,
      pipelines: new Map(),
      timeline: this.timeline,
      timers: new Set(),
      streams: new Set(),
      released: new Set(),
      gated: [],
      refused: 0,
      bundles: [],
    };
    for (const script of options.pipelines) this.state.pipelines.set(script.name, initialState(this.state, script));
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

  /** Every support bundle served, as its bytes. */
  get bundles(): readonly Buffer[] {
    return this.state.bundles;
  }

  /** Requests refused with 401. */
  get refused(): number {
    return this.state.refused;
  }

  async close(): Promise<void> {
    for (const timer of this.state.timers) clearTimeout(timer);
    for (const timer of this.state.streams) clearInterval(timer);
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** What the manager stores of a pipeline at this moment, copied: for a test that judges a request by the state it met. */
  stored(name: string) {
    const pipeline = this.state.pipelines.get(name);
    if (!pipeline) return undefined;
    const { deploymentStatus, resourcesDesired, programStatus, programVersion } = pipeline;
    return { deploymentStatus, resourcesDesired, programStatus, programVersion, ...pipeline.stored };
  }

  /** Someone deletes the pipeline: from now on, the manager knows no such pipeline. */
  delete(name: string): void {
    this.state.pipelines.delete(name);
  }

  /** The pipeline fails now: the runner records `error` and stops it. */
  crash(name: string, error: ErrorBody): void {
    const pipeline = this.state.pipelines.get(name);
    if (pipeline) failWith(this.state, pipeline, error);
  }

  /** Opens the gate `gate`: phases held there go on, and later ones pass it at once. */
  release(gate: string): void {
    this.state.released.add(gate);
    for (const waiter of this.state.gated.filter((entry) => entry.gate === gate)) {
      this.state.gated.splice(this.state.gated.indexOf(waiter), 1);
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
  fault(
    endpoint: Endpoint,
    fault: Fault,
    times = 1,
    pick: { skip?: number; when?: (request: FakeRequest) => boolean } = {},
  ): void {
    this.faults.push({ endpoint, fault, times, skip: pick.skip ?? 0, when: pick.when ?? (() => true) });
  }

  /** Requests to one endpoint of one pipeline, such as `start` or `status`. */
  calls(endpoint: Endpoint): FakeRequest[] {
    return this.requests.filter((request) => endpointOf(request.method, request.path, prefix(this.state)) === endpoint);
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
    const endpoint = endpointOf(entry.method, entry.path, prefix(this.state));
    this.onRequest?.(entry, endpoint);
    // Only /diff, PATCH and PUT take a body; every other request is answered as it arrives.
    if (endpoint === 'diff' || endpoint === 'patch' || endpoint === 'put') {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        entry.body = Buffer.concat(chunks).toString('utf8');
        this.answered(endpoint, entry, request, response);
      });
      return;
    }
    this.answered(endpoint, entry, request, response);
  }

  private answered(
    endpoint: Endpoint | undefined,
    entry: FakeRequest,
    request: IncomingMessage,
    response: ServerResponse,
  ): void {
    this.dispatch(endpoint, entry, request, response);
    // A request may have changed a status (a start, a stop, a read the runner catches up on): the manager records an event in the same transaction.
    for (const pipeline of this.state.pipelines.values()) recordEvent(pipeline);
    for (const waiter of this.arrivals.filter(
      (entry) => entry.endpoint === endpoint && this.calls(endpoint).length >= entry.count,
    )) {
      this.arrivals.splice(this.arrivals.indexOf(waiter), 1);
      waiter.resolve();
    }
  }

  /** A scripted fault, or the answer Feldera would give. */
  private dispatch(
    endpoint: Endpoint | undefined,
    entry: FakeRequest,
    request: IncomingMessage,
    response: ServerResponse,
  ): void {
    const send: Send = (status, body, options) => this.send(entry, response, status, body, options);
    const reply = () => answer(this.state, endpoint, entry, response, send);
    const scripted = this.faults.find((fault) => fault.endpoint === endpoint && fault.times > 0 && fault.when(entry));
    if (scripted && scripted.skip > 0) scripted.skip--;
    else if (scripted) {
      scripted.times--;
      return serveFault(this.state, scripted.fault, request, response, reply);
    }
    reply();
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
    const endpoint = endpointOf(request.method, request.path, prefix(this.state));
    this.responses.push({
      method: request.method,
      path: request.path,
      query: request.query,
      endpoint,
      version: version(this.state),
      status,
      contentType,
      body: text,
      at: performance.now(),
    });
  }
}
