// A fake of GitHub's REST API for deployments, on 127.0.0.1: it records what it is asked, and can
// refuse as GitHub does when the job's token lacks `deployments: write`.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface GitHubRequest {
  method: string;
  path: string;
  body: Record<string, unknown>;
  authorization: string | undefined;
  /** performance.now() when it came. */
  at: number;
}

export class FakeGitHub {
  readonly requests: GitHubRequest[] = [];
  url = '';
  /** Answer every call with 403, as for a token without `deployments: write`. */
  forbidden = false;
  /** Never answer the calls it picks (recorded all the same), as a GitHub that hangs. */
  hang: (request: GitHubRequest) => boolean = () => false;
  private readonly server: Server;

  private constructor() {
    this.server = createServer((request, response) => {
      let text = '';
      request.on('data', (chunk: Buffer) => (text += chunk.toString()));
      request.on('end', () => {
        const body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
        const entry = {
          method: request.method ?? '',
          path: request.url ?? '',
          body,
          authorization: request.headers.authorization,
          at: performance.now(),
        };
        this.requests.push(entry);
        if (this.hang(entry)) return;
        response.setHeader('content-type', 'application/json');
        if (this.forbidden) {
          response.writeHead(403).end(
            JSON.stringify({
              message: 'Resource not accessible by integration',
              documentation_url: 'https://docs.example/deployments',
              status: '403',
            }),
          );
          return;
        }
        if (request.method === 'POST' && /^\/repos\/[^/]+\/[^/]+\/deployments$/.test(request.url ?? '')) {
          response
            .writeHead(201)
            .end(JSON.stringify({ id: 4242, sha: body.ref, ref: body.ref, environment: body.environment }));
          return;
        }
        if (
          request.method === 'POST' &&
          /^\/repos\/[^/]+\/[^/]+\/deployments\/\d+\/statuses$/.test(request.url ?? '')
        ) {
          response.writeHead(201).end(JSON.stringify({ id: this.requests.length, state: body.state }));
          return;
        }
        response.writeHead(404).end(JSON.stringify({ message: 'Not Found' }));
      });
    });
  }

  static async start(): Promise<FakeGitHub> {
    const fake = new FakeGitHub();
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.url = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
    return fake;
  }

  /** The environment a runner gives the action, pointed at this fake (as on GitHub Enterprise Server). */
  env(): Record<string, string> {
    return {
      GITHUB_API_URL: this.url,
      GITHUB_SERVER_URL: 'https://github.example.com',
      GITHUB_REPOSITORY: 'acme/pipelines',
      GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
      GITHUB_REF: 'refs/heads/main',
      GITHUB_RUN_ID: '777',
    };
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
