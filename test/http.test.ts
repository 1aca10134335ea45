import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatSize } from '../src/feldera/bounded-json.ts';
import { apiKeyCredentials } from '../src/feldera/credentials.ts';
import { FelderaError, TransientError } from '../src/feldera/errors.ts';
import { errorDescription, request, retryAfterMs } from '../src/feldera/http.ts';
import { CLOSED_PORT } from './fixtures.ts';
import { httpOptions } from './http-options.ts';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A server on 127.0.0.1 that answers its n-th request with the n-th handler (the last one repeats). */
async function serve(...handlers: Handler[]): Promise<{ url: string; hits: () => number }> {
  let hits = 0;
  const server = createServer((req, res) => handlers[Math.min(hits++, handlers.length - 1)]!(req, res));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, hits: () => hits };
}

const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Handler =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
const text =
  (status: number, body: string, headers: Record<string, string> = {}): Handler =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'text/html', ...headers });
    res.end(body);
  };

const options = httpOptions;

async function failure(promise: Promise<unknown>): Promise<FelderaError> {
  const error = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(error).toBeInstanceOf(FelderaError);
  return error as FelderaError;
}

describe('request', () => {
  it('retries a 503 after its Retry-After and returns the JSON body', async () => {
    const server = await serve(
      json(503, { message: 'lock', error_code: 'LockTookTooLong', details: null }, { 'retry-after': '0' }),
      json(202, 'Pipeline is starting'),
    );
    const retries: [string | undefined, number][] = [];
    const recovered: number[] = [];
    const body = await request(options(server.url), 'POST', 'v0/pipelines/p/start', {
      windowMs: 10_000,
      onRetry: (failure, delayMs) => retries.push([failure.code, delayMs]),
      onRecovered: (attempts) => recovered.push(attempts),
    });
    expect(body).toBe('Pipeline is starting');
    // Retry-After: 0 does not shorten the first backoff, which is under a second.
    expect(retries).toEqual([['LockTookTooLong', expect.any(Number)]]);
    expect(retries[0]![1]).toBeLessThan(1000);
    expect(recovered).toEqual([2]);
    expect(server.hits()).toBe(2);
  });

  it.each([
    ['an HTML 502 from a proxy', text(502, '<html><body>Bad Gateway</body></html>')],
    ['an HTML 500 from a proxy', text(500, '<html>Internal error</html>')],
    ['a 408', text(408, '')],
    ['a 429', json(429, { message: 'slow down', error_code: 'TooManyRequests', details: null })],
    ['a 504', text(504, 'Gateway Timeout')],
    ['a 200 that is not JSON', text(200, '<html>login</html>')],
    [
      'a truncated body',
      (_req: IncomingMessage, res: ServerResponse) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
        res.write('{"name": "p", "deployment');
        setTimeout(() => res.socket?.destroy(), 10);
      },
    ],
    ['a reset connection', (req: IncomingMessage) => req.socket.destroy()],
  ])('retries %s', async (_name, first) => {
    const server = await serve(first, json(200, { ok: true }));
    const failures: TransientError[] = [];
    const body = await request(options(server.url), 'GET', 'v0/pipelines/p', {
      windowMs: 10_000,
      onRetry: (failure) => failures.push(failure),
    });
    expect(body).toEqual({ ok: true });
    expect(failures).toHaveLength(1);
    expect(failures[0]).toBeInstanceOf(TransientError);
    expect(server.hits()).toBe(2);
  });

  it('retries a request that passes request-timeout', async () => {
    const server = await serve(() => undefined, json(200, { ok: true }));
    const failures: string[] = [];
    // A second, enough for the answer that comes at once even on a loaded machine.
    const body = await request(options(server.url, { requestTimeoutMs: 1000 }), 'GET', 'v0/pipelines/p', {
      windowMs: 10_000,
      onRetry: (failure) => failures.push(failure.message),
    });
    expect(body).toEqual({ ok: true });
    expect(failures).toEqual(['no complete answer within 1s']);
  });

  it('cuts an attempt to what is left of its window, so a host that never answers fails within it', async () => {
    const server = await serve(() => undefined);
    const error = await failure(
      request(options(server.url, { requestTimeoutMs: 60_000 }), 'POST', 'v0/pipelines/p/start', { windowMs: 500 }),
    );
    expect(error).toMatchObject({ code: 'Unreachable', kind: 'gave-up' });
    // The attempt was given a second, the least one gets, not the request-timeout of a minute.
    expect(error.message).toMatch(/failed once in [\d.]+s; the last: no complete answer within 1s$/);
  });

  it.each([
    [400, 'IllegalPipelineAction'],
    [401, 'AuthenticationFailed'],
    [403, 'InsufficientPermissions'],
    [404, 'UnknownPipelineName'],
    [405, 'UnsupportedPipelineAction'],
    [409, 'Conflict'],
    [500, 'PostgresError'],
    [501, 'EnterpriseFeature'],
  ])('fails at once on %i with a Feldera body (%s)', async (status, code) => {
    const server = await serve(
      json(status, { message: 'Feldera says no', error_code: code, details: { hint: 'do this instead' } }),
    );
    const error = await failure(
      request(options(server.url), 'POST', 'v0/pipelines/p/start?initial=running', { windowMs: 10_000 }),
    );
    expect(error.code).toBe(code);
    expect(error.message).toBe(
      `POST ${server.url}v0/pipelines/p/start?initial=running failed: ${status} ${code}: Feldera says no`,
    );
    expect(error.hint).toBe('do this instead');
    expect(server.hits()).toBe(1);
  });

  it('fails at once on a 401 with no body, the auth layer’s refusal', async () => {
    const server = await serve(text(401, '', { 'www-authenticate': 'Bearer' }));
    const error = await failure(request(options(server.url), 'GET', 'v0/pipelines/p', { windowMs: 10_000 }));
    expect(error).toMatchObject({ code: 'AuthenticationFailed', kind: 'not-feldera', status: 401 });
    expect(error.message).toMatch(/failed: 401, and the body is not Feldera's: \(empty body\)/);
    expect(server.hits()).toBe(1);
  });

  it('quotes the error_description of a 401’s Bearer challenge, neutralised', async () => {
    const challenge =
      'Bearer error_description="No OIDC trust relationship matches this \\"token\\"\n::stop-commands::x"';
    const server = await serve(text(401, '', { 'www-authenticate': challenge.replace('\n', ' ') }));
    const error = await failure(request(options(server.url), 'GET', 'v0/pipelines/p', { windowMs: 10_000 }));
    expect(error).toMatchObject({ code: 'AuthenticationFailed', status: 401 });
    expect(error.message).toMatch(
      /failed: 401, Feldera refused the token: "No OIDC trust relationship matches this "token" ::stop-commands::x"$/,
    );
    expect(
      errorDescription('Bearer realm="feldera", error="invalid_token", error_description="ExpiredSignature"'),
    ).toBe('ExpiredSignature');
    expect(errorDescription('Bearer')).toBeUndefined();
    expect(errorDescription(null)).toBeUndefined();
  });

  it('does not follow a redirect, and names where it pointed', async () => {
    const elsewhere = await serve(json(200, { ok: true }));
    const server = await serve(text(302, '', { location: `${elsewhere.url}v0/pipelines/p` }));
    const error = await failure(
      request(options(server.url, { credentials: apiKeyCredentials('apikey:secret') }), 'GET', 'v0/pipelines/p', {
        windowMs: 10_000,
      }),
    );
    expect(error.code).toBe('UnexpectedResponse');
    expect(error.message).toContain(`was redirected (302) to ${elsewhere.url}v0/pipelines/p`);
    expect(elsewhere.hits()).toBe(0);
  });

  it('gives up on an unreachable address after its window, naming it and the network error', async () => {
    const port = CLOSED_PORT;
    const error = await failure(
      request(options(`http://127.0.0.1:${port}/`), 'POST', 'v0/pipelines/p/start', { windowMs: 1500 }),
    );
    expect(error).toMatchObject({ code: 'Unreachable', kind: 'gave-up' });
    expect(error.message).toMatch(
      new RegExp(
        `^POST http://127.0.0.1:${port}/v0/pipelines/p/start failed \\d+ times in [\\d.]+s; the last: connect ECONNREFUSED 127.0.0.1:${port}$`,
      ),
    );
  });

  it('gives up with Feldera’s code when a transient error outlasts the window', async () => {
    const server = await serve(
      json(503, { message: 'busy', error_code: 'LockTookTooLong', details: null }, { 'retry-after': '0' }),
    );
    // Long enough for the first answer to come inside it, even on a loaded machine.
    const error = await failure(request(options(server.url), 'POST', 'v0/pipelines/p/start', { windowMs: 1500 }));
    expect(error.code).toBe('LockTookTooLong');
    expect(server.hits()).toBeGreaterThan(1);
  });

  it('keeps server text on one line, short, and without the key', async () => {
    const hostile = `::add-mask::x\n::set-output name=status::Running\r\n${'long '.repeat(400)} apikey:secret`;
    const server = await serve(
      json(400, { message: hostile, error_code: 'Bad\n::warning::x', details: { hint: '\n::error::hint' } }),
    );
    const error = await failure(
      request(
        options(server.url, { credentials: apiKeyCredentials('apikey:secret') }),
        'POST',
        'v0/pipelines/p/start',
        { windowMs: 0 },
      ),
    );
    expect(error.message).not.toMatch(/[\r\n]/);
    // A `::` that starts server text is broken too: the text could start a line somewhere.
    expect(error.message).toContain(': :add-mask::x ::set-output name=status::Running');
    expect(error.message).not.toContain('apikey:secret');
    expect(error.message.length).toBeLessThan(900);
    expect(error.code).toBe('Bad ::warning::x');
    expect(error.hint?.trim()).toBe(': :error::hint');
  });

  it('sends the key as a bearer token and keeps a path prefix', async () => {
    let seen: IncomingMessage | undefined;
    const server = await serve((req, res) => {
      seen = req;
      json(200, {})(req, res);
    });
    await request(
      options(`${server.url}feldera/`, { credentials: apiKeyCredentials('apikey:k') }),
      'GET',
      'v0/pipelines/p?selector=status',
      { windowMs: 0 },
    );
    expect(seen?.url).toBe('/feldera/v0/pipelines/p?selector=status');
    expect(seen?.headers.authorization).toBe('Bearer apikey:k');
  });

  it('throws the run’s end at once, in a request or in a wait between attempts', async () => {
    const reason = new Error('cancelled');
    // Ended while the server holds the request.
    const controller = new AbortController();
    const hanging = await serve(() => controller.abort(reason));
    await expect(
      request(options(hanging.url, { signal: controller.signal }), 'GET', 'v0/pipelines/p', { windowMs: Infinity }),
    ).rejects.toBe(reason);

    // Ended once the wait of a minute for the next attempt has begun (onRetry comes just before it).
    const failing = await serve(text(502, 'down', { 'retry-after': '3600' }));
    const later = new AbortController();
    const retrying = request(options(failing.url, { signal: later.signal }), 'GET', 'v0/pipelines/p', {
      windowMs: Infinity,
      onRetry: () => void Promise.resolve().then(() => later.abort(reason)),
    });
    await expect(retrying).rejects.toBe(reason);
    expect(failing.hits()).toBe(1);
  });
});

/** A body written as fast as the client reads it, until the client goes: `closed` resolves then. */
function endless(
  status: number,
  contentType: string,
  head: string,
  filler: string,
): { handler: Handler; closed: Promise<void> } {
  let close: () => void = () => undefined;
  const closed = new Promise<void>((resolve) => (close = resolve));
  const handler: Handler = (_req, res) => {
    res.writeHead(status, { 'content-type': contentType });
    res.write(head);
    const write = () => {
      while (!res.destroyed && res.write(filler));
    };
    res.on('drain', write);
    res.on('close', close);
    write();
  };
  return { handler, closed };
}

describe('a large answer', () => {
  it('is read whatever its size, its long strings cut with their size', async () => {
    const message = `DBSP error: One or more worker threads terminated unexpectedly\n${'   at dbsp::circuit::runtime\n'.repeat(200_000)}`;
    const status = {
      name: 'p',
      deployment_status: 'Stopped',
      deployment_error: { error_code: 'RuntimeError.WorkerPanic', message, details: { backtrace: message } },
    };
    const server = await serve(json(200, status));
    const body = (await request(options(server.url), 'GET', 'v0/pipelines/p', { windowMs: 0 })) as typeof status;
    expect(body.name).toBe('p');
    expect(body.deployment_status).toBe('Stopped');
    // The size is the string's in the body: its escapes as sent.
    const cut = `${message.slice(0, 64 << 10)}…[cut: ${formatSize(JSON.stringify(message).length - 2)}]`;
    expect(body.deployment_error).toEqual({
      error_code: 'RuntimeError.WorkerPanic',
      message: cut,
      details: { backtrace: cut },
    });
    expect(cut).toMatch(/…\[cut: 6\.\d MB\]$/);
  });

  it('of an error is read for its code and message', async () => {
    const server = await serve(
      json(500, {
        message: `it broke\n${'because '.repeat(1_000_000)}`,
        error_code: 'PostgresError',
        details: { hint: 'h'.repeat(5_000_000) },
      }),
    );
    const error = await failure(request(options(server.url), 'GET', 'v0/pipelines/p', { windowMs: 0 }));
    expect(error.code).toBe('PostgresError');
    expect(error.message).toMatch(/failed: 500 PostgresError: it broke because because/);
    expect(error.message.length).toBeLessThan(1000);
  });

  it('keeps only the items of a list the caller wants', async () => {
    const list = Array.from({ length: 2000 }, (_, i) => ({ name: `p${i}`, description: 'd'.repeat(10_000) }));
    const server = await serve(json(200, list));
    const body = await request(
      options(server.url),
      'GET',
      'v0/pipelines?selector=status',
      { windowMs: 0 },
      { keepItem: (item) => ['p7', 'p1999'].includes((item as { name: string }).name) },
    );
    expect(body).toEqual([list[7], list[1999]]);
  });

  it('that never ends ends with the request-timeout, as a transient failure', async () => {
    const body = endless(200, 'application/json', '{"name": "', 'x'.repeat(1 << 16));
    const server = await serve(body.handler, json(200, { ok: true }));
    const failures: string[] = [];
    const answer = await request(options(server.url, { requestTimeoutMs: 1000 }), 'GET', 'v0/pipelines/p', {
      windowMs: 60_000,
      onRetry: (failure) => failures.push(failure.message),
    });
    expect(answer).toEqual({ ok: true });
    expect(failures).toEqual(['no complete answer within 1s']);
    await body.closed;
  });

  it('that is not JSON is read only as far as its excerpt', async () => {
    // With a minute to read, an attempt that read the whole page would fail with the timeout.
    const page = endless(502, 'text/html', '<html><body>Bad Gateway', '<p>padding</p>'.repeat(5000));
    const server = await serve(page.handler, json(200, { ok: true }));
    const failures: string[] = [];
    const answer = await request(options(server.url, { requestTimeoutMs: 60_000 }), 'GET', 'v0/pipelines/p', {
      windowMs: 120_000,
      onRetry: (failure) => failures.push(failure.message),
    });
    expect(answer).toEqual({ ok: true });
    expect(failures).toEqual([
      expect.stringMatching(
        /^502 from 127\.0\.0\.1:\d+, not Feldera's JSON: <html><body>Bad Gateway<p>padding<\/p>.{100,}…$/,
      ),
    ]);
    await page.closed;
  });

  it('that is cut for its excerpt never shows part of the key', async () => {
    const key = `apikey:${'k'.repeat(60)}`;
    // Colour codes, which the excerpt drops, fill the head up to the middle of the key.
    const colours = '\u001b[0m'.repeat(((16 << 10) - 30) / 4);
    const server = await serve(text(502, `${colours}${key} and more`), json(200, { ok: true }));
    const failures: string[] = [];
    await request(options(server.url, { credentials: apiKeyCredentials(key) }), 'GET', 'v0/pipelines/p', {
      windowMs: 60_000,
      onRetry: (failure) => failures.push(failure.message),
    });
    expect(failures).toEqual([expect.stringMatching(/not Feldera's JSON: \(empty body\)$/)]);
    expect(failures[0]).not.toContain('apikey');
  });
});

describe('retryAfterMs', () => {
  it('reads seconds and HTTP dates', () => {
    expect(retryAfterMs('5')).toBe(5000);
    expect(retryAfterMs(null)).toBeUndefined();
    expect(retryAfterMs('soon')).toBeUndefined();
    // The clock stands still, so that a date is worth exactly its distance from now.
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-08-21T10:00:00Z') });
    try {
      expect(retryAfterMs('Fri, 21 Aug 2026 10:00:10 GMT')).toBe(10_000);
    } finally {
      vi.useRealTimers();
    }
    expect(retryAfterMs(new Date(0).toUTCString())).toBe(0);
  });

  it('obeys a server for a minute at most: a longer wait would outlast Node’s timers or the patience of a step', () => {
    expect(retryAfterMs('99999999999')).toBe(60_000);
    expect(retryAfterMs(new Date(Date.now() + 86_400_000 * 365).toUTCString())).toBe(60_000);
  });
});
