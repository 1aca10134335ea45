// Leaving nothing half-started: stop-on-failure stops what this step started when it fails, and
// stop-at-job-end stops it in the post step, run the way the runner runs it.
import { describe, expect, it } from 'vitest';
import { endToEnd, errorAnnotation } from './harness.ts';
import { runPost, startAction } from './run-action.ts';

const { fake, inputs, act, watch } = endToEnd();
const PHASES = [
  { status: 'Provisioning', ms: 40 },
  { status: 'Initializing', ms: 40 },
];
const STUCK = [{ status: 'Provisioning', ms: 60_000 }];

describe('stop-on-failure', () => {
  it('stops the pipeline after a Timeout, waits for Stopped, and keeps the code', async () => {
    const server = await fake([{ name: 'p', phases: STUCK }]);
    const run = await act(inputs(server, { timeout: '2s', 'stop-on-failure': 'true' }));
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ 'error-code': 'Timeout', stopped: 'true', status: 'Provisioning' });
    expect(server.calls('stop').map((request) => request.query)).toEqual([{ force: 'true' }]);
    expect(server.timeline.filter((entry) => entry.status === 'Stopped').length).toBeGreaterThan(0);
    expect(errorAnnotation(run).message).toContain(' Pipeline p was stopped (stop-on-failure: true).');
    expect(run.summary).toContain('Stopped by this step');
  });

  it('stops the pipeline on SIGTERM, and the step still ends by itself', async () => {
    const server = await fake([{ name: 'p', phases: STUCK }]);
    const given = inputs(server, { 'stop-on-failure': 'true' });
    const { child, done } = startAction(given);
    void watch(done, given);
    while (server.calls('status').length < 2) await new Promise((resolve) => setTimeout(resolve, 20));
    child.kill('SIGTERM');
    const run = await done;
    // Within 5 s of the signal is npm run bench's ("Ends on time").
    expect(run.signal).toBeNull();
    expect(run.outputs).toMatchObject({ 'error-code': 'Cancelled', stopped: 'true' });
    expect(server.calls('stop')).toHaveLength(1);
    expect(errorAnnotation(run).message).not.toContain('left as it was');
  });

  it('cuts a stop short on a cancel: the step still ends by itself', async () => {
    const server = await fake([{ name: 'p', phases: STUCK }]);
    server.fault('stop', { kind: 'hang' });
    const given = inputs(server, { timeout: '1s', 'stop-on-failure': 'true', logs: 'never' });
    const { child, done } = startAction(given);
    void watch(done, given);
    while (server.calls('stop').length < 1) await new Promise((resolve) => setTimeout(resolve, 20));
    child.kill('SIGINT');
    const run = await done;
    // Within 5 s of the signal is npm run bench's ("Ends on time").
    expect(run.signal).toBeNull();
    expect(run.outputs).toMatchObject({ 'error-code': 'Timeout', stopped: 'false' });
    expect(errorAnnotation(run).message).toContain(
      'It could not be stopped (stop-on-failure: true): the run was cancelled before it was Stopped.',
    );
  });

  it('does not stop after a deployment error: Feldera already stops it', async () => {
    const server = await fake([
      { name: 'p', phases: PHASES, failWith: { error_code: 'RunnerCheckError', message: 'exited', details: null } },
    ]);
    const run = await act(inputs(server, { 'stop-on-failure': 'true', logs: 'never' }));
    expect(run.outputs).toMatchObject({ 'error-code': 'RunnerCheckError', stopped: 'false' });
    expect(server.calls('stop')).toEqual([]);
  });

  it('does not stop what it did not start: an unknown pipeline', async () => {
    const server = await fake([{ name: 'p', phases: PHASES }]);
    const run = await act(inputs(server, { 'pipeline-name': 'nope', 'stop-on-failure': 'true' }));
    expect(run.outputs).toMatchObject({ 'error-code': 'UnknownPipelineName', stopped: 'false' });
    expect(server.calls('stop')).toEqual([]);
    expect(run.state).toEqual({ post: 'true' });
  });

  it('warns when Feldera refuses the stop, and keeps the code that caused it', async () => {
    const server = await fake([{ name: 'p', phases: STUCK }]);
    server.fault('stop', {
      kind: 'status',
      status: 403,
      body: JSON.stringify({ message: 'read-only key', error_code: 'InsufficientPermissions', details: null }),
      headers: { 'content-type': 'application/json' },
    });
    const run = await act(inputs(server, { timeout: '2s', 'stop-on-failure': 'true' }));
    expect(run.outputs).toMatchObject({ 'error-code': 'Timeout', stopped: 'false' });
    const warning = run.annotations.find(({ properties }) => properties === 'title=Feldera pipeline p not stopped');
    expect(warning?.message).toContain('InsufficientPermissions');
    expect(errorAnnotation(run).message).toContain('It could not be stopped (stop-on-failure: true): POST ');
    expect(run.summary).toContain('It could not be stopped');
  });
});

describe('stop-at-job-end', () => {
  it.each([
    ['a success', PHASES, '30s', 0],
    ['a failure', STUCK, '2s', 1],
  ])('stops the pipeline in the post step after %s', async (_after, phases, timeout, code) => {
    const server = await fake([{ name: 'p', phases }]);
    const given = inputs(server, { timeout, 'stop-at-job-end': 'true' });
    const step = await act(given);
    expect(step.code).toBe(code);
    expect(step.state).toEqual({ post: 'true', started: '["p"]' });
    expect(server.calls('stop')).toEqual([]);
    const post = await watch(runPost(given, step), given);
    expect(post.code).toBe(0);
    expect(server.calls('stop').map((request) => request.query)).toEqual([{ force: 'true' }]);
    expect(server.timeline.at(-1)?.status).toBe('Stopped');
    expect(post.summary).toContain('Pipeline p was stopped at the end of the job');
    expect(post.annotations).toEqual([]);
  });

  it('stops every pipeline the step started, side by side', async () => {
    const server = await fake([
      { name: 'a', phases: PHASES },
      { name: 'b', phases: PHASES },
      { name: 'c', phases: PHASES },
    ]);
    const given = inputs(server, { 'pipeline-name': 'a b c', 'stop-at-job-end': 'true' });
    const step = await act(given);
    expect(step.state.started).toBe('["a","b","c"]');
    const post = await watch(runPost(given, step), given);
    expect(post.code).toBe(0);
    expect(
      server
        .calls('stop')
        .map((request) => request.path)
        .sort(),
    ).toEqual(['/v0/pipelines/a/stop', '/v0/pipelines/b/stop', '/v0/pipelines/c/stop']);
    expect(post.summary.match(/was stopped at the end of the job/g)).toHaveLength(3);
  });

  it('sends no request when it is false', async () => {
    const server = await fake([{ name: 'p', phases: PHASES }]);
    const given = inputs(server);
    const step = await act(given);
    const before = server.requests.length;
    const post = await watch(runPost(given, step), given);
    expect(post.code).toBe(0);
    expect(server.requests.length).toBe(before);
    expect(post.stdout.replace(/^::(debug|add-mask)::.*\n/gm, '')).toBe('');
  });

  it('never fails the job: a stop that does not work is a warning', async () => {
    const server = await fake([{ name: 'p', phases: PHASES }]);
    const given = inputs(server, { 'stop-at-job-end': 'true' });
    const step = await act(given);
    server.fault('stop', {
      kind: 'status',
      status: 404,
      body: JSON.stringify({ message: "Unknown pipeline name 'p'", error_code: 'UnknownPipelineName', details: null }),
      headers: { 'content-type': 'application/json' },
    });
    const post = await watch(runPost(given, step), given);
    expect(post.code).toBe(0);
    expect(post.annotations.map(({ level, properties }) => [level, properties])).toEqual([
      ['warning', 'title=Feldera pipeline p not stopped'],
    ]);
  });
});
