// A fake of the runner's ID token endpoint (ACTIONS_ID_TOKEN_REQUEST_URL and _TOKEN): it hands out
// unsigned JWTs with chosen claims, as GitHub's OIDC provider would sign them.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export const ISSUER = 'https://token.actions.githubusercontent.com';
const REQUEST_TOKEN = 'runner-request-token-for-the-test';

export class FakeOidc {
  /** Every token handed out, in order. */
  readonly issued: string[] = [];
  /** How long a new token is valid. */
  lifetimeSeconds = 600;
  subject = 'repo:acme/pipelines:ref:refs/heads/main';
  /** Never answer, as a token service that hangs. */
  hang = false;
  /** Requests for a token, answered or not. */
  asked = 0;
  private readonly server: Server;
  private readonly waiting: { count: number; resolve: () => void }[] = [];
  url = '';

  private constructor() {
    this.server = createServer((request, response) => {
      this.asked++;
      if (this.hang) return;
      const url = new URL(request.url ?? '/', 'http://fake');
      if (request.headers.authorization !== `Bearer ${REQUEST_TOKEN}`)
        return void response.writeHead(401).end('{"message":"bad request token"}');
      const token = jwt({
        iss: ISSUER,
        sub: this.subject,
        aud: url.searchParams.get('audience') ?? '',
        exp: Math.floor(Date.now() / 1000) + this.lifetimeSeconds,
        // Unique per token even within one second.
        jti: `${this.issued.length + 1}`,
      });
      this.issued.push(token);
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ value: token }));
      for (const waiter of this.waiting.filter(({ count }) => this.issued.length >= count)) {
        this.waiting.splice(this.waiting.indexOf(waiter), 1);
        waiter.resolve();
      }
    });
  }

  static async start(): Promise<FakeOidc> {
    const fake = new FakeOidc();
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.url = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}/token?api-version=2.0`;
    return fake;
  }

  /** Resolves once `count` tokens have been handed out. */
  issuing(count: number): Promise<void> {
    if (this.issued.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push({ count, resolve }));
  }

  /** The environment the runner gives a job with `permissions: id-token: write`. */
  env(): Record<string, string> {
    return { ACTIONS_ID_TOKEN_REQUEST_URL: this.url, ACTIONS_ID_TOKEN_REQUEST_TOKEN: REQUEST_TOKEN };
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

export function jwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.`;
}

/** Whether the fake Feldera accepts a token: current, for `audience`; else why not, as Feldera says it (auth.rs). */
export function currentFor(audience: string) {
  return (token: string): boolean | string => {
    let claims: { aud?: string; exp?: number; iss?: string };
    try {
      claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as typeof claims;
    } catch {
      return 'Malformed JWT: missing iss claim';
    }
    if (claims.iss !== ISSUER || claims.aud !== audience) return 'No OIDC trust relationship matches this token';
    return (claims.exp ?? 0) * 1000 > Date.now() || 'JWT verification failed: ExpiredSignature';
  };
}
