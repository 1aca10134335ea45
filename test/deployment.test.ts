// GitHub deployments, end to end: the bundle against the fake Feldera and a fake GitHub API.
import { describe, expect, it } from 'vitest';
import { FakeGitHub } from './fake-github.ts';
import { pipelineDiff } from './fixtures.ts';
import { endToEnd } from './harness.ts';
import { startAction } from './run-action.ts';

const { fake, serve, inputs, act, watch } = endToEnd();
const PHASES = [{ status: 'Provisioning', ms: 40 }];
// The harness checks after each test that the token, like the key, was written nowhere.
const TOKEN = 'ghs_deploymentTokenForTheTest0123456789';
const github = () => serve(FakeGitHub.start());

describe('with environment set', () => {
  it('records a deployment of the commit, in_progress then success with the console page', async () => {
    const [server, gh] = await Promise.all([fake([{ name: 'p', phases: PHASES }]), github()]);
    const run = await act(inputs(server, { environment: 'production', 'github-token': TOKEN }), gh.env());
    expect(run.code).toBe(0);
    expect(gh.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'POST /repos/acme/pipelines/deployments',
      'POST /repos/acme/pipelines/deployments/4242/statuses',
      'POST /repos/acme/pipelines/deployments/4242/statuses',
    ]);
    expect(gh.requests.every((request) => request.authorization === `token ${TOKEN}`)).toBe(true);
    expect(gh.requests[0]!.body).toMatchObject({
      ref: '0123456789abcdef0123456789abcdef01234567',
      environment: 'production',
      auto_merge: false,
      required_contexts: [],
    });
    const consolePage = `${server.url}/pipelines/p/`;
    expect(gh.requests[1]!.body).toMatchObject({
      state: 'in_progress',
      environment_url: consolePage,
      log_url: 'https://github.example.com/acme/pipelines/actions/runs/777',
    });
    expect(gh.requests[2]!.body).toMatchObject({
      state: 'success',
      environment_url: consolePage,
      description: 'Feldera pipeline p started',
    });
    // The deployment and in_progress are recorded before the first Feldera request, the outcome after the last.
    // (The read of /v0/config, beside the start, may come first: it starts nothing.)
    expect(gh.requests[1]!.at).toBeLessThan(server.calls('dismiss_error')[0]!.at);
    expect(gh.requests[2]!.at).toBeGreaterThan(server.requests.at(-1)!.at);
    expect(run.stdout).toContain('Recording a GitHub deployment to environment production (deployment 4242).');
  });

  it('records one deployment per pipeline when the step starts several', async () => {
    const [server, gh] = await Promise.all([
      fake([
        { name: 'a', phases: PHASES },
        { name: 'b', phases: PHASES, failWith: { error_code: 'RunnerCheckError', message: 'exited', details: null } },
      ]),
      github(),
    ]);
    const run = await act(
      inputs(server, { 'pipeline-name': 'a b', environment: 'production', 'github-token': TOKEN, logs: 'never' }),
      gh.env(),
    );
    expect(run.code).toBe(1);
    const created = gh.requests.filter((request) => request.path.endsWith('/deployments'));
    expect(created.map((request) => request.body.description).sort()).toEqual([
      'Start Feldera pipeline a',
      'Start Feldera pipeline b',
    ]);
    const last = gh.requests
      .filter((request) => request.path.endsWith('/statuses') && request.body.state !== 'in_progress')
      .map((request) => request.body.state);
    expect(last.sort()).toEqual(['failure', 'success']);
  });

  it('records a failure with Feldera’s code when the start fails', async () => {
    const [server, gh] = await Promise.all([
      fake([
        { name: 'p', phases: PHASES, failWith: { error_code: 'RunnerCheckError', message: 'exited', details: null } },
      ]),
      github(),
    ]);
    const run = await act(inputs(server, { environment: 'staging', 'github-token': TOKEN, logs: 'never' }), gh.env());
    expect(run.code).toBe(1);
    expect(gh.requests.at(-1)!.body).toMatchObject({
      state: 'failure',
      description: 'RunnerCheckError: Pipeline p stopped with RunnerCheckError: exited',
    });
  });

  it('records an error when the action could not do its job', async () => {
    const [server, gh] = await Promise.all([
      fake([{ name: 'p', phases: [{ status: 'Provisioning', ms: 60_000 }] }]),
      github(),
    ]);
    const run = await act(
      inputs(server, { environment: 'staging', 'github-token': TOKEN, timeout: '1s', logs: 'never' }),
      gh.env(),
    );
    expect(run.outputs['error-code']).toBe('Timeout');
    expect(gh.requests.at(-1)!.body).toMatchObject({ state: 'error' });
    expect(String(gh.requests.at(-1)!.body.description).length).toBeLessThanOrEqual(140);
  });

  it('says "awaiting approval", with the changes, when the pipeline stops there', async () => {
    const diff = pipelineDiff({ program: { added_views: ['v2'] } });
    const [server, gh] = await Promise.all([
      fake([{ name: 'p', phases: [...PHASES, { status: 'AwaitingApproval', ms: 0 }], approvalDiff: { diff } }]),
      github(),
    ]);
    const run = await act(inputs(server, { environment: 'production', 'github-token': TOKEN }), gh.env());
    expect(run.code).toBe(0);
    expect(gh.requests.at(-1)!.body).toMatchObject({
      state: 'pending',
      description: 'Awaiting approval: 1 view added',
    });
  });

  it('warns, naming the permission, and still starts the pipeline when GitHub refuses', async () => {
    const [server, gh] = await Promise.all([fake([{ name: 'p', phases: PHASES }]), github()]);
    gh.forbidden = true;
    const run = await act(inputs(server, { environment: 'production', 'github-token': TOKEN }), gh.env());
    expect(run.code).toBe(0);
    expect(run.outputs.status).toBe('Running');
    const warnings = run.annotations.filter((annotation) => annotation.level === 'warning');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toMatch(
      /^Could not record a GitHub deployment to environment production: 403 Resource not accessible by integration.*permissions: deployments: write/,
    );
    expect(gh.requests).toHaveLength(1);
  });

  it('warns and still starts when the run has no repository to record it in', async () => {
    const [server, gh] = await Promise.all([fake([{ name: 'p', phases: PHASES }]), github()]);
    const { GITHUB_REPOSITORY: _repository, ...env } = gh.env();
    const run = await act(inputs(server, { environment: 'production', 'github-token': TOKEN }), env);
    expect(run.code).toBe(0);
    expect(run.outputs.status).toBe('Running');
    expect(run.annotations.filter((annotation) => annotation.level === 'warning')[0]?.message).toMatch(
      /^Could not record a GitHub deployment to environment production: .*GITHUB_REPOSITORY/,
    );
    expect(gh.requests).toEqual([]);
  });

  it('records error when the run is cancelled', async () => {
    const [server, gh] = await Promise.all([
      fake([{ name: 'p', phases: [{ status: 'Provisioning', ms: 60_000 }] }]),
      github(),
    ]);
    const runInputs = inputs(server, { environment: 'production', 'github-token': TOKEN });
    const { child, done } = startAction(runInputs, gh.env());
    void watch(done, runInputs);
    while (server.calls('status').length < 2) await new Promise((resolve) => setTimeout(resolve, 20));
    child.kill('SIGINT');
    const run = await done;
    expect(run.outputs['error-code']).toBe('Cancelled');
    expect(gh.requests.at(-1)!.body).toMatchObject({
      state: 'error',
      description: expect.stringMatching(/^Cancelled: /),
    });
  });
});

it('without environment, asks nothing of GitHub', async () => {
  const [server, gh] = await Promise.all([fake([{ name: 'p', phases: PHASES }]), github()]);
  const run = await act(inputs(server, { 'github-token': TOKEN }), gh.env());
  expect(run.code).toBe(0);
  expect(gh.requests).toEqual([]);
});
