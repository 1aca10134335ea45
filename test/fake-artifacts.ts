// A fake of GitHub's artifact service on 127.0.0.1, as @actions/artifact (v2 and later) speaks to it:
// twirp CreateArtifact and FinalizeArtifact (JSON, proto field names) on ACTIONS_RESULTS_URL with the runtime token (a JWT whose
// `scp` claim names the run and the job), and between them an Azure Blob block upload to the signed
// URL CreateArtifact gave (Put Block, then Put Block List; or one Put Blob).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

const TWIRP = '/twirp/github.actions.results.api.v1.ArtifactService/';

/** An artifact as the service recorded it. */
export interface FakeArtifact {
  id: number;
  name: string;
  runBackendId: string;
  jobBackendId: string;
  mimeType: unknown;
  expiresAt: string | undefined;
  /** The committed blob: what a download of the artifact gives. */
  blob: Buffer | undefined;
  finalized: { size: string; hash: string | undefined } | undefined;
}

export interface ArtifactOptions {
  /** CreateArtifact answers this instead: a twirp error, as the service refuses (a quota, a name taken). */
  refuse?: { status: number; code: string; msg: string };
  /** The request of this kind is never answered: a service that hangs. */
  hang?: 'create' | 'block' | 'finalize';
}

export const RUN_BACKEND_ID = 'ce7f54c7-61c7-4aae-887f-30da475f5f1a';
export const JOB_BACKEND_ID = 'ca395085-040a-526b-2ce8-bdc85f692774';

/** ACTIONS_RUNTIME_TOKEN as the runner gives it: only its claims are read, never its signature. */
export function runtimeToken(): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ scp: `Actions.GenericRead:00000000 Actions.Results:${RUN_BACKEND_ID}:${JOB_BACKEND_ID}` })}.signature`;
}

export class FakeArtifacts {
  readonly artifacts: FakeArtifact[] = [];
  /** Every request, as `METHOD path?query`. */
  readonly requests: string[] = [];
  /** Told of each request as it arrives. */
  onRequest: ((kind: 'create' | 'block' | 'blocklist' | 'blob' | 'finalize' | 'other') => void) | undefined;
  private readonly blocks = new Map<string, Buffer>();
  private readonly server: Server;
  private readonly token = runtimeToken();
  url = '';

  private readonly options: ArtifactOptions;

  constructor(options: ArtifactOptions = {}) {
    this.options = options;
    this.server = createServer((request, response) => void this.handle(request, response));
  }

  static async start(options: ArtifactOptions = {}): Promise<FakeArtifacts> {
    const fake = new FakeArtifacts(options);
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.url = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
    return fake;
  }

  /** What the step's environment needs for @actions/artifact to upload here. */
  env(): Record<string, string> {
    return { ACTIONS_RUNTIME_TOKEN: this.token, ACTIONS_RESULTS_URL: `${this.url}/` };
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.url);
    this.requests.push(`${request.method} ${url.pathname}${url.search}`);
    const body = await read(request);
    if (url.pathname.startsWith(TWIRP)) {
      const kind =
        url.pathname === `${TWIRP}CreateArtifact`
          ? 'create'
          : url.pathname === `${TWIRP}FinalizeArtifact`
            ? 'finalize'
            : 'other';
      this.onRequest?.(kind);
      if (this.options.hang === kind) return;
      if (request.headers.authorization !== `Bearer ${this.token}`)
        return twirp(response, 401, { code: 'unauthenticated', msg: 'invalid token' });
      const message = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
      if (kind === 'create') return this.create(message, response);
      if (kind === 'finalize') return this.finalize(message, response);
      return twirp(response, 404, { code: 'bad_route', msg: `no handler for ${url.pathname}` });
    }
    this.blob(request, url, body, response);
  }

  private create(message: Record<string, unknown>, response: ServerResponse): void {
    if (this.options.refuse) {
      const { status, ...error } = this.options.refuse;
      return twirp(response, status, error);
    }
    const artifact: FakeArtifact = {
      id: 1000 + this.artifacts.length,
      name: String(message.name),
      runBackendId: String(message.workflow_run_backend_id),
      jobBackendId: String(message.workflow_job_run_backend_id),
      mimeType: message.mime_type,
      expiresAt: typeof message.expires_at === 'string' ? message.expires_at : undefined,
      blob: undefined,
      finalized: undefined,
    };
    this.artifacts.push(artifact);
    twirp(response, 200, {
      ok: true,
      signed_upload_url: `${this.url}/devstoreaccount1/actions-results/${artifact.id}/${encodeURIComponent(artifact.name)}.zip?sig=signature-${artifact.id}`,
    });
  }

  private finalize(message: Record<string, unknown>, response: ServerResponse): void {
    const artifact = this.artifacts.find(
      (candidate) =>
        candidate.name === message.name &&
        candidate.runBackendId === message.workflow_run_backend_id &&
        candidate.jobBackendId === message.workflow_job_run_backend_id,
    );
    if (!artifact?.blob) return twirp(response, 404, { code: 'not_found', msg: 'no uploaded artifact of that name' });
    artifact.finalized = {
      size: String(message.size),
      hash: typeof message.hash === 'string' ? message.hash : undefined,
    };
    twirp(response, 200, { ok: true, artifact_id: String(artifact.id) });
  }

  /** Azure Blob's Put Block, Put Block List and Put Blob, on the signed URL. */
  private blob(request: IncomingMessage, url: URL, body: Buffer, response: ServerResponse): void {
    const id = Number(url.pathname.split('/')[3]);
    const artifact = this.artifacts.find((candidate) => candidate.id === id);
    const comp = url.searchParams.get('comp');
    const kind = comp === 'block' ? 'block' : comp === 'blocklist' ? 'blocklist' : 'blob';
    this.onRequest?.(kind);
    if (this.options.hang === kind) return;
    if (request.method !== 'PUT' || !artifact || url.searchParams.get('sig') !== `signature-${id}`) {
      response.writeHead(403, { 'x-ms-error-code': 'AuthenticationFailed' });
      return void response.end();
    }
    if (kind === 'block') this.blocks.set(`${id}/${url.searchParams.get('blockid')}`, body);
    else if (kind === 'blocklist') {
      const ids = [...body.toString('utf8').matchAll(/<(?:Latest|Uncommitted|Committed)>([^<]*)<\//g)].map(
        (match) => match[1]!,
      );
      artifact.blob = Buffer.concat(ids.map((block) => this.blocks.get(`${id}/${block}`) ?? Buffer.alloc(0)));
    } else artifact.blob = body;
    response.writeHead(201, {
      etag: `"0x${id}"`,
      'last-modified': new Date().toUTCString(),
      'x-ms-request-id': String(this.requests.length),
      'x-ms-version': '2025-01-05',
    });
    response.end();
  }
}

function twirp(response: ServerResponse, status: number, body: object): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

async function read(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
