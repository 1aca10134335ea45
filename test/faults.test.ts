// The fault policy, end to end: each scripted fault class of the fake, its outcome, the requests it
// cost, and that the step stayed within its budget.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { Fault } from './fake-feldera.ts';
import { CLOSED_PORT } from './fixtures.ts';
import { endToEnd, errorAnnotation } from './harness.ts';
import { startAction } from './run-action.ts';

const { fake, inputs, act, watch } = endToEnd();
const PHASES = [
  { status: 'Provisioning', ms: 40 },
  { status: 'Initializing', ms: 40 },
];
const feldera503 = JSON.stringify({
  message: 'Took too long to acquire the lock',
  error_code: 'LockTookTooLong',
  details: null,
});

describe('transient faults while waiting are retried', () => {
  it.each<[string, Fault]>([
    [
      'a 503 with Retry-After in seconds',
      {
        kind: 'status',
        status: 503,
        body: feldera503,
        headers: { 'content-type': 'application/json', 'retry-after': '0' },
      },
    ],
    [
      'a 429 with Retry-After as an HTTP date',
      { kind: 'status', status: 429, headers: { 'retry-after': new Date(0).toUTCString() } },
    ],
    [
      'a 502 HTML page from a proxy, without Retry-After',
      { kind: 'status', status: 502, body: '<html><h1>502 Bad Gateway</h1></html>' },
    ],
    ['a 504 from a load balancer', { kind: 'status', status: 504, body: 'upstream timed out' }],
    ['a 408', { kind: 'status', status: 408 }],
    ['a 200 with malformed JSON', { kind: 'status', status: 200, body: '{"name": "p", ' }],
    ['a truncated body', { kind: 'truncated' }],
    ['a reset connection', { kind: 'reset' }],
    ['a request that hangs past request-timeout', { kind: 'hang' }],
  ])('%s', async (_name, fault) => {
    const server = await fake([{ name: 'p', phases: PHASES }]);
    // After the status read that decides the start.
    server.fault('status', fault, 2, { skip: 1 });
    // Only the hang needs a short request-timeout; every other answer of the run must come within it.
    const run = await act(inputs(server, fault.kind === 'hang' ? { 'request-timeout': '1s' } : {}));
    expect(run.code).toBe(0);
    expect(run.outputs.status).toBe('Running');
    expect(server.calls('start')).toHaveLength(1);
    expect(server.calls('status').length).toBeGreaterThanOrEqual(3);
    // One warning for the outage, then a line when Feldera answers again.
    expect(run.annotations.map((annotation) => annotation.level)).toEqual(['warning']);
    expect(run.stdout).toMatch(/^Feldera answered again after 3 attempts in [\d.]+s\.$/m);
  });

  it('a slow answer within request-timeout is no fault', async () => {
    const server = await fake([{ name: 'p', phases: PHASES }]);
    server.fault('status', { kind: 'delay', ms: 150 }, 2);
    const run = await act(inputs(server, { 'request-timeout': '5s' }));
    expect(run.code).toBe(0);
    expect(run.annotations).toEqual([]);
  });
});

describe('before the start is accepted', () => {
  it('retries /start on 503 and dropped connections', async () => {
    const server = await fake([{ name: 'p', phases: PHASES }]);
    server.fault('start', {
      kind: 'status',
      status: 503,
      body: feldera503,
      headers: { 'content-type': 'application/json', 'retry-after': '0' },
    });
    server.fault('start', { kind: 'reset' });
    const run = await act(inputs(server));
    expect(run.code).toBe(0);
    expect(server.calls('start')).toHaveLength(3);
    expect(server.calls('dismiss_error')).toHaveLength(1);
  });

  it('fails a wrong api-url within the retry window with Unreachable, the address and the error', async () => {
    const port = CLOSED_PORT;
    const run = await act({ 'pipeline-name': 'p', 'api-url': `http://127.0.0.1:${port}`, timeout: '10m' });
    expect(run.code).toBe(1);
    expect(run.outputs['error-code']).toBe('Unreachable');
    expect(errorAnnotation(run).message).toMatch(
      new RegExp(
        `^GET http://127\\.0\\.0\\.1:${port}/v0/pipelines/p\\?selector=status failed \\d+ times in [\\d.]+s; the last: connect ECONNREFUSED 127\\.0\\.0\\.1:${port}\\. Hint: check api-url`,
      ),
    );
    // Unreachable, not Timeout: the retry window ended it, not the 10 minute budget (how soon is npm run bench's).
  });

  it('cuts a long Retry-After to the budget', async () => {
    const server = await fake([{ name: 'p', phases: PHASES }]);
    server.fault('start', {
      kind: 'status',
      status: 503,
      body: feldera503,
      headers: { 'content-type': 'application/json', 'retry-after': '3600' },
    });
    const run = await act(inputs(server, { timeout: '2s' }));
    expect(run.code).toBe(1);
    expect(run.outputs['error-code']).toBe('Timeout');
    expect(errorAnnotation(run).message).toContain('the last failure: POST');
    expect(errorAnnotation(run).message).toContain('503 LockTookTooLong');
    // One /start: the hour it was told to wait was cut to the budget (how soon the step ends is npm run bench's).
    expect(server.calls('start')).toHaveLength(1);
  });

  it('does not follow a redirect, so the key stays with Feldera', async () => {
    let elsewhere = 0;
    const other = createServer((_req, res) => (elsewhere++, res.end('{}')));
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const location = `http://127.0.0.1:${(other.address() as AddressInfo).port}/v0/pipelines/p/dismiss_error`;
    const server = await fake([{ name: 'p' }]);
    server.fault('dismiss_error', { kind: 'status', status: 307, headers: { location } });
    const run = await act(inputs(server));
    other.close();
    expect(run.code).toBe(1);
    expect(run.outputs['error-code']).toBe('UnexpectedResponse');
    expect(errorAnnotation(run).message).toContain(`was redirected (307) to ${location}; redirects are not followed.`);
    expect(elsewhere).toBe(0);
  });
});

describe('while waiting', () => {
  it('only the budget ends an outage, and the Timeout names the last failure', async () => {
    const server = await fake([{ name: 'p', phases: PHASES }]);
    server.fault('status', { kind: 'status', status: 502, body: '<html>Bad Gateway</html>' }, 1000, { skip: 1 });
    const run = await act(inputs(server, { timeout: '3s' }));
    expect(run.code).toBe(1);
    expect(run.outputs['error-code']).toBe('Timeout');
    expect(errorAnnotation(run).message).toMatch(
      /: Stopped for [\d.]+s; the last failure: 502 from 127\.0\.0\.1:\d+, not Feldera's JSON: <html>Bad Gateway<\/html>\./,
    );
    expect(run.annotations.filter((annotation) => annotation.level === 'warning')).toHaveLength(1);
    expect(server.calls('status').length).toBeGreaterThan(1);
  });

  it.each([
    [404, 'UnknownPipelineName', 'the pipeline was deleted'],
    [401, 'AuthenticationFailed', 'the key was revoked'],
  ])('a %i (%s: %s) fails at once', async (status, code) => {
    const server = await fake([{ name: 'p', phases: [{ status: 'Provisioning', ms: 60_000 }] }]);
    server.fault('status', {
      kind: 'status',
      status,
      body: JSON.stringify({ message: 'gone', error_code: code, details: null }),
    });
    const run = await act(inputs(server));
    expect(run.code).toBe(1);
    expect(run.outputs['error-code']).toBe(code);
    expect(server.calls('status')).toHaveLength(1);
  });
});

describe('cancellation', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)(
    'on %s, aborts, sets the outputs and leaves the pipeline as it was',
    async (signal) => {
      const server = await fake([{ name: 'p', phases: [{ status: 'Provisioning', ms: 60_000 }] }]);
      const { child, done } = startAction(inputs(server));
      void watch(done, inputs(server));
      while (!server.timeline.some((entry) => entry.status === 'Provisioning') || server.calls('status').length < 2) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      child.kill(signal);
      const run = await done;
      expect(run.signal).toBeNull();
      expect(run.code).toBe(1);
      expect(run.outputs).toMatchObject({ 'error-code': 'Cancelled', status: 'Provisioning' });
      expect(errorAnnotation(run).message).toMatch(
        new RegExp(
          `^Stopped waiting: the run was cancelled \\(${signal}\\) \\(Provisioning for [\\d.]+s\\)\\. The pipeline p was left as it was: it is not stopped\\.$`,
        ),
      );
      expect(server.requests.filter((request) => request.path.endsWith('/stop'))).toEqual([]);
    },
  );

  it('aborts a request in flight at once, long before its request-timeout', async () => {
    const server = await fake([{ name: 'p', phases: PHASES }]);
    server.fault('start', { kind: 'hang' });
    const { child, done } = startAction(inputs(server, { 'request-timeout': '5m' }));
    void watch(done, inputs(server));
    while (server.calls('start').length < 1) await new Promise((resolve) => setTimeout(resolve, 20));
    child.kill('SIGINT');
    const run = await done;
    // It ended by itself, not after the 5 minutes the request had (how soon is npm run bench's).
    expect(run.signal).toBeNull();
    expect(run.code).toBe(1);
    expect(run.outputs['error-code']).toBe('Cancelled');
    // From the read before the start.
    expect(run.outputs.status).toBe('Stopped');
  });
});
